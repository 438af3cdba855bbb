//! The shapes the generator samples from.
//!
//! Histograms come from `data/distributions.json`, derived by `tools/derive_distributions.py` from
//! the CC0 `movies.db` of the PyPI wheel bokeh-sampledata==2026.1 (17,472 Wikidata films,
//! 1940-2014). Everything is sampled from a caller's ChaCha stream, so a seed fixes the catalog.

use rand::Rng;
use serde::Deserialize;

const DISTRIBUTIONS: &str = include_str!("../data/distributions.json");

#[derive(Debug, Deserialize)]
struct RawHist {
    values: Vec<i64>,
    counts: Vec<u64>,
}

#[derive(Debug, Deserialize)]
struct RawNamed {
    values: Vec<String>,
    counts: Vec<u64>,
}

#[derive(Debug, Deserialize)]
struct RawRecurrence {
    people: u64,
    credits: u64,
    largest: Vec<u64>,
    pareto_alpha: f64,
}

#[derive(Debug, Deserialize)]
struct RawEdges {
    edges: Vec<i64>,
    counts: Vec<u64>,
}

#[derive(Debug, Deserialize)]
struct RawRating {
    bin_width: f64,
    counts: Vec<u64>,
}

#[derive(Debug, Deserialize)]
struct Raw {
    cast_size: RawHist,
    crew_size: RawHist,
    release_year: RawHist,
    release_month: RawHist,
    runtime_minutes: RawHist,
    people_recurrence: RawRecurrence,
    languages: RawNamed,
    countries: RawNamed,
    review_counts: RawEdges,
    rating: RawRating,
    movie_genres: RawHist,
    genres_per_film: RawHist,
}

/// A discrete distribution over `values`, drawn by inverse CDF.
#[derive(Debug, Clone)]
pub struct Discrete<T> {
    values: Vec<T>,
    cumulative: Vec<u64>,
}

impl<T: Clone> Discrete<T> {
    pub fn new(values: Vec<T>, counts: &[u64]) -> Discrete<T> {
        let mut total = 0;
        let cumulative = counts
            .iter()
            .map(|c| {
                total += c;
                total
            })
            .collect();
        Discrete { values, cumulative }
    }

    /// The values drawn from.
    pub fn values(&self) -> &[T] {
        &self.values
    }

    pub fn sample(&self, rng: &mut impl Rng) -> T {
        let total = self.cumulative.last().copied().unwrap_or(0);
        if total == 0 {
            return self.values[0].clone();
        }
        let r = rng.random_range(0..total);
        let i = self.cumulative.partition_point(|&c| c <= r);
        self.values[i.min(self.values.len() - 1)].clone()
    }
}

/// Everything the generator draws from real data.
#[derive(Debug, Clone)]
pub struct Distributions {
    /// Names in a film's cast (movies.db): the size of a season's regular cast, and the base of
    /// an episode's guest list.
    pub cast_size: Discrete<i64>,
    /// Distinct directors and writers of a film (movies.db): key crew of an episode or season.
    pub crew_size: Discrete<i64>,
    /// Release year (movies.db): a series' first air year.
    pub release_year: Discrete<i64>,
    /// Release month (movies.db, bare-year dates left out).
    pub release_month: Discrete<i64>,
    /// Film runtimes in 5-minute bins (movies.db). Kept for movies; TV runtimes follow the spec
    /// examples (see `model::runtime_class`).
    pub runtime_minutes: Discrete<i64>,
    /// First spoken language as ISO 639-1 (movies.db): a series' original language.
    pub languages: Discrete<String>,
    /// First production country as ISO 3166-1 (movies.db): a network's and series' origin.
    pub countries: Discrete<String>,
    /// Rotten Tomatoes review counts (movies.db `tomatoes.Reviews`), power-of-two bins: the long
    /// tail of vote counts.
    review_edges: Vec<i64>,
    review_bins: Discrete<usize>,
    /// Rotten Tomatoes average rating, 0..10 (movies.db): vote averages.
    rating_width: f64,
    rating_bins: Discrete<usize>,
    /// TMDB movie genre ids by how many films have them (movies.db genres mapped to TMDB's).
    pub movie_genres: Discrete<i64>,
    /// Genres per film (movies.db, after that mapping).
    pub genres_per_film: Discrete<i64>,
    /// Tail exponent of credits per person (Hill estimate over movies.db people with >= 5
    /// credits): a few people in very many credits.
    pub pareto_alpha: f64,
    /// Largest credit count over the mean credit count, in the movies.db population.
    pub top_over_mean: f64,
    /// The movies.db population those were measured on.
    pub sample_people: f64,
}

impl Distributions {
    /// The committed distributions (compiled in).
    pub fn load() -> Distributions {
        // The file is committed and checked by the crate's tests; a parse failure is a build bug.
        #[expect(clippy::expect_used, reason = "compiled-in data, covered by tests")]
        let raw: Raw = serde_json::from_str(DISTRIBUTIONS).expect("data/distributions.json");
        let hist = |h: &RawHist| Discrete::new(h.values.clone(), &h.counts);
        let named = |h: &RawNamed| Discrete::new(h.values.clone(), &h.counts);
        let r = &raw.people_recurrence;
        let mean = r.credits as f64 / r.people.max(1) as f64;
        Distributions {
            cast_size: hist(&raw.cast_size),
            crew_size: hist(&raw.crew_size),
            release_year: hist(&raw.release_year),
            release_month: hist(&raw.release_month),
            runtime_minutes: hist(&raw.runtime_minutes),
            languages: named(&raw.languages),
            countries: named(&raw.countries),
            review_edges: raw.review_counts.edges.clone(),
            review_bins: Discrete::new(
                (0..raw.review_counts.counts.len()).collect(),
                &raw.review_counts.counts,
            ),
            rating_width: raw.rating.bin_width,
            rating_bins: Discrete::new((0..raw.rating.counts.len()).collect(), &raw.rating.counts),
            movie_genres: hist(&raw.movie_genres),
            genres_per_film: hist(&raw.genres_per_film),
            pareto_alpha: r.pareto_alpha,
            top_over_mean: r.largest.first().copied().unwrap_or(1) as f64 / mean,
            sample_people: r.people as f64,
        }
    }

    /// A review count: a power-of-two bin, then uniform inside it.
    pub fn review_count(&self, rng: &mut impl Rng) -> i64 {
        let b = self.review_bins.sample(rng);
        let (lo, hi) = (self.review_edges[b], self.review_edges[b + 1]);
        if hi > lo {
            rng.random_range(lo..hi)
        } else {
            lo
        }
    }

    /// An average rating in 0..10.
    pub fn rating(&self, rng: &mut impl Rng) -> f64 {
        let b = self.rating_bins.sample(rng) as f64;
        ((b + rng.random::<f64>()) * self.rating_width).clamp(0.0, 10.0)
    }

    /// The cap on a person's activity weight, relative to the mean weight, for a population of
    /// `people`: the movies.db ratio of largest to mean credit count, extrapolated to the larger
    /// population along the fitted Pareto tail (`(N / N0)^(1 / alpha)`). At `tmdb` scale this puts
    /// a few people in thousands of credits, as the issue asks, without one person taking a
    /// visible share of the catalog.
    pub fn weight_cap_over_mean(&self, people: u64) -> f64 {
        let ratio = people as f64 / self.sample_people;
        (self.top_over_mean * ratio.powf(1.0 / self.pareto_alpha)).max(2.0)
    }
}

/// A Pareto draw with minimum 1 and exponent `alpha`.
pub fn pareto(rng: &mut impl Rng, alpha: f64) -> f64 {
    let u: f64 = 1.0 - rng.random::<f64>(); // (0, 1]
    u.powf(-1.0 / alpha)
}

/// A standard normal draw (Box-Muller).
pub fn normal(rng: &mut impl Rng) -> f64 {
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// A log-normal draw.
pub fn log_normal(rng: &mut impl Rng, mu: f64, sigma: f64) -> f64 {
    (mu + sigma * normal(rng)).exp()
}

/// A geometric count >= 1 with the given mean.
pub fn geometric(rng: &mut impl Rng, mean: f64) -> i64 {
    let p = 1.0 / mean.max(1.0);
    let u: f64 = 1.0 - rng.random::<f64>();
    1 + (u.ln() / (1.0 - p).ln()).floor().max(0.0) as i64
}

/// Draws indices in proportion to fixed weights (people by activity).
#[derive(Debug, Clone, Default)]
pub struct Weighted {
    items: Vec<u32>,
    cumulative: Vec<f64>,
}

impl Weighted {
    pub fn push(&mut self, item: u32, weight: f64) {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        self.items.push(item);
        self.cumulative.push(total + weight);
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn sample(&self, rng: &mut impl Rng) -> Option<u32> {
        let total = *self.cumulative.last()?;
        let r = rng.random::<f64>() * total;
        let i = self.cumulative.partition_point(|&c| c <= r);
        self.items.get(i.min(self.items.len() - 1)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn loads_the_committed_distributions() {
        let d = Distributions::load();
        assert!(d.pareto_alpha > 1.0 && d.pareto_alpha < 3.0);
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        let years: Vec<i64> = (0..100).map(|_| d.release_year.sample(&mut rng)).collect();
        assert!(years.iter().all(|y| (1940..=2014).contains(y)));
        let votes: Vec<i64> = (0..1000).map(|_| d.review_count(&mut rng)).collect();
        assert!(votes.iter().any(|v| *v > 100) && votes.iter().any(|v| *v < 16));
        assert!(d.weight_cap_over_mean(3_500_000) > 200.0);
        assert_eq!(d.languages.sample(&mut rng).len(), 2);
    }
}
