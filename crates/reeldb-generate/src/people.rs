//! People and networks: each drawn from its own ChaCha8 stream of the seed, so a person is the
//! same whatever else is generated.

use crate::dist::{self, Discrete, Distributions, Weighted};
use crate::fake::*;
use crate::model::{
    ACTING, DEPARTMENTS, STREAM_COMPANIES, STREAM_NETWORKS, STREAM_PEOPLE, STREAM_PERSON_DETAILS,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A person as the catalog stores it.
#[derive(Debug, Clone)]
pub struct Person {
    pub index: u32,
    pub id: i64,
    pub name: String,
    pub gender: i64,
    pub department: &'static str,
    pub popularity: f64,
    pub profile_path: Option<String>,
}

/// What person details add to a [`Person`] (migration 9), drawn from the person's own details
/// stream so every earlier draw stays the same.
#[derive(Debug, Clone, Default)]
pub struct PersonDetails {
    pub biography: Option<String>,
    pub birthday: Option<String>,
    pub deathday: Option<String>,
    pub place_of_birth: Option<String>,
    pub homepage: Option<String>,
    pub also_known_as: Vec<String>,
    pub external_ids: Vec<(&'static str, String)>,
}

/// Birthplaces as TMDB writes them (city, region, country).
const PLACES: &[&str] = &[
    "Los Angeles, California, USA",
    "New York City, New York, USA",
    "Chicago, Illinois, USA",
    "London, England, UK",
    "Manchester, England, UK",
    "Glasgow, Scotland, UK",
    "Dublin, Ireland",
    "Toronto, Ontario, Canada",
    "Vancouver, British Columbia, Canada",
    "Sydney, New South Wales, Australia",
    "Auckland, New Zealand",
    "Paris, France",
    "Berlin, Germany",
    "Madrid, Spain",
    "Rome, Italy",
    "Stockholm, Sweden",
    "Copenhagen, Denmark",
    "Tokyo, Japan",
    "Seoul, South Korea",
    "Mumbai, Maharashtra, India",
    "Mexico City, Mexico",
    "São Paulo, Brazil",
];

/// A person's TMDB id: dense with gaps, as TMDB's ids are.
pub fn person_id(index: u32) -> i64 {
    let i = i64::from(index);
    1 + i + i / 2
}

/// Everyone, as weights per department (a person's fields are regenerated from their stream
/// when needed, so nothing per person is kept but these).
pub struct People {
    base: ChaCha8Rng,
    alpha: f64,
    cap: f64,
    pub count: u64,
    by_department: Vec<Weighted>,
    departments: Discrete<usize>,
}

impl People {
    pub fn new(seed: u64, count: u64, dist: &Distributions) -> People {
        let alpha = dist.pareto_alpha;
        // The untruncated Pareto mean (x_min = 1) is alpha / (alpha - 1).
        let mean = if alpha > 1.0 {
            alpha / (alpha - 1.0)
        } else {
            10.0
        };
        let mut people = People {
            base: ChaCha8Rng::seed_from_u64(seed),
            alpha,
            cap: dist.weight_cap_over_mean(count) * mean,
            count,
            by_department: vec![Weighted::default(); DEPARTMENTS.len()],
            departments: Discrete::new(
                (0..DEPARTMENTS.len()).collect(),
                &DEPARTMENTS.iter().map(|d| d.1).collect::<Vec<_>>(),
            ),
        };
        for i in 0..count {
            let index = i as u32;
            let mut rng = people.rng(index);
            let (dept, weight) = people.core(&mut rng);
            people.by_department[dept].push(index, weight);
        }
        people
    }

    fn rng(&self, index: u32) -> ChaCha8Rng {
        let mut rng = self.base.clone();
        rng.set_stream(STREAM_PEOPLE + u64::from(index));
        rng.set_word_pos(0);
        rng
    }

    /// Department and activity weight: a Pareto draw with movies.db's tail exponent, capped
    /// (see [`Distributions::weight_cap_over_mean`]).
    fn core(&self, rng: &mut ChaCha8Rng) -> (usize, f64) {
        let dept = self.departments.sample(rng);
        let weight = dist::pareto(rng, self.alpha).min(self.cap);
        (dept, weight)
    }

    /// Person `index`, the same every time.
    pub fn person(&self, index: u32) -> Person {
        let mut rng = self.rng(index);
        let (dept, weight) = self.core(&mut rng);
        // TMDB's gender codes: 0 unknown, 1 female, 2 male, 3 non-binary.
        let gender = match rng.random_range(0..100) {
            0..30 => 0,
            30..62 => 1,
            62..99 => 2,
            _ => 3,
        };
        let name = person_name(&mut rng);
        // Popularity grows with activity, with noise: a long tail like TMDB's.
        let popularity = round3(0.6 * weight.sqrt() * dist::log_normal(&mut rng, 0.0, 0.5));
        let has_profile = rng.random_bool((0.3 + 0.1 * weight.ln()).clamp(0.0, 0.95));
        let profile_path = has_profile.then(|| image_path(&mut rng));
        Person {
            index,
            id: person_id(index),
            name,
            gender,
            department: DEPARTMENTS[dept].0,
            popularity,
            profile_path,
        }
    }

    /// The details of person `p`. How documented a person is follows popularity: about half of
    /// the people of popularity 1 have a birthday and a biography, nearly every popular person
    /// does. Birth years: 1935-2004 for acting, 1930-1989 otherwise; a person born before 1950
    /// has died one time in three, a later one rarely (2%). Homepages are rare (3%).
    pub fn details(&self, p: &Person) -> PersonDetails {
        let mut rng = self.base.clone();
        rng.set_stream(STREAM_PERSON_DETAILS + u64::from(p.index));
        rng.set_word_pos(0);
        let rng = &mut rng;
        let known = (0.25 + 0.25 * p.popularity).min(0.95);
        let mut d = PersonDetails::default();
        let born = rng.random_bool(known).then(|| {
            let year = if p.department == "Acting" {
                rng.random_range(1935..2005)
            } else {
                rng.random_range(1930..1990)
            };
            (year, rng.random_range(1..=12), rng.random_range(1..=28))
        });
        if let Some((y, m, day)) = born {
            d.birthday = Some(date(y, m, day));
            d.place_of_birth = rng.random_bool(0.85).then(|| pick(rng, PLACES).to_owned());
            if rng.random_bool(if y < 1950 { 0.33 } else { 0.02 }) {
                let died = (y + rng.random_range(50..95)).min(2024);
                d.deathday = Some(date(
                    died,
                    rng.random_range(1..=12),
                    rng.random_range(1..=28),
                ));
            }
        }
        if rng.random_bool(known) {
            let role = match (p.department, p.gender) {
                ("Acting", 1) => "an actress",
                ("Acting", _) => "an actor",
                ("Directing", _) => "a director",
                ("Writing", _) => "a writer",
                ("Production", _) => "a producer",
                ("Camera", _) => "a cinematographer",
                ("Editing", _) => "an editor",
                ("Sound", _) => "a composer",
                ("Art", _) => "a production designer",
                _ => "a costume designer",
            };
            let born = match (&d.birthday, &d.place_of_birth) {
                (Some(b), Some(place)) => format!(", born on {b} in {place}"),
                (Some(b), None) => format!(", born on {b}"),
                _ => String::new(),
            };
            let n = rng.random_range(1..5);
            d.biography = Some(format!("{} is {role}{born}. {}", p.name, overview(rng, n)));
        }
        d.homepage = rng
            .random_bool(0.03)
            .then(|| format!("https://www.{}.com/", crate::details::slug(&p.name)));
        if rng.random_bool(0.3 * known) {
            let n = rng.random_range(1..=3);
            for k in 0..n {
                let other = if k == 0 {
                    let mut parts = p.name.splitn(2, ' ');
                    let first = parts.next().unwrap_or_default();
                    let last = parts.next().unwrap_or_default();
                    format!("{}. {last}", first.chars().next().unwrap_or('X'))
                } else {
                    person_name(rng)
                };
                if !d.also_known_as.contains(&other) {
                    d.also_known_as.push(other);
                }
            }
        }
        if rng.random_bool((0.3 + 0.7 * known).min(0.98)) {
            d.external_ids
                .push(("imdb_id", format!("nm{:07}", 100_000 + p.id * 7)));
        }
        if rng.random_bool(0.5 * known) {
            d.external_ids
                .push(("wikidata_id", format!("Q{}", 30_000_000 + p.id)));
        }
        if rng.random_bool(0.2 * known) {
            d.external_ids
                .push(("instagram_id", crate::details::slug(&p.name)));
        }
        d
    }

    /// Someone from `dept`, by activity; falls back to anyone acting.
    pub(crate) fn draw(&self, rng: &mut impl Rng, dept: usize) -> u32 {
        self.by_department[dept]
            .sample(rng)
            .or_else(|| self.by_department[ACTING].sample(rng))
            .or_else(|| self.by_department.iter().find_map(|w| w.sample(rng)))
            .unwrap_or(0)
    }

    /// Someone from `dept` not already in `taken`.
    pub(crate) fn draw_new(&self, rng: &mut impl Rng, dept: usize, taken: &[u32]) -> u32 {
        let mut p = self.draw(rng, dept);
        for _ in 0..8 {
            if !taken.contains(&p) {
                break;
            }
            p = self.draw(rng, dept);
        }
        p
    }
}

/// A TV network.
#[derive(Debug, Clone)]
pub struct Network {
    pub id: i64,
    pub name: String,
    pub logo_path: Option<String>,
    pub origin_country: String,
}

/// A production company: the same fields as a network.
pub type Company = Network;

/// The networks, and how often series air on each (a few big networks carry most series).
pub fn networks(seed: u64, count: u64, dist: &Distributions) -> (Vec<Network>, Discrete<usize>) {
    organisations(seed, STREAM_NETWORKS, count, dist, |name, _| {
        name.to_uppercase()
    })
}

/// What production company names end with, in turn.
const COMPANY_SUFFIXES: &[&str] = &[
    "Productions",
    "Pictures",
    "Studios",
    "Entertainment",
    "Films",
];

/// The production companies, and how often series name each (Zipf, as networks).
pub fn companies(seed: u64, count: u64, dist: &Distributions) -> (Vec<Company>, Discrete<usize>) {
    organisations(seed, STREAM_COMPANIES, count, dist, |name, i| {
        format!(
            "{name} {}",
            COMPANY_SUFFIXES[i as usize % COMPANY_SUFFIXES.len()]
        )
    })
}

/// `count` organisations from `stream`, named by `name(adjective noun, index)`, with Zipf
/// weights by rank (s = 1).
fn organisations(
    seed: u64,
    stream: u64,
    count: u64,
    dist: &Distributions,
    name: impl Fn(String, u64) -> String,
) -> (Vec<Network>, Discrete<usize>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    let list: Vec<Network> = (0..count)
        .map(|i| Network {
            id: 1 + i as i64,
            name: name(
                format!("{} {}", pick(&mut rng, ADJ), pick(&mut rng, NOUN)),
                i,
            ),
            logo_path: rng.random_bool(0.8).then(|| image_path(&mut rng)),
            origin_country: dist.countries.sample(&mut rng),
        })
        .collect();
    let weights: Vec<u64> = (0..count).map(|i| 1_000_000 / (i + 1)).collect();
    (list, Discrete::new((0..count as usize).collect(), &weights))
}
