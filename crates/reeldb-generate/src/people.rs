//! People and networks: each drawn from its own ChaCha8 stream of the seed, so a person is the
//! same whatever else is generated.

use crate::dist::{self, Discrete, Distributions, Weighted};
use crate::fake::*;
use crate::model::{ACTING, DEPARTMENTS, STREAM_NETWORKS, STREAM_PEOPLE};
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

/// The networks, and how often series air on each (a few big networks carry most series).
pub fn networks(seed: u64, count: u64, dist: &Distributions) -> (Vec<Network>, Discrete<usize>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(STREAM_NETWORKS);
    let list: Vec<Network> = (0..count)
        .map(|i| Network {
            id: 1 + i as i64,
            name: format!("{} {}", pick(&mut rng, ADJ), pick(&mut rng, NOUN)).to_uppercase(),
            logo_path: rng.random_bool(0.8).then(|| image_path(&mut rng)),
            origin_country: dist.countries.sample(&mut rng),
        })
        .collect();
    // Zipf weights by rank (s = 1).
    let weights: Vec<u64> = (0..count).map(|i| 1_000_000 / (i + 1)).collect();
    (list, Discrete::new((0..count as usize).collect(), &weights))
}
