//! Values crossing the driver boundary: parameters ([`ToSqlValue`]), columns ([`FromSqlValue`])
//! and rows ([`Row`], [`FromRow`], and the [`from_row!`](crate::from_row) macro for structs).

use crate::{Result, StoreError};

/// One value crossing the driver boundary, in either direction.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum SqlValue {
    #[default]
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

/// A Rust value that can be bound as a statement parameter.
pub trait ToSqlValue {
    fn to_sql_value(&self) -> SqlValue;
}

impl ToSqlValue for SqlValue {
    fn to_sql_value(&self) -> SqlValue {
        self.clone()
    }
}
impl ToSqlValue for i64 {
    fn to_sql_value(&self) -> SqlValue {
        SqlValue::Int(*self)
    }
}
impl ToSqlValue for i32 {
    fn to_sql_value(&self) -> SqlValue {
        SqlValue::Int(i64::from(*self))
    }
}
impl ToSqlValue for u32 {
    fn to_sql_value(&self) -> SqlValue {
        SqlValue::Int(i64::from(*self))
    }
}
impl ToSqlValue for usize {
    fn to_sql_value(&self) -> SqlValue {
        SqlValue::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}
impl ToSqlValue for bool {
    fn to_sql_value(&self) -> SqlValue {
        SqlValue::Int(i64::from(*self))
    }
}
impl ToSqlValue for f64 {
    fn to_sql_value(&self) -> SqlValue {
        SqlValue::Real(*self)
    }
}
impl ToSqlValue for str {
    fn to_sql_value(&self) -> SqlValue {
        SqlValue::Text(self.to_owned())
    }
}
impl ToSqlValue for String {
    fn to_sql_value(&self) -> SqlValue {
        SqlValue::Text(self.clone())
    }
}
impl<T: ToSqlValue + ?Sized> ToSqlValue for &T {
    fn to_sql_value(&self) -> SqlValue {
        (**self).to_sql_value()
    }
}
impl<T: ToSqlValue> ToSqlValue for Option<T> {
    fn to_sql_value(&self) -> SqlValue {
        match self {
            Some(v) => v.to_sql_value(),
            None => SqlValue::Null,
        }
    }
}

/// A Rust value that can be read from a column.
pub trait FromSqlValue: Sized {
    fn from_sql_value(v: SqlValue) -> Result<Self>;
}

fn mismatch(want: &str, got: &SqlValue) -> StoreError {
    StoreError::Invalid(format!("column type: wanted {want}, found {got:?}"))
}

impl FromSqlValue for SqlValue {
    fn from_sql_value(v: SqlValue) -> Result<Self> {
        Ok(v)
    }
}
impl FromSqlValue for i64 {
    fn from_sql_value(v: SqlValue) -> Result<Self> {
        match v {
            SqlValue::Int(i) => Ok(i),
            other => Err(mismatch("integer", &other)),
        }
    }
}
impl FromSqlValue for f64 {
    fn from_sql_value(v: SqlValue) -> Result<Self> {
        match v {
            SqlValue::Real(f) => Ok(f),
            // SQLite may hand back an integral REAL as an integer.
            SqlValue::Int(i) => Ok(i as f64),
            other => Err(mismatch("real", &other)),
        }
    }
}
impl FromSqlValue for bool {
    fn from_sql_value(v: SqlValue) -> Result<Self> {
        i64::from_sql_value(v).map(|i| i != 0)
    }
}
impl FromSqlValue for String {
    fn from_sql_value(v: SqlValue) -> Result<Self> {
        match v {
            SqlValue::Text(s) => Ok(s),
            other => Err(mismatch("text", &other)),
        }
    }
}
impl<T: FromSqlValue> FromSqlValue for Option<T> {
    fn from_sql_value(v: SqlValue) -> Result<Self> {
        match v {
            SqlValue::Null => Ok(None),
            v => T::from_sql_value(v).map(Some),
        }
    }
}

/// One result row; values are taken out by column index.
#[derive(Debug, Default)]
pub struct Row(Vec<SqlValue>);

impl From<Vec<SqlValue>> for Row {
    fn from(values: Vec<SqlValue>) -> Row {
        Row(values)
    }
}

impl Row {
    pub(crate) fn new(values: Vec<SqlValue>) -> Row {
        Row(values)
    }

    /// Takes column `i` (0-based) as `T`; a second take of the same column reads NULL.
    pub fn take<T: FromSqlValue>(&mut self, i: usize) -> Result<T> {
        let v = self
            .0
            .get_mut(i)
            .map(std::mem::take)
            .ok_or_else(|| StoreError::Invalid(format!("no column {i}")))?;
        T::from_sql_value(v)
    }
}

/// A type built from one row, columns in order.
pub trait FromRow: Sized {
    fn from_row(row: Row) -> Result<Self>;
}

macro_rules! tuple_from_row {
    ($($t:ident $i:tt),+) => {
        impl<$($t: FromSqlValue),+> FromRow for ($($t,)+) {
            fn from_row(mut row: Row) -> Result<Self> {
                Ok(($(row.take::<$t>($i)?,)+))
            }
        }
    };
}
tuple_from_row!(A 0);
tuple_from_row!(A 0, B 1);
tuple_from_row!(A 0, B 1, C 2);
tuple_from_row!(A 0, B 1, C 2, D 3);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);

/// Implements [`FromRow`] for a struct whose fields are the selected columns, in order.
///
/// ```
/// use reeldb_store::value::{FromRow, Row, SqlValue};
/// struct Pair { a: i64, b: Option<String> }
/// reeldb_store::from_row!(Pair { a, b });
/// let row = Row::from(vec![SqlValue::Int(1), SqlValue::Null]);
/// let pair = Pair::from_row(row).unwrap();
/// assert_eq!((pair.a, pair.b), (1, None));
/// ```
#[macro_export]
macro_rules! from_row {
    ($ty:ident { $($field:ident),+ $(,)? }) => {
        impl $crate::value::FromRow for $ty {
            fn from_row(mut row: $crate::value::Row) -> $crate::Result<Self> {
                let mut _i = 0usize;
                Ok($ty { $($field: { let v = row.take(_i)?; _i += 1; v },)+ })
            }
        }
    };
}

impl FromRow for Row {
    fn from_row(row: Row) -> Result<Self> {
        Ok(row)
    }
}
