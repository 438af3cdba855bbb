//! Fields an import would lose. Every response part is parsed into a wire struct
//! ([`crate::apply::parse`]); re-serialising that struct and comparing its JSON paths with the
//! input's names every field the struct does not model. Such a field would be dropped silently:
//! instead it is counted by path, and `reeldb import tmdb` ends with the summary.
//!
//! Paths: object keys joined by `.`, array elements as `[]`, and an appended part under its
//! `append_to_response` name (`images.posters[].iso_3166_1`). Only the outermost missing key is
//! counted (a whole unknown object is one path, not one per key inside it), once per occurrence.
//! A key the input sends as `null` and the struct leaves out counts too: TMDB said `null`, and
//! reeldb would serve the key missing.
//!
//! The tracking is per import record and per database thread: [`track`] wraps one record's
//! apply, [`appended`] one appended part, and `parse` reports into whatever is being tracked
//! (nothing, outside [`track`]).

use serde_json::Value;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;

/// Dropped fields: JSON path -> occurrences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dropped(BTreeMap<String, u64>);

impl Dropped {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How often `path` was dropped.
    pub fn count(&self, path: &str) -> u64 {
        self.0.get(path).copied().unwrap_or(0)
    }

    /// `(path, count)`, by path.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> {
        self.0.iter().map(|(p, n)| (p.as_str(), *n))
    }

    pub fn add(&mut self, path: impl Into<String>, n: u64) {
        *self.0.entry(path.into()).or_insert(0) += n;
    }

    /// Adds another record's counts.
    pub fn merge(&mut self, other: &Dropped) {
        for (p, n) in other.iter() {
            self.add(p, n);
        }
    }
}

/// One line per path (`images.posters[].iso_3166_1: 3`), or a line saying none were dropped.
impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return writeln!(f, "dropped fields: none");
        }
        writeln!(f, "dropped fields (not modelled by reeldb, not imported):")?;
        for (p, n) in self.iter() {
            writeln!(f, "  {p}: {n}")?;
        }
        Ok(())
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Counts into `out` every path of `input` that `kept` lacks, under `prefix`; top-level keys in
/// `skip` are left out (appended parts, which are parsed on their own).
pub fn diff_paths(input: &Value, kept: &Value, prefix: &str, skip: &[String], out: &mut Dropped) {
    walk(input, Some(kept), prefix, skip, out);
}

fn walk(input: &Value, kept: Option<&Value>, path: &str, skip: &[String], out: &mut Dropped) {
    match input {
        Value::Object(map) => {
            let kept = kept.and_then(Value::as_object);
            for (k, v) in map {
                if skip.iter().any(|s| s == k) {
                    continue;
                }
                let p = join(path, k);
                match kept.and_then(|o| o.get(k)) {
                    None => out.add(p, 1),
                    Some(kv) => walk(v, Some(kv), &p, &[], out),
                }
            }
        }
        Value::Array(items) => {
            let kept = kept.and_then(Value::as_array);
            let p = format!("{path}[]");
            for (i, v) in items.iter().enumerate() {
                match kept.and_then(|a| a.get(i)) {
                    None => out.add(p.clone(), 1),
                    Some(kv) => walk(v, Some(kv), &p, &[], out),
                }
            }
        }
        // A scalar whose path the struct kept is kept (its value may be normalised).
        _ => {}
    }
}

struct Tracker {
    /// The record's response.
    response: Value,
    /// The appended part being applied, when [`appended`] said so (`""` otherwise).
    prefix: String,
    /// `append_to_response` names: keys of the response itself that are parts of their own.
    appended_names: Vec<String>,
    /// The appended parts some arm applied.
    applied: Vec<String>,
    dropped: Dropped,
}

thread_local! {
    static TRACKER: RefCell<Option<Tracker>> = const { RefCell::new(None) };
}

/// Runs `f` (one record's apply) with tracking on; returns its result and what was dropped.
/// `appended_names` are the request's `append_to_response` names: the response's keys of those
/// names are parts applied on their own (see [`appended`]); one that no arm applies is reported
/// whole, under its name.
pub fn track<R>(
    response: &Value,
    appended_names: Vec<String>,
    f: impl FnOnce() -> R,
) -> (R, Dropped) {
    struct Reset(Option<Tracker>);
    impl Drop for Reset {
        fn drop(&mut self) {
            let previous = self.0.take();
            TRACKER.with(|t| *t.borrow_mut() = previous);
        }
    }
    let previous = TRACKER.with(|t| {
        t.borrow_mut().replace(Tracker {
            response: response.clone(),
            prefix: String::new(),
            appended_names,
            applied: Vec::new(),
            dropped: Dropped::default(),
        })
    });
    let reset = Reset(previous);
    let r = f();
    let tracker = TRACKER.with(|t| t.borrow_mut().take());
    drop(reset);
    let Some(mut tracker) = tracker else {
        return (r, Dropped::default());
    };
    for name in &tracker.appended_names {
        if response.get(name).is_some() && !tracker.applied.contains(name) {
            tracker.dropped.add(name.clone(), 1);
        }
    }
    (r, tracker.dropped)
}

/// Runs `f`, which applies the appended part `name` of the response: what its `parse` calls
/// drop is reported under `name.`, and the part counts as applied.
pub fn appended<R>(name: &str, f: impl FnOnce() -> R) -> R {
    let outer = TRACKER.with(|t| {
        t.borrow_mut().as_mut().map(|t| {
            t.applied.push(name.to_owned());
            std::mem::replace(&mut t.prefix, name.to_owned())
        })
    });
    let r = f();
    if let Some(outer) = outer {
        TRACKER.with(|t| {
            if let Some(t) = t.borrow_mut().as_mut() {
                t.prefix = outer;
            }
        });
    }
    r
}

impl Tracker {
    /// The appended part `input` is: one of the response's parts as it stands, or with the
    /// parent's `id` added (as `apply` gives parts their parent's id before parsing them).
    /// Parts not yet applied are tried first, so equal parts are told apart by order.
    fn part_of(&self, input: &Value) -> Option<String> {
        let input_obj = input.as_object();
        let (fresh, seen): (Vec<&String>, Vec<&String>) = self
            .appended_names
            .iter()
            .partition(|n| !self.applied.contains(n));
        fresh
            .into_iter()
            .chain(seen)
            .find(|name| {
                let Some(part) = self.response.get(name.as_str()) else {
                    return false;
                };
                part == input
                    || match (part.as_object(), input_obj) {
                        (Some(p), Some(i)) => {
                            !p.contains_key("id")
                                && i.contains_key("id")
                                && i.len() == p.len() + 1
                                && p.iter().all(|(k, v)| i.get(k) == Some(v))
                        }
                        _ => false,
                    }
            })
            .cloned()
    }
}

/// Records what parsing `input` into a struct that re-serialises to `kept` dropped. The part
/// `input` is comes from [`appended`], or else from its content: an appended part of the
/// response is reported under its name (and counts as applied) even when its arm did not wrap
/// it in [`appended`].
pub(crate) fn report(input: &Value, kept: &Value) {
    TRACKER.with(|t| {
        if let Some(t) = t.borrow_mut().as_mut() {
            let mut prefix = t.prefix.clone();
            if prefix.is_empty()
                && let Some(name) = t.part_of(input)
            {
                t.applied.push(name.clone());
                prefix = name;
            }
            // The response itself carries the appended parts beside its own fields.
            let skip: &[String] = if prefix.is_empty() {
                &t.appended_names
            } else {
                &[]
            };
            diff_paths(input, kept, &prefix, skip, &mut t.dropped);
        }
    });
}

/// Whether tracking is on (so `parse` need not re-serialise otherwise).
pub(crate) fn tracking() -> bool {
    TRACKER.with(|t| t.borrow().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reeldb_wire::common::{CastCredit, Image};
    use serde_json::json;

    fn dropped<T: serde::de::DeserializeOwned + serde::Serialize>(input: Value) -> Dropped {
        let t: T = serde_json::from_value(input.clone()).unwrap();
        let mut out = Dropped::default();
        diff_paths(
            &input,
            &serde_json::to_value(&t).unwrap(),
            "",
            &[],
            &mut out,
        );
        out
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    struct Outer {
        id: i64,
        inner: Inner,
        #[serde(default)]
        list: Vec<Inner>,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    struct Inner {
        name: Option<String>,
    }

    #[test]
    fn nested_objects_and_arrays_of_objects() {
        let d = dropped::<Outer>(json!({
            "id": 1,
            "extra": {"a": 1, "b": [1, 2]},
            "inner": {"name": "x", "deep": {"k": 1}},
            "list": [{"name": "a", "new": 1}, {"name": "b", "new": 2}, {"name": "c"}],
            "tags": ["a", "b"]
        }));
        assert_eq!(
            d.iter().collect::<Vec<_>>(),
            [("extra", 1), ("inner.deep", 1), ("list[].new", 2)]
        );
    }

    #[test]
    fn null_versus_missing() {
        // A modelled Option sent as null is kept (it re-serialises as null); one left out of
        // the input is not a drop (the struct's extra null is not the input's).
        assert!(dropped::<Outer>(json!({"id": 1, "inner": {"name": null}})).is_empty());
        assert!(dropped::<Outer>(json!({"id": 1, "inner": {}})).is_empty());
        // An unknown key sent as null is dropped, and so is a null the struct omits.
        let d = dropped::<Outer>(json!({"id": 1, "inner": {}, "mystery": null, "note": null}));
        assert_eq!(d.iter().collect::<Vec<_>>(), [("mystery", 1), ("note", 1)]);
    }

    #[test]
    fn flattened_structs() {
        let d = dropped::<CastCredit>(json!({
            "adult": false, "gender": 2, "id": 5, "known_for_department": "Acting",
            "name": "N", "original_name": "N", "popularity": 1.5, "profile_path": null,
            "character": "C", "credit_id": "c1", "order": 0, "cast_id": 7
        }));
        assert_eq!(d.iter().collect::<Vec<_>>(), [("cast_id", 1)]);
    }

    #[test]
    fn prefixes_and_skipped_parts() {
        let input = json!({"id": 1, "inner": {}, "images": {"posters": []}, "odd": 1});
        let t: Outer = serde_json::from_value(input.clone()).unwrap();
        let kept = serde_json::to_value(&t).unwrap();
        let mut out = Dropped::default();
        diff_paths(&input, &kept, "", &["images".to_owned()], &mut out);
        diff_paths(&input, &kept, "part", &["images".to_owned()], &mut out);
        assert_eq!(
            out.iter().collect::<Vec<_>>(),
            [("odd", 1), ("part.odd", 1)]
        );
        let img = json!({"file_path": "/a.jpg", "iso_3166_1": "US", "iso_639_1": "en"});
        let d = dropped::<Image>(img);
        assert!(d.is_empty(), "{d}");
    }

    #[test]
    fn tracking_reports_parts_and_unapplied_appends() {
        let response = json!({"id": 1, "credits": {}, "keywords": {}});
        let names = vec!["credits".to_owned(), "keywords".to_owned()];
        let ((), d) = track(&response, names, || {
            report(
                &json!({"id": 1, "credits": {}, "keywords": {}, "x": 1}),
                &json!({"id": 1}),
            );
            appended("credits", || {
                report(&json!({"id": 1, "y": 2}), &json!({"id": 1}))
            });
        });
        assert_eq!(
            d.iter().collect::<Vec<_>>(),
            [("credits.y", 1), ("keywords", 1), ("x", 1)]
        );
        assert!(!tracking());
        // A part parsed without `appended`, as it stands or with its parent's id added, is
        // found by its content.
        let ((), found) = track(&response, vec!["credits".into(), "keywords".into()], || {
            report(&json!({"id": 1}), &json!({"id": 1}));
            report(&json!({}), &json!({}));
            report(&json!({"id": 1, "y": 2}), &json!({"id": 1}));
        });
        assert_eq!(found.iter().collect::<Vec<_>>(), [("y", 1)]);
        let nested = json!({"id": 1, "credits": {"cast": [{"z": 1}]}});
        let ((), found) = track(&nested, vec!["credits".into()], || {
            report(
                &json!({"id": 1, "cast": [{"z": 1}]}),
                &json!({"id": 1, "cast": [{}]}),
            );
        });
        assert_eq!(found.iter().collect::<Vec<_>>(), [("credits.cast[].z", 1)]);
        assert_eq!(
            d.to_string(),
            "dropped fields (not modelled by reeldb, not imported):\n  credits.y: 1\n  keywords: 1\n  x: 1\n"
        );
        assert_eq!(Dropped::default().to_string(), "dropped fields: none\n");
    }
}
