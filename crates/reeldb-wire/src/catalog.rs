//! Catalog-wide lists: genre lists (`/3/genre/{movie,tv}/list`) and certification systems
//! (`/3/certification/{movie,tv}/list`).

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

pub use crate::tv_series::Genre;

/// `{genres: [{id, name}]}` of a genre list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GenreList {
    pub genres: Vec<Genre>,
}

/// One certification of a country's system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Certification {
    pub certification: String,
    #[serde(default)]
    pub meaning: Option<String>,
    #[serde(default)]
    pub order: Option<i64>,
}

/// `{certifications: {country: [certification]}}`, countries in TMDB's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CertificationList {
    pub certifications: Listed<Vec<Certification>>,
}

/// A JSON object whose keys keep the order they are listed in (TMDB does not sort the
/// countries of a certification list).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Listed<T>(pub Vec<(String, T)>);

impl<T: Serialize> Serialize for Listed<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Listed<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Listed<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Listed<T>, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, T>()? {
                    out.push((k, v));
                }
                Ok(Listed(out))
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_keeps_key_order() {
        let json =
            r#"{"certifications":{"US":[{"certification":"G","meaning":"m","order":1}],"AU":[]}}"#;
        let list: CertificationList = serde_json::from_str(json).unwrap();
        assert_eq!(list.certifications.0[0].0, "US");
        assert_eq!(serde_json::to_string(&list).unwrap(), json);
    }
}
