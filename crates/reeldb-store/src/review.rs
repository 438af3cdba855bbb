//! Reviews, keyed by TMDB's review id and hung off the reviewed object (`owner_type` 'tv' for
//! series; movies can reuse the table). A series' `/reviews` lists its reviews in the request's
//! language, oldest first, 20 a page; `/3/review/{id}` shows one, with the reviewed object's
//! title in TMDB's default language.
//!
//! Review changes are logged on the reviewed object under the key `reviews` (a review id is not
//! a numeric owner id), with the review's id, author and `updated_at` as the value.

use crate::db::Db;
use crate::write::Writer;
use crate::{Owner, OwnerKind, Result};
use reeldb_wire::common::Paged;
use reeldb_wire::params::Language;
use reeldb_wire::review::{AuthorDetails, ReviewDetails, ReviewSummary, Reviews};
use serde_json::{Value, json};

/// Reviews a `/reviews` page holds.
pub const REVIEWS_PER_PAGE: u64 = 20;

/// The stored fields of one review.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewFields {
    pub id: String,
    pub author: Option<String>,
    pub author_details: AuthorDetails,
    pub content: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub url: Option<String>,
    pub iso_639_1: Option<String>,
}

impl ReviewFields {
    /// A list entry's fields; list entries carry no language, so the caller names it (the
    /// request's: TMDB lists the reviews in the requested language).
    pub fn from_summary(r: &ReviewSummary, iso_639_1: Option<String>) -> ReviewFields {
        ReviewFields {
            id: r.id.clone(),
            author: r.author.clone(),
            author_details: r.author_details.clone(),
            content: r.content.clone(),
            created_at: r.created_at.clone(),
            updated_at: r.updated_at.clone(),
            url: r.url.clone(),
            iso_639_1,
        }
    }

    pub fn from_details(r: &ReviewDetails) -> ReviewFields {
        ReviewFields {
            id: r.id.clone(),
            author: r.author.clone(),
            author_details: r.author_details.clone(),
            content: r.content.clone(),
            created_at: r.created_at.clone(),
            updated_at: r.updated_at.clone(),
            url: r.url.clone(),
            iso_639_1: r.iso_639_1.clone(),
        }
    }

    fn summary(self) -> ReviewSummary {
        ReviewSummary {
            author: self.author,
            author_details: self.author_details,
            content: self.content,
            created_at: self.created_at,
            id: self.id,
            updated_at: self.updated_at,
            url: self.url,
        }
    }

    fn change_value(&self) -> Value {
        json!({"id": self.id, "author": self.author, "updated_at": self.updated_at})
    }
}

struct ReviewRow {
    id: String,
    owner_type: String,
    owner_id: i64,
    author: Option<String>,
    author_name: Option<String>,
    author_username: Option<String>,
    author_avatar_path: Option<String>,
    author_rating: Option<f64>,
    content: Option<String>,
    created_at: Option<String>,
    updated_at: Option<String>,
    url: Option<String>,
    iso_639_1: Option<String>,
}

crate::from_row!(ReviewRow {
    id,
    owner_type,
    owner_id,
    author,
    author_name,
    author_username,
    author_avatar_path,
    author_rating,
    content,
    created_at,
    updated_at,
    url,
    iso_639_1,
});

const COLUMNS: &str =
    "id, owner_type, owner_id, author, author_name, author_username, author_avatar_path,
    author_rating, content, created_at, updated_at, url, iso_639_1";

impl ReviewRow {
    fn fields(self) -> (String, i64, ReviewFields) {
        (
            self.owner_type,
            self.owner_id,
            ReviewFields {
                id: self.id,
                author: self.author,
                author_details: AuthorDetails {
                    name: self.author_name,
                    username: self.author_username,
                    avatar_path: self.author_avatar_path,
                    rating: self.author_rating,
                },
                content: self.content,
                created_at: self.created_at,
                updated_at: self.updated_at,
                url: self.url,
                iso_639_1: self.iso_639_1,
            },
        )
    }
}

impl Db {
    /// One review, `None` when unknown: one statement, plus the series summary (four) for the
    /// title of a series review.
    pub fn review(&mut self, id: &str) -> Result<Option<ReviewDetails>> {
        let row: Option<ReviewRow> = self.query_opt(
            &format!("SELECT {COLUMNS} FROM review WHERE id = $1"),
            &[&id],
        )?;
        let Some(row) = row else { return Ok(None) };
        let (media_type, media_id, f) = row.fields();
        let media_title = if media_type == OwnerKind::Series.as_str() {
            self.series_summaries(&[media_id], &Language::default())?
                .pop()
                .and_then(|s| s.name)
        } else if media_type == OwnerKind::Movie.as_str() {
            // A movie review's title: the movie's title in its primary language (one statement).
            self.scalar_opt::<Option<String>>("SELECT name FROM movie WHERE id = $1", &[&media_id])?
                .flatten()
        } else {
            None
        };
        Ok(Some(ReviewDetails {
            id: f.id,
            author: f.author,
            author_details: f.author_details,
            content: f.content,
            created_at: f.created_at,
            iso_639_1: f.iso_639_1,
            media_id,
            media_title,
            media_type,
            updated_at: f.updated_at,
            url: f.url,
        }))
    }

    /// One page of an owner's reviews in `lang` (reviews of unknown language too), oldest first
    /// (two statements).
    pub fn owner_reviews(&mut self, owner: Owner, lang: &Language, page: u32) -> Result<Reviews> {
        let kind = owner.kind.as_str();
        let filter = "owner_type = $1 AND owner_id = $2 AND (iso_639_1 = $3 OR iso_639_1 IS NULL)";
        let total: i64 = self.scalar(
            &format!("SELECT COUNT(*) FROM review WHERE {filter}"),
            &[&kind, &owner.id, &lang.iso_639_1],
        )?;
        let offset = i64::from(page.saturating_sub(1)) * REVIEWS_PER_PAGE as i64;
        let rows: Vec<ReviewRow> = self.query(
            &format!(
                "SELECT {COLUMNS} FROM review WHERE {filter}
                 ORDER BY created_at, id LIMIT $4 OFFSET $5"
            ),
            &[
                &kind,
                &owner.id,
                &lang.iso_639_1,
                &(REVIEWS_PER_PAGE as i64),
                &offset,
            ],
        )?;
        let results = rows.into_iter().map(|r| r.fields().2.summary()).collect();
        let p = Paged::new(page, REVIEWS_PER_PAGE, total.max(0) as u64, results);
        Ok(Reviews {
            id: owner.id,
            page: p.page,
            results: p.results,
            total_pages: p.total_pages,
            total_results: p.total_results,
        })
    }
}

impl Writer<'_> {
    /// Inserts or updates one review of `owner`; logs `reviews` added/updated on the owner when
    /// anything changed. `iso_639_1: None` keeps a stored language.
    pub fn upsert_review(&mut self, owner: Owner, r: &ReviewFields) -> Result<()> {
        let old: Option<ReviewRow> = self.db.query_opt(
            &format!("SELECT {COLUMNS} FROM review WHERE id = $1"),
            &[&r.id],
        )?;
        let old = old.map(ReviewRow::fields);
        let mut new = r.clone();
        if new.iso_639_1.is_none() {
            new.iso_639_1 = old.as_ref().and_then(|(_, _, o)| o.iso_639_1.clone());
        }
        let same_owner =
            |o: &(String, i64, ReviewFields)| o.0 == owner.kind.as_str() && o.1 == owner.id;
        if let Some(o) = &old
            && same_owner(o)
            && o.2 == new
        {
            return Ok(());
        }
        let a = &new.author_details;
        self.db.execute(
            "INSERT INTO review (id, owner_type, owner_id, author, author_name, author_username, author_avatar_path,
               author_rating, content, created_at, updated_at, url, iso_639_1)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
             ON CONFLICT (id) DO UPDATE SET owner_type = excluded.owner_type, owner_id = excluded.owner_id,
               author = excluded.author, author_name = excluded.author_name, author_username = excluded.author_username,
               author_avatar_path = excluded.author_avatar_path, author_rating = excluded.author_rating,
               content = excluded.content, created_at = excluded.created_at, updated_at = excluded.updated_at,
               url = excluded.url, iso_639_1 = excluded.iso_639_1",
            &[
                &new.id,
                &owner.kind.as_str(),
                &owner.id,
                &new.author,
                &a.name,
                &a.username,
                &a.avatar_path,
                &a.rating,
                &new.content,
                &new.created_at,
                &new.updated_at,
                &new.url,
                &new.iso_639_1,
            ],
        )?;
        let value = Some(new.change_value());
        match old {
            Some(o) if same_owner(&o) => {
                let was = Some(o.2.change_value());
                self.record(owner, "reviews", "updated", None, None, value, was)?;
            }
            _ => self.record(owner, "reviews", "added", None, None, value, None)?,
        }
        Ok(())
    }

    /// Removes the reviews of `owner` in `iso_639_1` that `keep` does not name (a complete
    /// review list was imported); logs each as `reviews` deleted.
    pub fn remove_reviews_except(
        &mut self,
        owner: Owner,
        iso_639_1: &str,
        keep: &[&str],
    ) -> Result<()> {
        let rows: Vec<ReviewRow> = self.db.query(
            &format!(
                "SELECT {COLUMNS} FROM review WHERE owner_type = $1 AND owner_id = $2 AND iso_639_1 = $3"
            ),
            &[&owner.kind.as_str(), &owner.id, &iso_639_1],
        )?;
        for row in rows.into_iter().filter(|r| !keep.contains(&r.id.as_str())) {
            let (_, _, f) = row.fields();
            self.db
                .execute("DELETE FROM review WHERE id = $1", &[&f.id])?;
            let was = Some(f.change_value());
            self.record(owner, "reviews", "deleted", None, None, None, was)?;
        }
        Ok(())
    }

    /// Records a series' title as a review names it (`media_title`, TMDB's default language),
    /// when the catalog has no name for the series in that language yet.
    pub fn note_series_title(&mut self, series_id: i64, title: Option<&str>) -> Result<()> {
        self.ensure_series(series_id)?;
        let Some(title) = title else { return Ok(()) };
        let lang = Language::default();
        let known = self.db.series_summaries(&[series_id], &lang)?;
        if known
            .first()
            .and_then(|s| s.name.as_deref())
            .is_some_and(|n| !n.is_empty())
        {
            return Ok(());
        }
        let owner = Owner::series(series_id);
        if !self.set_primary_text(owner, &lang.to_string(), Some(title), None)? {
            self.set_translation(owner, &lang.iso_639_1, "US", Some(title), None)?;
        }
        Ok(())
    }
}

impl Db {
    /// `/3/tv/{series_id}/reviews`: `None` when the series is unknown (three statements).
    pub fn series_reviews(
        &mut self,
        series_id: i64,
        lang: &Language,
        page: u32,
    ) -> Result<Option<Reviews>> {
        let n: i64 = self.scalar(
            "SELECT COUNT(*) FROM tv_series WHERE id = $1",
            &[&series_id],
        )?;
        if n == 0 {
            return Ok(None);
        }
        self.owner_reviews(Owner::series(series_id), lang, page)
            .map(Some)
    }
}
