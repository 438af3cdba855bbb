//! The demo's real films (`demo/films.jsonl`, derived by `tools/build_demo_films.py` from the
//! CC0 Wikidata snapshot in bokeh-sampledata; see docs/DEMO.md): local objects with ids in the
//! reserved range, seeded through the store's bulk path in one transaction.

use crate::ImportError;
use reeldb_store::bulk::{Bulk, SeedCredit, SeedMovie, seed};
use reeldb_store::db::Db;
use reeldb_store::local_ids::local_credit_id;
use serde::Deserialize;

/// The films file, one tagged object per line.
pub const FILMS: &str = include_str!("../demo/films.jsonl");

/// The language tag of the films' titles (the source's English titles; no region).
const TITLE_LANGUAGE: &str = "en";

#[derive(Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum Line {
    Genre {
        id: i64,
        name: String,
    },
    Country {
        iso_3166_1: String,
        english_name: String,
    },
    Company {
        id: i64,
        name: String,
    },
    Person {
        id: i64,
        name: String,
        known_for_department: String,
    },
    Movie(Box<Film>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Film {
    id: i64,
    imdb_id: String,
    title: String,
    original_title: Option<String>,
    original_language: Option<String>,
    release_date: Option<String>,
    runtime: Option<i64>,
    revenue: Option<i64>,
    genre_ids: Vec<i64>,
    production_countries: Vec<String>,
    spoken_languages: Vec<String>,
    production_companies: Vec<i64>,
    cast: Vec<i64>,
    directors: Vec<i64>,
    writers: Vec<i64>,
}

/// What the films file seeds.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FilmCounts {
    pub movies: usize,
    pub people: usize,
    pub companies: usize,
    pub rows: usize,
}

/// Seeds the films on `db` in one transaction (the store's bulk path).
pub(crate) fn seed_films(db: &mut Db) -> Result<FilmCounts, ImportError> {
    let (mut counts, rows) = seed(db, write_films)?;
    counts.rows = rows;
    Ok(counts)
}

/// Parses the films file line by line, writing each line's rows.
fn write_films(bulk: &mut Bulk) -> Result<FilmCounts, ImportError> {
    let mut counts = FilmCounts::default();
    for (n, line) in FILMS.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Line = serde_json::from_str(line)
            .map_err(|e| ImportError::BadRecord(format!("demo films line {}: {e}", n + 1)))?;
        match parsed {
            Line::Genre { id, name } => bulk.genre(id, &name)?,
            Line::Country {
                iso_3166_1,
                english_name,
            } => bulk.country(&iso_3166_1, &english_name)?,
            Line::Company { id, name } => {
                bulk.company(id, &name)?;
                counts.companies += 1;
            }
            Line::Person {
                id,
                name,
                known_for_department,
            } => {
                bulk.person(id, &name, &known_for_department)?;
                counts.people += 1;
            }
            Line::Movie(f) => {
                film(bulk, &f)?;
                counts.movies += 1;
            }
        }
    }
    Ok(counts)
}

fn film(bulk: &mut Bulk, f: &Film) -> reeldb_store::Result<()> {
    bulk.movie(
        &SeedMovie {
            id: f.id,
            title: &f.title,
            original_title: f.original_title.as_deref(),
            original_language: f.original_language.as_deref(),
            text_language: TITLE_LANGUAGE,
            release_date: f.release_date.as_deref(),
            runtime: f.runtime,
            revenue: f.revenue,
        },
        Some(&f.imdb_id),
    )?;
    bulk.movie_genres(f.id, &f.genre_ids)?;
    bulk.movie_code_list(f.id, "production_countries", &f.production_countries)?;
    bulk.movie_code_list(f.id, "spoken_languages", &f.spoken_languages)?;
    bulk.movie_companies(f.id, &f.production_companies)?;
    // Credit ids number the film's credits: cast first (in the source's order, which is
    // alphabetical, not billing), then directors, then writers.
    let mut n = 0u32;
    let mut credit = |bulk: &mut Bulk, kind, person_id, department, job, position: usize| {
        n += 1;
        bulk.movie_credit(SeedCredit {
            movie_id: f.id,
            kind,
            credit_id: local_credit_id(f.id, n - 1),
            person_id,
            department,
            job,
            order: (kind == "cast").then_some(position as i64),
            position: position as i64,
        })
    };
    for (pos, p) in f.cast.iter().enumerate() {
        credit(bulk, "cast", *p, None, None, pos)?;
    }
    let crew = f
        .directors
        .iter()
        .map(|p| (*p, Some("Directing"), Some("Director")))
        .chain(
            f.writers
                .iter()
                .map(|p| (*p, Some("Writing"), Some("Writer"))),
        );
    for (pos, (p, department, job)) in crew.enumerate() {
        credit(bulk, "crew", p, department, job, pos)?;
    }
    Ok(())
}
