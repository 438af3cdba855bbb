//! The bulk path: rows buffered per table and written as multi-row `INSERT`s with bound
//! parameters (at most [`MAX_PARAMS`] per statement, under SQLite's 32,766 and PostgreSQL's
//! 65,535), each batch of statements in one transaction, on one [`Db`] connection; statements of
//! one shape are prepared once per connection (the driver layer caches them). Placeholders are
//! PostgreSQL's `$N` on both engines: the driver layer rewrites them to SQLite's numbered `?N`,
//! which rusqlite binds by index.
//!
//! The tables and their columns are declared in [`crate::tables`]; each `Loader` method pushes
//! one object's rows in exactly that column order.

use crate::details::Details;
use crate::listing::Listing;
use crate::model::{Cred, Img, Series, Text, Vid, World};
use crate::movies::{Collection, Movie};
use crate::people::{Company, Network, People, Person, PersonDetails};
use crate::ranking::Credited;
use reeldb_store::db::{Db, SqlValue};
use reeldb_store::known_for::Best;

pub use crate::batch::{Batch, Closed, Sink, write_batch};

/// Bound parameters per statement.
pub const MAX_PARAMS: usize = 30_000;
/// Rows per statement, at most.
const MAX_ROWS_PER_STATEMENT: usize = 2_000;
/// Rows buffered before a batch (one transaction) is written.
pub const BATCH_ROWS: usize = 100_000;

pub use crate::tables::*;

fn i(v: i64) -> SqlValue {
    SqlValue::Int(v)
}
fn oi(v: Option<i64>) -> SqlValue {
    v.map_or(SqlValue::Null, SqlValue::Int)
}
fn f(v: f64) -> SqlValue {
    SqlValue::Real(v)
}
fn s(v: impl Into<String>) -> SqlValue {
    SqlValue::Text(v.into())
}
fn os(v: &Option<String>) -> SqlValue {
    v.as_deref().map_or(SqlValue::Null, s)
}
fn ostr(v: Option<&str>) -> SqlValue {
    v.map_or(SqlValue::Null, s)
}
const NULL: SqlValue = SqlValue::Null;

/// Buffers rows and writes them in batches, each batch in one transaction.
pub struct Loader {
    bufs: Vec<Vec<SqlValue>>,
    pending: usize,
    /// Rows written per table.
    pub written: Vec<u64>,
    /// Each person's best titles so far, by person index (`crate::ranking`).
    pub(crate) best: Vec<Best>,
    /// The title whose rows are being buffered, for the ranking of its credited people.
    pub(crate) title: Option<Credited>,
}

impl Default for Loader {
    fn default() -> Self {
        Loader::new()
    }
}

impl Loader {
    pub fn new() -> Loader {
        Loader {
            bufs: vec![Vec::new(); TABLES.len()],
            pending: 0,
            written: vec![0; TABLES.len()],
            best: Vec::new(),
            title: None,
        }
    }

    /// Rows written so far (all tables).
    pub fn rows(&self) -> u64 {
        self.written.iter().sum()
    }

    /// Rows written plus rows buffered.
    pub fn rows_seen(&self) -> u64 {
        self.rows() + self.pending as u64
    }

    pub(crate) fn push<const N: usize>(&mut self, table: usize, row: [SqlValue; N]) {
        debug_assert_eq!(N, TABLES[table].cols.len());
        self.bufs[table].extend(row);
        self.pending += 1;
    }

    pub(crate) fn rows_per_statement(table: usize) -> usize {
        (MAX_PARAMS / TABLES[table].cols.len()).min(MAX_ROWS_PER_STATEMENT)
    }

    /// Hands a batch to the writer when enough rows are buffered.
    pub fn maybe_flush(&mut self, sink: &Sink) -> Result<(), Closed> {
        if self.pending >= BATCH_ROWS {
            self.flush(sink, false)?;
        }
        Ok(())
    }

    /// Hands the buffered rows to the writer as one batch (one transaction there): whole
    /// statements only unless `all`, so nearly every statement has the same shape and reuses its
    /// prepared form. Rows count as written once handed over.
    pub fn flush(&mut self, sink: &Sink, all: bool) -> Result<(), Closed> {
        let mut parts = Vec::new();
        for (t, def) in TABLES.iter().enumerate() {
            let ncols = def.cols.len();
            let per = Self::rows_per_statement(t);
            let buffered = self.bufs[t].len() / ncols;
            let rows = if all { buffered } else { buffered / per * per };
            if rows == 0 {
                continue;
            }
            // The batch takes the buffer; the rows left (fewer than a statement) stay.
            let mut values = std::mem::take(&mut self.bufs[t]);
            self.bufs[t] = values.split_off(rows * ncols);
            parts.push((t, values));
            self.written[t] += rows as u64;
            self.pending -= rows;
        }
        if parts.is_empty() {
            return Ok(());
        }
        sink.send(Batch { parts }).map_err(|_| Closed)
    }

    /// A person with their details: the biography as primary text (en-US), `also_known_as` as
    /// a code list, and their external ids.
    pub fn person(&mut self, p: &Person, d: &PersonDetails) {
        self.push(
            PERSON,
            [
                i(p.id),
                s(p.name.clone()),
                s(p.name.clone()),
                i(p.gender),
                i(0),
                s(p.department),
                f(p.popularity),
                os(&p.profile_path),
                os(&d.biography),
                s(PRIMARY_LANGUAGE),
                os(&d.birthday),
                os(&d.deathday),
                os(&d.homepage),
                os(&d.place_of_birth),
            ],
        );
        self.code_list("person", p.id, "also_known_as", &d.also_known_as);
        self.external_ids("person", p.id, &d.external_ids);
    }

    pub fn network(&mut self, n: &Network) {
        self.organisation(NETWORK, n);
    }

    pub fn company(&mut self, c: &Company) {
        self.organisation(COMPANY, c);
    }

    fn organisation(&mut self, table: usize, n: &Network) {
        self.push(
            table,
            [
                i(n.id),
                s(n.name.clone()),
                os(&n.logo_path),
                s(n.origin_country.clone()),
            ],
        );
    }

    /// The English names of the countries the catalog uses.
    pub fn countries(&mut self) {
        for (code, name) in crate::details::COUNTRIES {
            self.push(COUNTRY, [s(*code), s(*name)]);
        }
    }

    fn code_list(&mut self, owner: &'static str, id: i64, list: &'static str, values: &[String]) {
        for (pos, v) in values.iter().enumerate() {
            self.push(
                CODE_LIST,
                [s(owner), i(id), s(list), i(pos as i64), s(v.clone())],
            );
        }
    }

    fn texts(&mut self, owner: &'static str, id: i64, texts: &[Text]) {
        for t in texts {
            self.push(
                TRANSLATION,
                [
                    s(owner),
                    i(id),
                    s(t.lang.clone()),
                    s(t.region.clone()),
                    os(&t.name),
                    os(&t.overview),
                    NULL,
                    NULL,
                    NULL,
                ],
            );
        }
    }

    fn images(&mut self, owner: &'static str, id: i64, kind: &'static str, images: &[Img]) {
        for (pos, m) in images.iter().enumerate() {
            self.push(
                IMAGE,
                [
                    s(owner),
                    i(id),
                    s(kind),
                    s(m.file_path.clone()),
                    f(m.aspect_ratio),
                    i(m.height),
                    i(m.width),
                    os(&m.lang),
                    f(m.vote_average),
                    i(m.vote_count),
                    i(pos as i64),
                ],
            );
        }
    }

    fn videos(&mut self, owner: &'static str, id: i64, videos: &[Vid]) {
        for (pos, v) in videos.iter().enumerate() {
            self.push(
                VIDEO,
                [
                    s(owner),
                    i(id),
                    s(v.id.clone()),
                    s(v.lang.clone()),
                    s(v.region.clone()),
                    s(v.name.clone()),
                    s(v.key.clone()),
                    s("YouTube"),
                    i(v.size),
                    s(v.kind),
                    i(i64::from(v.official)),
                    s(v.published_at.clone()),
                    i(pos as i64),
                ],
            );
        }
    }

    fn external_ids(&mut self, owner: &'static str, id: i64, ids: &[(&'static str, String)]) {
        for (source, value) in ids {
            self.push(EXTERNAL_ID, [s(owner), i(id), s(*source), s(value.clone())]);
        }
    }

    fn credits(
        &mut self,
        people: &People,
        (owner, id): (&'static str, i64),
        kind: &'static str,
        regular: bool,
        credits: &[Cred],
    ) {
        for (pos, c) in credits.iter().enumerate() {
            self.credit(people, (owner, id), kind, regular, (pos, c), None);
        }
    }

    /// One credit, `pos` in its list; `cast_id` for a movie's cast. The row keeps its person's
    /// list fields as [`Loader::person`] writes them (migration 21).
    fn credit(
        &mut self,
        people: &People,
        (owner, id): (&'static str, i64),
        kind: &'static str,
        regular: bool,
        (pos, c): (usize, &Cred),
        cast_id: Option<i64>,
    ) {
        let p = people.person(c.person);
        self.push(
            CREDIT,
            [
                s(owner),
                i(id),
                s(kind),
                s(c.credit_id.clone()),
                i(crate::people::person_id(c.person)),
                os(&c.character),
                ostr(c.department),
                ostr(c.job),
                oi(c.order),
                i(i64::from(regular)),
                NULL,
                i(pos as i64),
                NULL,
                oi(cast_id),
                s(p.name.clone()),
                s(p.name),
                i(p.gender),
                i(0),
                s(p.department),
                f(p.popularity),
                os(&p.profile_path),
            ],
        );
        self.rank(c.person);
    }

    /// TMDB's TV and movie genres and the catalog's `keywords` keywords (ids 1..=keywords).
    pub fn genres_and_keywords(&mut self, keywords: i64) {
        let movie_only = crate::movies::MOVIE_ONLY_GENRES;
        for (id, name) in crate::listing::TV_GENRES.iter().chain(movie_only) {
            self.push(GENRE, [i(*id), s(*name)]);
        }
        for id in 1..=keywords {
            self.push(KEYWORD, [i(id), s(crate::listing::keyword_name(id))]);
        }
    }

    /// Buffers every row of one series. The change log gets one `created` item per series (key
    /// `id`, as `Writer::ensure_series` records it), dated the series' first air date.
    pub fn series(&mut self, x: &Series, l: &Listing, d: &Details, world: &World, seq: i64) {
        self.title = Some(Credited::Series(x.id, l.popularity));
        let (name, overview) = primary(&x.texts);
        self.push(
            SERIES,
            [
                i(x.id),
                s(x.original_name.clone()),
                s(x.original_language.clone()),
                i(i64::from(l.adult)),
                os(&l.backdrop_path),
                os(&l.poster_path),
                s(x.first_air_date.clone()),
                f(l.popularity),
                f(x.vote_average),
                i(x.vote_count),
                s(PRIMARY_LANGUAGE),
                name,
                overview,
                os(&d.tagline),
                os(&d.homepage),
                s(d.status),
                s(d.series_type),
                i(i64::from(d.in_production)),
                os(&d.last_air_date),
                i(d.number_of_episodes),
                i(d.number_of_seasons),
            ],
        );
        self.series_details(x.id, d, world);
        for (pos, g) in l.genre_ids.iter().enumerate() {
            self.push(OWNER_GENRE, [s("tv"), i(x.id), i(*g), i(pos as i64)]);
        }
        for (pos, k) in l.keyword_ids.iter().enumerate() {
            self.push(OWNER_KEYWORD, [s("tv"), i(x.id), i(*k), i(pos as i64)]);
        }
        self.code_list(
            "tv",
            x.id,
            "origin_country",
            std::slice::from_ref(&x.origin_country),
        );
        for (pos, n) in x.networks.iter().enumerate() {
            self.push(
                SERIES_NETWORK,
                [i(x.id), i(world.networks[*n].id), i(pos as i64)],
            );
        }
        self.texts("tv", x.id, &x.texts);
        self.external_ids("tv", x.id, &x.external_ids);
        let created = x
            .seasons
            .first()
            .map_or_else(|| "2000-01-01".to_owned(), |s| s.air_date.clone());
        self.created("tv", x.id, &x.change_id, seq, &created);
        for season in &x.seasons {
            self.push(
                SEASON,
                [
                    i(x.id),
                    i(season.number),
                    i(season.id),
                    s(season.object_id.clone()),
                    s(season.air_date.clone()),
                    os(&season.poster_path),
                    f(season.vote_average),
                    primary(&season.texts).0,
                    primary(&season.texts).1,
                    s(PRIMARY_LANGUAGE),
                    i(season.episodes.len() as i64),
                ],
            );
            self.texts("season", season.id, &season.texts);
            self.images("season", season.id, "poster", &season.posters);
            self.videos("season", season.id, &season.videos);
            self.external_ids("season", season.id, &season.external_ids);
            let owner = ("season", season.id);
            self.credits(&world.people, owner, "cast", true, &season.cast);
            self.credits(&world.people, owner, "crew", true, &season.crew);
            for e in &season.episodes {
                self.push(
                    EPISODE,
                    [
                        i(e.id),
                        i(x.id),
                        i(season.number),
                        i(e.number),
                        s(e.air_date.clone()),
                        s(e.episode_type),
                        os(&e.production_code),
                        i(e.runtime),
                        os(&e.still_path),
                        f(e.vote_average),
                        i(e.vote_count),
                        primary(&e.texts).0,
                        primary(&e.texts).1,
                        s(PRIMARY_LANGUAGE),
                    ],
                );
                self.texts("episode", e.id, &e.texts);
                self.images("episode", e.id, "still", &e.stills);
                self.videos("episode", e.id, &e.videos);
                self.external_ids("episode", e.id, &e.external_ids);
                self.credits(&world.people, ("episode", e.id), "guest", false, &e.guests);
                self.credits(&world.people, ("episode", e.id), "crew", false, &e.crew);
            }
        }
    }
}

impl Loader {
    /// The change log's `created` item of an object (key `id`, as `Writer::ensure_series` and
    /// `ensure_movie` record it), at noon UTC of `day`.
    fn created(&mut self, owner: &'static str, id: i64, change_id: &str, seq: i64, day: &str) {
        self.push(
            CHANGE_LOG,
            [
                s(change_id),
                i(seq),
                s(owner),
                i(id),
                s("id"),
                s("created"),
                s(format!("{day} 12:00:00 UTC")),
                NULL,
                NULL,
                s(id.to_string()),
                NULL,
            ],
        );
    }

    pub fn collection(&mut self, c: &Collection) {
        self.push(
            COLLECTION,
            [
                i(c.id),
                s(c.name.clone()),
                os(&c.poster_path),
                os(&c.backdrop_path),
            ],
        );
    }

    /// Buffers every row of one movie: the movie (en-US text as its primary text, as an import
    /// in the default language stores it), its translations (the en-US row too), genres,
    /// keywords, companies, code lists, release dates, external ids, credits and its `created`
    /// change (dated its release, at most [`crate::movies::CATALOG_DAY`]).
    pub fn movie(&mut self, m: &Movie, world: &World, seq: i64) {
        self.title = Some(Credited::Movie(m.id, m.popularity));
        let p = m.primary();
        self.push(
            MOVIE,
            [
                i(m.id),
                i(i64::from(m.adult)),
                os(&m.backdrop_path),
                oi(m.collection.map(|c| 1 + c as i64)),
                i(m.budget),
                s(m.original_language.clone()),
                s(m.original_title.clone()),
                f(m.popularity),
                os(&m.poster_path),
                s(m.release_date.clone()),
                i(m.revenue),
                i(m.runtime),
                s(m.status),
                i(i64::from(m.video)),
                f(m.vote_average),
                i(m.vote_count),
                s(PRIMARY_LANGUAGE),
                s(p.title.clone()),
                os(&p.overview),
                os(&p.tagline),
                os(&p.homepage),
            ],
        );
        for t in &m.texts {
            let row = [
                s("movie"),
                i(m.id),
                s(t.lang.clone()),
                s(t.region.clone()),
                s(t.title.clone()),
                os(&t.overview),
                os(&t.tagline),
                os(&t.homepage),
                oi(t.runtime),
            ];
            self.push(TRANSLATION, row);
        }
        for (pos, g) in m.genre_ids.iter().enumerate() {
            self.push(OWNER_GENRE, [s("movie"), i(m.id), i(*g), i(pos as i64)]);
        }
        for (pos, k) in m.keyword_ids.iter().enumerate() {
            self.push(OWNER_KEYWORD, [s("movie"), i(m.id), i(*k), i(pos as i64)]);
        }
        for (pos, c) in m.companies.iter().enumerate() {
            self.push(
                OWNER_COMPANY,
                [
                    s("movie"),
                    i(m.id),
                    i(world.companies[*c].id),
                    i(pos as i64),
                ],
            );
        }
        let origin = std::slice::from_ref(&m.origin_country);
        self.code_list("movie", m.id, "origin_country", origin);
        self.code_list(
            "movie",
            m.id,
            "production_countries",
            &m.production_countries,
        );
        self.code_list("movie", m.id, "spoken_languages", &m.spoken_languages);
        for (pos, r) in m.releases.iter().enumerate() {
            self.push(
                RELEASE_DATE,
                [
                    i(m.id),
                    i(pos as i64),
                    s(r.country),
                    s(r.certification),
                    s(""),
                    s(r.note),
                    s(format!("{}T00:00:00.000Z", r.date)),
                    i(r.kind),
                ],
            );
            for (k, d) in r.descriptors.iter().enumerate() {
                self.push(
                    RELEASE_DATE_DESCRIPTOR,
                    [i(m.id), i(pos as i64), i(k as i64), s(*d)],
                );
            }
        }
        self.external_ids("movie", m.id, &m.external_ids);
        for (pos, c) in m.cast.iter().enumerate() {
            let owner = ("movie", m.id);
            self.credit(
                &world.people,
                owner,
                "cast",
                false,
                (pos, &c.cred),
                Some(c.cast_id),
            );
        }
        self.credits(&world.people, ("movie", m.id), "crew", false, &m.crew);
        let created = m.release_date.as_str().min(crate::movies::CATALOG_DAY);
        self.created("movie", m.id, &m.change_id, seq, created);
    }

    /// Creators, production companies, the details' code lists and content ratings of series
    /// `id`.
    fn series_details(&mut self, id: i64, d: &Details, world: &World) {
        for (pos, (person, credit_id)) in d.creators.iter().enumerate() {
            self.push(
                SERIES_CREATOR,
                [
                    i(id),
                    i(crate::people::person_id(*person)),
                    s(credit_id.clone()),
                    i(pos as i64),
                ],
            );
        }
        for (pos, c) in d.companies.iter().enumerate() {
            self.push(
                OWNER_COMPANY,
                [s("tv"), i(id), i(world.companies[*c].id), i(pos as i64)],
            );
        }
        self.code_list("tv", id, "production_countries", &d.production_countries);
        self.code_list("tv", id, "languages", &d.languages);
        self.code_list("tv", id, "spoken_languages", &d.spoken_languages);
        let run_time: Vec<String> = d.episode_run_time.iter().map(i64::to_string).collect();
        self.code_list("tv", id, "episode_run_time", &run_time);
        for (pos, r) in d.ratings.iter().enumerate() {
            self.push(
                CONTENT_RATING,
                [s("tv"), i(id), i(pos as i64), s(r.country), s(r.rating)],
            );
            for (k, desc) in r.descriptors.iter().enumerate() {
                self.push(
                    CONTENT_RATING_DESCRIPTOR,
                    [s("tv"), i(id), i(pos as i64), i(k as i64), s(*desc)],
                );
            }
        }
    }
}

/// Series, seasons and episodes carry their en-US text as primary text (migration 0002), as an
/// import of their details in the default language stores it; the en-US translation row stays
/// too. People's biographies are en-US primary text as well.
const PRIMARY_LANGUAGE: &str = "en-US";

fn primary(texts: &[Text]) -> (SqlValue, SqlValue) {
    match texts.iter().find(|t| t.lang == "en" && t.region == "US") {
        Some(t) => (os(&t.name), os(&t.overview)),
        None => (NULL, NULL),
    }
}

/// An order-independent digest of every table the generator writes: SHA-256 of each row (values
/// decoded by column type and printed alike on both engines), summed. Equal digests mean equal
/// contents, on either engine.
pub fn digest(db: &mut Db) -> reeldb_store::Result<String> {
    use sha2::{Digest, Sha256};
    let mut total = Sha256::new();
    for def in TABLES {
        let cols: Vec<&str> = def.cols.iter().map(|c| c.0).collect();
        let sql = format!("SELECT {} FROM {}", cols.join(", "), def.name);
        let mut acc = [0u64; 4];
        let mut count = 0u64;
        db.for_each(&sql, &[], |mut row| {
            let mut h = Sha256::new();
            for (k, (_, kind)) in def.cols.iter().enumerate() {
                let text = match kind {
                    Kind::Int => format!("{:?}", row.take::<Option<i64>>(k)?),
                    Kind::Real => format!("{:?}", row.take::<Option<f64>>(k)?),
                    Kind::Text => format!("{:?}", row.take::<Option<String>>(k)?),
                };
                h.update(text.as_bytes());
                h.update([0x1f]);
            }
            let out = h.finalize();
            for (j, a) in acc.iter_mut().enumerate() {
                let mut b = [0u8; 8];
                b.copy_from_slice(&out[j * 8..j * 8 + 8]);
                *a = a.wrapping_add(u64::from_le_bytes(b));
            }
            count += 1;
            Ok(())
        })?;
        total.update(def.name.as_bytes());
        total.update(count.to_le_bytes());
        for a in acc {
            total.update(a.to_le_bytes());
        }
    }
    Ok(hex::encode(total.finalize()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn statements_stay_under_the_parameter_limits() {
        for (t, def) in super::TABLES.iter().enumerate() {
            let n = super::Loader::rows_per_statement(t) * def.cols.len();
            assert!(n <= 32_766, "{}: {n}", def.name);
        }
    }
}
