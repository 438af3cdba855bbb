//! Applying a movie details response, each change logged under TMDB's key.

use crate::write::{Writer, bool_int};
use crate::{Owner, Result, StoreError};
use reeldb_wire::movie::{CollectionRef, MovieDetails};
use reeldb_wire::params::Language;
use serde_json::json;

type Scalars = (
    Option<i64>,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<i64>,
);

impl Writer<'_> {
    /// Makes sure a movie row exists (a sub-resource names its movie by id).
    pub fn ensure_movie(&mut self, id: i64) -> Result<()> {
        let res = self.db.execute(
            "INSERT INTO movie (id) VALUES ($1) ON CONFLICT (id) DO NOTHING",
            &[&id],
        )?;
        if res > 0 {
            let owner = Owner::movie(id);
            self.ranked(owner);
            self.record(owner, "id", "created", None, None, Some(json!(id)), None)?;
        }
        Ok(())
    }

    /// The title a review of the movie names (`media_title`, TMDB's English title): kept as
    /// the movie's primary text when the catalog knows no title for it yet.
    pub fn note_movie_title(&mut self, id: i64, title: Option<&str>) -> Result<()> {
        self.ensure_movie(id)?;
        let Some(title) = title else { return Ok(()) };
        let known: Option<Option<String>> = self
            .db
            .scalar_opt("SELECT name FROM movie WHERE id = $1", &[&id])?;
        if known.flatten().is_some_and(|n| !n.is_empty()) {
            return Ok(());
        }
        let owner = Owner::movie(id);
        let lang = Language::default();
        if !self.set_primary_text(owner, &lang.to_string(), Some(title), None)? {
            self.set_translation(owner, &lang.iso_639_1, "US", Some(title), None)?;
        }
        Ok(())
    }

    /// Applies a movie details response given in `language` (a tag such as `en-US`).
    pub fn set_movie_details(&mut self, d: &MovieDetails, language: &str) -> Result<()> {
        let lang: Language = language
            .parse()
            .map_err(|_| StoreError::Invalid(format!("bad language tag {language:?}")))?;
        self.ensure_movie(d.id)?;
        let owner = Owner::movie(d.id);
        let listing = self.listing_of("movie", d.id)?;
        let old: Scalars = self.db.query_one(
            "SELECT adult, backdrop_path, budget, original_language, original_title, poster_path,
                    release_date, revenue, runtime, status, video
             FROM movie WHERE id = $1",
            &[&d.id],
        )?;
        self.db.execute(
            "UPDATE movie SET adult = $2, backdrop_path = $3, budget = $4, original_language = $5,
               original_title = $6, popularity = $7, poster_path = $8, release_date = $9, revenue = $10,
               runtime = $11, status = $12, video = $13, vote_average = $14, vote_count = $15
             WHERE id = $1",
            &[
                &d.id,
                &bool_int(d.adult),
                &d.backdrop_path,
                &d.budget,
                &d.original_language,
                &d.original_title,
                &d.popularity,
                &d.poster_path,
                &d.release_date,
                &d.revenue,
                &d.runtime,
                &d.status,
                &bool_int(d.video),
                &d.vote_average,
                &d.vote_count,
            ],
        )?;
        let (
            adult,
            backdrop,
            budget,
            o_lang,
            o_title,
            poster,
            release,
            revenue,
            runtime,
            status,
            video,
        ) = old;
        // Popularity and votes move daily: TMDB logs no change for them, and neither does this.
        // The search index's discover facts follow them through a mark of their own.
        self.mark_listing(owner, listing, (d.popularity, d.vote_average, d.vote_count))?;
        self.diff_field(owner, "adult", &adult.map(|a| a != 0), &d.adult)?;
        self.diff_field(owner, "backdrop_path", &backdrop, &d.backdrop_path)?;
        self.diff_field(owner, "budget", &budget, &d.budget)?;
        self.diff_field(owner, "original_language", &o_lang, &d.original_language)?;
        self.diff_field(owner, "original_title", &o_title, &d.original_title)?;
        self.diff_field(owner, "poster_path", &poster, &d.poster_path)?;
        self.diff_field(owner, "release_date", &release, &d.release_date)?;
        self.diff_field(owner, "revenue", &revenue, &d.revenue)?;
        self.diff_field(owner, "runtime", &runtime, &d.runtime)?;
        self.diff_field(owner, "status", &status, &d.status)?;
        self.diff_field(owner, "video", &video.map(|v| v != 0), &d.video)?;
        self.set_stated_text(owner, language, d.title.as_deref(), d.overview.as_deref())?;
        self.set_extra_text(
            Owner::movie(d.id),
            &lang,
            language,
            d.tagline.as_deref(),
            d.homepage.as_deref(),
        )?;
        let genre_ids: Vec<i64> = d.genres.iter().map(|g| g.id).collect();
        self.set_genre_ids(owner, &genre_ids)?;
        self.set_genre_names(&d.genres, &lang)?;
        self.set_code_list(owner, "origin_country", &d.origin_country)?;
        for c in &d.production_countries {
            self.set_country_name(&c.iso_3166_1, c.name.as_deref())?;
        }
        let countries: Vec<String> = d
            .production_countries
            .iter()
            .map(|c| c.iso_3166_1.clone())
            .collect();
        self.set_code_list(owner, "production_countries", &countries)?;
        let spoken: Vec<String> = d
            .spoken_languages
            .iter()
            .map(|l| l.iso_639_1.clone())
            .collect();
        self.set_code_list(owner, "spoken_languages", &spoken)?;
        self.set_owner_companies(owner, &d.production_companies)?;
        self.set_external_ids(
            owner,
            &[(
                "imdb_id".to_owned(),
                d.imdb_id.clone().filter(|s| !s.is_empty()),
            )],
        )?;
        self.set_movie_collection(d.id, d.belongs_to_collection.as_ref(), language)
    }

    /// `belongs_to_collection`: the collection (its images and its name in `language`, see
    /// [`Writer::note_collection`]) and the movie's link to it. A movie that moves to another
    /// collection loses its place among the old one's parts.
    fn set_movie_collection(
        &mut self,
        id: i64,
        c: Option<&CollectionRef>,
        language: &str,
    ) -> Result<()> {
        let old: Option<i64> = self
            .db
            .scalar("SELECT collection_id FROM movie WHERE id = $1", &[&id])?;
        if let Some(c) = c {
            self.note_collection(c, language)?;
        }
        let new = c.map(|c| c.id);
        self.db.execute(
            "UPDATE movie SET collection_position = CASE WHEN collection_id = $1 THEN collection_position END,
               collection_id = $1
             WHERE id = $2",
            &[&new, &id],
        )?;
        self.diff_field(Owner::movie(id), "belongs_to_collection", &old, &new)
    }
}
