//! TMDB's genre lists (`/3/genre/movie/list`, `/3/genre/tv/list`), one per kind of title.
//!
//! A kind's list is the genres imported as that kind's list (kept in TMDB's order, which is by
//! English name) and every genre an owner of that kind uses (`owner_genre`), the latter after
//! the listed ones by English name, then id. A genre's name in a language is its translation
//! (owner_type 'genre', region ''), else its stored (English) name, as series details show it;
//! a genre whose name the catalog does not know in either (one only seen as a `genre_ids`
//! entry) is left out, as TMDB never lists a genre without a name.

use crate::db::Db;
use crate::write::Writer;
use crate::{Owner, OwnerKind, Result};
use reeldb_wire::catalog::{Genre, GenreList};
use reeldb_wire::params::Language;

/// The kinds of title TMDB keeps a genre list (and certification systems) for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    Movie,
    Tv,
}

impl TitleKind {
    /// The kind's name, which is also its owners' `owner_type`.
    pub fn as_str(self) -> &'static str {
        match self {
            TitleKind::Movie => "movie",
            TitleKind::Tv => "tv",
        }
    }

    /// The kind a path segment (`movie`, `tv`) names.
    pub fn from_name(name: &str) -> Option<TitleKind> {
        match name {
            "movie" => Some(TitleKind::Movie),
            "tv" => Some(TitleKind::Tv),
            _ => None,
        }
    }
}

impl Db {
    /// A kind's genre list with names in `lang` (one statement).
    pub fn genre_list(&mut self, kind: TitleKind, lang: &Language) -> Result<GenreList> {
        type Row = (i64, Option<String>, Option<String>, Option<i64>);
        let mut rows: Vec<Row> = self.query(
            "SELECT g.id, g.name, t.name, gl.position FROM genre g
             LEFT JOIN genre_list gl ON gl.kind = $1 AND gl.genre_id = g.id
             LEFT JOIN translation t ON t.owner_type = 'genre' AND t.owner_id = g.id AND t.iso_639_1 = $2 AND t.iso_3166_1 = ''
             WHERE gl.genre_id IS NOT NULL
                OR EXISTS (SELECT 1 FROM owner_genre og WHERE og.genre_id = g.id AND og.owner_type = $1)",
            &[&kind.as_str(), &lang.iso_639_1],
        )?;
        rows.sort_by(|a, b| (a.3.is_none(), a.3, &a.1, a.0).cmp(&(b.3.is_none(), b.3, &b.1, b.0)));
        Ok(GenreList {
            genres: rows
                .into_iter()
                .filter_map(|(id, name, translated, _)| {
                    let name = translated.filter(|t| !t.is_empty()).or(name)?;
                    Some(Genre {
                        id,
                        name: Some(name),
                    })
                })
                .collect(),
        })
    }
}

impl Writer<'_> {
    /// Makes a kind's listed genres these, in order, with their names in `lang` (English names
    /// are the genres' own, others translations). A genre's place in the list is logged under
    /// `<kind>_list` (its position, or deleted when it leaves the list).
    pub fn set_genre_list(
        &mut self,
        kind: TitleKind,
        genres: &[Genre],
        lang: &Language,
    ) -> Result<()> {
        for g in genres {
            self.db.execute(
                "INSERT INTO genre (id) VALUES ($1) ON CONFLICT (id) DO NOTHING",
                &[&g.id],
            )?;
        }
        self.set_genre_names(genres, lang)?;
        let old: Vec<(i64, i64)> = self.db.query(
            "SELECT genre_id, position FROM genre_list WHERE kind = $1 ORDER BY position",
            &[&kind.as_str()],
        )?;
        let new: Vec<(i64, i64)> = genres
            .iter()
            .enumerate()
            .map(|(pos, g)| (g.id, pos as i64))
            .collect();
        if old == new {
            return Ok(());
        }
        self.db
            .execute("DELETE FROM genre_list WHERE kind = $1", &[&kind.as_str()])?;
        for (id, pos) in &new {
            self.db.execute(
                "INSERT INTO genre_list (kind, genre_id, position) VALUES ($1, $2, $3)
                 ON CONFLICT (kind, genre_id) DO NOTHING",
                &[&kind.as_str(), id, pos],
            )?;
        }
        let key = format!("{}_list", kind.as_str());
        let position = |list: &[(i64, i64)], id: i64| list.iter().find(|e| e.0 == id).map(|e| e.1);
        let mut ids: Vec<i64> = old.iter().chain(&new).map(|e| e.0).collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            let owner = Owner::new(OwnerKind::Genre, id);
            self.diff_field(owner, &key, &position(&old, id), &position(&new, id))?;
        }
        Ok(())
    }
}
