//! Made-up text for the synthetic catalog: names, titles, sentences, TMDB-shaped ids and paths,
//! and civil dates. Every function draws from the stream it is given, so the text is as
//! reproducible as the rest of the catalog.

use rand::Rng;

pub(crate) const FIRST: &[&str] = &[
    "Ada", "Alan", "Alma", "Amir", "Ana", "Anders", "Aiko", "Bea", "Ben", "Carla", "Chen", "Clara",
    "Dario", "Dev", "Dina", "Elif", "Emil", "Erin", "Eva", "Felix", "Fatima", "Gus", "Hana",
    "Hugo", "Ines", "Ivan", "Jade", "Jonas", "June", "Kai", "Kenji", "Lena", "Leo", "Lina", "Luca",
    "Maya", "Milo", "Mira", "Nadia", "Nico", "Noor", "Olga", "Omar", "Pia", "Raj", "Rosa", "Sami",
    "Sara", "Tariq", "Tess", "Theo", "Uma", "Vera", "Wes", "Yara", "Yusuf", "Zoe",
];
pub(crate) const LAST: &[&str] = &[
    "Abbott", "Alvarez", "Bauer", "Berg", "Campos", "Costa", "Dahl", "Diaz", "Eriksen", "Fischer",
    "Garcia", "Hale", "Hayashi", "Ibsen", "Jensen", "Kaur", "Kim", "Kowalski", "Larsen", "Lopez",
    "Moreau", "Murphy", "Nakamura", "Novak", "Okafor", "Olsen", "Park", "Petrov", "Quinn", "Rossi",
    "Santos", "Schmidt", "Silva", "Singh", "Tanaka", "Torres", "Ueda", "Varga", "Wagner", "Weiss",
    "Xu", "Yilmaz", "Zhang", "Zimmer",
];
pub(crate) const ADJ: &[&str] = &[
    "Silent", "Broken", "Golden", "Hidden", "Last", "Lost", "Midnight", "Northern", "Red",
    "Secret", "Wild", "Distant", "Burning", "Quiet", "Iron", "Paper", "Glass", "Little", "Bright",
    "Cold",
];
pub(crate) const NOUN: &[&str] = &[
    "Harbor", "Crown", "Kitchen", "Signal", "Orchard", "Frontier", "Precinct", "Academy", "Tide",
    "Garden", "Empire", "Station", "River", "House", "Circle", "Border", "Letters", "Hours",
    "Kingdom", "Summer",
];
pub(crate) const WORDS: &[&str] = &[
    "a",
    "the",
    "of",
    "and",
    "in",
    "with",
    "to",
    "her",
    "his",
    "their",
    "new",
    "old",
    "family",
    "secret",
    "town",
    "city",
    "friend",
    "rival",
    "past",
    "plan",
    "night",
    "storm",
    "truth",
    "debt",
    "case",
    "journey",
    "promise",
    "returns",
    "discovers",
    "faces",
    "hides",
    "must",
    "decide",
    "before",
    "after",
    "while",
    "everything",
    "changes",
    "war",
    "love",
    "trial",
    "wedding",
];
pub(crate) const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

pub(crate) fn pick<'a>(rng: &mut impl Rng, list: &[&'a str]) -> &'a str {
    list[rng.random_range(0..list.len())]
}

/// A 24-hex-digit id (credit, video, change, season `_id`), from the stream: TMDB's shape,
/// reproducible.
pub fn object_id(rng: &mut impl Rng) -> String {
    let bytes: [u8; 12] = rng.random();
    hex::encode(bytes)
}

/// An image path as TMDB writes them: `/` + 27 base62 characters + `.jpg`.
pub fn image_path(rng: &mut impl Rng) -> String {
    let mut s = String::with_capacity(32);
    s.push('/');
    for _ in 0..27 {
        s.push(BASE62[rng.random_range(0..62)] as char);
    }
    s.push_str(".jpg");
    s
}

pub(crate) fn video_key(rng: &mut impl Rng) -> String {
    (0..11)
        .map(|_| BASE62[rng.random_range(0..62)] as char)
        .collect()
}

pub(crate) fn person_name(rng: &mut impl Rng) -> String {
    format!("{} {}", pick(rng, FIRST), pick(rng, LAST))
}

pub(crate) fn sentence(rng: &mut impl Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        let w = pick(rng, WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

pub(crate) fn overview(rng: &mut impl Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| {
            let n = rng.random_range(6..15);
            sentence(rng, n)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn title(rng: &mut impl Rng) -> String {
    match rng.random_range(0..3) {
        0 => format!("The {} {}", pick(rng, ADJ), pick(rng, NOUN)),
        1 => format!("{} {}", pick(rng, ADJ), pick(rng, NOUN)),
        _ => pick(rng, NOUN).to_owned(),
    }
}

pub(crate) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

pub(crate) fn date(y: i64, m: i64, d: i64) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 of a civil date, and back (Howard Hinnant's algorithms).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(crate) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub(crate) fn day_string(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    date(y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2011, 4, 17), (2000, 2, 29), (1940, 12, 31)] {
            assert_eq!(civil_from_days(days_from_civil(y, m, d)), (y, m, d));
        }
        assert_eq!(days_from_civil(1970, 1, 2), 1);
    }
}
