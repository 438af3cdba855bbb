//! What series details show beyond a series' lists (migrations 7 and 8): tagline, homepage,
//! status, type, creators, production companies and countries, languages, episode run time and
//! content ratings. Drawn from the series' own details stream ([`STREAM_DETAILS`]), after
//! [`crate::model`] and [`crate::listing`] have drawn theirs, so every earlier draw (and so the
//! rest of the catalog) stays unchanged; the counts and dates are the series' own, not drawn.
//!
//! Where TMDB facts are not in [`crate::dist`], the choices are simple and stated here:
//! - status: Ended 45%, Returning Series 33%, Canceled 18%, In Production 4% (TMDB's status
//!   names; a series with episodes is not "Planned" or "Pilot"); in production while Returning
//!   Series or In Production, as TMDB sets it.
//! - type: from the first genre (Reality, Documentary, News, Talk Show), a one-season series of
//!   at most ten episodes is a Miniseries half the time, everything else Scripted.
//! - creators: one (70%) or two people of the series' first-season crew, as TMDB's `created_by`
//!   names the people who also produce or write; a series without crew draws a writer.
//! - production companies: 1-3 of the company pool, a few big companies carrying most series
//!   (the networks' Zipf weights).
//! - content ratings: 0-4 countries (the flagship has 4), the origin country first when it has a
//!   rating system, with real TMDB TV rating values; one maturity level per series (kids' and
//!   family genres low) sets the rating in every country.

use crate::fake::{object_id, sentence};
use crate::listing::Listing;
use crate::model::{Cred, STREAM_DETAILS, Series, World};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// TMDB's English country names for every country code the generator uses (the origin
/// countries of [`crate::dist::Distributions::countries`]).
pub const COUNTRIES: &[(&str, &str)] = &[
    ("US", "United States of America"),
    ("FR", "France"),
    ("GB", "United Kingdom"),
    ("CA", "Canada"),
    ("DE", "Germany"),
    ("AU", "Australia"),
    ("JP", "Japan"),
    ("IT", "Italy"),
    ("IN", "India"),
    ("BE", "Belgium"),
    ("HK", "Hong Kong"),
    ("DK", "Denmark"),
    ("ES", "Spain"),
    ("MX", "Mexico"),
    ("IE", "Ireland"),
    ("AT", "Austria"),
    ("KR", "South Korea"),
    ("AR", "Argentina"),
    ("SE", "Sweden"),
    ("BR", "Brazil"),
    ("NZ", "New Zealand"),
    ("CZ", "Czech Republic"),
    ("IL", "Israel"),
    ("ZA", "South Africa"),
    ("RU", "Russia"),
    ("NL", "Netherlands"),
    ("IR", "Iran"),
    ("NO", "Norway"),
    ("TH", "Thailand"),
    ("PL", "Poland"),
    ("TW", "Taiwan"),
    ("HU", "Hungary"),
    ("CL", "Chile"),
    ("RO", "Romania"),
    ("FI", "Finland"),
    ("IS", "Iceland"),
    ("CH", "Switzerland"),
    ("GR", "Greece"),
    ("PT", "Portugal"),
    ("TR", "Turkey"),
];

/// TV rating systems as TMDB lists their values, mildest first.
const RATINGS: &[(&str, &[&str])] = &[
    ("US", &["TV-Y", "TV-Y7", "TV-G", "TV-PG", "TV-14", "TV-MA"]),
    ("GB", &["U", "PG", "12", "15", "18"]),
    ("DE", &["0", "6", "12", "16", "18"]),
    ("FR", &["NR", "10", "12", "16", "18"]),
    ("CA", &["C", "G", "PG", "14+", "18+"]),
    ("AU", &["G", "PG", "M", "MA15+", "R18+"]),
    ("BR", &["L", "10", "12", "14", "16", "18"]),
    ("ES", &["TP", "7", "12", "16", "18"]),
    ("NL", &["AL", "6", "9", "12", "14", "16", "18"]),
    ("KR", &["ALL", "7", "12", "15", "19"]),
];
const DESCRIPTORS: &[&str] = &["Violence", "Language", "Sexual Content", "Drug Use"];

const STATUSES: &[(&str, u32)] = &[
    ("Ended", 45),
    ("Returning Series", 33),
    ("Canceled", 18),
    ("In Production", 4),
];

/// One content rating: country, rating and descriptors.
#[derive(Debug, Clone)]
pub struct Rating {
    pub country: &'static str,
    pub rating: &'static str,
    pub descriptors: Vec<&'static str>,
}

/// A series' details fields that neither [`crate::model`] nor [`crate::listing`] draws.
#[derive(Debug, Clone)]
pub struct Details {
    pub tagline: Option<String>,
    pub homepage: Option<String>,
    pub status: &'static str,
    pub series_type: &'static str,
    pub in_production: bool,
    pub last_air_date: Option<String>,
    pub number_of_seasons: i64,
    pub number_of_episodes: i64,
    /// `(person index, credit id)`, in order.
    pub creators: Vec<(u32, String)>,
    /// Indexes into [`World::companies`].
    pub companies: Vec<usize>,
    pub production_countries: Vec<String>,
    pub languages: Vec<String>,
    pub spoken_languages: Vec<String>,
    pub episode_run_time: Vec<i64>,
    pub ratings: Vec<Rating>,
}

/// The details of series `index` (`x`, with listing `l`).
pub fn details(world: &World, index: u64, x: &Series, l: &Listing) -> Details {
    let mut rng = ChaCha8Rng::seed_from_u64(world.seed);
    rng.set_stream(STREAM_DETAILS + index);
    let rng = &mut rng;
    let richness = x.richness;
    let regular = x.seasons.iter().filter(|s| s.number > 0);
    let number_of_seasons = regular.clone().count() as i64;
    let number_of_episodes = regular.map(|s| s.episodes.len() as i64).sum();
    let last_air_date = x.seasons.last().map(|s| {
        s.episodes
            .last()
            .map_or_else(|| s.air_date.clone(), |e| e.air_date.clone())
    });

    let r = rng.random_range(0..100);
    let mut acc = 0;
    let status = STATUSES
        .iter()
        .find(|(_, w)| {
            acc += w;
            r < acc
        })
        .map_or("Ended", |s| s.0);
    let miniseries = number_of_seasons == 1 && number_of_episodes <= 10 && rng.random_bool(0.5);
    let series_type = match l.genre_ids.first() {
        Some(10764) => "Reality",
        Some(99) => "Documentary",
        Some(10763) => "News",
        Some(10767) => "Talk Show",
        _ if miniseries => "Miniseries",
        _ => "Scripted",
    };

    let tagline = rng.random_bool(0.2 + 0.7 * richness).then(|| {
        let n = rng.random_range(4..9);
        sentence(rng, n)
    });
    let homepage = rng
        .random_bool(0.1 + 0.8 * richness)
        .then(|| format!("https://www.{}.com/", slug(&x.original_name)));

    // Creators: people of the first season's crew, else a writer.
    let crew: Vec<&Cred> = x.seasons.first().map_or(Vec::new(), |s| {
        let mut v: Vec<&Cred> = Vec::new();
        for c in &s.crew {
            if !v.iter().any(|p| p.person == c.person) {
                v.push(c);
            }
        }
        v
    });
    let n_creators = if rng.random_bool(0.7) { 1 } else { 2 };
    let mut creators: Vec<(u32, String)> = Vec::new();
    for k in 0..n_creators {
        let p = match crew.get(k) {
            Some(c) => c.person,
            None => world.people.draw(rng, crate::model::WRITING),
        };
        if !creators.iter().any(|c| c.0 == p) {
            creators.push((p, object_id(rng)));
        }
    }

    let n_companies = rng.random_range(1..=3);
    let mut companies: Vec<usize> = Vec::new();
    for _ in 0..n_companies {
        let c = world.company_weights.sample(rng);
        if !companies.contains(&c) {
            companies.push(c);
        }
    }
    let mut production_countries = vec![x.origin_country.clone()];
    let company_country = &world.companies[companies[0]].origin_country;
    if company_country != &x.origin_country && rng.random_bool(0.3) {
        production_countries.push(company_country.clone());
    }
    let languages = vec![x.original_language.clone()];
    let mut spoken_languages = languages.clone();
    if x.original_language != "en" && rng.random_bool(0.3) {
        spoken_languages.push("en".into());
    }
    // The run time TMDB states: the first season's median episode, when there is one.
    let mut runtimes: Vec<i64> = x
        .seasons
        .iter()
        .flat_map(|s| s.episodes.iter().map(|e| e.runtime))
        .take(30)
        .collect();
    runtimes.sort_unstable();
    let episode_run_time = runtimes
        .get(runtimes.len() / 2)
        .copied()
        .into_iter()
        .collect();

    let ratings = ratings(rng, index, richness, &x.origin_country, &l.genre_ids);
    Details {
        tagline,
        homepage,
        status,
        series_type,
        in_production: matches!(status, "Returning Series" | "In Production"),
        last_air_date,
        number_of_seasons,
        number_of_episodes,
        creators,
        companies,
        production_countries,
        languages,
        spoken_languages,
        episode_run_time,
        ratings,
    }
}

fn ratings(
    rng: &mut ChaCha8Rng,
    index: u64,
    richness: f64,
    origin: &str,
    genres: &[i64],
) -> Vec<Rating> {
    let n = if index == 0 {
        4
    } else {
        ((richness * 4.0 * rng.random::<f64>()).round() as usize
            + usize::from(rng.random_bool(0.4)))
        .min(4)
    };
    // Maturity 0..1: kids', family and animated series low.
    let young = genres.iter().any(|g| matches!(g, 10762 | 10751 | 16));
    let level: f64 = if young {
        rng.random_range(0.0..0.45)
    } else {
        rng.random_range(0.35..1.0)
    };
    let mut systems: Vec<usize> = Vec::new();
    if let Some(i) = RATINGS.iter().position(|r| r.0 == origin) {
        systems.push(i);
    }
    while systems.len() < n {
        // The US most often, then any other system.
        let i = if rng.random_bool(0.4) {
            0
        } else {
            rng.random_range(0..RATINGS.len())
        };
        if !systems.contains(&i) {
            systems.push(i);
        }
    }
    systems.truncate(n);
    systems
        .into_iter()
        .map(|i| {
            let (country, values) = RATINGS[i];
            let rating = values[(level * (values.len() - 1) as f64).round() as usize];
            let mut descriptors = Vec::new();
            if level > 0.6 && rng.random_bool(0.3) {
                let k = rng.random_range(1..=2);
                for _ in 0..k {
                    let d = DESCRIPTORS[rng.random_range(0..DESCRIPTORS.len())];
                    if !descriptors.contains(&d) {
                        descriptors.push(d);
                    }
                }
            }
            Rating {
                country,
                rating,
                descriptors,
            }
        })
        .collect()
}

/// Lowercase letters and digits of `name`: a homepage's host name.
pub(crate) fn slug(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scale;
    use crate::model::Ids;

    #[test]
    fn details_are_deterministic_and_complete_for_the_flagship() {
        let w = World::new(7, Scale::Tiny);
        let x = w.series(0, &mut Ids::default());
        let l = crate::listing::listing(7, 0, x.richness, 30, w.dist.pareto_alpha);
        let a = details(&w, 0, &x, &l);
        let b = details(&w, 0, &x, &l);
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        assert_eq!(a.ratings.len(), 4);
        assert!(!a.creators.is_empty() && !a.companies.is_empty());
        assert!(a.tagline.is_some() && a.homepage.is_some());
        for c in w.dist.countries.values() {
            assert!(COUNTRIES.iter().any(|x| x.0 == c), "{c}");
        }
    }
}
