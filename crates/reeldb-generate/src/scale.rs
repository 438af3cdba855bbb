//! Catalog sizes: `tiny` for tests, `small` (about 1% of TMDB), `tmdb`.

/// How big a catalog to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// A few hundred rows, for tests.
    Tiny,
    /// About 1% of TMDB.
    Small,
    /// TMDB's size.
    Tmdb,
}

impl std::str::FromStr for Scale {
    type Err = String;
    fn from_str(s: &str) -> Result<Scale, String> {
        match s {
            "tiny" => Ok(Scale::Tiny),
            "small" => Ok(Scale::Small),
            "tmdb" => Ok(Scale::Tmdb),
            other => Err(format!("unknown scale {other:?} (tiny, small or tmdb)")),
        }
    }
}

impl Scale {
    pub fn name(self) -> &'static str {
        match self {
            Scale::Tiny => "tiny",
            Scale::Small => "small",
            Scale::Tmdb => "tmdb",
        }
    }

    /// Counts of the scale. TMDB's totals are the issue's: about 230,000 series, 600,000 seasons,
    /// 4,000,000 episodes, 1,200,000 movies and 3,500,000 people; seasons and episodes follow from the per-series
    /// distributions below, whose means are set to give those totals.
    pub fn spec(self) -> ScaleSpec {
        match self {
            Scale::Tiny => ScaleSpec {
                series: 3,
                movies: 4,
                people: 60,
                networks: 3,
                cap: 3,
            },
            Scale::Small => ScaleSpec {
                series: 2_300,
                movies: 12_000,
                people: 35_000,
                networks: 300,
                cap: i64::MAX,
            },
            Scale::Tmdb => ScaleSpec {
                series: 230_000,
                movies: 1_200_000,
                people: 3_500_000,
                networks: 5_000,
                cap: i64::MAX,
            },
        }
    }
}

/// The counts a scale fixes.
#[derive(Debug, Clone, Copy)]
pub struct ScaleSpec {
    pub series: u64,
    /// TMDB's ~1,200,000 movies, and 1 % of them at `small`.
    pub movies: u64,
    pub people: u64,
    pub networks: u64,
    /// Upper bound on every list (seasons, episodes, credits, images...): keeps `tiny` tiny.
    pub cap: i64,
}
