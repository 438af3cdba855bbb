//! Ids of objects created locally rather than imported from TMDB (the demo's films, their
//! people and companies): a reserved range above every TMDB id and within the 32-bit signed
//! integers TMDB clients use for ids, so local and imported objects mix in one catalog and a
//! later mirror of TMDB never collides with them. See docs/LOCAL-IDS.md.

use crate::Result;
use crate::db::Db;

/// The first local id.
pub const LOCAL_ID_MIN: i64 = 2_000_000_000;
/// The last local id (`i32::MAX`).
pub const LOCAL_ID_MAX: i64 = i32::MAX as i64;

/// Whether `id` lies in the reserved range.
pub fn is_local_id(id: i64) -> bool {
    (LOCAL_ID_MIN..=LOCAL_ID_MAX).contains(&id)
}

/// The kinds of object that take local ids; each counts in its own id space, as TMDB's do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalKind {
    Movie,
    Person,
    Company,
}

impl LocalKind {
    fn table(self) -> &'static str {
        match self {
            LocalKind::Movie => "movie",
            LocalKind::Person => "person",
            LocalKind::Company => "company",
        }
    }
}

/// The credit id of a local owner's `n`th credit: 24 hex digits like TMDB's, whose first eight
/// (an object id's creation time) are zero. TMDB's credit ids were all created after 2008, so
/// none starts so; the owner id and number make each one unique.
pub fn local_credit_id(owner_id: i64, n: u32) -> String {
    format!("00000000{owner_id:08x}{n:08x}")
}

impl Db {
    /// The next free local id of `kind` (one above the highest local id in use, the first of
    /// the range when none is), or `None` when the range is used up. One statement.
    pub fn next_local_id(&mut self, kind: LocalKind) -> Result<Option<i64>> {
        let sql = format!(
            "SELECT MAX(id) FROM {} WHERE id BETWEEN $1 AND $2",
            kind.table()
        );
        let max: Option<i64> = self.scalar(&sql, &[&LOCAL_ID_MIN, &LOCAL_ID_MAX])?;
        Ok(match max {
            None => Some(LOCAL_ID_MIN),
            Some(m) if m < LOCAL_ID_MAX => Some(m + 1),
            Some(_) => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_fits_32_bit_ids_and_credit_ids_look_like_tmdbs() {
        assert!(LOCAL_ID_MIN > 0 && i32::try_from(LOCAL_ID_MAX).is_ok());
        assert!(is_local_id(LOCAL_ID_MIN) && is_local_id(LOCAL_ID_MAX));
        assert!(!is_local_id(550) && !is_local_id(LOCAL_ID_MIN - 1));
        assert!(!is_local_id(LOCAL_ID_MAX + 1));
        let id = local_credit_id(LOCAL_ID_MAX, 3);
        assert_eq!(id, "000000007fffffff00000003");
        assert_eq!(id.len(), 24);
        assert_ne!(
            local_credit_id(LOCAL_ID_MIN, 1),
            local_credit_id(LOCAL_ID_MIN + 1, 0)
        );
    }
}
