//! What gets generated: one TV series at a time with its seasons, episodes, credits, images,
//! videos, translations and external ids (people and networks are in [`crate::people`]), as one
//! sequence of draws from the series' stream: their order *is* the catalog, so it stays in one place.
//!
//! Every entity draws from its own ChaCha8 stream (`seed`, stream = kind + index), so a person or
//! a series is the same whatever else is generated, and ids come from counters advanced in series
//! order. No `thread_rng`, no iteration over hash maps.
//!
//! Where a shape is not from movies.db (see [`crate::dist`]) it is from the spec examples that
//! reeldb serves (Game of Thrones season 1, `crates/reeldb-http/tests/fixtures/spec/`) or from the
//! issue's TMDB totals, and says so where it is used.

use crate::dist::{self, Discrete, Distributions};
use crate::fake::*;
use crate::people::{Company, Network, People, companies, networks};
use crate::scale::{Scale, ScaleSpec};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;

pub use crate::shapes::{Cred, Episode, Ids, Img, Season, Series, Text, Vid};

pub(crate) const STREAM_PEOPLE: u64 = 1 << 40;
const STREAM_SERIES: u64 = 2 << 40;
pub(crate) const STREAM_NETWORKS: u64 = 3 << 40;
// 4 << 40 is `crate::listing`'s.
pub(crate) const STREAM_COMPANIES: u64 = 5 << 40;
pub(crate) const STREAM_PERSON_DETAILS: u64 = 6 << 40;
pub(crate) const STREAM_DETAILS: u64 = 7 << 40;

/// Departments people are known for, with their shares. TMDB's department names (as in the
/// spec's credits); Acting dominates as in any TMDB credit list.
pub const DEPARTMENTS: &[(&str, u64)] = &[
    ("Acting", 70),
    ("Directing", 5),
    ("Writing", 7),
    ("Production", 8),
    ("Camera", 3),
    ("Editing", 3),
    ("Sound", 2),
    ("Art", 1),
    ("Costume & Make-Up", 1),
];
pub(crate) const ACTING: usize = 0;
pub(crate) const DIRECTING: usize = 1;
pub(crate) const WRITING: usize = 2;
const PRODUCTION: usize = 3;
const CAMERA: usize = 4;
const EDITING: usize = 5;

/// Jobs of a season's regular crew, by department: the jobs of Game of Thrones season 1's
/// `/credits` crew (spec example).
const REGULAR_JOBS: &[(usize, &[&str])] = &[
    (
        PRODUCTION,
        &[
            "Executive Producer",
            "Producer",
            "Co-Executive Producer",
            "Line Producer",
            "Co-Producer",
            "Casting",
        ],
    ),
    (WRITING, &["Creator", "Novel"]),
    (6, &["Original Music Composer"]),
    (7, &["Production Design", "Set Decoration"]),
    (8, &["Costume Design"]),
];

/// Extra translation languages with their region, as TMDB lists them.
pub(crate) const EXTRA_LANGUAGES: &[(&str, &str, &str)] = &[
    ("fr", "FR", "Saison"),
    ("de", "DE", "Staffel"),
    ("es", "ES", "Temporada"),
    ("it", "IT", "Stagione"),
    ("pt", "BR", "Temporada"),
    ("ja", "JP", "シーズン"),
    ("ko", "KR", "시즌"),
    ("ru", "RU", "Сезон"),
    ("zh", "CN", "第季"),
    ("nl", "NL", "Seizoen"),
    ("pl", "PL", "Sezon"),
    ("sv", "SE", "Säsong"),
    ("tr", "TR", "Sezon"),
];
const VIDEO_TYPES: &[&str] = &[
    "Trailer",
    "Teaser",
    "Clip",
    "Featurette",
    "Behind the Scenes",
    "Recap",
];

/// What series generation shares.
pub struct World {
    pub seed: u64,
    pub scale: ScaleSpec,
    pub dist: Distributions,
    pub people: People,
    pub networks: Vec<Network>,
    network_weights: Discrete<usize>,
    /// Production companies: four per network (a documented choice; TMDB has far more
    /// companies than networks).
    pub companies: Vec<Company>,
    pub(crate) company_weights: Discrete<usize>,
}

/// The kind of episode count a series has; the means give TMDB's 4,000,000 episodes over
/// 600,000 seasons (6.7 per season, issue totals), with Game of Thrones' 10 (spec example) in the
/// middle class and daily shows in the tail.
fn season_length(rng: &mut impl Rng, class: u8) -> i64 {
    match class {
        0 => rng.random_range(1..=5),
        1 => rng.random_range(6..=13),
        _ => 13 + dist::geometric(rng, 9.0),
    }
}

/// Base episode runtime of a series: sitcom, half hour, hour-long drama, or about an hour like
/// Game of Thrones' 53-62 minutes (spec example). movies.db runtimes are films' and are kept for
/// the movie model.
fn runtime_class(rng: &mut impl Rng) -> i64 {
    match rng.random_range(0..100) {
        0..25 => 22,
        25..45 => 30,
        45..80 => 44,
        _ => 58,
    }
}

impl World {
    pub fn new(seed: u64, scale: Scale) -> World {
        let spec = scale.spec();
        let dist = Distributions::load();
        let people = People::new(seed, spec.people, &dist);
        let (networks, network_weights) = networks(seed, spec.networks, &dist);
        let (companies, company_weights) = companies(seed, 4 * spec.networks, &dist);
        World {
            seed,
            scale: spec,
            dist,
            people,
            networks,
            network_weights,
            companies,
            company_weights,
        }
    }

    fn cap(&self, n: i64) -> i64 {
        n.min(self.scale.cap)
    }

    /// Series `index` (0-based); `ids` gives it its TMDB ids.
    pub fn series(&self, index: u64, ids: &mut Ids) -> Series {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream(STREAM_SERIES + index);
        rng.set_word_pos(0);
        let rng = &mut rng;
        let d = &self.dist;
        ids.series += rng.random_range(1..=2);
        let id = ids.series;

        // Richness: how much TMDB knows about a series. Most series are sparsely documented and a
        // few are complete; series 0 is always complete so there is a Game-of-Thrones-like
        // flagship to test and benchmark against.
        let richness = if index == 0 {
            1.0
        } else if rng.random_bool(0.35) {
            0.0
        } else {
            rng.random::<f64>().powf(1.5)
        };
        let original_language = d.languages.sample(rng);
        let original_name = title(rng);
        let country = d.countries.sample(rng);
        let net_count = if rng.random_bool(0.9) { 1 } else { 2 };
        let mut networks = Vec::new();
        for _ in 0..net_count {
            let n = self.network_weights.sample(rng);
            if !networks.contains(&n) {
                networks.push(n);
            }
        }

        let extra_langs: Vec<usize> = {
            let n = self.cap((richness * 6.0).round() as i64);
            let mut v: Vec<usize> = Vec::new();
            for _ in 0..n {
                let i = rng.random_range(0..EXTRA_LANGUAGES.len());
                if !v.contains(&i) && EXTRA_LANGUAGES[i].0 != original_language {
                    v.push(i);
                }
            }
            v
        };
        let region_of = |lang: &str| -> String {
            if lang == original_language {
                country.clone()
            } else {
                EXTRA_LANGUAGES
                    .iter()
                    .find(|l| l.0 == lang)
                    .map_or("US", |l| l.1)
                    .to_owned()
            }
        };
        let mut texts = Vec::new();
        let sentences = rng.random_range(1..4);
        let series_overview = overview(rng, sentences);
        texts.push(Text {
            lang: "en".into(),
            region: "US".into(),
            name: Some(original_name.clone()),
            overview: Some(series_overview),
        });
        if original_language != "en" {
            texts.push(Text {
                lang: original_language.clone(),
                region: region_of(&original_language),
                name: Some(original_name.clone()),
                overview: Some(overview(rng, 2)),
            });
        }
        for &i in &extra_langs {
            let (l, r, _) = EXTRA_LANGUAGES[i];
            texts.push(Text {
                lang: l.into(),
                region: r.into(),
                name: Some(title(rng)),
                overview: Some(overview(rng, 2)),
            });
        }
        let mut external_ids = Vec::new();
        if rng.random_bool(0.7) {
            external_ids.push(("imdb_id", format!("tt{}", 1_000_000 + id * 37)));
        }
        if rng.random_bool(0.85) {
            external_ids.push(("tvdb_id", (70_000 + id * 3).to_string()));
        }
        if rng.random_bool(0.2 + 0.6 * richness) {
            external_ids.push(("wikidata_id", format!("Q{}", 100_000 + id * 11)));
        }
        let change_id = object_id(rng);

        // Seasons per series: geometric with mean 2.6 (the 600,000 seasons over 230,000
        // series), a season 0 of specials for one series in ten.
        let season_count = self.cap(dist::geometric(rng, 2.6).min(60));
        let specials = rng.random_bool(0.1) && self.scale.cap > 2;
        let length_class: u8 = match rng.random_range(0..100) {
            0..55 => 0,
            55..93 => 1,
            _ => 2,
        };
        let runtime = runtime_class(rng);
        let year = d.release_year.sample(rng);
        let month = d.release_month.sample(rng);
        let first_day = days_from_civil(year, month, rng.random_range(1..=28));
        // Vote counts: a long tail (movies.db review counts), scaled by how known a series is;
        // Game of Thrones' episodes have about 200-400 votes (spec example).
        let series_votes = (d.review_count(rng) as f64 * (0.05 + 2.0 * richness)).round();
        let series_rating = d.rating(rng);

        // The people a series keeps: its regular cast and crew (movies.db cast and key-crew
        // sizes; Game of Thrones season 1 has 18 regular cast and 17 regular crew, spec example).
        let regular_cast = self.cap(
            ((d.cast_size.sample(rng) as f64) * (0.4 + 0.6 * richness))
                .round()
                .max(1.0) as i64,
        );
        let regular_crew = self
            .cap(d.crew_size.sample(rng) + (richness * 12.0 * rng.random::<f64>()).round() as i64);
        let mut credit_ids: HashMap<(u32, String), String> = HashMap::new();
        let mut credit = |rng: &mut ChaCha8Rng, person: u32, role: &str| -> String {
            credit_ids
                .entry((person, role.to_owned()))
                .or_insert_with(|| object_id(rng))
                .clone()
        };
        let mut cast_pool: Vec<(u32, String)> = Vec::new();
        for _ in 0..regular_cast {
            let taken: Vec<u32> = cast_pool.iter().map(|c| c.0).collect();
            let p = self.people.draw_new(rng, ACTING, &taken);
            cast_pool.push((p, person_name(rng)));
        }
        let mut crew_pool: Vec<(u32, usize, &'static str)> = Vec::new();
        for i in 0..regular_crew {
            let (dept, jobs) = if i == 0 {
                REGULAR_JOBS[0]
            } else {
                REGULAR_JOBS[rng.random_range(0..REGULAR_JOBS.len())]
            };
            let taken: Vec<u32> = crew_pool.iter().map(|c| c.0).collect();
            let p = self.people.draw_new(rng, dept, &taken);
            crew_pool.push((p, dept, pick(rng, jobs)));
        }

        let first_season = if specials { 0 } else { 1 };
        let mut seasons = Vec::new();
        for number in first_season..=season_count {
            ids.season += rng.random_range(1..=2);
            let season_id = ids.season;
            let start = first_day + 365 * (number - 1).max(0);
            let n_eps = self.cap(season_length(rng, length_class));

            // Regulars mostly stay from season to season; now and then someone joins.
            if number > 1 && rng.random_bool(0.3) && (cast_pool.len() as i64) < self.scale.cap {
                let taken: Vec<u32> = cast_pool.iter().map(|c| c.0).collect();
                let p = self.people.draw_new(rng, ACTING, &taken);
                cast_pool.push((p, person_name(rng)));
            }
            let mut cast = Vec::new();
            for (p, character) in &cast_pool {
                if number > 1 && rng.random_bool(0.1) {
                    continue;
                }
                cast.push(Cred {
                    credit_id: credit(rng, *p, character),
                    person: *p,
                    character: Some(character.clone()),
                    department: None,
                    job: None,
                    order: Some(cast.len() as i64),
                });
            }
            let crew: Vec<Cred> = crew_pool
                .iter()
                .map(|(p, dept, job)| Cred {
                    credit_id: credit(rng, *p, job),
                    person: *p,
                    character: None,
                    department: Some(DEPARTMENTS[*dept].0),
                    job: Some(job),
                    order: None,
                })
                .collect();

            // Per-season pools: a few directors and writers share the episodes (as in the spec's
            // Game of Thrones season), recurring guests come back.
            let rich = richness > 0.0;
            let pool = |rng: &mut ChaCha8Rng, dept: usize, n: i64| -> Vec<u32> {
                let mut v: Vec<u32> = Vec::new();
                for _ in 0..n {
                    let p = self.people.draw_new(rng, dept, &v);
                    v.push(p);
                }
                v
            };
            let n_directors = rng.random_range(1..=4);
            let directors = pool(rng, DIRECTING, n_directors);
            let n_writers = rng.random_range(1..=4);
            let writers = pool(rng, WRITING, n_writers);
            let dop = pool(rng, CAMERA, 2);
            let editors = pool(rng, EDITING, 2);
            let guest_mean = (d.cast_size.sample(rng) as f64 * 2.0 * richness).round() as i64;
            let recurring: Vec<(u32, String)> = (0..(guest_mean / 2))
                .map(|_| (self.people.draw(rng, ACTING), person_name(rng)))
                .collect();

            let mut episodes = Vec::new();
            for e in 1..=n_eps {
                ids.episode += rng.random_range(1..=2);
                let episode_id = ids.episode;
                let day = start + 7 * (e - 1);
                // Guest stars: Game of Thrones has about 20 per episode (spec example: 16 to 43);
                // here a movies.db cast size times 1.5 x richness, +-50%. A complete series always
                // has some.
                let guests_n = if rich {
                    let x = d.cast_size.sample(rng) as f64
                        * 1.5
                        * richness
                        * rng.random_range(0.5..1.5);
                    self.cap((x.round() as i64).max(i64::from(richness >= 1.0)))
                } else {
                    0
                };
                let mut guests: Vec<Cred> = Vec::new();
                let mut taken: Vec<u32> = cast.iter().map(|c| c.person).collect();
                for g in 0..guests_n {
                    let (p, character) = if !recurring.is_empty() && rng.random_bool(0.5) {
                        recurring[rng.random_range(0..recurring.len())].clone()
                    } else {
                        (self.people.draw_new(rng, ACTING, &taken), person_name(rng))
                    };
                    if taken.contains(&p) {
                        continue;
                    }
                    taken.push(p);
                    guests.push(Cred {
                        credit_id: credit(rng, p, &character),
                        person: p,
                        character: Some(character),
                        department: None,
                        job: None,
                        order: Some(cast.len() as i64 + g),
                    });
                }
                // Crew: a director and the writers (movies.db directors + writers per film);
                // complete series add photography and editing, as Game of Thrones' 5 per episode
                // (spec example: Director, Director of Photography, Editor, Writer, Writer).
                let mut crew_e: Vec<Cred> = Vec::new();
                if rich || rng.random_bool(0.3) {
                    let mut add = |rng: &mut ChaCha8Rng,
                                   p: u32,
                                   dept: usize,
                                   job: &'static str,
                                   crew_e: &mut Vec<Cred>| {
                        if (crew_e.len() as i64) < self.scale.cap
                            && !crew_e.iter().any(|c| c.person == p && c.job == Some(job))
                        {
                            crew_e.push(Cred {
                                credit_id: credit(rng, p, job),
                                person: p,
                                character: None,
                                department: Some(DEPARTMENTS[dept].0),
                                job: Some(job),
                                order: None,
                            });
                        }
                    };
                    let dir = directors[rng.random_range(0..directors.len())];
                    add(rng, dir, DIRECTING, "Director", &mut crew_e);
                    if rich {
                        if rng.random_bool(richness) {
                            let p = dop[rng.random_range(0..dop.len())];
                            add(rng, p, CAMERA, "Director of Photography", &mut crew_e);
                            let p = editors[rng.random_range(0..editors.len())];
                            add(rng, p, EDITING, "Editor", &mut crew_e);
                        }
                        let n_writers = (d.crew_size.sample(rng) - 1).clamp(1, 3);
                        for _ in 0..n_writers {
                            let p = writers[rng.random_range(0..writers.len())];
                            add(rng, p, WRITING, "Writer", &mut crew_e);
                        }
                    }
                }
                let mut e_texts = vec![Text {
                    lang: "en".into(),
                    region: "US".into(),
                    name: Some(if rich {
                        title(rng)
                    } else {
                        format!("Episode {e}")
                    }),
                    overview: (rich || rng.random_bool(0.4)).then(|| {
                        let n = rng.random_range(1..3);
                        overview(rng, n)
                    }),
                }];
                if original_language != "en" {
                    e_texts.push(Text {
                        lang: original_language.clone(),
                        region: region_of(&original_language),
                        name: Some(title(rng)),
                        overview: rng.random_bool(0.5).then(|| overview(rng, 1)),
                    });
                }
                for &i in &extra_langs {
                    if rng.random_bool(0.5) {
                        let (l, r, _) = EXTRA_LANGUAGES[i];
                        e_texts.push(Text {
                            lang: l.into(),
                            region: r.into(),
                            name: Some(title(rng)),
                            overview: None,
                        });
                    }
                }
                // Stills: Game of Thrones 1x01 has 15 (spec example); sparse series have one
                // or none.
                let n_stills = if rich {
                    self.cap(1 + (richness * 14.0 * rng.random::<f64>()).round() as i64)
                } else {
                    i64::from(rng.random_bool(0.6))
                };
                let stills: Vec<Img> = (0..n_stills)
                    .map(|_| {
                        let hd = rng.random_bool(0.7);
                        Img {
                            file_path: image_path(rng),
                            aspect_ratio: 1.778,
                            width: if hd { 1920 } else { 1280 },
                            height: if hd { 1080 } else { 720 },
                            lang: None,
                            vote_average: round3(rng.random_range(0.0..6.0)),
                            vote_count: rng.random_range(0..20),
                        }
                    })
                    .collect();
                let still_path = stills
                    .iter()
                    .max_by(|a, b| a.vote_average.total_cmp(&b.vote_average))
                    .map(|i| i.file_path.clone());
                let videos = if rich && rng.random_bool(0.1 * richness) {
                    vec![video(rng, &original_language, day)]
                } else {
                    Vec::new()
                };
                let mut e_ext = Vec::new();
                if rng.random_bool(0.3 + 0.6 * richness) {
                    e_ext.push(("imdb_id", format!("tt{}", 2_000_000 + episode_id * 3)));
                }
                if rng.random_bool(0.8) {
                    e_ext.push(("tvdb_id", (3_000_000 + episode_id).to_string()));
                }
                if rng.random_bool(0.3 * richness) {
                    e_ext.push(("wikidata_id", format!("Q{}", 20_000_000 + episode_id)));
                }
                let vote_count = if series_votes > 0.0 {
                    (series_votes * dist::log_normal(rng, 0.0, 0.3)).round() as i64
                } else {
                    0
                };
                let vote_average = if vote_count > 0 {
                    round3((series_rating + rng.random_range(-0.8..0.8)).clamp(0.0, 10.0))
                } else {
                    0.0
                };
                episodes.push(Episode {
                    id: episode_id,
                    number: e,
                    air_date: day_string(day),
                    episode_type: if e == n_eps && n_eps > 1 {
                        "finale"
                    } else {
                        "standard"
                    },
                    production_code: rich.then(|| format!("{number}{e:02}")),
                    runtime: (runtime + rng.random_range(-3..=4)).max(1),
                    still_path,
                    vote_average,
                    vote_count,
                    texts: e_texts,
                    stills,
                    videos,
                    external_ids: e_ext,
                    guests,
                    crew: crew_e,
                });
            }

            // Season texts, posters (Game of Thrones season 1 has 62, spec example), videos
            // (16 there) and external ids.
            let season_name = |lang: &str| -> String {
                if number == 0 {
                    return "Specials".into();
                }
                let word = EXTRA_LANGUAGES
                    .iter()
                    .find(|l| l.0 == lang)
                    .map_or("Season", |l| l.2);
                format!("{word} {number}")
            };
            let mut s_texts = vec![Text {
                lang: "en".into(),
                region: "US".into(),
                name: Some(season_name("en")),
                overview: (rich && rng.random_bool(0.7)).then(|| overview(rng, 3)),
            }];
            if original_language != "en" {
                s_texts.push(Text {
                    lang: original_language.clone(),
                    region: region_of(&original_language),
                    name: Some(season_name(&original_language)),
                    overview: None,
                });
            }
            for &i in &extra_langs {
                let (l, r, _) = EXTRA_LANGUAGES[i];
                s_texts.push(Text {
                    lang: l.into(),
                    region: r.into(),
                    name: Some(season_name(l)),
                    overview: None,
                });
            }
            let n_posters = self.cap(if rich {
                1 + (richness * richness * 30.0 * rng.random::<f64>()).round() as i64
            } else {
                i64::from(rng.random_bool(0.7))
            });
            let posters: Vec<Img> = (0..n_posters)
                .map(|i| {
                    let lang = if i == 0 || rng.random_bool(0.5) {
                        Some("en".to_owned())
                    } else if rng.random_bool(0.5) {
                        Some(original_language.clone())
                    } else {
                        None
                    };
                    Img {
                        file_path: image_path(rng),
                        aspect_ratio: 0.667,
                        width: 1000,
                        height: 1500,
                        lang,
                        vote_average: round3(rng.random_range(0.0..6.0)),
                        vote_count: rng.random_range(0..25),
                    }
                })
                .collect();
            let poster_path = posters.first().map(|p| p.file_path.clone());
            let n_videos = if rich && rng.random_bool(0.6 * richness) {
                self.cap(1 + (richness * richness * 8.0 * rng.random::<f64>()).round() as i64)
            } else {
                0
            };
            let videos = (0..n_videos)
                .map(|_| video(rng, &original_language, start))
                .collect();
            let mut s_ext = Vec::new();
            if rng.random_bool(0.8) {
                s_ext.push(("tvdb_id", (300_000 + season_id).to_string()));
            }
            if rng.random_bool(0.2 + 0.5 * richness) {
                s_ext.push(("wikidata_id", format!("Q{}", 10_000_000 + season_id)));
            }
            let vote_average = if series_votes > 0.0 {
                round3((series_rating + rng.random_range(-0.5..0.5)).clamp(0.0, 10.0))
            } else {
                0.0
            };
            seasons.push(Season {
                id: season_id,
                number,
                object_id: object_id(rng),
                air_date: day_string(start),
                poster_path,
                vote_average,
                texts: s_texts,
                posters,
                videos,
                external_ids: s_ext,
                cast,
                crew,
                episodes,
            });
        }
        Series {
            id,
            original_name,
            original_language,
            richness,
            networks,
            texts,
            external_ids,
            change_id,
            seasons,
            vote_count: series_votes as i64,
            vote_average: if series_votes > 0.0 {
                round3(series_rating)
            } else {
                0.0
            },
            first_air_date: day_string(first_day),
            origin_country: country,
        }
    }
}

fn video(rng: &mut ChaCha8Rng, original_language: &str, day: i64) -> Vid {
    let en = original_language == "en" || rng.random_bool(0.6);
    let kind = pick(rng, VIDEO_TYPES);
    let published = day - rng.random_range(0..60);
    Vid {
        id: object_id(rng),
        lang: if en { "en" } else { original_language }.to_owned(),
        region: "US".into(),
        name: format!("{kind}: {}", title(rng)),
        key: video_key(rng),
        size: if rng.random_bool(0.7) { 1080 } else { 720 },
        kind,
        official: rng.random_bool(0.8),
        published_at: format!(
            "{}T{:02}:{:02}:{:02}.000Z",
            day_string(published),
            rng.random_range(0..24),
            rng.random_range(0..60),
            rng.random_range(0..60)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_series_is_the_same_for_the_same_seed() {
        let w = World::new(7, Scale::Tiny);
        let a = w.series(1, &mut Ids::default());
        let b = w.series(1, &mut Ids::default());
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        let flagship = w.series(0, &mut Ids::default());
        assert_eq!(flagship.richness, 1.0);
        assert!(!flagship.seasons[0].episodes[0].guests.is_empty());
    }
}
