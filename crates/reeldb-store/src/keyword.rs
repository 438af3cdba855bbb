//! Keywords (`keyword`, migration 6) and the keywords of any owner (`owner_keyword`), in TMDB's
//! order; a keyword's details and its movies (`/3/keyword/{id}`, `/movies`).

use crate::db::Db;
use crate::series_extra::as_values;
use crate::write::Writer;
use crate::{Owner, OwnerKind, Result};
use reeldb_wire::keyword::{KeywordDetails, KeywordMovies};
use reeldb_wire::params::Language;
use reeldb_wire::tv_extra::{Keyword, Keywords};

/// Movies per page of `/3/keyword/{id}/movies` (TMDB's 20).
pub const KEYWORD_MOVIES_PER_PAGE: i64 = 20;

/// A keyword's movies, as `/movies` lists them: movies carrying it whose list fields are known
/// (`popularity` is set: a movie known only by id has nothing to show), adult ones only when
/// asked for. On `movie` as `m`, the keyword `$1`, `$2` 1 to include adult movies.
const KEYWORD_MOVIES: &str = "FROM owner_keyword ok JOIN movie m ON m.id = ok.owner_id
     WHERE ok.keyword_id = $1 AND ok.owner_type = 'movie' AND m.popularity IS NOT NULL
       AND ($2 = 1 OR m.adult IS NULL OR m.adult = 0)";

impl Db {
    /// An owner's keywords, in order (one statement).
    pub fn owner_keywords(&mut self, owner: Owner) -> Result<Vec<Keyword>> {
        let rows: Vec<(i64, Option<String>)> = self.query(
            "SELECT k.id, k.name FROM owner_keyword ok JOIN keyword k ON k.id = ok.keyword_id
             WHERE ok.owner_type = $1 AND ok.owner_id = $2 ORDER BY ok.position",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        Ok(rows
            .into_iter()
            .map(|(id, name)| Keyword { name, id })
            .collect())
    }

    /// `GET /3/tv/{series_id}/keywords` of a known series (one statement).
    pub fn series_keywords(&mut self, series_id: i64) -> Result<Keywords> {
        Ok(Keywords {
            id: series_id,
            results: self.owner_keywords(Owner::series(series_id))?,
        })
    }
}

impl Db {
    /// `GET /3/keyword/{keyword_id}`, `None` when the catalog does not know the keyword (one
    /// statement).
    pub fn keyword_details(&mut self, id: i64) -> Result<Option<KeywordDetails>> {
        let row: Option<(i64, Option<String>)> =
            self.query_opt("SELECT id, name FROM keyword WHERE id = $1", &[&id])?;
        Ok(row.map(|(id, name)| KeywordDetails { id, name }))
    }

    /// One page (1-based) of `GET /3/keyword/{keyword_id}/movies` of a known keyword, titles
    /// and overviews in `lang`, with the list's true totals. Five statements: count, page, the
    /// page's list fields (three).
    pub fn keyword_movies(
        &mut self,
        id: i64,
        lang: &Language,
        include_adult: bool,
        page: u32,
    ) -> Result<KeywordMovies> {
        let adult = i64::from(include_adult);
        let total: i64 =
            self.scalar(&format!("SELECT COUNT(*) {KEYWORD_MOVIES}"), &[&id, &adult])?;
        let offset = (i64::from(page.max(1)) - 1) * KEYWORD_MOVIES_PER_PAGE;
        let ids: Vec<(i64,)> = self.query(
            &format!(
                "SELECT m.id {KEYWORD_MOVIES}
                 ORDER BY m.popularity DESC, m.id
                 LIMIT $3 OFFSET $4"
            ),
            &[&id, &adult, &KEYWORD_MOVIES_PER_PAGE, &offset],
        )?;
        let ids: Vec<i64> = ids.into_iter().map(|(m,)| m).collect();
        let total = total.max(0) as u64;
        Ok(KeywordMovies {
            id,
            page,
            results: self.movie_summaries_in_order(&ids, lang)?,
            total_pages: total.div_ceil(KEYWORD_MOVIES_PER_PAGE as u64),
            total_results: total,
        })
    }
}

impl Writer<'_> {
    /// Applies a keyword's details: the keyword row (a rename logged on the keyword).
    pub fn set_keyword_details(&mut self, k: &KeywordDetails) -> Result<()> {
        self.upsert_keyword(&Keyword {
            name: k.name.clone(),
            id: k.id,
        })
    }

    /// A keyword as a list or its details name it: created when new, renamed when the source
    /// names it (the rename logged on the keyword); a source without a name keeps the known one.
    fn upsert_keyword(&mut self, k: &Keyword) -> Result<()> {
        let old: Option<Option<String>> = self
            .db
            .scalar_opt("SELECT name FROM keyword WHERE id = $1", &[&k.id])?;
        self.db.execute(
            "INSERT INTO keyword (id, name) VALUES ($1, $2)
             ON CONFLICT (id) DO UPDATE SET name = COALESCE(excluded.name, keyword.name)",
            &[&k.id, &k.name],
        )?;
        if k.name.is_some() {
            let key_owner = Owner::new(OwnerKind::Keyword, k.id);
            self.diff_field(key_owner, "name", &old.flatten(), &k.name)?;
        }
        Ok(())
    }

    /// A keyword's movies, as one page of `/movies` states them: each movie carries the
    /// keyword (added at the end of its keyword list when missing, logged as `keywords` on the
    /// movie). A page names some of the keyword's movies, never all: nothing is removed.
    pub fn add_keyword_to_movies(&mut self, keyword_id: i64, movies: &[i64]) -> Result<()> {
        self.upsert_keyword(&Keyword {
            name: None,
            id: keyword_id,
        })?;
        for m in movies {
            let owner = Owner::movie(*m);
            let mut list = self.db.owner_keywords(owner)?;
            if list.iter().any(|k| k.id == keyword_id) {
                continue;
            }
            list.push(Keyword {
                name: None,
                id: keyword_id,
            });
            self.replace_keywords(owner, &list)?;
        }
        Ok(())
    }

    /// Makes an owner's keywords this complete list, in order. Keyword rows are created or
    /// renamed (a rename is logged on the keyword); the owner's list logs each keyword added or
    /// removed under `keywords`.
    pub fn replace_keywords(&mut self, owner: Owner, keywords: &[Keyword]) -> Result<()> {
        for k in keywords {
            self.upsert_keyword(k)?;
        }
        let old = self.db.owner_keywords(owner)?;
        let old_ids: Vec<i64> = old.iter().map(|k| k.id).collect();
        let new_ids: Vec<i64> = keywords.iter().map(|k| k.id).collect();
        if old_ids == new_ids {
            return Ok(());
        }
        self.db.execute(
            "DELETE FROM owner_keyword WHERE owner_type = $1 AND owner_id = $2",
            &[&owner.kind.as_str(), &owner.id],
        )?;
        for (pos, k) in keywords.iter().enumerate() {
            self.db.execute(
                "INSERT INTO owner_keyword (owner_type, owner_id, keyword_id, position) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (owner_type, owner_id, keyword_id) DO NOTHING",
                &[&owner.kind.as_str(), &owner.id, &k.id, &(pos as i64)],
            )?;
        }
        let new = self.db.owner_keywords(owner)?;
        self.diff_list(owner, "keywords", &as_values(&old), &as_values(&new))
    }
}
