//! Read queries: each builds a TMDB wire type from rows, applying TMDB's rules (translations
//! by language, image choice, aggregate counts, sort orders) in one place.

use crate::{Owner, OwnerKind, Result, Store};
use reeldb_wire::common::{
    CastCredit, ChangeGroup, ChangeItem, Changes, CountryOffers, CreditPerson, CrewCredit, Image,
    NameOverview, ProviderOffer, Translation, Translations, Video, WatchProviders,
};
use reeldb_wire::params::Language;
use reeldb_wire::tv::{
    AggregateCast, AggregateCredits, AggregateCrew, AggregateJob, AggregateRole, EpisodeCredits,
    EpisodeDetails, Network, SeasonCredits, SeasonDetails, SeasonEpisode,
};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

/// A season the catalog knows by its TMDB id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeasonRef {
    pub id: i64,
    pub series_id: i64,
    pub season_number: i64,
}

/// An episode the catalog holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EpisodeRef {
    pub id: i64,
    pub series_id: i64,
    pub season_number: i64,
    pub episode_number: i64,
}

/// Which images or videos a request asks for: `None` means all; otherwise the languages allowed
/// (`None` inside standing for "no language").
pub type LanguageFilter = Option<Vec<Option<String>>>;

/// External id fields of a season, in TMDB's order.
pub const SEASON_EXTERNAL_IDS: &[&str] = &[
    "freebase_mid",
    "freebase_id",
    "tvdb_id",
    "tvrage_id",
    "wikidata_id",
];
/// External id fields of an episode, in TMDB's order.
pub const EPISODE_EXTERNAL_IDS: &[&str] = &[
    "imdb_id",
    "freebase_mid",
    "freebase_id",
    "tvdb_id",
    "tvrage_id",
    "wikidata_id",
];

/// `(iso_3166_1, name, overview)` of one translation.
type TranslationRow = (String, Option<String>, Option<String>);
/// `(id, logo_path, name, origin_country)` of a network.
type NetworkRow = (i64, Option<String>, Option<String>, Option<String>);

#[derive(sqlx::FromRow)]
struct CreditJoin {
    owner_id: i64,
    kind: String,
    credit_id: String,
    person_id: i64,
    character_name: Option<String>,
    department: Option<String>,
    job: Option<String>,
    ord: Option<i64>,
    regular: i64,
    episode_count: Option<i64>,
    agg_position: Option<i64>,
    name: Option<String>,
    original_name: Option<String>,
    gender: Option<i64>,
    adult: Option<i64>,
    known_for_department: Option<String>,
    popularity: Option<f64>,
    profile_path: Option<String>,
}

impl CreditJoin {
    fn person(&self) -> CreditPerson {
        CreditPerson {
            adult: self.adult.map(|a| a != 0),
            gender: self.gender,
            id: self.person_id,
            known_for_department: self.known_for_department.clone(),
            name: self.name.clone(),
            original_name: self.original_name.clone(),
            popularity: self.popularity,
            profile_path: self.profile_path.clone(),
        }
    }
    fn cast(&self) -> CastCredit {
        CastCredit {
            person: self.person(),
            character: self.character_name.clone(),
            credit_id: self.credit_id.clone(),
            order: self.ord,
        }
    }
    fn crew(&self) -> CrewCredit {
        CrewCredit {
            person: self.person(),
            credit_id: self.credit_id.clone(),
            department: self.department.clone(),
            job: self.job.clone(),
        }
    }
}

const CREDIT_COLUMNS: &str = "c.owner_id, c.kind, c.credit_id, c.person_id, c.character_name, c.department, c.job, c.ord,
    c.regular, c.episode_count, c.agg_position, p.name, p.original_name, p.gender, p.adult, p.known_for_department,
    p.popularity, p.profile_path";

#[derive(sqlx::FromRow)]
struct EpisodeRow {
    id: i64,
    series_id: i64,
    season_number: i64,
    episode_number: i64,
    air_date: Option<String>,
    episode_type: Option<String>,
    production_code: Option<String>,
    runtime: Option<i64>,
    still_path: Option<String>,
    vote_average: Option<f64>,
    vote_count: Option<i64>,
    name: Option<String>,
    overview: Option<String>,
    primary_language: Option<String>,
}

const EPISODE_SELECT: &str =
    "SELECT id, series_id, season_number, episode_number, air_date, episode_type, production_code,
    runtime, still_path, vote_average, vote_count, name, overview, primary_language FROM tv_episode";

#[derive(sqlx::FromRow)]
struct ImageRow {
    aspect_ratio: Option<f64>,
    height: Option<i64>,
    iso_639_1: Option<String>,
    file_path: String,
    vote_average: Option<f64>,
    vote_count: Option<i64>,
    width: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct VideoRow {
    iso_639_1: Option<String>,
    iso_3166_1: Option<String>,
    name: Option<String>,
    video_key: Option<String>,
    site: Option<String>,
    size: Option<i64>,
    video_type: Option<String>,
    official: Option<i64>,
    published_at: Option<String>,
    id: String,
}

#[derive(sqlx::FromRow)]
struct ChangeRow {
    id: String,
    change_key: String,
    action: String,
    time: String,
    iso_639_1: Option<String>,
    iso_3166_1: Option<String>,
    value: Option<String>,
    original_value: Option<String>,
}

fn language_allows(filter: &LanguageFilter, lang: &Option<String>) -> bool {
    match filter {
        None => true,
        Some(allowed) => allowed.iter().any(|a| a == lang),
    }
}

/// The text an object carries in its primary language (see migration 0002).
#[derive(Debug, Clone, Default)]
pub struct PrimaryText {
    /// A language tag such as `en-US`; `None` when no details were imported.
    pub language: Option<String>,
    pub name: Option<String>,
    pub overview: Option<String>,
}

/// Resolves the name and overview shown in `lang`, from the object's primary text and its
/// translation rows `(iso_3166_1, name, overview)` of that language.
///
/// In the primary language the primary text comes first (a translation there may be blank, as
/// TMDB's en-US rows often are), unless the request names another region that has its own
/// translation. In any other language only translations count: missing text is `""`, never
/// another language's.
fn resolve_text(primary: &PrimaryText, rows: &[TranslationRow], lang: &Language) -> NameOverview {
    let exact = rows
        .iter()
        .find(|r| Some(r.0.as_str()) == lang.iso_3166_1.as_deref());
    let translation = exact.or(rows.first());
    let primary_lang: Option<Language> = primary.language.as_deref().and_then(|t| t.parse().ok());
    let same_language = primary_lang
        .as_ref()
        .is_some_and(|p| p.iso_639_1 == lang.iso_639_1);
    let other_region_translated = exact.is_some()
        && primary_lang
            .as_ref()
            .is_some_and(|p| p.iso_3166_1 != lang.iso_3166_1);
    let pick = |primary_field: &Option<String>, translated: Option<&Option<String>>| {
        let translated = translated.and_then(|t| t.clone()).filter(|t| !t.is_empty());
        let primary_field = primary_field.clone().filter(|t| !t.is_empty());
        let first = if !same_language {
            translated
        } else if other_region_translated {
            translated.or(primary_field)
        } else {
            primary_field.or(translated)
        };
        Some(first.unwrap_or_default())
    };
    NameOverview {
        name: pick(&primary.name, translation.map(|t| &t.1)),
        overview: pick(&primary.overview, translation.map(|t| &t.2)),
    }
}

impl Store {
    /// The season at `(series_id, season_number)`, if the catalog knows its TMDB id.
    pub async fn season_ref(
        &self,
        series_id: i64,
        season_number: i64,
    ) -> Result<Option<SeasonRef>> {
        let id: Option<Option<i64>> = sqlx::query_scalar(
            "SELECT id FROM tv_season WHERE series_id = $1 AND season_number = $2",
        )
        .bind(series_id)
        .bind(season_number)
        .fetch_optional(self.pool())
        .await?;
        Ok(id.flatten().map(|id| SeasonRef {
            id,
            series_id,
            season_number,
        }))
    }

    /// The season with TMDB id `id`.
    pub async fn season_by_id(&self, id: i64) -> Result<Option<SeasonRef>> {
        let row: Option<(i64, i64)> =
            sqlx::query_as("SELECT series_id, season_number FROM tv_season WHERE id = $1")
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        Ok(row.map(|(series_id, season_number)| SeasonRef {
            id,
            series_id,
            season_number,
        }))
    }

    /// The episode at a path position.
    pub async fn episode_ref(
        &self,
        series_id: i64,
        season_number: i64,
        episode_number: i64,
    ) -> Result<Option<EpisodeRef>> {
        let id: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM tv_episode WHERE series_id = $1 AND season_number = $2 AND episode_number = $3",
        )
        .bind(series_id)
        .bind(season_number)
        .bind(episode_number)
        .fetch_optional(self.pool())
        .await?;
        Ok(id.map(|id| EpisodeRef {
            id,
            series_id,
            season_number,
            episode_number,
        }))
    }

    /// The episode with TMDB id `id`.
    pub async fn episode_by_id(&self, id: i64) -> Result<Option<EpisodeRef>> {
        let row: Option<(i64, i64, i64)> = sqlx::query_as(
            "SELECT series_id, season_number, episode_number FROM tv_episode WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        Ok(
            row.map(|(series_id, season_number, episode_number)| EpisodeRef {
                id,
                series_id,
                season_number,
                episode_number,
            }),
        )
    }

    /// The primary-language text of a season or episode.
    async fn primary_text(&self, owner: Owner) -> Result<PrimaryText> {
        let table = match owner.kind {
            OwnerKind::Season => "tv_season",
            OwnerKind::Episode => "tv_episode",
            _ => return Ok(PrimaryText::default()),
        };
        let sql = format!("SELECT primary_language, name, overview FROM {table} WHERE id = $1");
        let row: Option<(Option<String>, Option<String>, Option<String>)> = sqlx::query_as(&sql)
            .bind(owner.id)
            .fetch_optional(self.pool())
            .await?;
        Ok(row
            .map(|(language, name, overview)| PrimaryText {
                language,
                name,
                overview,
            })
            .unwrap_or_default())
    }

    /// Name and overview of one owner in `lang` (empty strings when missing).
    pub async fn translated(&self, owner: Owner, lang: &Language) -> Result<NameOverview> {
        let rows = self.translation_rows(owner, lang).await?;
        let primary = self.primary_text(owner).await?;
        Ok(resolve_text(&primary, &rows, lang))
    }

    /// The translation rows of one owner in `lang`'s language.
    async fn translation_rows(&self, owner: Owner, lang: &Language) -> Result<Vec<TranslationRow>> {
        Ok(sqlx::query_as(
            "SELECT iso_3166_1, name, overview FROM translation WHERE owner_type = $1 AND owner_id = $2 AND iso_639_1 = $3 ORDER BY iso_3166_1",
        )
        .bind(owner.kind.as_str())
        .bind(owner.id)
        .bind(lang.iso_639_1.clone())
        .fetch_all(self.pool())
        .await?)
    }

    async fn credits_of(&self, owner: Owner) -> Result<Vec<CreditJoin>> {
        let sql = format!(
            "SELECT {CREDIT_COLUMNS} FROM credit c LEFT JOIN person p ON p.id = c.person_id
             WHERE c.owner_type = $1 AND c.owner_id = $2 ORDER BY c.position"
        );
        Ok(sqlx::query_as(&sql)
            .bind(owner.kind.as_str())
            .bind(owner.id)
            .fetch_all(self.pool())
            .await?)
    }

    async fn episode_row(&self, id: i64) -> Result<EpisodeRow> {
        let sql = format!("{EPISODE_SELECT} WHERE id = $1");
        Ok(sqlx::query_as(&sql).bind(id).fetch_one(self.pool()).await?)
    }

    /// `still_path`: the one the source named, else the highest rated still.
    async fn best_image(
        &self,
        owner: Owner,
        kind: &str,
        lang: Option<&str>,
    ) -> Result<Option<String>> {
        let images = self.images(owner, kind, &None).await?;
        Ok(images
            .iter()
            .find(|i| lang.is_none() || i.iso_639_1.as_deref() == lang)
            .map(|i| i.file_path.clone()))
    }

    /// `GET /3/tv/{series_id}/season/{season_number}/episode/{episode_number}`.
    pub async fn episode_details(
        &self,
        ep: &EpisodeRef,
        lang: &Language,
    ) -> Result<EpisodeDetails> {
        let row = self.episode_row(ep.id).await?;
        // The row carries the primary text; only the translations need another query.
        let primary = PrimaryText {
            language: row.primary_language.clone(),
            name: row.name.clone(),
            overview: row.overview.clone(),
        };
        let rows = self.translation_rows(Owner::episode(ep.id), lang).await?;
        let text = resolve_text(&primary, &rows, lang);
        let credits = self.credits_of(Owner::episode(ep.id)).await?;
        let still_path = match row.still_path {
            Some(p) => Some(p),
            None => {
                self.best_image(Owner::episode(ep.id), "still", None)
                    .await?
            }
        };
        Ok(EpisodeDetails {
            air_date: row.air_date,
            crew: credits
                .iter()
                .filter(|c| c.kind == "crew")
                .map(CreditJoin::crew)
                .collect(),
            episode_number: row.episode_number,
            guest_stars: credits
                .iter()
                .filter(|c| c.kind == "guest")
                .map(CreditJoin::cast)
                .collect(),
            name: text.name,
            overview: text.overview,
            id: row.id,
            production_code: row.production_code,
            runtime: row.runtime,
            season_number: row.season_number,
            still_path,
            vote_average: row.vote_average,
            vote_count: row.vote_count,
        })
    }

    /// `GET .../episode/{n}/credits`. The cast is the episode's own when the source gave one,
    /// else the season's regular cast (TMDB lists series regulars on each episode).
    pub async fn episode_credits(&self, ep: &EpisodeRef) -> Result<EpisodeCredits> {
        let credits = self.credits_of(Owner::episode(ep.id)).await?;
        let mut cast: Vec<CastCredit> = credits
            .iter()
            .filter(|c| c.kind == "cast")
            .map(CreditJoin::cast)
            .collect();
        if cast.is_empty()
            && let Some(season) = self.season_ref(ep.series_id, ep.season_number).await?
        {
            cast = self
                .credits_of(Owner::season(season.id))
                .await?
                .iter()
                .filter(|c| c.kind == "cast" && c.regular == 1)
                .map(CreditJoin::cast)
                .collect();
        }
        Ok(EpisodeCredits {
            cast,
            crew: credits
                .iter()
                .filter(|c| c.kind == "crew")
                .map(CreditJoin::crew)
                .collect(),
            guest_stars: credits
                .iter()
                .filter(|c| c.kind == "guest")
                .map(CreditJoin::cast)
                .collect(),
            id: ep.id,
        })
    }

    /// External ids of an owner, with every field of `fields` present (null when unknown).
    pub async fn external_ids(&self, owner: Owner, fields: &[&str]) -> Result<Map<String, Value>> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT source, value FROM external_id WHERE owner_type = $1 AND owner_id = $2",
        )
        .bind(owner.kind.as_str())
        .bind(owner.id)
        .fetch_all(self.pool())
        .await?;
        let known: HashMap<String, String> = rows.into_iter().collect();
        let mut out = Map::new();
        out.insert("id".into(), Value::from(owner.id));
        for f in fields {
            let v = match known.get(*f) {
                None => Value::Null,
                Some(v) if f.ends_with("tvdb_id") || f.ends_with("tvrage_id") => v
                    .parse::<i64>()
                    .map(Value::from)
                    .unwrap_or_else(|_| Value::String(v.clone())),
                Some(v) => Value::String(v.clone()),
            };
            out.insert((*f).to_owned(), v);
        }
        Ok(out)
    }

    /// Images of one kind, best rated first, filtered by language.
    pub async fn images(
        &self,
        owner: Owner,
        kind: &str,
        filter: &LanguageFilter,
    ) -> Result<Vec<Image>> {
        let rows: Vec<ImageRow> = sqlx::query_as(
            "SELECT aspect_ratio, height, iso_639_1, file_path, vote_average, vote_count, width FROM image
             WHERE owner_type = $1 AND owner_id = $2 AND kind = $3 ORDER BY COALESCE(vote_average, 0) DESC, position",
        )
        .bind(owner.kind.as_str())
        .bind(owner.id)
        .bind(kind)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .filter(|r| language_allows(filter, &r.iso_639_1))
            .map(|r| Image {
                aspect_ratio: r.aspect_ratio,
                height: r.height,
                iso_639_1: r.iso_639_1,
                file_path: r.file_path,
                vote_average: r.vote_average,
                vote_count: r.vote_count,
                width: r.width,
            })
            .collect())
    }

    /// Videos, newest first, filtered by language.
    pub async fn videos(&self, owner: Owner, filter: &LanguageFilter) -> Result<Vec<Video>> {
        let rows: Vec<VideoRow> = sqlx::query_as(
            "SELECT iso_639_1, iso_3166_1, name, video_key, site, size, video_type, official, published_at, id FROM video
             WHERE owner_type = $1 AND owner_id = $2 ORDER BY published_at DESC, position",
        )
        .bind(owner.kind.as_str())
        .bind(owner.id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .filter(|r| language_allows(filter, &r.iso_639_1))
            .map(|r| Video {
                iso_639_1: r.iso_639_1,
                iso_3166_1: r.iso_3166_1,
                name: r.name,
                key: r.video_key,
                site: r.site,
                size: r.size,
                kind: r.video_type,
                official: r.official.map(|o| o != 0),
                published_at: r.published_at,
                id: r.id,
            })
            .collect())
    }

    /// Every translation of an owner, by language then region.
    /// The primary language is listed too: from its translation row when there is one, else
    /// from the primary text (as TMDB lists the original language among translations).
    pub async fn translations(&self, owner: Owner) -> Result<Translations<NameOverview>> {
        let mut rows: Vec<(String, String, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT iso_639_1, iso_3166_1, name, overview FROM translation WHERE owner_type = $1 AND owner_id = $2
             ORDER BY iso_639_1, iso_3166_1",
        )
        .bind(owner.kind.as_str())
        .bind(owner.id)
        .fetch_all(self.pool())
        .await?;
        let primary = self.primary_text(owner).await?;
        if let Some(lang) = primary
            .language
            .as_deref()
            .and_then(|t| t.parse::<Language>().ok())
        {
            let region = lang.iso_3166_1.clone().unwrap_or_default();
            if !rows.iter().any(|r| r.0 == lang.iso_639_1 && r.1 == region) {
                rows.push((lang.iso_639_1, region, primary.name, primary.overview));
                rows.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
            }
        }
        let translations = rows
            .into_iter()
            .map(|(l, r, name, overview)| {
                let names = crate::languages::names(&l);
                Translation {
                    iso_3166_1: r,
                    name: names.map(|n| n.0.to_owned()),
                    english_name: names.map(|n| n.1.to_owned()),
                    iso_639_1: l,
                    data: NameOverview {
                        name: Some(name.unwrap_or_default()),
                        overview: Some(overview.unwrap_or_default()),
                    },
                }
            })
            .collect();
        Ok(Translations {
            id: owner.id,
            translations,
        })
    }

    /// `GET /3/tv/{series_id}/season/{season_number}`.
    pub async fn season_details(&self, s: &SeasonRef, lang: &Language) -> Result<SeasonDetails> {
        #[derive(sqlx::FromRow)]
        struct Row {
            object_id: Option<String>,
            air_date: Option<String>,
            poster_path: Option<String>,
            vote_average: Option<f64>,
            name: Option<String>,
            overview: Option<String>,
            primary_language: Option<String>,
        }
        let Row {
            object_id,
            air_date,
            poster_path,
            vote_average,
            name,
            overview,
            primary_language,
        } = sqlx::query_as(
            "SELECT object_id, air_date, poster_path, vote_average, name, overview, primary_language FROM tv_season WHERE id = $1",
        )
        .bind(s.id)
        .fetch_one(self.pool())
        .await?;
        let owner = Owner::season(s.id);
        let primary = PrimaryText {
            language: primary_language,
            name,
            overview,
        };
        let text = resolve_text(&primary, &self.translation_rows(owner, lang).await?, lang);
        // TMDB: the best poster in the requested language, else the one the source named, else
        // the best rated.
        let poster_path = match self
            .best_image(owner, "poster", Some(&lang.iso_639_1))
            .await?
        {
            Some(p) => Some(p),
            None => match poster_path {
                Some(p) => Some(p),
                None => self.best_image(owner, "poster", None).await?,
            },
        };
        let networks: Vec<NetworkRow> = sqlx::query_as(
            "SELECT n.id, n.logo_path, n.name, n.origin_country FROM tv_series_network sn JOIN network n ON n.id = sn.network_id
             WHERE sn.series_id = $1 ORDER BY sn.position",
        )
        .bind(s.series_id)
        .fetch_all(self.pool())
        .await?;
        Ok(SeasonDetails {
            object_id,
            air_date,
            episodes: self.season_episodes(s, lang).await?,
            name: text.name,
            networks: networks
                .into_iter()
                .map(|(id, logo_path, name, origin_country)| Network {
                    id,
                    logo_path,
                    name,
                    origin_country,
                })
                .collect(),
            overview: text.overview,
            id: s.id,
            poster_path,
            season_number: s.season_number,
            vote_average,
        })
    }

    async fn season_episodes(&self, s: &SeasonRef, lang: &Language) -> Result<Vec<SeasonEpisode>> {
        let sql = format!(
            "{EPISODE_SELECT} WHERE series_id = $1 AND season_number = $2 ORDER BY episode_number"
        );
        let rows: Vec<EpisodeRow> = sqlx::query_as(&sql)
            .bind(s.series_id)
            .bind(s.season_number)
            .fetch_all(self.pool())
            .await?;
        let texts: Vec<(i64, String, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT t.owner_id, t.iso_3166_1, t.name, t.overview FROM tv_episode e CROSS JOIN translation t
             WHERE e.series_id = $1 AND e.season_number = $2 AND t.owner_type = 'episode' AND t.owner_id = e.id
               AND t.iso_639_1 = $3 ORDER BY t.iso_3166_1",
        )
        .bind(s.series_id)
        .bind(s.season_number)
        .bind(lang.iso_639_1.clone())
        .fetch_all(self.pool())
        .await?;
        let mut by_episode: HashMap<i64, Vec<TranslationRow>> = HashMap::new();
        for (id, r, n, o) in texts {
            by_episode.entry(id).or_default().push((r, n, o));
        }
        let credits = self.season_episode_credits(s).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let primary = PrimaryText {
                language: r.primary_language.clone(),
                name: r.name.clone(),
                overview: r.overview.clone(),
            };
            let text = resolve_text(
                &primary,
                by_episode.get(&r.id).map(Vec::as_slice).unwrap_or_default(),
                lang,
            );
            let mine: Vec<&CreditJoin> = credits.iter().filter(|c| c.owner_id == r.id).collect();
            let still_path = match r.still_path {
                Some(p) => Some(p),
                None => self.best_image(Owner::episode(r.id), "still", None).await?,
            };
            out.push(SeasonEpisode {
                air_date: r.air_date,
                episode_number: r.episode_number,
                episode_type: r.episode_type,
                id: r.id,
                name: text.name,
                overview: text.overview,
                production_code: r.production_code,
                runtime: r.runtime,
                season_number: r.season_number,
                show_id: Some(r.series_id),
                still_path,
                vote_average: r.vote_average,
                vote_count: r.vote_count,
                crew: mine
                    .iter()
                    .filter(|c| c.kind == "crew")
                    .map(|c| c.crew())
                    .collect(),
                guest_stars: mine
                    .iter()
                    .filter(|c| c.kind == "guest")
                    .map(|c| c.cast())
                    .collect(),
            });
        }
        Ok(out)
    }

    /// Credits of every episode of a season, in one query.
    async fn season_episode_credits(&self, s: &SeasonRef) -> Result<Vec<CreditJoin>> {
        let sql = format!(
            // CROSS JOIN keeps SQLite's planner walking the season's episodes first (by index),
            // with or without statistics; PostgreSQL plans it like any inner join.
            "SELECT {CREDIT_COLUMNS} FROM tv_episode e CROSS JOIN credit c LEFT JOIN person p ON p.id = c.person_id
             WHERE e.series_id = $1 AND e.season_number = $2 AND c.owner_type = 'episode' AND c.owner_id = e.id
             ORDER BY e.episode_number, c.position"
        );
        Ok(sqlx::query_as(&sql)
            .bind(s.series_id)
            .bind(s.season_number)
            .fetch_all(self.pool())
            .await?)
    }

    /// `GET .../season/{n}/credits`: the season's regular cast and crew.
    pub async fn season_credits(&self, s: &SeasonRef) -> Result<SeasonCredits> {
        let credits = self.credits_of(Owner::season(s.id)).await?;
        let regular = |kind: &'static str| {
            credits
                .iter()
                .filter(move |c| c.kind == kind && c.regular == 1)
        };
        Ok(SeasonCredits {
            cast: regular("cast").map(CreditJoin::cast).collect(),
            crew: regular("crew").map(CreditJoin::crew).collect(),
            id: s.id,
        })
    }

    /// `GET .../season/{n}/aggregate_credits`: every credit of the season and its episodes, per
    /// person, with the number of episodes each credit appears in. A count the source stated wins;
    /// otherwise it is counted from the episodes (a regular with no episode rows counts them all).
    /// Once the source stated the aggregate cast (or crew), that list is the whole of it: TMDB
    /// files episode appearances under the season-level credit, so an episode's own credit ids
    /// would repeat people and characters already listed.
    pub async fn season_aggregate_credits(&self, s: &SeasonRef) -> Result<AggregateCredits> {
        let season_rows = self.credits_of(Owner::season(s.id)).await?;
        let episode_rows = self.season_episode_credits(s).await?;
        let episodes_in_season: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM tv_episode WHERE series_id = $1 AND season_number = $2",
        )
        .bind(s.series_id)
        .bind(s.season_number)
        .fetch_one(self.pool())
        .await?;

        // One entry per (class, credit_id), in first-seen order: season rows by aggregate
        // position, then episode rows.
        struct Entry<'a> {
            row: &'a CreditJoin,
            count: i64,
            rank: (i64, i64),
        }
        let mut season_sorted: Vec<&CreditJoin> = season_rows.iter().collect();
        season_sorted.sort_by_key(|r| r.agg_position.unwrap_or(i64::MAX));
        let mut entries: Vec<Entry> = Vec::new();
        let mut index: HashMap<(bool, &str), usize> = HashMap::new();
        let mut seen_in_episode: HashMap<(bool, &str), std::collections::HashSet<i64>> =
            HashMap::new();
        for r in &episode_rows {
            let key = (r.kind == "crew", r.credit_id.as_str());
            seen_in_episode.entry(key).or_default().insert(r.owner_id);
        }
        for (i, r) in season_sorted.iter().enumerate() {
            let key = (r.kind == "crew", r.credit_id.as_str());
            let counted = seen_in_episode.get(&key).map_or(0, |s| s.len() as i64);
            let count = r.episode_count.unwrap_or(if counted > 0 {
                counted
            } else {
                episodes_in_season
            });
            index.insert(key, entries.len());
            entries.push(Entry {
                row: r,
                count,
                rank: (0, i as i64),
            });
        }
        let stated = |crew: bool| {
            season_rows
                .iter()
                .any(|r| (r.kind == "crew") == crew && r.agg_position.is_some())
        };
        let (stated_cast, stated_crew) = (stated(false), stated(true));
        for (i, r) in episode_rows.iter().enumerate() {
            let key = (r.kind == "crew", r.credit_id.as_str());
            let stated = if key.0 { stated_crew } else { stated_cast };
            if stated || index.contains_key(&key) {
                continue;
            }
            index.insert(key, entries.len());
            entries.push(Entry {
                row: r,
                count: seen_in_episode.get(&key).map_or(1, |s| s.len() as i64),
                rank: (1, i as i64),
            });
        }

        let mut cast: Vec<(AggregateCast, (i64, i64))> = Vec::new();
        let mut crew: Vec<(AggregateCrew, (i64, i64))> = Vec::new();
        for e in &entries {
            let r = e.row;
            if r.kind == "crew" {
                let job = AggregateJob {
                    credit_id: r.credit_id.clone(),
                    job: r.job.clone(),
                    episode_count: Some(e.count),
                };
                match crew
                    .iter_mut()
                    .find(|(c, _)| c.person.id == r.person_id && c.department == r.department)
                {
                    Some((c, _)) => {
                        c.jobs.push(job);
                        c.total_episode_count = Some(c.total_episode_count.unwrap_or(0) + e.count);
                    }
                    None => crew.push((
                        AggregateCrew {
                            person: r.person(),
                            jobs: vec![job],
                            department: r.department.clone(),
                            total_episode_count: Some(e.count),
                        },
                        e.rank,
                    )),
                }
            } else {
                let role = AggregateRole {
                    credit_id: r.credit_id.clone(),
                    character: r.character_name.clone(),
                    episode_count: Some(e.count),
                };
                match cast.iter_mut().find(|(c, _)| c.person.id == r.person_id) {
                    Some((c, _)) => {
                        c.roles.push(role);
                        c.total_episode_count = Some(c.total_episode_count.unwrap_or(0) + e.count);
                    }
                    None => cast.push((
                        AggregateCast {
                            person: r.person(),
                            roles: vec![role],
                            total_episode_count: Some(e.count),
                            order: r.ord,
                        },
                        e.rank,
                    )),
                }
            }
        }
        // TMDB's order: cast by episodes desc then billing order; crew by department, then
        // episodes desc.
        cast.sort_by_key(|(c, rank)| {
            (
                -c.total_episode_count.unwrap_or(0),
                c.order.unwrap_or(i64::MAX),
                *rank,
            )
        });
        crew.sort_by(|(a, ra), (b, rb)| {
            a.department
                .cmp(&b.department)
                .then(b.total_episode_count.cmp(&a.total_episode_count))
                .then(ra.cmp(rb))
        });
        Ok(AggregateCredits {
            cast: cast.into_iter().map(|c| c.0).collect(),
            crew: crew.into_iter().map(|c| c.0).collect(),
            id: s.id,
        })
    }

    /// `GET .../watch/providers` of an owner.
    pub async fn watch_providers(&self, owner: Owner) -> Result<WatchProviders> {
        let links: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT country, link FROM watch_link WHERE owner_type = $1 AND owner_id = $2",
        )
        .bind(owner.kind.as_str())
        .bind(owner.id)
        .fetch_all(self.pool())
        .await?;
        let mut results: BTreeMap<String, CountryOffers> = links
            .into_iter()
            .map(|(c, link)| {
                (
                    c,
                    CountryOffers {
                        link,
                        ..Default::default()
                    },
                )
            })
            .collect();
        type Row = (
            String,
            String,
            i64,
            Option<i64>,
            Option<String>,
            Option<String>,
        );
        let offers: Vec<Row> = sqlx::query_as(
            "SELECT o.country, o.kind, o.provider_id, o.display_priority, p.provider_name, p.logo_path
             FROM watch_offer o LEFT JOIN watch_provider p ON p.provider_id = o.provider_id
             WHERE o.owner_type = $1 AND o.owner_id = $2 ORDER BY o.country, o.kind, o.position",
        )
        .bind(owner.kind.as_str())
        .bind(owner.id)
        .fetch_all(self.pool())
        .await?;
        for (country, kind, provider_id, display_priority, provider_name, logo_path) in offers {
            let entry = results.entry(country).or_default();
            if let Some(list) = entry.kind_mut(&kind) {
                list.get_or_insert_with(Vec::new).push(ProviderOffer {
                    logo_path,
                    provider_id,
                    provider_name,
                    display_priority,
                });
            }
        }
        Ok(WatchProviders {
            id: owner.id,
            results,
        })
    }

    /// Whether the catalog knows `owner` at all: as a row, or through its change log (a
    /// deleted object keeps its history).
    pub async fn has_history(&self, owner: Owner) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM change_log WHERE owner_type = $1 AND owner_id = $2",
        )
        .bind(owner.kind.as_str())
        .bind(owner.id)
        .fetch_one(self.pool())
        .await?;
        Ok(n > 0)
    }

    /// Field-level changes of an owner with `start <= time < end` (TMDB time strings), grouped
    /// by key in order of each key's first change.
    pub async fn changes(&self, owner: Owner, start: &str, end: &str) -> Result<Changes> {
        let rows: Vec<ChangeRow> = sqlx::query_as(
            "SELECT id, change_key, action, time, iso_639_1, iso_3166_1, value, original_value FROM change_log
             WHERE owner_type = $1 AND owner_id = $2 AND time >= $3 AND time < $4 ORDER BY time, seq",
        )
        .bind(owner.kind.as_str())
        .bind(owner.id)
        .bind(start)
        .bind(end)
        .fetch_all(self.pool())
        .await?;
        let mut groups: Vec<ChangeGroup> = Vec::new();
        for r in rows {
            let parse =
                |s: Option<String>| s.map(|s| serde_json::from_str(&s).unwrap_or(Value::String(s)));
            let item = ChangeItem {
                id: r.id,
                action: r.action,
                time: r.time,
                iso_639_1: r.iso_639_1,
                iso_3166_1: r.iso_3166_1,
                value: parse(r.value),
                original_value: parse(r.original_value),
            };
            match groups.iter_mut().find(|g| g.key == r.change_key) {
                Some(g) => g.items.push(item),
                None => groups.push(ChangeGroup {
                    key: r.change_key,
                    items: vec![item],
                }),
            }
        }
        Ok(Changes { changes: groups })
    }
}
