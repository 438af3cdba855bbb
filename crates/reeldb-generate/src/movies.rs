//! Movies: one movie at a time with its text, genres, keywords, companies, countries,
//! languages, release dates, external ids and credits, and the collections some belong to.
//!
//! Every movie draws from its own ChaCha8 stream ([`STREAM_MOVIES`] + index) and collections
//! from theirs ([`STREAM_COLLECTIONS`] + index), streams nothing else uses, so adding movies
//! left every earlier draw (series, people, networks, companies) unchanged. Movie ids follow
//! from the index (`1 + i + i / 4`: dense with gaps, as TMDB's), so a movie is the same whatever
//! else is generated.
//!
//! From real data ([`crate::dist`], movies.db): runtime, release year and month (for films up to
//! 2014), original language and origin country, genres and genres per film, cast size, directors
//! and writers per film (key crew), the vote-count tail and the rating. The rest are simple,
//! stated choices:
//! - **Dates**: half the movies are from 2015 to mid-2027 (uniform by day; TMDB's catalog grows
//!   fastest in recent years, and the movie lists need current and upcoming releases), the
//!   others have movies.db's 1940-2014 shape. A movie dated after [`CATALOG_DAY`] (2026-12-01)
//!   is not released yet (Post Production, In Production or Planned), has no votes and often no
//!   runtime; the dates are fixed by the seed, not by the day the catalog is generated.
//! - **Richness** (how documented a movie is) as for series: 0 for 40 %, else `u^1.5`; movie 0
//!   is complete (a flagship like the spec's Fight Club). Cast, crew, keywords, translations,
//!   release countries, budget, tagline and homepage grow with it.
//! - **Credits**: the cast is a movies.db cast size times `0.3 + 1.2 x richness`, each with a
//!   character, `order` and an increasing `cast_id`; the crew starts with movies.db's directors
//!   and writers (Director first, then Screenplay / Writer / Novel) and documented movies add
//!   producers, photography, editing, music, design and costumes (up to ~25); a complete movie
//!   has at least eight cast members and a director. People are drawn
//!   by activity from the people pool, as series' are.
//! - **Release dates**: the origin country first (Theatrical, with a Premiere before it and
//!   Digital after it for documented movies), then the US and up to six more countries; each
//!   country's certification from its real movie rating system at one maturity level per movie
//!   (family and animation low), empty now and then as TMDB's often are.
//! - **Collections**: movies `i` with `i % 50 < 3` belong to collection `i / 50` (three films
//!   each, 6 % of movies); the rest have none.
//! - **Popularity**: Pareto as series' (capped at 5,000), three times higher for 2024-2027
//!   releases; the flagship's is in the hundreds. Adult: one movie in 200; `video`: one in 100.
//! - **IMDb ids** `tt` + (30,000,000 + 2 x id) (above every series' and episode's), wikidata ids
//!   `Q` + (50,000,000 + id): unique.

use crate::fake::*;
use crate::model::{Cred, DEPARTMENTS, EXTRA_LANGUAGES, World};
use crate::{dist, model};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const STREAM_MOVIES: u64 = 8 << 40;
const STREAM_COLLECTIONS: u64 = 9 << 40;

/// Movies per collection block: movies `i` with `i % BLOCK < MEMBERS` form collection `i / BLOCK`.
const COLLECTION_BLOCK: u64 = 50;
const COLLECTION_MEMBERS: u64 = 3;

/// The catalog's "today" for a movie's status (fixed, so the catalog is the seed's alone).
pub fn catalog_day() -> i64 {
    days_from_civil(2026, 12, 1)
}
/// [`catalog_day`] as a date.
pub const CATALOG_DAY: &str = "2026-12-01";

/// TMDB's movie genres that are not TV genres too (`/3/genre/movie/list`); the shared ones
/// (Animation, Comedy, Crime, Documentary, Drama, Family, Mystery, Western) are in
/// [`crate::listing::TV_GENRES`].
pub const MOVIE_ONLY_GENRES: &[(i64, &str)] = &[
    (28, "Action"),
    (12, "Adventure"),
    (14, "Fantasy"),
    (36, "History"),
    (27, "Horror"),
    (10402, "Music"),
    (10749, "Romance"),
    (878, "Science Fiction"),
    (10770, "TV Movie"),
    (53, "Thriller"),
    (10752, "War"),
];

/// Movie rating systems as TMDB lists their certifications, mildest first.
const CERTIFICATIONS: &[(&str, &[&str])] = &[
    ("US", &["G", "PG", "PG-13", "R", "NC-17"]),
    ("GB", &["U", "PG", "12A", "15", "18"]),
    ("DE", &["0", "6", "12", "16", "18"]),
    ("FR", &["U", "10", "12", "16", "18"]),
    ("CA", &["G", "PG", "14A", "18A", "R"]),
    ("AU", &["G", "PG", "M", "MA15+", "R18+"]),
    ("BR", &["L", "10", "12", "14", "16", "18"]),
    ("ES", &["A", "7", "12", "16", "18"]),
    ("NL", &["AL", "6", "9", "12", "14", "16", "18"]),
    ("KR", &["ALL", "12", "15", "18"]),
    ("JP", &["G", "PG12", "R15+", "R18+"]),
    ("IT", &["T", "6+", "14+", "18+"]),
];

/// Crew jobs documented movies add beyond directors and writers, by department index of
/// [`DEPARTMENTS`].
const EXTRA_JOBS: &[(usize, &str)] = &[
    (3, "Producer"),
    (3, "Executive Producer"),
    (3, "Casting"),
    (4, "Director of Photography"),
    (5, "Editor"),
    (6, "Original Music Composer"),
    (6, "Sound Designer"),
    (7, "Production Design"),
    (7, "Art Direction"),
    (8, "Costume Design"),
    (8, "Makeup Artist"),
];
const WRITING_JOBS: &[&str] = &["Screenplay", "Writer", "Novel", "Story"];

/// One text of a movie: title, overview and tagline in one language.
#[derive(Debug, Clone)]
pub struct MovieText {
    pub lang: String,
    pub region: String,
    pub title: String,
    pub overview: Option<String>,
    pub tagline: Option<String>,
    pub homepage: Option<String>,
    pub runtime: Option<i64>,
}

/// One release: country, certification, date (`YYYY-MM-DD`), TMDB release type (1 premiere,
/// 2 limited, 3 theatrical, 4 digital, 5 physical, 6 TV), note and descriptors.
#[derive(Debug, Clone)]
pub struct Release {
    pub country: &'static str,
    pub certification: &'static str,
    pub date: String,
    pub kind: i64,
    pub note: &'static str,
    pub descriptors: Vec<&'static str>,
}

/// A cast credit with its `cast_id`.
#[derive(Debug, Clone)]
pub struct CastCred {
    pub cred: Cred,
    pub cast_id: i64,
}

#[derive(Debug, Clone)]
pub struct Movie {
    pub id: i64,
    pub richness: f64,
    pub adult: bool,
    pub original_language: String,
    pub original_title: String,
    pub origin_country: String,
    pub release_date: String,
    pub status: &'static str,
    pub runtime: i64,
    pub budget: i64,
    pub revenue: i64,
    pub popularity: f64,
    pub vote_average: f64,
    pub vote_count: i64,
    pub video: bool,
    pub poster_path: Option<String>,
    pub backdrop_path: Option<String>,
    /// Collection index (see [`collection`]).
    pub collection: Option<u64>,
    /// en-US first (the primary text), then the others.
    pub texts: Vec<MovieText>,
    pub genre_ids: Vec<i64>,
    pub keyword_ids: Vec<i64>,
    /// Indexes into [`World::companies`].
    pub companies: Vec<usize>,
    pub production_countries: Vec<String>,
    pub spoken_languages: Vec<String>,
    pub releases: Vec<Release>,
    pub external_ids: Vec<(&'static str, String)>,
    pub cast: Vec<CastCred>,
    pub crew: Vec<Cred>,
    pub change_id: String,
}

impl Movie {
    /// The en-US text (always the first).
    pub fn primary(&self) -> &MovieText {
        &self.texts[0]
    }

    pub fn imdb_id(&self) -> Option<&str> {
        self.external_ids
            .iter()
            .find(|e| e.0 == "imdb_id")
            .map(|e| e.1.as_str())
    }
}

/// A collection: id, name, poster and backdrop.
#[derive(Debug, Clone)]
pub struct Collection {
    pub id: i64,
    pub name: String,
    pub poster_path: Option<String>,
    pub backdrop_path: Option<String>,
}

/// The TMDB id of movie `index`.
pub fn movie_id(index: u64) -> i64 {
    let i = index as i64;
    1 + i + i / 4
}

/// How many collections a catalog of `movies` movies has.
pub fn collection_count(movies: u64) -> u64 {
    movies.div_ceil(COLLECTION_BLOCK)
}

/// Collection `index` (0-based).
pub fn collection(seed: u64, index: u64) -> Collection {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(STREAM_COLLECTIONS + index);
    let rng = &mut rng;
    Collection {
        id: 1 + index as i64,
        name: format!("{} Collection", title(rng)),
        poster_path: rng.random_bool(0.8).then(|| image_path(rng)),
        backdrop_path: rng.random_bool(0.7).then(|| image_path(rng)),
    }
}

/// Draws `n` distinct values of `d` (fewer when it has fewer).
fn distinct<T: Clone + PartialEq>(rng: &mut ChaCha8Rng, d: &dist::Discrete<T>, n: usize) -> Vec<T> {
    let mut v: Vec<T> = Vec::new();
    for _ in 0..n * 3 {
        if v.len() >= n {
            break;
        }
        let x = d.sample(rng);
        if !v.contains(&x) {
            v.push(x);
        }
    }
    v
}

/// Movie `index` (0-based) of the world, in a catalog with `keywords` keywords.
pub fn movie(world: &World, index: u64, keywords: i64) -> Movie {
    let mut rng = ChaCha8Rng::seed_from_u64(world.seed);
    rng.set_stream(STREAM_MOVIES + index);
    let rng = &mut rng;
    let d = &world.dist;
    let cap = |n: i64| n.min(world.scale.cap);
    let id = movie_id(index);
    let richness = if index == 0 {
        1.0
    } else if rng.random_bool(0.4) {
        0.0
    } else {
        rng.random::<f64>().powf(1.5)
    };
    let original_language = d.languages.sample(rng);
    let origin_country = d.countries.sample(rng);
    let original_title = title(rng);

    // The flagship is from the movies.db years, so released.
    let day = if index != 0 && rng.random_bool(0.5) {
        rng.random_range(days_from_civil(2015, 1, 1)..days_from_civil(2027, 7, 1))
    } else {
        let year = d.release_year.sample(rng);
        let month = d.release_month.sample(rng);
        days_from_civil(year, month, rng.random_range(1..=28))
    };
    let released = day <= catalog_day();
    let status = if released {
        "Released"
    } else {
        match rng.random_range(0..10) {
            0..5 => "Post Production",
            5..8 => "In Production",
            _ => "Planned",
        }
    };
    let runtime = if (released || rng.random_bool(0.5)) && (richness > 0.0 || rng.random_bool(0.7))
    {
        (d.runtime_minutes.sample(rng) + rng.random_range(0..5)).max(1)
    } else {
        0
    };

    let (budget, revenue) = if rng.random_bool(0.05 + 0.7 * richness) {
        let budget =
            (dist::log_normal(rng, 15.4 + 2.0 * richness, 1.2) / 1000.0).round() as i64 * 1000;
        let revenue = if released && rng.random_bool(0.8) {
            (budget as f64 * dist::log_normal(rng, 0.3, 1.0)).round() as i64
        } else {
            0
        };
        (budget, revenue)
    } else {
        (0, 0)
    };
    let recent = day >= days_from_civil(2024, 1, 1);
    let popularity = if index == 0 {
        round3(400.0 + rng.random_range(0.0..200.0))
    } else {
        let p = (0.6 + 20.0 * richness) * dist::pareto(rng, d.pareto_alpha);
        round3((p * if recent { 3.0 } else { 1.0 }).min(5_000.0))
    };
    let vote_count = if !released || (richness == 0.0 && rng.random_bool(0.5)) {
        0
    } else {
        (d.review_count(rng) as f64 * (0.1 + 30.0 * richness * richness)).round() as i64
    };
    let vote_average = if vote_count > 0 {
        round3(d.rating(rng))
    } else {
        0.0
    };

    // Text: en-US first (the primary text), the original language, then translations.
    let tagline = rng.random_bool(0.1 + 0.8 * richness).then(|| {
        let n = rng.random_range(3..9);
        sentence(rng, n)
    });
    let homepage = rng
        .random_bool(0.05 + 0.8 * richness)
        .then(|| format!("https://www.{}.com/", crate::details::slug(&original_title)));
    let en_title = if original_language == "en" {
        original_title.clone()
    } else {
        title(rng)
    };
    let sentences = rng.random_range(1..4);
    let mut texts = vec![MovieText {
        lang: "en".into(),
        region: "US".into(),
        title: en_title,
        overview: (richness > 0.0 || rng.random_bool(0.7)).then(|| overview(rng, sentences)),
        tagline: tagline.clone(),
        homepage: homepage.clone(),
        runtime: Some(runtime),
    }];
    if original_language != "en" {
        texts.push(MovieText {
            lang: original_language.clone(),
            region: origin_country.clone(),
            title: original_title.clone(),
            overview: rng.random_bool(0.6).then(|| overview(rng, 2)),
            tagline: None,
            homepage: None,
            runtime: Some(runtime),
        });
    }
    let n_extra = cap((richness * 8.0).round() as i64);
    for _ in 0..n_extra {
        let (l, r, _) = EXTRA_LANGUAGES[rng.random_range(0..EXTRA_LANGUAGES.len())];
        if texts.iter().any(|t| t.lang == l) {
            continue;
        }
        texts.push(MovieText {
            lang: l.into(),
            region: r.into(),
            title: title(rng),
            overview: rng.random_bool(0.7).then(|| overview(rng, 2)),
            tagline: rng.random_bool(0.3).then(|| sentence(rng, 5)),
            homepage: None,
            runtime: Some(0),
        });
    }

    let n_genres = (d.genres_per_film.sample(rng) as usize).min(world.scale.cap as usize);
    let genre_ids = distinct(rng, &d.movie_genres, n_genres);
    let n_keywords = cap((richness * 15.0 * rng.random::<f64>()).round() as i64);
    let mut keyword_ids = Vec::new();
    for _ in 0..n_keywords {
        let k = (1 + ((keywords as f64) * rng.random::<f64>().powi(3)) as i64).min(keywords);
        if !keyword_ids.contains(&k) {
            keyword_ids.push(k);
        }
    }
    let n_companies = if rng.random_bool(0.6 + 0.4 * richness) {
        rng.random_range(1..=3)
    } else {
        0
    };
    let mut companies: Vec<usize> = Vec::new();
    for _ in 0..cap(n_companies) {
        let c = world.company_weights.sample(rng);
        if !companies.contains(&c) {
            companies.push(c);
        }
    }
    let mut production_countries = vec![origin_country.clone()];
    if let Some(c) = companies.first() {
        let cc = &world.companies[*c].origin_country;
        if cc != &origin_country && rng.random_bool(0.3) {
            production_countries.push(cc.clone());
        }
    }
    let mut spoken_languages = vec![original_language.clone()];
    if original_language != "en" && rng.random_bool(0.3) {
        spoken_languages.push("en".into());
    }

    let releases = releases(rng, index, richness, day, &origin_country, &genre_ids);

    let mut external_ids = Vec::new();
    if index == 0 || rng.random_bool(0.6 + 0.4 * richness) {
        external_ids.push(("imdb_id", format!("tt{}", 30_000_000 + 2 * id)));
    }
    if rng.random_bool(0.2 + 0.7 * richness) {
        external_ids.push(("wikidata_id", format!("Q{}", 50_000_000 + id)));
    }

    let (cast, crew) = credits(world, rng, richness);

    Movie {
        id,
        richness,
        adult: index != 0 && rng.random_bool(0.005),
        video: index != 0 && rng.random_bool(0.01),
        poster_path: rng
            .random_bool(0.4 + 0.6 * richness)
            .then(|| image_path(rng)),
        backdrop_path: rng
            .random_bool(0.2 + 0.8 * richness)
            .then(|| image_path(rng)),
        change_id: object_id(rng),
        original_language,
        original_title,
        origin_country,
        release_date: day_string(day),
        status,
        runtime,
        budget,
        revenue,
        popularity,
        vote_average,
        vote_count,
        collection: (index % COLLECTION_BLOCK < COLLECTION_MEMBERS)
            .then_some(index / COLLECTION_BLOCK),
        texts,
        genre_ids,
        keyword_ids,
        companies,
        production_countries,
        spoken_languages,
        releases,
        external_ids,
        cast,
        crew,
    }
}

/// Cast (with characters, order and `cast_id`) and crew of a movie of `richness`.
fn credits(world: &World, rng: &mut ChaCha8Rng, richness: f64) -> (Vec<CastCred>, Vec<Cred>) {
    let d = &world.dist;
    let cap = |n: i64| n.min(world.scale.cap);
    let people = &world.people;
    // A complete movie always has a cast and a director.
    let complete = i64::from(richness >= 1.0);
    let n_cast = cap(
        ((d.cast_size.sample(rng) as f64 * (0.3 + 1.2 * richness)).round() as i64)
            .max(8 * complete),
    );
    let mut cast: Vec<CastCred> = Vec::new();
    let mut cast_id = 0;
    for order in 0..n_cast {
        let taken: Vec<u32> = cast.iter().map(|c| c.cred.person).collect();
        let p = people.draw_new(rng, model::ACTING, &taken);
        if taken.contains(&p) {
            continue;
        }
        cast_id += rng.random_range(1..=3);
        cast.push(CastCred {
            cred: Cred {
                credit_id: object_id(rng),
                person: p,
                character: Some(person_name(rng)),
                department: None,
                job: None,
                order: Some(order),
            },
            cast_id,
        });
    }
    let mut crew: Vec<Cred> = Vec::new();
    let add = |rng: &mut ChaCha8Rng, dept: usize, job: &'static str, crew: &mut Vec<Cred>| {
        let taken: Vec<u32> = crew
            .iter()
            .filter(|c| c.job == Some(job))
            .map(|c| c.person)
            .collect();
        let p = people.draw_new(rng, dept, &taken);
        if !taken.contains(&p) {
            crew.push(Cred {
                credit_id: object_id(rng),
                person: p,
                character: None,
                department: Some(DEPARTMENTS[dept].0),
                job: Some(job),
                order: None,
            });
        }
    };
    let key = cap(d.crew_size.sample(rng).max(complete));
    for k in 0..key {
        if k == 0 {
            add(rng, model::DIRECTING, "Director", &mut crew);
        } else {
            let job = pick(rng, WRITING_JOBS);
            add(rng, model::WRITING, job, &mut crew);
        }
    }
    let extra = cap((richness * richness * 25.0 * rng.random::<f64>()).round() as i64);
    for _ in 0..extra {
        let (dept, job) = EXTRA_JOBS[rng.random_range(0..EXTRA_JOBS.len())];
        add(rng, dept, job, &mut crew);
    }
    (cast, crew)
}

/// The releases of a movie first out on `day` in `origin`.
fn releases(
    rng: &mut ChaCha8Rng,
    index: u64,
    richness: f64,
    day: i64,
    origin: &str,
    genres: &[i64],
) -> Vec<Release> {
    if richness == 0.0 && index != 0 && rng.random_bool(0.5) {
        return Vec::new();
    }
    // Maturity 0..1: family and animated movies low.
    let young = genres.iter().any(|g| matches!(g, 10751 | 16));
    let level: f64 = if young {
        rng.random_range(0.0..0.4)
    } else {
        rng.random_range(0.2..1.0)
    };
    let mut countries: Vec<&'static str> = Vec::new();
    let origin_system = CERTIFICATIONS.iter().find(|c| c.0 == origin);
    let origin_code: &'static str = origin_system.map_or_else(
        || {
            crate::details::COUNTRIES
                .iter()
                .find(|c| c.0 == origin)
                .map_or("US", |c| c.0)
        },
        |c| c.0,
    );
    countries.push(origin_code);
    if !countries.contains(&"US") && rng.random_bool(0.4 + 0.6 * richness) {
        countries.push("US");
    }
    let more = if index == 0 {
        6
    } else {
        (richness * 6.0 * rng.random::<f64>()).round() as usize
    };
    for _ in 0..more {
        let c = CERTIFICATIONS[rng.random_range(0..CERTIFICATIONS.len())].0;
        if !countries.contains(&c) {
            countries.push(c);
        }
    }
    let mut out = Vec::new();
    for (k, country) in countries.into_iter().enumerate() {
        let certification = match CERTIFICATIONS.iter().find(|c| c.0 == country) {
            Some((_, values)) if rng.random_bool(0.4 + 0.6 * richness) => {
                values[(level * (values.len() - 1) as f64).round() as usize]
            }
            _ => "",
        };
        let start = if k == 0 {
            day
        } else {
            day + rng.random_range(0..90)
        };
        if k == 0 && rng.random_bool(0.5 * richness) {
            out.push(Release {
                country,
                certification: "",
                date: day_string(start - rng.random_range(7..60)),
                kind: 1,
                note: "Premiere",
                descriptors: Vec::new(),
            });
        }
        let descriptors = if level > 0.7 && !certification.is_empty() && rng.random_bool(0.1) {
            vec!["Violence"]
        } else {
            Vec::new()
        };
        out.push(Release {
            country,
            certification,
            date: day_string(start),
            kind: 3,
            note: "",
            descriptors,
        });
        if rng.random_bool(0.2 + 0.5 * richness) {
            out.push(Release {
                country,
                certification,
                date: day_string(start + rng.random_range(60..180)),
                kind: 4,
                note: "",
                descriptors: Vec::new(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scale;

    #[test]
    fn movies_are_deterministic_and_the_flagship_is_complete() {
        let w = World::new(7, Scale::Small);
        let a = movie(&w, 0, 100);
        let b = movie(&w, 0, 100);
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        assert_eq!(a.id, 1);
        assert_eq!(a.status, "Released");
        assert!(a.imdb_id().is_some() && a.popularity >= 400.0 && a.vote_count > 0);
        assert!(!a.cast.is_empty() && a.crew.first().and_then(|c| c.job) == Some("Director"));
        assert!(a.releases.len() >= 4 && a.collection == Some(0));
        assert!(a.cast.windows(2).all(|w| w[0].cast_id < w[1].cast_id));
        assert_eq!(movie_id(4), 6);
        assert!(movie(&w, 3, 100).collection.is_none());
        let genres = crate::listing::TV_GENRES
            .iter()
            .chain(MOVIE_ONLY_GENRES)
            .map(|g| g.0)
            .collect::<Vec<_>>();
        for i in 0..200 {
            let m = movie(&w, i, 100);
            assert!(m.genre_ids.iter().all(|g| genres.contains(g)), "{m:?}");
            assert_eq!(m.texts[0].lang, "en");
        }
        assert_eq!(collection_count(50), 1);
        assert_eq!(collection_count(51), 2);
    }
}
