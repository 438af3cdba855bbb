//! What the search index (crate `reeldb-search`, docs/SEARCH.md) reads from the catalog: each
//! searchable object's texts and filter facts, read in batches; where the index stands against
//! the catalog (seed version, change-log high-water mark); the objects the change log touched
//! since; and the entries of the collection, company and keyword searches.

use crate::Result;
use crate::db::{Db, in_list};
use crate::discover::facts::DiscoverFacts;
use crate::translation::{PrimaryText, TranslationRow, resolve_text};
use crate::value::ToSqlValue;
use reeldb_wire::params::Language;
use reeldb_wire::person::{ByMediaType, KnownForMovie, KnownForTv, PopularPerson};
use reeldb_wire::search::{CollectionResult, CompanyResult, KeywordResult};
use std::collections::HashMap;

/// The kinds of objects search finds, one index document each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SearchKind {
    Movie,
    Tv,
    Person,
    Collection,
    Company,
    Keyword,
}

impl SearchKind {
    pub const ALL: [SearchKind; 6] = [
        SearchKind::Movie,
        SearchKind::Tv,
        SearchKind::Person,
        SearchKind::Collection,
        SearchKind::Company,
        SearchKind::Keyword,
    ];

    /// The owner type of the kind in child tables and the change log (`movie`, `tv`, ...),
    /// also its `media_type` in mixed lists.
    pub fn as_str(self) -> &'static str {
        match self {
            SearchKind::Movie => "movie",
            SearchKind::Tv => "tv",
            SearchKind::Person => "person",
            SearchKind::Collection => "collection",
            SearchKind::Company => "company",
            SearchKind::Keyword => "keyword",
        }
    }

    pub fn from_name(name: &str) -> Option<SearchKind> {
        SearchKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The object table (a name of this crate's schema, never input).
    fn table(self) -> &'static str {
        match self {
            SearchKind::Tv => "tv_series",
            other => other.as_str(),
        }
    }

    /// A small stable number per kind (the index stores it).
    pub fn code(self) -> u64 {
        self as u64
    }

    pub fn from_code(code: u64) -> Option<SearchKind> {
        SearchKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One object as the index holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDoc {
    pub kind: SearchKind,
    pub id: i64,
    /// The object's own name (title) and its original name, without repeats.
    pub names: Vec<String>,
    /// Every other name it is known by: titles or names in every translation, alternative
    /// titles and names, a person's `also_known_as` (without the `names`, without repeats).
    pub other_names: Vec<String>,
    pub popularity: f64,
    pub adult: bool,
    /// A movie's primary release year, a series' first air year.
    pub primary_year: Option<i64>,
    /// Every year the object came out in: a movie's release dates in any country and its
    /// primary one; a series' first air date and its episodes' air dates.
    pub years: Vec<i64>,
    /// A movie's release years per country, as `US:1999`.
    pub region_years: Vec<String>,
    /// Movies and series: what discover reads (docs/DISCOVER.md).
    pub facts: Option<DiscoverFacts>,
}

/// Where the catalog stands, for an index to compare with the point it was built at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SearchMark {
    /// Bumped by every seed (bulk path), which writes no change items (migration 19).
    pub seed_version: i64,
    /// The change log's high-water mark (`MAX(seq)`).
    pub last_seq: i64,
}

/// Objects read per batch when an index is built.
pub const DOC_BATCH: usize = 500;

fn year_of(date: &Option<String>) -> Option<i64> {
    let d = date.as_deref()?;
    d.get(..4)?.parse().ok().filter(|y| *y > 0)
}

fn id_params(ids: &[i64]) -> Vec<&dyn ToSqlValue> {
    ids.iter().map(|i| i as &dyn ToSqlValue).collect()
}

/// `(owner id, text)` rows of one child table, grouped by owner.
fn group(rows: Vec<(i64, Option<String>)>) -> HashMap<i64, Vec<String>> {
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for (id, t) in rows {
        if let Some(t) = t.filter(|t| !t.trim().is_empty()) {
            out.entry(id).or_default().push(t);
        }
    }
    out
}

/// A document's scalar facts as the object row gives them.
type BaseRow = (
    i64,
    Option<String>,
    Option<String>,
    Option<f64>,
    Option<i64>,
    Option<String>,
);

impl Db {
    /// Where the catalog stands (one statement).
    pub fn search_mark(&mut self) -> Result<SearchMark> {
        let (seed_version, last_seq): (i64, i64) = self
            .query(
                "SELECT seed_version, (SELECT COALESCE(MAX(seq), 0) FROM change_log) FROM catalog_meta WHERE id = 1",
                &[],
            )?
            .into_iter()
            .next()
            .unwrap_or((0, 0));
        Ok(SearchMark {
            seed_version,
            last_seq,
        })
    }

    /// Up to `limit` ids of `kind` above `after`, in order (one statement): the batches an
    /// index build reads.
    pub fn search_doc_ids(
        &mut self,
        kind: SearchKind,
        after: i64,
        limit: usize,
    ) -> Result<Vec<i64>> {
        let limit = limit as i64;
        let rows: Vec<(i64,)> = self.query(
            &format!(
                "SELECT id FROM {} WHERE id > $1 ORDER BY id LIMIT $2",
                kind.table()
            ),
            &[&after, &limit],
        )?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// How many objects of `kind` the catalog holds (one statement).
    pub fn search_doc_count(&mut self, kind: SearchKind) -> Result<i64> {
        self.scalar(&format!("SELECT COUNT(*) FROM {}", kind.table()), &[])
    }

    /// The documents of the objects `ids` of `kind` that exist (at most four statements, and
    /// three more for the discover facts of movies and series); an id without a row has no
    /// document.
    pub fn search_docs(&mut self, kind: SearchKind, ids: &[i64]) -> Result<Vec<SearchDoc>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let params = id_params(ids);
        let list = in_list(1, ids.len());
        let owner = kind.as_str();
        // (id, name, original name, popularity, adult, primary date)
        let base_sql = match kind {
            SearchKind::Movie => format!(
                "SELECT id, name, original_title, popularity, adult, release_date FROM movie WHERE id IN ({list})"
            ),
            SearchKind::Tv => format!(
                "SELECT id, name, original_name, popularity, adult, first_air_date FROM tv_series WHERE id IN ({list})"
            ),
            SearchKind::Person => format!(
                "SELECT id, name, original_name, popularity, adult, CAST(NULL AS TEXT) FROM person WHERE id IN ({list})"
            ),
            SearchKind::Collection => format!(
                "SELECT c.id, c.name, c.original_name,
                   (SELECT MAX(m.popularity) FROM movie m WHERE m.collection_id = c.id),
                   (SELECT MIN(COALESCE(m.adult, 0)) FROM movie m WHERE m.collection_id = c.id), CAST(NULL AS TEXT)
                 FROM collection c WHERE c.id IN ({list})"
            ),
            SearchKind::Company => format!(
                "SELECT id, name, CAST(NULL AS TEXT), CAST(NULL AS DOUBLE PRECISION), CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM company WHERE id IN ({list})"
            ),
            SearchKind::Keyword => format!(
                "SELECT id, name, CAST(NULL AS TEXT), CAST(NULL AS DOUBLE PRECISION), CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM keyword WHERE id IN ({list})"
            ),
        };
        let base: Vec<BaseRow> = self.query(&base_sql, &params)?;
        // Translated titles and names (movies, series, collections).
        let mut translated = match kind {
            SearchKind::Movie | SearchKind::Tv | SearchKind::Collection => group(self.query(
                &format!(
                    "SELECT owner_id, name FROM translation WHERE owner_type = '{owner}' AND owner_id IN ({list})"
                ),
                &params,
            )?),
            _ => HashMap::new(),
        };
        // Alternative titles, alternative names, also-known-as names.
        let other_sql = match kind {
            SearchKind::Movie | SearchKind::Tv => Some(format!(
                "SELECT owner_id, title FROM alternative_title WHERE owner_type = '{owner}' AND owner_id IN ({list})"
            )),
            SearchKind::Company => Some(format!(
                "SELECT owner_id, name FROM alternative_name WHERE owner_type = 'company' AND owner_id IN ({list})"
            )),
            SearchKind::Person => Some(format!(
                // `list_name || ''`: no index on the list name, so the planner walks the key
                // (owner_type, owner_id, ...) for each id. With a batch-sized IN list SQLite
                // otherwise chose `code_list_value` and read every also_known_as row of the
                // catalog per batch (an index build at tmdb scale did not finish in 5 minutes).
                "SELECT owner_id, value FROM code_list
                 WHERE owner_type = 'person' AND list_name || '' = 'also_known_as' AND owner_id IN ({list})"
            )),
            _ => None,
        };
        let mut other = match other_sql {
            Some(sql) => group(self.query(&sql, &params)?),
            None => HashMap::new(),
        };
        // Every year a title came out in: release dates per country, episode air dates.
        let year_rows: Vec<(i64, Option<String>, Option<String>)> = match kind {
            SearchKind::Movie => self.query(
                &format!(
                    "SELECT movie_id, iso_3166_1, release_date FROM release_date WHERE movie_id IN ({list})"
                ),
                &params,
            )?,
            SearchKind::Tv => self.query(
                &format!(
                    "SELECT DISTINCT series_id, CAST(NULL AS TEXT), SUBSTR(air_date, 1, 4) FROM tv_episode
                     WHERE series_id IN ({list}) AND air_date IS NOT NULL"
                ),
                &params,
            )?,
            _ => Vec::new(),
        };
        let mut years: HashMap<i64, (Vec<i64>, Vec<String>)> = HashMap::new();
        for (id, region, date) in year_rows {
            if let Some(y) = year_of(&date) {
                let e = years.entry(id).or_default();
                e.0.push(y);
                if let Some(r) = region.filter(|r| !r.is_empty()) {
                    e.1.push(format!("{r}:{y}"));
                }
            }
        }
        let mut facts = self.discover_facts(kind, ids)?;
        let mut docs: HashMap<i64, SearchDoc> = HashMap::new();
        for (id, name, original, popularity, adult, date) in base {
            let mut names: Vec<String> = Vec::new();
            for n in [name, original].into_iter().flatten() {
                if !n.trim().is_empty() && !names.contains(&n) {
                    names.push(n);
                }
            }
            let mut other_names: Vec<String> = translated.remove(&id).unwrap_or_default();
            other_names.extend(other.remove(&id).unwrap_or_default());
            other_names.sort();
            other_names.dedup();
            other_names.retain(|n| !names.contains(n));
            let primary_year = year_of(&date);
            let (mut ys, mut region_years) = years.remove(&id).unwrap_or_default();
            ys.extend(primary_year);
            ys.sort_unstable();
            ys.dedup();
            region_years.sort();
            region_years.dedup();
            docs.insert(
                id,
                SearchDoc {
                    kind,
                    id,
                    names,
                    other_names,
                    popularity: popularity.filter(|p| p.is_finite()).unwrap_or(0.0).max(0.0),
                    adult: adult.is_some_and(|a| a != 0),
                    primary_year,
                    years: ys,
                    region_years,
                    facts: facts.remove(&id),
                },
            );
        }
        Ok(ids.iter().filter_map(|id| docs.remove(id)).collect())
    }

    /// The objects the change log touched after `after_seq`, at most `limit` items read (one
    /// statement, two with episode changes, which touch their series' air years), and the
    /// last `seq` read (`after_seq` when none).
    pub fn search_changes(
        &mut self,
        after_seq: i64,
        limit: usize,
    ) -> Result<(Vec<(SearchKind, i64)>, i64)> {
        let limit = limit as i64;
        let rows: Vec<(i64, String, i64)> = self.query(
            "SELECT seq, owner_type, owner_id FROM change_log WHERE seq > $1 ORDER BY seq LIMIT $2",
            &[&after_seq, &limit],
        )?;
        let last = rows.last().map_or(after_seq, |r| r.0);
        let mut touched: Vec<(SearchKind, i64)> = Vec::new();
        let mut episodes: Vec<i64> = Vec::new();
        for (_, owner, id) in rows {
            // `movie_facts`/`tv_facts`: discover facts moved without a TMDB change.
            let kind = SearchKind::from_name(owner.strip_suffix("_facts").unwrap_or(&owner));
            match kind {
                Some(kind) => touched.push((kind, id)),
                None if owner == "episode" => episodes.push(id),
                None => {}
            }
        }
        episodes.sort_unstable();
        episodes.dedup();
        if !episodes.is_empty() {
            let series: Vec<(i64,)> = self.query(
                &format!(
                    "SELECT DISTINCT series_id FROM tv_episode WHERE id IN ({})",
                    in_list(1, episodes.len())
                ),
                &id_params(&episodes),
            )?;
            touched.extend(series.into_iter().map(|s| (SearchKind::Tv, s.0)));
        }
        touched.sort_unstable();
        touched.dedup();
        Ok((touched, last))
    }

    /// `/3/search/collection` entries of `ids`, in that order, text in `lang` (two
    /// statements; none for no ids).
    pub fn collection_results(
        &mut self,
        ids: &[i64],
        lang: &Language,
    ) -> Result<Vec<CollectionResult>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        type Row = (
            i64,
            Option<i64>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let id_params = id_params(ids);
        let list = in_list(1, ids.len());
        let rows: Vec<Row> = self.query(
            &format!(
                "SELECT c.id, (SELECT MIN(COALESCE(m.adult, 0)) FROM movie m WHERE m.collection_id = c.id),
                   c.backdrop_path, c.original_language, c.original_name, c.poster_path,
                   c.primary_language, c.name, c.overview
                 FROM collection c WHERE c.id IN ({list})"
            ),
            &id_params,
        )?;
        let mut params = id_params.clone();
        params.push(&lang.iso_639_1);
        let texts: Vec<(i64, String, Option<String>, Option<String>)> = self.query(
            &format!(
                "SELECT owner_id, iso_3166_1, name, overview FROM translation
                 WHERE owner_type = 'collection' AND owner_id IN ({list}) AND iso_639_1 = ${}
                 ORDER BY owner_id, iso_3166_1",
                ids.len() + 1
            ),
            &params,
        )?;
        let mut by_id: HashMap<i64, Vec<TranslationRow>> = HashMap::new();
        for (id, r, n, o) in texts {
            by_id.entry(id).or_default().push((r, n, o));
        }
        let mut out: HashMap<i64, CollectionResult> = rows
            .into_iter()
            .map(
                |(id, adult, backdrop, orig_lang, orig_name, poster, primary, name, overview)| {
                    let primary = PrimaryText {
                        language: primary,
                        name,
                        overview,
                    };
                    let text = resolve_text(
                        &primary,
                        by_id.get(&id).map(Vec::as_slice).unwrap_or_default(),
                        lang,
                    );
                    let entry = CollectionResult {
                        adult: Some(adult.is_some_and(|a| a != 0)),
                        backdrop_path: backdrop,
                        id,
                        name: text.name,
                        original_language: orig_lang,
                        original_name: orig_name,
                        overview: text.overview,
                        poster_path: poster,
                    };
                    (id, entry)
                },
            )
            .collect();
        Ok(ids.iter().filter_map(|id| out.remove(id)).collect())
    }

    /// `/3/search/person` entries of `ids`, in that order: people as the popular list shows
    /// them, with `known_for` (at most nine statements, as [`Db::person_entries`]).
    pub fn person_results(&mut self, ids: &[i64], lang: &Language) -> Result<Vec<PopularPerson>> {
        Ok(self
            .person_entries(ids, lang)?
            .into_iter()
            .map(|p| PopularPerson {
                adult: p.adult,
                gender: p.gender,
                id: p.id,
                known_for: p
                    .known_for
                    .into_iter()
                    .map(|k| match k {
                        ByMediaType::Tv(tv) => ByMediaType::Tv(KnownForTv {
                            tv: tv.into(),
                            media_type: "tv".into(),
                        }),
                        ByMediaType::Movie(m) => ByMediaType::Movie(KnownForMovie {
                            movie: m.into(),
                            media_type: "movie".into(),
                        }),
                    })
                    .collect(),
                known_for_department: p.known_for_department,
                name: p.name,
                original_name: p.original_name,
                popularity: p.popularity,
                profile_path: p.profile_path,
            })
            .collect())
    }

    /// `/3/search/company` entries of `ids`, in that order (one statement; none for no ids).
    pub fn company_results(&mut self, ids: &[i64]) -> Result<Vec<CompanyResult>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        type Row = (i64, Option<String>, Option<String>, Option<String>);
        let rows: Vec<Row> = self.query(
            &format!(
                "SELECT id, logo_path, name, origin_country FROM company WHERE id IN ({})",
                in_list(1, ids.len())
            ),
            &id_params(ids),
        )?;
        let mut out: HashMap<i64, CompanyResult> = rows
            .into_iter()
            .map(|(id, logo_path, name, origin_country)| {
                let entry = CompanyResult {
                    id,
                    logo_path,
                    name,
                    origin_country: Some(origin_country.unwrap_or_default()),
                };
                (id, entry)
            })
            .collect();
        Ok(ids.iter().filter_map(|id| out.remove(id)).collect())
    }

    /// `/3/search/keyword` entries of `ids`, in that order (one statement; none for no ids).
    pub fn keyword_results(&mut self, ids: &[i64]) -> Result<Vec<KeywordResult>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<(i64, Option<String>)> = self.query(
            &format!(
                "SELECT id, name FROM keyword WHERE id IN ({})",
                in_list(1, ids.len())
            ),
            &id_params(ids),
        )?;
        let mut out: HashMap<i64, KeywordResult> = rows
            .into_iter()
            .map(|(id, name)| (id, KeywordResult { id, name }))
            .collect();
        Ok(ids.iter().filter_map(|id| out.remove(id)).collect())
    }
}

impl crate::Writer<'_> {
    /// Applies a `/3/search/collection` entry given in `language` (a tag): the collection
    /// (created when new), its original name and language, images, and its name and overview
    /// in that language; each change logged on the collection.
    pub fn set_collection_entry(&mut self, c: &CollectionResult, language: &str) -> Result<()> {
        self.ensure_collection(c.id)?;
        let o = crate::Owner::new(crate::OwnerKind::Collection, c.id);
        type Old = (
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let (lang, name, poster, backdrop): Old = self.db.query_one(
            "SELECT original_language, original_name, poster_path, backdrop_path FROM collection WHERE id = $1",
            &[&c.id],
        )?;
        self.db.execute(
            "UPDATE collection SET original_language = $2, original_name = $3, poster_path = $4, backdrop_path = $5
             WHERE id = $1",
            &[
                &c.id,
                &c.original_language,
                &c.original_name,
                &c.poster_path,
                &c.backdrop_path,
            ],
        )?;
        self.diff_field(o, "original_language", &lang, &c.original_language)?;
        self.diff_field(o, "original_name", &name, &c.original_name)?;
        self.diff_field(o, "poster_path", &poster, &c.poster_path)?;
        self.diff_field(o, "backdrop_path", &backdrop, &c.backdrop_path)?;
        self.set_stated_text(o, language, c.name.as_deref(), c.overview.as_deref())
    }

    /// Applies a `/3/search/company` entry: the company (created when new), its name, logo
    /// and country (`""` stays unknown); each change logged on the company.
    pub fn set_company_entry(&mut self, c: &CompanyResult) -> Result<()> {
        self.ensure_company(c.id)?;
        let o = crate::Owner::new(crate::OwnerKind::Company, c.id);
        let country = c.origin_country.clone().filter(|s| !s.is_empty());
        type Old = (Option<String>, Option<String>, Option<String>);
        let (name, logo, old_country): Old = self.db.query_one(
            "SELECT name, logo_path, origin_country FROM company WHERE id = $1",
            &[&c.id],
        )?;
        self.db.execute(
            "UPDATE company SET name = $2, logo_path = $3, origin_country = $4 WHERE id = $1",
            &[&c.id, &c.name, &c.logo_path, &country],
        )?;
        self.diff_field(o, "name", &name, &c.name)?;
        self.diff_field(o, "logo_path", &logo, &c.logo_path)?;
        self.diff_field(o, "origin_country", &old_country, &country)
    }
}
