//! Import, end to end on every engine: the file formats, per-record failures, idempotence, round
//! trips with `append_to_response`, and the change log an import leaves. Catalog state is read
//! back through the real HTTP app, as clients see it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::body::Body;
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use reeldb_import::Record;
use reeldb_import::file::import_file;
use reeldb_store::Store;
use reeldb_store::testing::{TestDb, engines};
use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use tower::ServiceExt;

const SPEC: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../reeldb-http/tests/fixtures/spec"
);

/// A spec fixture as an import record, with the fields TMDB sends today that the example
/// predates (docs/TODAYS-FIELDS.md) as `null`, as TMDB sends them for data without a value.
fn fixture(operation_id: &str) -> Record {
    let path = format!("{SPEC}/{operation_id}.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let v: Value = serde_json::from_str(&text).unwrap();
    let mut response = v["response"].clone();
    if operation_id == "tv-episode-details" {
        response["episode_type"] = Value::Null;
    }
    for list in ["stills", "posters"] {
        let images = response.get_mut(list).and_then(Value::as_array_mut);
        for image in images.into_iter().flatten() {
            image["iso_3166_1"] = Value::Null;
        }
    }
    Record {
        request: v["request"].as_str().unwrap().to_owned(),
        response,
    }
}

fn record(request: &str, response: Value) -> Record {
    Record {
        request: request.to_owned(),
        response,
    }
}

/// Imports one record, asserting that it kept every field of the response.
async fn import(store: &Store, rec: &Record) -> u64 {
    let done = reeldb_import::import_tracked(store, rec)
        .await
        .unwrap_or_else(|e| panic!("import {}: {e}", rec.request));
    assert!(
        done.dropped.is_empty(),
        "import {} {}",
        rec.request,
        done.dropped
    );
    done.changes
}

/// GETs `uri` through the app (no key needed), returning the status and the JSON body.
async fn get(store: &Store, uri: &str) -> (StatusCode, Value) {
    let app = reeldb_http::app(reeldb_http::AppState::new(
        store.clone(),
        reeldb_http::HttpConfig {
            auth_required: false,
            cache_max_age: 0,
            ..reeldb_http::HttpConfig::default()
        },
    ));
    let res = app
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&body)
        .unwrap_or_else(|e| panic!("{uri}: not JSON ({e}): {}", String::from_utf8_lossy(&body)));
    (status, json)
}

/// GET expecting 200.
async fn get_ok(store: &Store, uri: &str) -> Value {
    let (status, body) = get(store, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    body
}

/// Numbers as f64, so `8` and `8.0` compare equal; everything else as is.
fn normalize(v: &Value) -> Value {
    match v {
        Value::Number(n) => n
            .as_f64()
            .map(Value::from)
            .unwrap_or(Value::Number(n.clone())),
        Value::Array(a) => Value::Array(a.iter().map(normalize).collect()),
        Value::Object(o) => {
            Value::Object(o.iter().map(|(k, v)| (k.clone(), normalize(v))).collect())
        }
        other => other.clone(),
    }
}

/// Asserts two JSON documents are equal (key order free, numbers by value), naming the first
/// difference.
fn assert_same_json(actual: &Value, expected: &Value, context: &str) {
    let (a, e) = (normalize(actual), normalize(expected));
    if a != e {
        panic!(
            "{context}: JSON differs at {}",
            first_difference(&a, &e, "$".into())
        );
    }
}

fn first_difference(a: &Value, e: &Value, at: String) -> String {
    match (a, e) {
        (Value::Object(ao), Value::Object(eo)) => {
            for (k, ev) in eo {
                match ao.get(k) {
                    None => return format!("{at}.{k}: missing (expected {})", short(ev)),
                    Some(av) if av != ev => return first_difference(av, ev, format!("{at}.{k}")),
                    _ => {}
                }
            }
            match ao.keys().find(|k| !eo.contains_key(*k)) {
                Some(k) => format!("{at}.{k}: unexpected {}", short(&ao[k])),
                None => at,
            }
        }
        (Value::Array(aa), Value::Array(ea)) if aa.len() != ea.len() => {
            format!("{at}: {} items, expected {}", aa.len(), ea.len())
        }
        (Value::Array(aa), Value::Array(ea)) => aa
            .iter()
            .zip(ea)
            .enumerate()
            .find(|(_, (x, y))| x != y)
            .map_or(at.clone(), |(i, (x, y))| {
                first_difference(x, y, format!("{at}[{i}]"))
            }),
        _ => format!("{at}: got {}, expected {}", short(a), short(e)),
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(200) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s,
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn compact(rec: &Record) -> String {
    serde_json::to_string(rec).unwrap()
}

fn jsonl(recs: &[Record]) -> String {
    recs.iter().map(|r| compact(r) + "\n").collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// Every record of a file lands: imported, no failures, and each request answers its response.
#[tokio::test]
async fn file_formats_import_the_same_records() {
    let one = [fixture("tv-season-details")];
    let many = [
        fixture("tv-season-details"),
        fixture("tv-season-external-ids"),
        fixture("tv-episode-external-ids"),
        fixture("tv-season-watch-providers"),
    ];
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let files: Vec<(PathBuf, &[Record])> = vec![
        (write(d, "one.json", compact(&one[0]).as_bytes()), &one),
        (
            write(
                d,
                "pretty.json",
                serde_json::to_string_pretty(&one[0]).unwrap().as_bytes(),
            ),
            &one,
        ),
        (
            write(
                d,
                "array.json",
                serde_json::to_string_pretty(&many).unwrap().as_bytes(),
            ),
            &many,
        ),
        (
            write(
                d,
                "array-one-line.json",
                serde_json::to_string(&many).unwrap().as_bytes(),
            ),
            &many,
        ),
        (write(d, "lines.jsonl", jsonl(&many).as_bytes()), &many),
        (
            write(d, "lines.jsonl.gz", &gzip(jsonl(&many).as_bytes())),
            &many,
        ),
    ];
    for engine in engines() {
        let mut snapshots: Vec<(usize, Vec<Value>)> = Vec::new();
        for (path, recs) in &files {
            let db = TestDb::new(engine).await.unwrap();
            let summary = import_file(&db.store, path, &()).await.unwrap();
            let ctx = format!("{} on {engine:?}", path.display());
            assert!(summary.failures.is_empty(), "{ctx}: {:?}", summary.failures);
            assert!(summary.dropped.is_empty(), "{ctx}: {}", summary.dropped);
            assert_eq!(summary.imported, recs.len() as u64, "{ctx}");
            assert!(summary.changes > 0, "{ctx}");
            let mut snapshot = Vec::new();
            for rec in recs.iter() {
                let got = get_ok(&db.store, &rec.request).await;
                assert_same_json(&got, &rec.response, &format!("{ctx}: {}", rec.request));
                snapshot.push(got);
            }
            match snapshots.iter().find(|(n, _)| *n == recs.len()) {
                Some((_, first)) => assert_eq!(first, &snapshot, "{ctx}"),
                None => snapshots.push((recs.len(), snapshot)),
            }
            db.cleanup().await;
        }
    }
}

/// A bad record fails alone: the summary names its file and 1-based line, the rest land.
#[tokio::test]
async fn failures_name_file_and_line_and_the_rest_import() {
    let good1 = fixture("tv-season-external-ids");
    let good2 = fixture("tv-episode-external-ids");
    let unsupported = record("/3/movie/550/lists", json!({"id": 550, "results": []}));
    // Episode 1's details at episode 2's path.
    let contradicts = record(
        "/3/tv/1399/season/1/episode/2",
        fixture("tv-episode-details").response,
    );
    let text = format!(
        "{}\n\n{}\n{}\n{}\n{}\n",
        compact(&good1),
        r#"{"request": "/3/tv/1399/season/1", "response": {"#,
        compact(&unsupported),
        compact(&contradicts),
        compact(&good2),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "mixed.jsonl", text.as_bytes());
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let summary = import_file(&db.store, &path, &()).await.unwrap();
        assert_eq!(summary.imported, 2, "{:?}", summary.failures);
        let got: Vec<(&str, &str)> = summary
            .failures
            .iter()
            .map(|f| (f.file.as_str(), f.location.as_str()))
            .collect();
        let file = path.display().to_string();
        assert_eq!(
            got,
            [
                (file.as_str(), "3"),
                (file.as_str(), "4"),
                (file.as_str(), "5")
            ]
        );
        assert!(
            summary.failures[0].error.contains("not an object"),
            "{}",
            summary.failures[0]
        );
        assert!(
            summary.failures[1].error.contains("unsupported"),
            "{}",
            summary.failures[1]
        );
        assert!(
            summary.failures[2].error.contains("does not match"),
            "{}",
            summary.failures[2]
        );
        assert!(
            summary.failures[2]
                .to_string()
                .starts_with(&format!("{file}:5: "))
        );
        for good in [&good1, &good2] {
            let got = get_ok(&db.store, &good.request).await;
            assert_same_json(&got, &good.response, &good.request);
        }
        // The rejected record left nothing behind.
        let (status, _) = get(&db.store, "/3/tv/1399/season/1/episode/2").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        db.cleanup().await;
    }
}

fn demo_records() -> Vec<Record> {
    reeldb_import::demo::CATALOG
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// What a client can read of the demo catalog: every record's request, the appended forms,
/// each episode, languages, and the change lists.
fn demo_endpoints(recs: &[Record]) -> Vec<String> {
    let mut uris: Vec<String> = recs.iter().map(|r| r.request.clone()).collect();
    uris.extend([
        "/3/tv/1399/season/1?append_to_response=credits,aggregate_credits,external_ids,images,translations,videos,watch/providers".to_owned(),
        "/3/tv/1399/season/1?language=fr-FR&append_to_response=images,videos".to_owned(),
        "/3/tv/1399/season/1/episode/1?append_to_response=credits,external_ids,images,translations,videos".to_owned(),
        "/3/tv/1399/season/1/episode/1/videos".to_owned(),
        "/3/tv/season/3624/changes".to_owned(),
        "/3/tv/episode/63056/changes".to_owned(),
        "/3/tv/93405/season/2/episode/1".to_owned(),
    ]);
    for n in 1..=10 {
        uris.push(format!("/3/tv/1399/season/1/episode/{n}"));
        uris.push(format!("/3/tv/1399/season/1/episode/{n}/credits"));
    }
    uris
}

async fn snapshot(store: &Store, uris: &[String]) -> Vec<(StatusCode, Value)> {
    let mut out = Vec::new();
    for uri in uris {
        out.push(get(store, uri).await);
    }
    out
}

async fn import_all(store: &Store, recs: &[Record]) -> u64 {
    let mut n = 0;
    for rec in recs {
        n += import(store, rec).await;
    }
    n
}

/// Each demo record imported again right after itself records nothing, and a second pass over
/// the whole catalog leaves every endpoint as the first left it (bar today's change lists,
/// which show the catalog's own contradictions being replayed).
#[tokio::test]
async fn each_demo_record_reimports_without_changes() {
    let recs = demo_records();
    assert!(recs.len() > 10);
    let uris: Vec<String> = demo_endpoints(&recs)
        .into_iter()
        .filter(|u| !u.ends_with("/changes"))
        .collect();
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        assert!(import_all(&db.store, &recs).await > 0);
        let before = snapshot(&db.store, &uris).await;
        for (uri, (status, body)) in uris.iter().zip(&before) {
            assert_eq!(*status, StatusCode::OK, "{uri}: {body}");
        }
        for rec in &recs {
            import(&db.store, rec).await;
            let n = import(&db.store, rec).await;
            assert_eq!(n, 0, "{} again on {engine:?}", rec.request);
        }
        let after = snapshot(&db.store, &uris).await;
        for (uri, (b, a)) in uris.iter().zip(before.iter().zip(&after)) {
            assert_eq!(b, a, "{uri} changed on {engine:?}");
        }
        db.cleanup().await;
    }
}

/// The fields of a person as credits carry them.
const PERSON_FIELDS: [&str; 7] = [
    "adult",
    "gender",
    "known_for_department",
    "name",
    "original_name",
    "popularity",
    "profile_path",
];

/// Gives every occurrence of a person the fields of its first occurrence. TMDB's examples were
/// captured at different times (a popularity or profile path drifts between them); one real
/// response describes each person one way.
fn harmonize_people(v: &mut Value, seen: &mut std::collections::HashMap<i64, Value>) {
    match v {
        Value::Object(o) => {
            if let (Some(id), true) = (
                o.get("id").and_then(Value::as_i64),
                o.contains_key("known_for_department"),
            ) {
                let first = seen.entry(id).or_insert_with(|| {
                    PERSON_FIELDS
                        .iter()
                        .filter_map(|f| o.get(*f).map(|x| (f.to_string(), x.clone())))
                        .collect::<serde_json::Map<_, _>>()
                        .into()
                });
                for (k, x) in first.as_object().unwrap() {
                    o.insert(k.clone(), x.clone());
                }
            }
            for x in o.values_mut() {
                harmonize_people(x, seen);
            }
        }
        Value::Array(a) => {
            for x in a {
                harmonize_people(x, seen);
            }
        }
        _ => {}
    }
}

/// `details` with each `(append name, fixture)`'s response, less its `id`, under its name.
fn with_appended(details: &str, parts: &[(&str, &str)]) -> (String, Value) {
    let base = fixture(details);
    let mut response = base.response;
    for (name, op) in parts {
        let mut part = fixture(op).response;
        part.as_object_mut().unwrap().remove("id");
        response[*name] = part;
    }
    harmonize_people(&mut response, &mut Default::default());
    let names: Vec<&str> = parts.iter().map(|p| p.0).collect();
    let request = format!("{}?append_to_response={}", base.request, names.join(","));
    (request, response)
}

fn season_with_everything_appended() -> (String, Value) {
    let (request, response) = with_appended(
        "tv-season-details",
        &[
            ("credits", "tv-season-credits"),
            ("aggregate_credits", "tv-season-aggregate-credits"),
            ("external_ids", "tv-season-external-ids"),
            ("images", "tv-season-images"),
            ("translations", "tv-season-translations"),
            ("videos", "tv-season-videos"),
            ("watch/providers", "tv-season-watch-providers"),
        ],
    );
    assert_eq!(
        request,
        "/3/tv/1399/season/1?append_to_response=credits,aggregate_credits,external_ids,images,translations,videos,watch/providers"
    );
    (request, response)
}

/// A season with every sub-resource appended round trips whole, including a `name` that its
/// blank en-US translation does not carry (the primary text is kept apart from translations).
#[tokio::test]
async fn season_round_trips_with_append_to_response() {
    let (request, response) = season_with_everything_appended();
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        import(&db.store, &record(&request, response.clone())).await;
        let got = get_ok(&db.store, &request).await;
        assert_same_json(&got, &response, &format!("{request} on {engine:?}"));
        db.cleanup().await;
    }
}

#[tokio::test]
async fn episode_round_trips_with_append_to_response() {
    let (request, response) = with_appended(
        "tv-episode-details",
        &[
            ("credits", "tv-episode-credits"),
            ("external_ids", "tv-episode-external-ids"),
            ("images", "tv-episode-images"),
            ("translations", "tv-episode-translations"),
        ],
    );
    assert_eq!(
        request,
        "/3/tv/1399/season/1/episode/1?append_to_response=credits,external_ids,images,translations"
    );
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        import(&db.store, &record(&request, response.clone())).await;
        let got = get_ok(&db.store, &request).await;
        assert_same_json(&got, &response, &format!("{request} on {engine:?}"));
        db.cleanup().await;
    }
}

/// A record fetched with `language=fr-FR` fills the fr-FR translation; en-US stays as it was.
#[tokio::test]
async fn a_language_record_lands_in_its_translation() {
    let en = fixture("tv-season-details");
    let mut fr = en.response.clone();
    fr["name"] = json!("Saison 1");
    fr["overview"] = json!("Des troubles se préparent dans les Sept Royaumes.");
    fr["episodes"][0]["name"] = json!("L'hiver vient");
    fr["episodes"][0]["overview"] = json!("Jon Arryn, la Main du Roi, est mort.");
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        import(&db.store, &en).await;
        import(
            &db.store,
            &record("/3/tv/1399/season/1?language=fr-FR", fr.clone()),
        )
        .await;
        let ctx = format!("on {engine:?}");
        let got = get_ok(&db.store, "/3/tv/1399/season/1?language=fr-FR").await;
        assert_same_json(&got, &fr, &format!("fr-FR season {ctx}"));
        let got = get_ok(&db.store, "/3/tv/1399/season/1").await;
        assert_same_json(&got, &en.response, &format!("en-US season {ctx}"));
        let got = get_ok(&db.store, "/3/tv/1399/season/1?language=en-US").await;
        assert_same_json(&got, &en.response, &format!("explicit en-US season {ctx}"));
        let ep = get_ok(&db.store, "/3/tv/1399/season/1/episode/1?language=fr-FR").await;
        assert_eq!(ep["name"], "L'hiver vient", "{ctx}");
        assert_eq!(
            ep["overview"], "Jon Arryn, la Main du Roi, est mort.",
            "{ctx}"
        );
        let ep = get_ok(&db.store, "/3/tv/1399/season/1/episode/1").await;
        assert_eq!(ep["name"], en.response["episodes"][0]["name"], "{ctx}");
        let t = get_ok(&db.store, "/3/tv/1399/season/1/translations").await;
        let langs: Vec<(String, String, String)> = t["translations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["iso_639_1"].as_str().unwrap().to_owned(),
                    t["iso_3166_1"].as_str().unwrap().to_owned(),
                    t["data"]["name"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            langs,
            [
                ("en".into(), "US".into(), "Season 1".into()),
                ("fr".into(), "FR".into(), "Saison 1".into())
            ],
            "{ctx}"
        );
        db.cleanup().await;
    }
}

/// The items of one key in a `/changes` response.
fn items<'a>(changes: &'a Value, key: &str) -> Vec<&'a Value> {
    changes["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["key"] == key)
        .flat_map(|g| g["items"].as_array().unwrap())
        .collect()
}

/// Re-importing an edited episode logs each field's change; a language-filtered images list
/// adds and updates but removes nothing.
#[tokio::test]
async fn changes_are_recorded_and_filtered_images_keep_other_languages() {
    let details = fixture("tv-episode-details");
    let mut edited = details.response.clone();
    let old_runtime = details.response["runtime"].clone();
    edited["runtime"] = json!(old_runtime.as_i64().unwrap() + 7);
    let old_overview = details.response["overview"].clone();
    edited["overview"] = json!("An edited overview.");
    let mut crew = edited["crew"][0].clone();
    crew["credit_id"] = json!("0123456789abcdef01234567");
    crew["job"] = json!("Script Supervisor");
    crew["department"] = json!("Crew");
    edited["crew"].as_array_mut().unwrap().push(crew);

    let images = fixture("tv-episode-images");
    let mut all = images.response.clone();
    let stills = all["stills"].as_array_mut().unwrap();
    let mut fr = stills[0].clone();
    fr["file_path"] = json!("/fr-still.jpg");
    fr["iso_639_1"] = json!("fr");
    let mut en = stills[1].clone();
    en["file_path"] = json!("/en-still.jpg");
    en["iso_639_1"] = json!("en");
    en["vote_average"] = json!(1.5);
    stills.push(fr);
    stills.push(en.clone());
    let mut en_only = json!({"id": 63056, "stills": [en]});
    en_only["stills"][0]["vote_count"] = json!(99);

    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let ctx = format!("on {engine:?}");
        import(&db.store, &details).await;
        let n = import(&db.store, &record(&details.request, edited.clone())).await;
        assert_eq!(n, 3, "runtime, overview and one crew credit {ctx}");
        let got = get_ok(&db.store, &details.request).await;
        assert_same_json(&got, &edited, &format!("edited episode {ctx}"));

        let changes = get_ok(&db.store, "/3/tv/episode/63056/changes").await;
        let runtime = items(&changes, "runtime");
        let updated: Vec<_> = runtime
            .iter()
            .filter(|i| i["action"] == "updated")
            .collect();
        assert_eq!(updated.len(), 1, "{ctx}: {changes}");
        assert_eq!(updated[0]["value"], edited["runtime"], "{ctx}");
        assert_eq!(updated[0]["original_value"], old_runtime, "{ctx}");
        let crew = items(&changes, "crew");
        assert!(
            crew.iter().any(|i| i["action"] == "added"
                && i["value"]["credit_id"] == "0123456789abcdef01234567"
                && i["value"]["job"] == "Script Supervisor"),
            "{ctx}: {changes}"
        );
        let overview = items(&changes, "overview");
        let updated: Vec<_> = overview
            .iter()
            .filter(|i| i["action"] == "updated")
            .collect();
        assert_eq!(updated.len(), 1, "{ctx}: {changes}");
        assert_eq!(updated[0]["iso_639_1"], "en", "{ctx}");
        assert_eq!(updated[0]["value"], "An edited overview.", "{ctx}");
        assert_eq!(updated[0]["original_value"], old_overview, "{ctx}");
        for item in changes["changes"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|g| g["items"].as_array().unwrap())
        {
            assert_eq!(item["id"].as_str().map(str::len), Some(24), "{item}");
            assert!(item["time"].as_str().unwrap().ends_with(" UTC"), "{item}");
        }

        import(&db.store, &record(&images.request, all.clone())).await;
        let got = get_ok(&db.store, &images.request).await;
        assert_eq!(
            got["stills"].as_array().unwrap().len(),
            all["stills"].as_array().unwrap().len(),
            "{ctx}"
        );
        let filtered = format!("{}?language=en", images.request);
        import(&db.store, &record(&filtered, en_only.clone())).await;
        let got = get_ok(&db.store, &images.request).await;
        let stills = got["stills"].as_array().unwrap();
        assert_eq!(
            stills.len(),
            all["stills"].as_array().unwrap().len(),
            "{ctx}: {got}"
        );
        assert!(stills.iter().any(|s| s["file_path"] == "/fr-still.jpg"));
        let en = stills
            .iter()
            .find(|s| s["file_path"] == "/en-still.jpg")
            .unwrap();
        assert_eq!(en["vote_count"], 99, "the filtered list updates {ctx}");
        let changes = get_ok(&db.store, "/3/tv/episode/63056/changes").await;
        assert!(
            items(&changes, "images")
                .iter()
                .all(|i| i["action"] == "added"),
            "{ctx}: {changes}"
        );
        db.cleanup().await;
    }
}
