//! Every table the generator fills, with its columns in insert order: the one declaration the
//! bulk inserts (`crate::load`) and the digest are both built from.

/// A column's type, so [`crate::load::digest`] decodes and prints it alike on both engines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Real,
    Text,
}

/// A table the generator fills, its columns in insert order, and its primary key.
pub struct TableDef {
    pub name: &'static str,
    pub cols: &'static [(&'static str, Kind)],
}

use Kind::{Int, Real, Text as T};

pub const PERSON: usize = 0;
pub const NETWORK: usize = 1;
pub const SERIES: usize = 2;
pub const SERIES_NETWORK: usize = 3;
pub const SEASON: usize = 4;
pub const EPISODE: usize = 5;
pub const TRANSLATION: usize = 6;
pub const CREDIT: usize = 7;
pub const IMAGE: usize = 8;
pub const VIDEO: usize = 9;
pub const EXTERNAL_ID: usize = 10;
pub const CHANGE_LOG: usize = 11;
pub const GENRE: usize = 12;
pub const OWNER_GENRE: usize = 13;
pub const KEYWORD: usize = 14;
pub const OWNER_KEYWORD: usize = 15;
pub const CODE_LIST: usize = 16;
pub const COMPANY: usize = 17;
pub const OWNER_COMPANY: usize = 18;
pub const COUNTRY: usize = 19;
pub const SERIES_CREATOR: usize = 20;
pub const CONTENT_RATING: usize = 21;
pub const CONTENT_RATING_DESCRIPTOR: usize = 22;
pub const MOVIE: usize = 23;
pub const COLLECTION: usize = 24;
pub const RELEASE_DATE: usize = 25;
pub const RELEASE_DATE_DESCRIPTOR: usize = 26;
pub const KNOWN_FOR: usize = 27;

/// The columns of networks and production companies.
const ORGANISATION_COLS: &[(&str, Kind)] = &[
    ("id", Int),
    ("name", T),
    ("logo_path", T),
    ("origin_country", T),
];

/// Every table the generator writes, indexed by the constants above.
pub const TABLES: &[TableDef] = &[
    TableDef {
        name: "person",
        cols: &[
            ("id", Int),
            ("name", T),
            ("original_name", T),
            ("gender", Int),
            ("adult", Int),
            ("known_for_department", T),
            ("popularity", Real),
            ("profile_path", T),
            ("biography", T),
            ("primary_language", T),
            ("birthday", T),
            ("deathday", T),
            ("homepage", T),
            ("place_of_birth", T),
        ],
    },
    TableDef {
        name: "network",
        cols: ORGANISATION_COLS,
    },
    TableDef {
        name: "tv_series",
        cols: &[
            ("id", Int),
            ("original_name", T),
            ("original_language", T),
            ("adult", Int),
            ("backdrop_path", T),
            ("poster_path", T),
            ("first_air_date", T),
            ("popularity", Real),
            ("vote_average", Real),
            ("vote_count", Int),
            ("primary_language", T),
            ("name", T),
            ("overview", T),
            ("tagline", T),
            ("homepage", T),
            ("status", T),
            ("series_type", T),
            ("in_production", Int),
            ("last_air_date", T),
            ("number_of_episodes", Int),
            ("number_of_seasons", Int),
        ],
    },
    TableDef {
        name: "tv_series_network",
        cols: &[("series_id", Int), ("network_id", Int), ("position", Int)],
    },
    TableDef {
        name: "tv_season",
        cols: &[
            ("series_id", Int),
            ("season_number", Int),
            ("id", Int),
            ("object_id", T),
            ("air_date", T),
            ("poster_path", T),
            ("vote_average", Real),
            ("name", T),
            ("overview", T),
            ("primary_language", T),
            ("episode_count", Int),
        ],
    },
    TableDef {
        name: "tv_episode",
        cols: &[
            ("id", Int),
            ("series_id", Int),
            ("season_number", Int),
            ("episode_number", Int),
            ("air_date", T),
            ("episode_type", T),
            ("production_code", T),
            ("runtime", Int),
            ("still_path", T),
            ("vote_average", Real),
            ("vote_count", Int),
            ("name", T),
            ("overview", T),
            ("primary_language", T),
        ],
    },
    TableDef {
        name: "translation",
        cols: &[
            ("owner_type", T),
            ("owner_id", Int),
            ("iso_639_1", T),
            ("iso_3166_1", T),
            ("name", T),
            ("overview", T),
            ("tagline", T),
            ("homepage", T),
            ("runtime", Int),
        ],
    },
    TableDef {
        name: "credit",
        cols: &[
            ("owner_type", T),
            ("owner_id", Int),
            ("kind", T),
            ("credit_id", T),
            ("person_id", Int),
            ("character_name", T),
            ("department", T),
            ("job", T),
            ("ord", Int),
            ("regular", Int),
            ("episode_count", Int),
            ("position", Int),
            ("agg_position", Int),
            ("cast_id", Int),
            ("person_name", T),
            ("person_original_name", T),
            ("person_gender", Int),
            ("person_adult", Int),
            ("person_known_for_department", T),
            ("person_popularity", Real),
            ("person_profile_path", T),
        ],
    },
    TableDef {
        name: "image",
        cols: &[
            ("owner_type", T),
            ("owner_id", Int),
            ("kind", T),
            ("file_path", T),
            ("aspect_ratio", Real),
            ("height", Int),
            ("width", Int),
            ("iso_639_1", T),
            ("vote_average", Real),
            ("vote_count", Int),
            ("position", Int),
        ],
    },
    TableDef {
        name: "video",
        cols: &[
            ("owner_type", T),
            ("owner_id", Int),
            ("id", T),
            ("iso_639_1", T),
            ("iso_3166_1", T),
            ("name", T),
            ("video_key", T),
            ("site", T),
            ("size", Int),
            ("video_type", T),
            ("official", Int),
            ("published_at", T),
            ("position", Int),
        ],
    },
    TableDef {
        name: "external_id",
        cols: &[
            ("owner_type", T),
            ("owner_id", Int),
            ("source", T),
            ("value", T),
        ],
    },
    TableDef {
        name: "change_log",
        cols: &[
            ("id", T),
            ("seq", Int),
            ("owner_type", T),
            ("owner_id", Int),
            ("change_key", T),
            ("action", T),
            ("time", T),
            ("iso_639_1", T),
            ("iso_3166_1", T),
            ("value", T),
            ("original_value", T),
        ],
    },
    TableDef {
        name: "genre",
        cols: &[("id", Int), ("name", T)],
    },
    TableDef {
        name: "owner_genre",
        cols: &[
            ("owner_type", T),
            ("owner_id", Int),
            ("genre_id", Int),
            ("position", Int),
        ],
    },
    TableDef {
        name: "keyword",
        cols: &[("id", Int), ("name", T)],
    },
    TableDef {
        name: "owner_keyword",
        cols: &[
            ("owner_type", T),
            ("owner_id", Int),
            ("keyword_id", Int),
            ("position", Int),
        ],
    },
    TableDef {
        name: "code_list",
        cols: &[
            ("owner_type", T),
            ("owner_id", Int),
            ("list_name", T),
            ("position", Int),
            ("value", T),
        ],
    },
    TableDef {
        name: "company",
        cols: ORGANISATION_COLS,
    },
    TableDef {
        name: "owner_company",
        cols: &[
            ("owner_type", T),
            ("owner_id", Int),
            ("company_id", Int),
            ("position", Int),
        ],
    },
    TableDef {
        name: "country",
        cols: &[("iso_3166_1", T), ("english_name", T)],
    },
    TableDef {
        name: "tv_series_creator",
        cols: &[
            ("series_id", Int),
            ("person_id", Int),
            ("credit_id", T),
            ("position", Int),
        ],
    },
    TableDef {
        name: "content_rating",
        cols: &[
            ("owner_type", T),
            ("owner_id", Int),
            ("position", Int),
            ("iso_3166_1", T),
            ("rating", T),
        ],
    },
    TableDef {
        name: "content_rating_descriptor",
        cols: &[
            ("owner_type", T),
            ("owner_id", Int),
            ("rating_position", Int),
            ("position", Int),
            ("descriptor", T),
        ],
    },
    TableDef {
        name: "movie",
        cols: &[
            ("id", Int),
            ("adult", Int),
            ("backdrop_path", T),
            ("collection_id", Int),
            ("budget", Int),
            ("original_language", T),
            ("original_title", T),
            ("popularity", Real),
            ("poster_path", T),
            ("release_date", T),
            ("revenue", Int),
            ("runtime", Int),
            ("status", T),
            ("video", Int),
            ("vote_average", Real),
            ("vote_count", Int),
            ("primary_language", T),
            ("name", T),
            ("overview", T),
            ("tagline", T),
            ("homepage", T),
        ],
    },
    TableDef {
        name: "collection",
        cols: &[
            ("id", Int),
            ("name", T),
            ("poster_path", T),
            ("backdrop_path", T),
        ],
    },
    TableDef {
        name: "release_date",
        cols: &[
            ("movie_id", Int),
            ("position", Int),
            ("iso_3166_1", T),
            ("certification", T),
            ("iso_639_1", T),
            ("note", T),
            ("release_date", T),
            ("release_type", Int),
        ],
    },
    TableDef {
        name: "release_date_descriptor",
        cols: &[
            ("movie_id", Int),
            ("release_position", Int),
            ("position", Int),
            ("descriptor", T),
        ],
    },
    TableDef {
        name: "known_for",
        cols: &[
            ("person_id", Int),
            ("ord", Int),
            ("media_type", T),
            ("title_id", Int),
            ("popularity", Real),
        ],
    },
];
