//! `--out`: the generated catalog as TMDB-shaped import records, one JSON object per line,
//! gzipped, so `reeldb import tmdb` can be measured on the same data.
//!
//! Per series: `/3/tv/{id}?append_to_response=content_ratings` (series details: status, type,
//! creators, production companies and countries, languages, seasons with their episode counts,
//! and the content ratings).
//! Per season: `/3/tv/{id}/season/{n}?append_to_response=credits,external_ids,images,translations,videos`
//! (details with every episode's crew and guest stars, the regular credits, and the rest).
//! Per episode: `/3/tv/{id}/season/{n}/episode/{e}?append_to_response=external_ids,images,translations,videos`.
//! Per movie: `/3/movie/{id}?append_to_response=credits,external_ids,keywords,release_dates,translations`
//! (details with the collection, genres, companies, countries and languages, and the rest).
//! Left out: series external ids, keywords, images and videos, and person details (the people
//! are known through their credits); the episode cast stays the season's regulars, as TMDB
//! serves it.

use crate::details::Details;
use crate::listing::Listing;
use crate::model::{Cred, Img, Series, Text, Vid, World};
use crate::movies::Movie;
use crate::people::People;
use reeldb_wire::common::{
    CastCredit, CreditPerson, CrewCredit, Image, NameOverview, Translation, Translations, Video,
    Videos,
};
use reeldb_wire::movie::{
    CollectionRef, CountryReleases, MovieCastCredit, MovieCredits, MovieDetails, MovieKeyword,
    MovieKeywords, MovieTranslationData, Release, ReleaseDates,
};
use reeldb_wire::tv::{
    EpisodeDetails, EpisodeImages, Network, SeasonCredits, SeasonDetails, SeasonEpisode,
    SeasonImages,
};
use reeldb_wire::tv_series::{Company, Genre, ProductionCountry, SpokenLanguage};
use serde_json::{Map, Value, json};
use std::io::Write;

fn person(people: &People, index: u32) -> CreditPerson {
    let p = people.person(index);
    CreditPerson {
        adult: Some(false),
        gender: Some(p.gender),
        id: p.id,
        known_for_department: Some(p.department.to_owned()),
        name: Some(p.name.clone()),
        original_name: Some(p.name),
        popularity: Some(p.popularity),
        profile_path: p.profile_path,
    }
}

fn cast(people: &People, c: &Cred) -> CastCredit {
    CastCredit {
        person: person(people, c.person),
        character: c.character.clone(),
        credit_id: c.credit_id.clone(),
        order: c.order,
    }
}

fn crew(people: &People, c: &Cred) -> CrewCredit {
    CrewCredit {
        person: person(people, c.person),
        credit_id: c.credit_id.clone(),
        department: c.department.map(str::to_owned),
        job: c.job.map(str::to_owned),
    }
}

fn image(m: &Img) -> Image {
    Image {
        aspect_ratio: Some(m.aspect_ratio),
        height: Some(m.height),
        iso_3166_1: None,
        iso_639_1: m.lang.clone(),
        file_path: m.file_path.clone(),
        vote_average: Some(m.vote_average),
        vote_count: Some(m.vote_count),
        width: Some(m.width),
    }
}

fn video(v: &Vid) -> Video {
    Video {
        iso_639_1: Some(v.lang.clone()),
        iso_3166_1: Some(v.region.clone()),
        name: Some(v.name.clone()),
        key: Some(v.key.clone()),
        site: Some("YouTube".into()),
        size: Some(v.size),
        kind: Some(v.kind.to_owned()),
        official: Some(v.official),
        published_at: Some(v.published_at.clone()),
        id: v.id.clone(),
    }
}

fn translations(id: i64, texts: &[Text]) -> Translations<NameOverview> {
    Translations {
        id,
        translations: texts
            .iter()
            .map(|t| {
                let names = reeldb_store::languages::names(&t.lang);
                Translation {
                    iso_3166_1: t.region.clone(),
                    iso_639_1: t.lang.clone(),
                    name: names.map(|n| n.0.to_owned()),
                    english_name: names.map(|n| n.1.to_owned()),
                    data: NameOverview {
                        name: Some(t.name.clone().unwrap_or_default()),
                        overview: Some(t.overview.clone().unwrap_or_default()),
                    },
                }
            })
            .collect(),
    }
}

fn english(texts: &[Text]) -> (Option<String>, Option<String>) {
    texts
        .iter()
        .find(|t| t.lang == "en" && t.region == "US")
        .map_or((Some(String::new()), Some(String::new())), |t| {
            (
                Some(t.name.clone().unwrap_or_default()),
                Some(t.overview.clone().unwrap_or_default()),
            )
        })
}

fn external_ids(id: i64, ids: &[(&'static str, String)]) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(id));
    for (k, v) in ids {
        let v = match v.parse::<i64>() {
            Ok(n) if k.ends_with("tvdb_id") => json!(n),
            _ => json!(v),
        };
        m.insert((*k).to_owned(), v);
    }
    Value::Object(m)
}

fn to_value<T: serde::Serialize>(v: &T) -> std::io::Result<Value> {
    serde_json::to_value(v).map_err(std::io::Error::other)
}

fn line(out: &mut impl Write, request: String, response: Value) -> std::io::Result<()> {
    serde_json::to_writer(
        &mut *out,
        &json!({"request": request, "response": response}),
    )
    .map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// Series details with its content ratings appended, as TMDB sends them.
fn series_details(
    world: &World,
    x: &Series,
    l: &Listing,
    d: &Details,
    networks: &[Network],
) -> Value {
    let (name, overview) = english(&x.texts);
    let organisation = |c: &crate::people::Company| json!({"id": c.id, "logo_path": c.logo_path, "name": c.name, "origin_country": c.origin_country});
    let country_name = |code: &str| {
        crate::details::COUNTRIES
            .iter()
            .find(|c| c.0 == code)
            .map(|c| c.1)
    };
    json!({
        "adult": l.adult,
        "backdrop_path": l.backdrop_path,
        "created_by": d.creators.iter().map(|(p, credit_id)| {
            let p = world.people.person(*p);
            json!({"id": p.id, "credit_id": credit_id, "name": p.name, "original_name": p.name,
                   "gender": p.gender, "profile_path": p.profile_path})
        }).collect::<Vec<_>>(),
        "episode_run_time": d.episode_run_time,
        "first_air_date": x.first_air_date,
        "genres": l.genre_ids.iter().map(|g| {
            let name = crate::listing::TV_GENRES.iter().find(|t| t.0 == *g).map(|t| t.1);
            json!({"id": g, "name": name})
        }).collect::<Vec<_>>(),
        "homepage": d.homepage.clone().unwrap_or_default(),
        "id": x.id,
        "in_production": d.in_production,
        "languages": d.languages,
        "last_air_date": d.last_air_date,
        "name": name,
        "networks": networks,
        "number_of_episodes": d.number_of_episodes,
        "number_of_seasons": d.number_of_seasons,
        "origin_country": [x.origin_country],
        "original_language": x.original_language,
        "original_name": x.original_name,
        "overview": overview,
        "popularity": l.popularity,
        "poster_path": l.poster_path,
        "production_companies": d.companies.iter().map(|c| organisation(&world.companies[*c])).collect::<Vec<_>>(),
        "production_countries": d.production_countries.iter().map(|c| {
            json!({"iso_3166_1": c, "name": country_name(c)})
        }).collect::<Vec<_>>(),
        "seasons": x.seasons.iter().map(|s| {
            let (name, overview) = english(&s.texts);
            json!({"air_date": s.air_date, "episode_count": s.episodes.len(), "id": s.id,
                   "name": name, "overview": overview, "poster_path": s.poster_path,
                   "season_number": s.number, "vote_average": s.vote_average})
        }).collect::<Vec<_>>(),
        "spoken_languages": d.spoken_languages.iter().map(|code| {
            let names = reeldb_store::languages::names(code);
            json!({"english_name": names.map(|n| n.1), "iso_639_1": code, "name": names.map(|n| n.0)})
        }).collect::<Vec<_>>(),
        "status": d.status,
        "tagline": d.tagline.clone().unwrap_or_default(),
        "type": d.series_type,
        "vote_average": x.vote_average,
        "vote_count": x.vote_count,
        "content_ratings": {
            "results": d.ratings.iter().map(|r| {
                json!({"descriptors": r.descriptors, "iso_3166_1": r.country, "rating": r.rating})
            }).collect::<Vec<_>>(),
            "id": x.id,
        },
    })
}

/// Writes the records of one series (its details first, then its seasons and episodes);
/// returns how many.
pub fn write_series(
    out: &mut impl Write,
    world: &World,
    x: &Series,
    l: &Listing,
    d: &Details,
) -> std::io::Result<u64> {
    let people = &world.people;
    let networks = &world.networks;
    let nets: Vec<Network> = x
        .networks
        .iter()
        .map(|i| {
            let n = &networks[*i];
            Network {
                id: n.id,
                logo_path: n.logo_path.clone(),
                name: Some(n.name.clone()),
                origin_country: Some(n.origin_country.clone()),
            }
        })
        .collect();
    line(
        out,
        format!("/3/tv/{}?append_to_response=content_ratings", x.id),
        series_details(world, x, l, d, &nets),
    )?;
    let mut n = 1;
    for s in &x.seasons {
        let (name, overview) = english(&s.texts);
        let details = SeasonDetails {
            object_id: Some(s.object_id.clone()),
            air_date: Some(s.air_date.clone()),
            episodes: s
                .episodes
                .iter()
                .map(|e| {
                    let (name, overview) = english(&e.texts);
                    SeasonEpisode {
                        air_date: Some(e.air_date.clone()),
                        episode_number: e.number,
                        episode_type: Some(e.episode_type.to_owned()),
                        id: e.id,
                        name,
                        overview,
                        production_code: e.production_code.clone(),
                        runtime: Some(e.runtime),
                        season_number: s.number,
                        show_id: Some(x.id),
                        still_path: e.still_path.clone(),
                        vote_average: Some(e.vote_average),
                        vote_count: Some(e.vote_count),
                        crew: e.crew.iter().map(|c| crew(people, c)).collect(),
                        guest_stars: e.guests.iter().map(|c| cast(people, c)).collect(),
                    }
                })
                .collect(),
            name,
            networks: nets.clone(),
            overview,
            id: s.id,
            poster_path: s.poster_path.clone(),
            season_number: s.number,
            vote_average: Some(s.vote_average),
        };
        let mut resp = to_value(&details)?;
        if let Some(m) = resp.as_object_mut() {
            m.insert(
                "credits".into(),
                to_value(&SeasonCredits {
                    cast: s.cast.iter().map(|c| cast(people, c)).collect(),
                    crew: s.crew.iter().map(|c| crew(people, c)).collect(),
                    id: s.id,
                })?,
            );
            m.insert("external_ids".into(), external_ids(s.id, &s.external_ids));
            m.insert(
                "images".into(),
                to_value(&SeasonImages {
                    id: s.id,
                    posters: s.posters.iter().map(image).collect(),
                })?,
            );
            m.insert(
                "translations".into(),
                to_value(&translations(s.id, &s.texts))?,
            );
            m.insert(
                "videos".into(),
                to_value(&Videos {
                    id: s.id,
                    results: s.videos.iter().map(video).collect(),
                })?,
            );
        }
        line(
            out,
            format!(
                "/3/tv/{}/season/{}?append_to_response=credits,external_ids,images,translations,videos",
                x.id, s.number
            ),
            resp,
        )?;
        n += 1;
        for e in &s.episodes {
            let (name, overview) = english(&e.texts);
            let details = EpisodeDetails {
                air_date: Some(e.air_date.clone()),
                crew: e.crew.iter().map(|c| crew(people, c)).collect(),
                episode_number: e.number,
                episode_type: None,
                guest_stars: e.guests.iter().map(|c| cast(people, c)).collect(),
                name,
                overview,
                id: e.id,
                production_code: e.production_code.clone(),
                runtime: Some(e.runtime),
                season_number: s.number,
                still_path: e.still_path.clone(),
                vote_average: Some(e.vote_average),
                vote_count: Some(e.vote_count),
            };
            let mut resp = to_value(&details)?;
            if let Some(m) = resp.as_object_mut() {
                m.insert("episode_type".into(), json!(e.episode_type));
                m.insert("external_ids".into(), external_ids(e.id, &e.external_ids));
                m.insert(
                    "images".into(),
                    to_value(&EpisodeImages {
                        id: e.id,
                        stills: e.stills.iter().map(image).collect(),
                    })?,
                );
                m.insert(
                    "translations".into(),
                    to_value(&translations(e.id, &e.texts))?,
                );
                m.insert(
                    "videos".into(),
                    to_value(&Videos {
                        id: e.id,
                        results: e.videos.iter().map(video).collect(),
                    })?,
                );
            }
            line(
                out,
                format!(
                    "/3/tv/{}/season/{}/episode/{}?append_to_response=external_ids,images,translations,videos",
                    x.id, s.number, e.number
                ),
                resp,
            )?;
            n += 1;
        }
    }
    Ok(n)
}

/// The details of movie `m` with its credits, external ids, keywords, release dates and
/// translations appended: `/3/movie/{id}?append_to_response=credits,external_ids,keywords,release_dates,translations`.
/// One record per movie; returns 1.
pub fn write_movie(out: &mut impl Write, world: &World, m: &Movie) -> std::io::Result<u64> {
    let people = &world.people;
    let p = m.primary();
    let genre_name = |g: i64| {
        crate::listing::TV_GENRES
            .iter()
            .chain(crate::movies::MOVIE_ONLY_GENRES)
            .find(|t| t.0 == g)
            .map(|t| t.1.to_owned())
    };
    let details = MovieDetails {
        adult: Some(m.adult),
        backdrop_path: m.backdrop_path.clone(),
        belongs_to_collection: m.collection.map(|c| {
            let c = crate::movies::collection(world.seed, c);
            CollectionRef {
                id: c.id,
                name: Some(c.name),
                poster_path: c.poster_path,
                backdrop_path: c.backdrop_path,
            }
        }),
        budget: Some(m.budget),
        genres: m
            .genre_ids
            .iter()
            .map(|g| Genre {
                id: *g,
                name: genre_name(*g),
            })
            .collect(),
        homepage: Some(p.homepage.clone().unwrap_or_default()),
        id: m.id,
        imdb_id: m.imdb_id().map(str::to_owned),
        origin_country: vec![m.origin_country.clone()],
        original_language: Some(m.original_language.clone()),
        original_title: Some(m.original_title.clone()),
        overview: Some(p.overview.clone().unwrap_or_default()),
        popularity: Some(m.popularity),
        poster_path: m.poster_path.clone(),
        production_companies: m
            .companies
            .iter()
            .map(|c| {
                let c = &world.companies[*c];
                Company {
                    id: c.id,
                    logo_path: c.logo_path.clone(),
                    name: Some(c.name.clone()),
                    origin_country: Some(c.origin_country.clone()),
                }
            })
            .collect(),
        production_countries: m
            .production_countries
            .iter()
            .map(|c| ProductionCountry {
                iso_3166_1: c.clone(),
                name: crate::details::COUNTRIES
                    .iter()
                    .find(|x| x.0 == c)
                    .map(|x| x.1.to_owned()),
            })
            .collect(),
        release_date: Some(m.release_date.clone()),
        revenue: Some(m.revenue),
        runtime: Some(m.runtime),
        spoken_languages: m
            .spoken_languages
            .iter()
            .map(|code| {
                let names = reeldb_store::languages::names(code);
                SpokenLanguage {
                    english_name: names.map(|n| n.1.to_owned()),
                    iso_639_1: code.clone(),
                    name: names.map(|n| n.0.to_owned()),
                }
            })
            .collect(),
        status: Some(m.status.to_owned()),
        tagline: Some(p.tagline.clone().unwrap_or_default()),
        title: Some(p.title.clone()),
        video: Some(m.video),
        vote_average: Some(m.vote_average),
        vote_count: Some(m.vote_count),
    };
    let credits = MovieCredits {
        id: m.id,
        cast: m
            .cast
            .iter()
            .map(|c| {
                let plain = cast(people, &c.cred);
                MovieCastCredit {
                    person: plain.person,
                    cast_id: Some(c.cast_id),
                    character: plain.character,
                    credit_id: plain.credit_id,
                    order: plain.order,
                }
            })
            .collect(),
        crew: m.crew.iter().map(|c| crew(people, c)).collect(),
    };
    let mut results: Vec<CountryReleases> = Vec::new();
    for r in &m.releases {
        if results.last().is_none_or(|c| c.iso_3166_1 != r.country) {
            results.push(CountryReleases {
                iso_3166_1: r.country.to_owned(),
                release_dates: Vec::new(),
            });
        }
        if let Some(c) = results.last_mut() {
            c.release_dates.push(Release {
                certification: Some(r.certification.to_owned()),
                descriptors: r.descriptors.iter().map(|d| (*d).to_owned()).collect(),
                iso_639_1: Some(String::new()),
                note: Some(r.note.to_owned()),
                release_date: Some(format!("{}T00:00:00.000Z", r.date)),
                release_type: Some(r.kind),
            });
        }
    }
    let translations = Translations {
        id: m.id,
        translations: m
            .texts
            .iter()
            .map(|t| {
                let names = reeldb_store::languages::names(&t.lang);
                Translation {
                    iso_3166_1: t.region.clone(),
                    iso_639_1: t.lang.clone(),
                    name: names.map(|n| n.0.to_owned()),
                    english_name: names.map(|n| n.1.to_owned()),
                    data: MovieTranslationData {
                        homepage: Some(t.homepage.clone().unwrap_or_default()),
                        overview: Some(t.overview.clone().unwrap_or_default()),
                        runtime: t.runtime,
                        tagline: Some(t.tagline.clone().unwrap_or_default()),
                        title: Some(t.title.clone()),
                    },
                }
            })
            .collect(),
    };
    let keywords = MovieKeywords {
        id: m.id,
        keywords: m
            .keyword_ids
            .iter()
            .map(|k| MovieKeyword {
                id: *k,
                name: Some(crate::listing::keyword_name(*k)),
            })
            .collect(),
    };
    let mut resp = to_value(&details)?;
    if let Some(o) = resp.as_object_mut() {
        o.insert("credits".into(), to_value(&credits)?);
        o.insert("external_ids".into(), external_ids(m.id, &m.external_ids));
        o.insert("keywords".into(), to_value(&keywords)?);
        o.insert(
            "release_dates".into(),
            to_value(&ReleaseDates { id: m.id, results })?,
        );
        o.insert("translations".into(), to_value(&translations)?);
    }
    line(
        out,
        format!(
            "/3/movie/{}?append_to_response=credits,external_ids,keywords,release_dates,translations",
            m.id
        ),
        resp,
    )?;
    Ok(1)
}
