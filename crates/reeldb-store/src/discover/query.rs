//! The discover query builder: a validated [`Discover`] becomes one `WHERE` clause and one
//! `ORDER BY`, over `movie m` or `tv_series t`, with every value a numbered parameter. The SQL
//! text holds only the builder's own fixed fragments (table, column and owner-type names);
//! nothing from the request is ever written into it.
//!
//! Each `with_*` group of a usually selective filter (people, keywords, companies, networks,
//! providers, countries, release rows) becomes `id IN (SELECT owner ... WHERE key IN (...))`,
//! a form both engines can drive from the owner-keyed table's index (SQLite reads the list,
//! then each title by id; PostgreSQL plans a semi-join either way). Genres, which most titles
//! pass, become a correlated `EXISTS` probed per candidate, so that the ranking index or a
//! selective filter drives instead; each `without_*` list one correlated `NOT EXISTS`.

use crate::Engine;
use crate::value::SqlValue;
use reeldb_wire::discover::{AndOr, DateRange, Discover, DiscoverKind, SortKey};

/// A statement's `WHERE` conditions and their parameters (`$1`, `$2`, ... in order).
#[derive(Debug, Default)]
pub(crate) struct Query {
    conditions: Vec<String>,
    pub(crate) params: Vec<SqlValue>,
}

impl Query {
    /// Binds `v` and answers its placeholder.
    fn arg(&mut self, v: SqlValue) -> String {
        self.params.push(v);
        format!("${}", self.params.len())
    }

    fn text(&mut self, s: &str) -> String {
        self.arg(SqlValue::Text(s.to_owned()))
    }

    fn int(&mut self, i: i64) -> String {
        self.arg(SqlValue::Int(i))
    }

    /// Placeholders for a list of values, comma-separated.
    fn ints(&mut self, items: &[i64]) -> String {
        items
            .iter()
            .map(|i| self.int(*i))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn texts(&mut self, items: &[String]) -> String {
        items
            .iter()
            .map(|s| self.text(s))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn and(&mut self, condition: String) {
        self.conditions.push(condition);
    }

    /// The conditions joined with `AND` (`1 = 1` for none).
    pub(crate) fn where_sql(&self) -> String {
        match self.conditions.is_empty() {
            true => "1 = 1".to_owned(),
            false => self.conditions.join("\n AND "),
        }
    }

    /// Binds the page's `LIMIT` and `OFFSET`: `LIMIT $n OFFSET $n+1`.
    pub(crate) fn limit(&mut self, limit: i64, offset: i64) -> String {
        let l = self.int(limit);
        let o = self.int(offset);
        format!("LIMIT {l} OFFSET {o}")
    }
}

/// What the statement ranks: its table, alias and owner type.
struct Target {
    alias: &'static str,
    owner_type: &'static str,
}

/// `alias.id IN (SELECT <select> WHERE <fixed> AND <key> IN (group))` for each group (`AND`).
fn member_groups(q: &mut Query, t: &Target, select: &str, key: &str, groups: &AndOr<i64>) {
    for g in &groups.0 {
        let list = q.ints(g);
        q.and(format!(
            "{}.id IN (SELECT {select} AND {key} IN ({list}))",
            t.alias
        ));
    }
}

/// `EXISTS` an owner-keyed row of `table` with `key` in the group, for each group: probed per
/// candidate through the table's key (owner first), so that a filter most titles pass (a
/// genre: Drama is a third of all movies) never drives the query.
fn owned_groups(q: &mut Query, t: &Target, table: &str, key: &str, groups: &AndOr<i64>) {
    for g in &groups.0 {
        let list = q.ints(g);
        q.and(format!(
            "EXISTS (SELECT 1 FROM {table} x WHERE x.owner_type = '{}' AND x.owner_id = {}.id AND x.{key} IN ({list}))",
            t.owner_type, t.alias
        ));
    }
}

/// `NOT EXISTS` an owner-keyed row of `table` with `key` among `items` (probed per candidate
/// through the table's key; a `NOT IN` list would read every owner of the items first).
fn not_owned(q: &mut Query, t: &Target, table: &str, key: &str, items: &[i64]) {
    if items.is_empty() {
        return;
    }
    let list = q.ints(items);
    q.and(format!(
        "NOT EXISTS (SELECT 1 FROM {table} x WHERE x.owner_type = '{}' AND x.owner_id = {}.id AND x.{key} IN ({list}))",
        t.owner_type, t.alias
    ));
}

/// `col >= from AND col < before` for a non-empty range; a range without a start still needs a
/// real date (`''`, TMDB's "no date", sorts before every date).
fn date_range(q: &mut Query, col: &str, range: &DateRange) -> Option<String> {
    if range.is_empty() {
        return None;
    }
    let from = q.text(range.from.as_deref().unwrap_or("0000"));
    let mut sql = format!("{col} >= {from}");
    if let Some(b) = &range.before {
        let before = q.text(b);
        sql.push_str(&format!(" AND {col} < {before}"));
    }
    Some(sql)
}

/// The `WHERE` conditions of a discover request.
pub(crate) fn conditions(d: &Discover) -> Query {
    let mut q = Query::default();
    let movie = d.kind == DiscoverKind::Movie;
    let t = match movie {
        true => Target {
            alias: "m",
            owner_type: "movie",
        },
        false => Target {
            alias: "t",
            owner_type: "tv",
        },
    };
    let a = t.alias;
    let ot = t.owner_type;
    // Listed: list fields known (as the movie and TV lists).
    q.and(format!("{a}.popularity IS NOT NULL"));
    if !d.include_adult {
        q.and(format!("({a}.adult IS NULL OR {a}.adult = 0)"));
    }
    if movie && !d.include_video {
        q.and("(m.video IS NULL OR m.video = 0)".to_owned());
    }
    if !movie && !d.include_null_first_air_dates {
        q.and("t.first_air_date IS NOT NULL AND t.first_air_date <> ''".to_owned());
    }
    // The title's own date.
    let own_date = match movie {
        true => "m.release_date",
        false => "t.first_air_date",
    };
    if let Some(sql) = date_range(&mut q, own_date, &d.primary_date) {
        q.and(sql);
    }
    if movie {
        release_filters(&mut q, d);
        certification_filters(&mut q, d);
        let credit = "owner_id FROM credit WHERE owner_type = 'movie'";
        member_groups(
            &mut q,
            &t,
            &format!("{credit} AND kind = 'cast'"),
            "person_id",
            &d.cast,
        );
        member_groups(
            &mut q,
            &t,
            &format!("{credit} AND kind = 'crew'"),
            "person_id",
            &d.crew,
        );
        member_groups(
            &mut q,
            &t,
            &format!("{credit} AND kind IN ('cast', 'crew')"),
            "person_id",
            &d.people,
        );
        if let Some(r) = d.runtime_gte {
            let p = q.int(r);
            q.and(format!("m.runtime >= {p}"));
        }
        if let Some(r) = d.runtime_lte {
            let p = q.int(r);
            q.and(format!("m.runtime <= {p}"));
        }
    } else {
        if let Some(sql) = date_range(&mut q, "air_date", &d.air_date) {
            q.and(format!(
                "t.id IN (SELECT series_id FROM tv_episode WHERE {sql})"
            ));
        }
        member_groups(
            &mut q,
            &t,
            "series_id FROM tv_series_network WHERE 1 = 1",
            "network_id",
            &d.networks,
        );
        for (col, groups) in [("t.status", &d.status), ("t.series_type", &d.series_type)] {
            for g in &groups.0 {
                let list = q.texts(g);
                q.and(format!("{col} IN ({list})"));
            }
        }
        if d.screened_theatrically {
            q.and("t.id IN (SELECT series_id FROM screened_episode)".to_owned());
        }
        if d.runtime_gte.is_some() || d.runtime_lte.is_some() {
            // A series' runtimes are its `episode_run_time` list: one of them in the range.
            let mut sql = "t.id IN (SELECT owner_id FROM code_list WHERE owner_type = 'tv' AND list_name = 'episode_run_time'".to_owned();
            if let Some(r) = d.runtime_gte {
                let p = q.int(r);
                sql.push_str(&format!(" AND CAST(value AS BIGINT) >= {p}"));
            }
            if let Some(r) = d.runtime_lte {
                let p = q.int(r);
                sql.push_str(&format!(" AND CAST(value AS BIGINT) <= {p}"));
            }
            sql.push(')');
            q.and(sql);
        }
    }
    let owned = |table: &str| format!("owner_id FROM {table} WHERE owner_type = '{ot}'");
    owned_groups(&mut q, &t, "owner_genre", "genre_id", &d.genres);
    not_owned(&mut q, &t, "owner_genre", "genre_id", &d.without_genres);
    member_groups(
        &mut q,
        &t,
        &owned("owner_company"),
        "company_id",
        &d.companies,
    );
    not_owned(
        &mut q,
        &t,
        "owner_company",
        "company_id",
        &d.without_companies,
    );
    member_groups(
        &mut q,
        &t,
        &owned("owner_keyword"),
        "keyword_id",
        &d.keywords,
    );
    not_owned(
        &mut q,
        &t,
        "owner_keyword",
        "keyword_id",
        &d.without_keywords,
    );
    for g in &d.origin_country.0 {
        let list = q.texts(g);
        q.and(format!(
            "{a}.id IN (SELECT owner_id FROM code_list WHERE owner_type = '{ot}' AND list_name = 'origin_country' AND value IN ({list}))"
        ));
    }
    watch_filters(&mut q, &t, d);
    for (col, value) in [
        ("vote_average >=", d.vote_average_gte),
        ("vote_average <=", d.vote_average_lte),
    ] {
        if let Some(v) = value {
            let p = q.arg(SqlValue::Real(v));
            q.and(format!("{a}.{col} {p}"));
        }
    }
    for (col, value) in [
        ("vote_count >=", d.vote_count_gte),
        ("vote_count <=", d.vote_count_lte),
    ] {
        if let Some(v) = value {
            let p = q.int(v);
            q.and(format!("{a}.{col} {p}"));
        }
    }
    if !d.original_language.is_empty() {
        let list = q.texts(&d.original_language);
        q.and(format!("{a}.original_language IN ({list})"));
    }
    q
}

/// `release_date.*`, `year` and `with_release_type`, on the release rows (in `region` when
/// given): each type group needs a release of one of its types in the range. A movie whose
/// release rows the catalog does not hold matches a bare date range by its own date.
fn release_filters(q: &mut Query, d: &Discover) {
    if d.release_date.is_empty() && d.release_types.is_empty() {
        return;
    }
    let groups: Vec<Option<&Vec<i64>>> = match d.release_types.is_empty() {
        true => vec![None],
        false => d.release_types.0.iter().map(Some).collect(),
    };
    for g in groups {
        let mut sql = "SELECT r.movie_id FROM release_date r WHERE 1 = 1".to_owned();
        if let Some(range) = date_range(q, "r.release_date", &d.release_date) {
            sql.push_str(&format!(" AND {range}"));
        }
        if let Some(region) = &d.region {
            let p = q.text(region);
            sql.push_str(&format!(" AND r.iso_3166_1 = {p}"));
        }
        if let Some(types) = g {
            let list = q.ints(types);
            sql.push_str(&format!(" AND r.release_type IN ({list})"));
        }
        let bare = g.is_none() && d.region.is_none();
        // One list of ids either way (an `OR` beside the `IN` would make PostgreSQL hash every
        // release row to answer the `NOT EXISTS`): the undated movies come from the date index.
        if let Some(Some(own)) = bare.then(|| date_range(q, "m0.release_date", &d.release_date)) {
            sql.push_str(&format!(
                " UNION ALL SELECT m0.id FROM movie m0 WHERE {own} AND NOT EXISTS (SELECT 1 FROM release_date r0 WHERE r0.movie_id = m0.id)"
            ));
        }
        q.and(format!("m.id IN ({sql})"));
    }
}

/// `certification` (any of) and `certification.gte`/`.lte` (by the country's own order of its
/// certifications, the `certification` table's `sort_order`), in `certification_country`.
fn certification_filters(q: &mut Query, d: &Discover) {
    let c = &d.certification;
    if c.is_empty() {
        return;
    }
    let mut sql = "SELECT r.movie_id FROM release_date r WHERE r.certification IS NOT NULL AND r.certification <> ''".to_owned();
    if let Some(country) = &c.country {
        let p = q.text(country);
        sql.push_str(&format!(" AND r.iso_3166_1 = {p}"));
    }
    if !c.any_of.is_empty() {
        let list = q.texts(&c.any_of);
        sql.push_str(&format!(" AND r.certification IN ({list})"));
    }
    let order = "(SELECT MIN(x.sort_order) FROM certification x WHERE x.kind = 'movie' AND x.iso_3166_1 = r.iso_3166_1 AND x.certification";
    for (bound, op) in [(&c.gte, ">="), (&c.lte, "<=")] {
        if let Some(b) = bound {
            let p = q.text(b);
            sql.push_str(&format!(
                " AND {order} = r.certification) {op} {order} = {p})"
            ));
        }
    }
    q.and(format!("m.id IN ({sql})"));
}

/// `with_watch_providers`, `with_watch_monetization_types` and `without_watch_providers`, on
/// the title's offers (in `watch_region` when given).
fn watch_filters(q: &mut Query, t: &Target, d: &Discover) {
    let (a, ot) = (t.alias, t.owner_type);
    let offers = |q: &mut Query| {
        let mut sql = format!("SELECT owner_id FROM watch_offer WHERE owner_type = '{ot}'");
        if let Some(region) = &d.watch_region {
            let p = q.text(region);
            sql.push_str(&format!(" AND country = {p}"));
        }
        sql
    };
    let providers = d.watch_providers.items();
    let kinds = d.monetization.items();
    for g in &d.watch_providers.0 {
        let mut sql = offers(q);
        let list = q.ints(g);
        sql.push_str(&format!(" AND provider_id IN ({list})"));
        if !kinds.is_empty() {
            let list = q.texts(&kinds);
            sql.push_str(&format!(" AND kind IN ({list})"));
        }
        q.and(format!("{a}.id IN ({sql})"));
    }
    for g in &d.monetization.0 {
        let mut sql = offers(q);
        let list = q.texts(g);
        sql.push_str(&format!(" AND kind IN ({list})"));
        if !providers.is_empty() {
            let list = q.ints(&providers);
            sql.push_str(&format!(" AND provider_id IN ({list})"));
        }
        q.and(format!("{a}.id IN ({sql})"));
    }
    if !d.without_watch_providers.is_empty() {
        let mut sql = format!(
            "NOT EXISTS (SELECT 1 FROM watch_offer x WHERE x.owner_type = '{ot}' AND x.owner_id = {a}.id"
        );
        if let Some(region) = &d.watch_region {
            let p = q.text(region);
            sql.push_str(&format!(" AND x.country = {p}"));
        }
        let list = q.ints(&d.without_watch_providers);
        sql.push_str(&format!(" AND x.provider_id IN ({list}))"));
        q.and(sql);
    }
}

/// The `ORDER BY` of a discover request, ties by id. Popularity descending is the ranking
/// index's own order (and never NULL in a listed title); other keys put missing values last
/// in both directions (a missing date is `''` or NULL). Titles compare byte by byte (code-point
/// order) on both engines: SQLite's `BINARY`, PostgreSQL's `COLLATE "C"` whatever the
/// database's collation (a locale's order would differ from SQLite's and from the index's).
pub(crate) fn order_by(d: &Discover, engine: Engine) -> String {
    let movie = d.kind == DiscoverKind::Movie;
    let a = if movie { "m" } else { "t" };
    let col = match (d.sort.key, movie) {
        (SortKey::Popularity, _) => "popularity",
        (SortKey::Revenue, _) => "revenue",
        (SortKey::Date, true) => "release_date",
        (SortKey::Date, false) => "first_air_date",
        (SortKey::OriginalTitle, true) => "original_title",
        (SortKey::OriginalTitle, false) => "original_name",
        (SortKey::VoteAverage, _) => "vote_average",
        (SortKey::VoteCount, _) => "vote_count",
    };
    let dir = if d.sort.descending { "DESC" } else { "ASC" };
    let collate = match (d.sort.key, engine) {
        (SortKey::OriginalTitle, Engine::Postgres) => " COLLATE \"C\"",
        _ => "",
    };
    match d.sort.key {
        SortKey::Popularity => format!("{a}.popularity {dir}, {a}.id"),
        // `NULLIF`: NULL and `""` are both missing, tied among themselves and so by id (as
        // `{col} {dir}` alone, NULL and `""` would differ, and in opposite ways on the two
        // engines: SQLite sorts NULL first, PostgreSQL last).
        SortKey::Date | SortKey::OriginalTitle => format!(
            "CASE WHEN {a}.{col} IS NULL OR {a}.{col} = '' THEN 1 ELSE 0 END, NULLIF({a}.{col}, ''){collate} {dir}, {a}.id"
        ),
        _ => format!("{a}.{col} {dir} NULLS LAST, {a}.id"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn discover(kind: DiscoverKind, q: &[(&str, &str)]) -> Discover {
        let map: HashMap<&str, &str> = q.iter().copied().collect();
        Discover::parse(kind, |n| map.get(n).copied()).unwrap()
    }

    #[test]
    fn values_are_parameters_never_sql_text() {
        let d = discover(
            DiscoverKind::Movie,
            &[
                ("certification", "R'); DROP TABLE movie; --"),
                ("certification_country", "US"),
                ("with_genres", "28,12|16"),
                ("release_date.gte", "2020-01-01"),
                ("with_watch_monetization_types", "flatrate"),
                ("with_watch_providers", "8"),
                ("watch_region", "GB"),
            ],
        );
        let q = conditions(&d);
        let sql = q.where_sql();
        assert!(!sql.contains("DROP") && !sql.contains("2020") && !sql.contains("GB"));
        assert!(!sql.contains("28") && !sql.contains("flatrate"));
        assert!(
            q.params
                .contains(&SqlValue::Text("R'); DROP TABLE movie; --".into()))
        );
        // Every placeholder is bound, in order.
        let n = q.params.len();
        assert!(sql.contains(&format!("${n}")) && !sql.contains(&format!("${}", n + 1)));
        // AND groups are separate subqueries.
        assert_eq!(sql.matches("owner_genre").count(), 2);
        assert!(sql.contains("EXISTS (SELECT 1 FROM owner_genre x"));
    }

    #[test]
    fn orders_put_missing_values_last() {
        let d = discover(DiscoverKind::Tv, &[("sort_by", "first_air_date.asc")]);
        assert_eq!(
            order_by(&d, Engine::Postgres),
            "CASE WHEN t.first_air_date IS NULL OR t.first_air_date = '' THEN 1 ELSE 0 END, NULLIF(t.first_air_date, '') ASC, t.id"
        );
        let d = discover(DiscoverKind::Movie, &[]);
        assert_eq!(order_by(&d, Engine::Sqlite), "m.popularity DESC, m.id");
        let d = discover(DiscoverKind::Tv, &[("sort_by", "name.desc")]);
        assert_eq!(
            order_by(&d, Engine::Postgres),
            "CASE WHEN t.original_name IS NULL OR t.original_name = '' THEN 1 ELSE 0 END, NULLIF(t.original_name, '') COLLATE \"C\" DESC, t.id"
        );
        assert!(!order_by(&d, Engine::Sqlite).contains("COLLATE"));
    }
}
