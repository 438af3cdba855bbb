//! The generated records' types: a series with its seasons, episodes, credits, images, videos
//! and texts, as [`crate::model::World::series`] draws them and [`crate::load`] writes them.

/// Translated name and overview of one owner in one language.
#[derive(Debug, Clone)]
pub struct Text {
    pub lang: String,
    pub region: String,
    pub name: Option<String>,
    pub overview: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Img {
    pub file_path: String,
    pub aspect_ratio: f64,
    pub width: i64,
    pub height: i64,
    pub lang: Option<String>,
    pub vote_average: f64,
    pub vote_count: i64,
}

#[derive(Debug, Clone)]
pub struct Vid {
    pub id: String,
    pub lang: String,
    pub region: String,
    pub name: String,
    pub key: String,
    pub size: i64,
    pub kind: &'static str,
    pub official: bool,
    pub published_at: String,
}

/// One credit: cast when `character` is set, crew when `job` is.
#[derive(Debug, Clone)]
pub struct Cred {
    pub credit_id: String,
    pub person: u32,
    pub character: Option<String>,
    pub department: Option<&'static str>,
    pub job: Option<&'static str>,
    pub order: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct Episode {
    pub id: i64,
    pub number: i64,
    pub air_date: String,
    pub episode_type: &'static str,
    pub production_code: Option<String>,
    pub runtime: i64,
    pub still_path: Option<String>,
    pub vote_average: f64,
    pub vote_count: i64,
    pub texts: Vec<Text>,
    pub stills: Vec<Img>,
    pub videos: Vec<Vid>,
    pub external_ids: Vec<(&'static str, String)>,
    pub guests: Vec<Cred>,
    pub crew: Vec<Cred>,
}

#[derive(Debug, Clone)]
pub struct Season {
    pub id: i64,
    pub number: i64,
    pub object_id: String,
    pub air_date: String,
    pub poster_path: Option<String>,
    pub vote_average: f64,
    pub texts: Vec<Text>,
    pub posters: Vec<Img>,
    pub videos: Vec<Vid>,
    pub external_ids: Vec<(&'static str, String)>,
    pub cast: Vec<Cred>,
    pub crew: Vec<Cred>,
    pub episodes: Vec<Episode>,
}

#[derive(Debug, Clone)]
pub struct Series {
    pub id: i64,
    pub original_name: String,
    pub original_language: String,
    /// 0 (only the regular cast is known) to 1 (as complete as Game of Thrones in the spec).
    pub richness: f64,
    pub networks: Vec<usize>,
    pub texts: Vec<Text>,
    pub external_ids: Vec<(&'static str, String)>,
    pub change_id: String,
    pub seasons: Vec<Season>,
    /// The series' own votes and rating (its episodes' scatter around them).
    pub vote_count: i64,
    pub vote_average: f64,
    pub first_air_date: String,
    pub origin_country: String,
}

/// Id counters, advanced in series order.
#[derive(Debug, Clone, Default)]
pub struct Ids {
    pub series: i64,
    pub season: i64,
    pub episode: i64,
}
