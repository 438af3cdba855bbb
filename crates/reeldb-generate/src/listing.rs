//! What TV lists show of a series (popularity, votes, genres, keywords, artwork, origin), drawn
//! from the series' own listing stream, so adding these draws left every earlier draw of
//! [`crate::model`] (and so the rest of the catalog) unchanged.
//!
//! Genres are TMDB's TV genres (ids and names as TMDB publishes them in `/3/genre/tv/list`).
//! Popularity follows a Pareto tail like people's (a few series are very popular, most are
//! not), scaled by how documented the series is; Game of Thrones, the complete series of the spec
//! examples, has a popularity in the hundreds.

use crate::dist;
use crate::fake::{image_path, round3};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const STREAM_LISTING: u64 = 4 << 40;

/// TMDB's TV genres: `(id, name)`.
pub const TV_GENRES: &[(i64, &str)] = &[
    (10759, "Action & Adventure"),
    (16, "Animation"),
    (35, "Comedy"),
    (80, "Crime"),
    (99, "Documentary"),
    (18, "Drama"),
    (10751, "Family"),
    (10762, "Kids"),
    (9648, "Mystery"),
    (10763, "News"),
    (10764, "Reality"),
    (10765, "Sci-Fi & Fantasy"),
    (10766, "Soap"),
    (10767, "Talk"),
    (10768, "War & Politics"),
    (37, "Western"),
];

/// Words keyword names are made of (made up, as every generated name is).
const KEYWORD_WORDS: &[&str] = &[
    "dragon",
    "kingdom",
    "detective",
    "family",
    "war",
    "friendship",
    "betrayal",
    "magic",
    "space",
    "murder",
    "school",
    "hospital",
    "police",
    "revenge",
    "romance",
    "survival",
    "time travel",
    "small town",
    "based on novel",
    "anthology",
    "heist",
    "court",
    "politics",
    "monster",
    "sitcom",
    "workplace",
    "cooking",
    "competition",
    "island",
    "zombie",
];

/// Keywords in a catalog of `series` series: TMDB has about one keyword per five titles.
pub fn keyword_count(series: u64) -> i64 {
    (series as i64 / 5).max(30)
}

/// The name of generated keyword `id` (1-based): a word, with a number past the word list.
pub fn keyword_name(id: i64) -> String {
    let w = KEYWORD_WORDS[((id - 1) as usize) % KEYWORD_WORDS.len()];
    let round = (id - 1) / KEYWORD_WORDS.len() as i64;
    if round == 0 {
        w.to_owned()
    } else {
        format!("{w} {round}")
    }
}

/// A series' list fields that [`crate::model::World::series`] does not draw.
#[derive(Debug, Clone)]
pub struct Listing {
    pub adult: bool,
    pub popularity: f64,
    pub poster_path: Option<String>,
    pub backdrop_path: Option<String>,
    pub genre_ids: Vec<i64>,
    pub keyword_ids: Vec<i64>,
}

/// The listing of series `index` (0-based) of richness `richness`, in a catalog with
/// `keywords` keywords.
pub fn listing(seed: u64, index: u64, richness: f64, keywords: i64, pareto_alpha: f64) -> Listing {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(STREAM_LISTING + index);
    let rng = &mut rng;
    let popularity = if index == 0 {
        round3(400.0 + rng.random_range(0.0..200.0))
    } else {
        round3((0.6 + 20.0 * richness) * dist::pareto(rng, pareto_alpha))
    };
    let genres = 1 + usize::from(rng.random_bool(0.6)) + usize::from(rng.random_bool(0.2));
    let mut genre_ids = Vec::new();
    while genre_ids.len() < genres {
        let g = TV_GENRES[rng.random_range(0..TV_GENRES.len())].0;
        if !genre_ids.contains(&g) {
            genre_ids.push(g);
        }
    }
    // Keywords: none for most sparse series, up to a dozen for documented ones; popular
    // keywords (low ids) are drawn more often.
    let n_keywords = (richness * 12.0 * rng.random::<f64>()).round() as usize;
    let mut keyword_ids = Vec::new();
    for _ in 0..n_keywords {
        let k = 1 + ((keywords as f64) * rng.random::<f64>().powi(3)) as i64;
        if !keyword_ids.contains(&k) {
            keyword_ids.push(k.min(keywords));
        }
    }
    Listing {
        adult: false,
        popularity,
        poster_path: rng
            .random_bool(0.3 + 0.7 * richness)
            .then(|| image_path(rng)),
        backdrop_path: rng
            .random_bool(0.2 + 0.8 * richness)
            .then(|| image_path(rng)),
        genre_ids,
        keyword_ids,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listings_are_deterministic_and_in_range() {
        let a = listing(7, 3, 0.5, 100, 1.5);
        let b = listing(7, 3, 0.5, 100, 1.5);
        assert_eq!(a.genre_ids, b.genre_ids);
        assert_eq!(a.popularity, b.popularity);
        assert!(a.keyword_ids.iter().all(|k| (1..=100).contains(k)));
        assert!(!a.genre_ids.is_empty());
        assert_eq!(keyword_name(1), "dragon");
        assert_eq!(keyword_name(31), "dragon 1");
    }
}
