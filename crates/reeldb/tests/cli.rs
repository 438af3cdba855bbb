//! The binary as a user runs it: `serve` on a fresh database prints a key and a curl line that
//! returns the seed JSON over real HTTP; `import`, `key create`, `migrate`; graceful shutdown.

#![expect(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

use reeldb_store::testing::{TestDb, TestEngine, engines};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_reeldb");

fn demo_seed() -> Value {
    let last = reeldb_import::demo::CATALOG
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap();
    let rec: Value = serde_json::from_str(last).unwrap();
    assert_eq!(rec["request"], "/3/tv/93405/season/2/episode/1/credits");
    rec["response"].clone()
}

/// A running `reeldb serve`, with what it printed.
struct Server {
    child: Child,
    base: String,
    key: Option<String>,
    curl: String,
}

impl Server {
    fn start(db: &str, extra: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--db", db, "--listen", "127.0.0.1:0"])
            .args(extra)
            .env("REELDB_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start reeldb");
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let (mut base, mut key, mut curl) = (None, None, None);
        let deadline = Instant::now() + Duration::from_secs(60);
        while curl.is_none() && Instant::now() < deadline {
            let Some(Ok(line)) = lines.next() else { break };
            if let Some(rest) = line.strip_prefix("reeldb is serving the TMDB v3 API on ") {
                base = Some(rest.trim().to_owned());
            } else if let Some(rest) = line.strip_prefix("API key: ") {
                key = Some(rest.trim().to_owned());
            } else if let Some(rest) = line.strip_prefix("try: curl ") {
                curl = Some(rest.trim().trim_matches('"').to_owned());
            }
        }
        Server {
            child,
            base: base.expect("address line"),
            key,
            curl: curl.expect("curl line"),
        }
    }

    /// Sends SIGTERM and waits for the exit status.
    fn terminate(mut self) -> std::process::ExitStatus {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "reeldb did not stop on SIGTERM");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn get_json(url: &str) -> (u16, Value) {
    let res = reqwest::get(url).await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

#[tokio::test]
async fn first_serve_prints_a_key_and_a_curl_line_that_returns_the_seed() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let search_dir = tempfile::tempdir().unwrap();
        let search_arg = search_dir.path().join("index");
        let search_arg = search_arg.to_str().unwrap();
        let started = Instant::now();
        let server = Server::start(&db.db, &["--search-dir", search_arg]);
        let key = server.key.clone().expect("a key is printed on first start");
        assert_eq!(key.len(), 32);
        assert!(server.curl.contains(&format!("api_key={key}")));
        let (status, body) = get_json(&server.curl).await;
        eprintln!(
            "{engine:?}: first response {:?} after start",
            started.elapsed()
        );
        assert_eq!(status, 200);
        assert_eq!(body, demo_seed(), "exact seed JSON on {engine:?}");
        // The demo's real films are there from the first start (docs/DEMO.md).
        let (status, matrix) =
            get_json(&format!("{}/3/movie/tt0133093?api_key={key}", server.base)).await;
        assert_eq!(status, 200);
        assert_eq!(
            (matrix["id"].as_i64(), matrix["title"].as_str()),
            (Some(2_000_001_568), Some("The Matrix")),
            "{engine:?}"
        );
        // The search index is built while the server already answers; a search sent at once
        // waits for it and finds the film.
        let (status, found) = get_json(&format!(
            "{}/3/search/movie?query=matrix&api_key={key}",
            server.base
        ))
        .await;
        assert_eq!(status, 200, "{found}");
        assert_eq!(found["results"][0]["id"], 2_000_001_568, "{engine:?}");
        // Without the key: TMDB's 401, code 7.
        let (status, v) = get_json(&format!(
            "{}/3/tv/93405/season/2/episode/1/credits",
            server.base
        ))
        .await;
        assert_eq!((status, v["status_code"].as_u64()), (401, Some(7)));
        assert!(server.terminate().success(), "graceful exit");

        // A second start finds the catalog and the key in place; the old key still works.
        let server = Server::start(&db.db, &["--search-dir", search_arg]);
        assert!(server.key.is_none(), "no new key when keys exist");
        let url = format!(
            "{}/3/tv/93405/season/2/episode/1/credits?api_key={key}",
            server.base
        );
        assert_eq!(get_json(&url).await, (200, demo_seed()));
        assert!(server.terminate().success());
        db.cleanup().await;
    }
}

#[tokio::test]
async fn serve_no_demo_leaves_the_catalog_empty_and_no_auth_opens_it() {
    let db = TestDb::new(TestEngine::Sqlite).await.unwrap();
    let server = Server::start(&db.db, &["--no-demo", "--no-auth"]);
    assert!(server.key.is_none());
    let (status, v) = get_json(&format!(
        "{}/3/tv/93405/season/2/episode/1/credits",
        server.base
    ))
    .await;
    assert_eq!((status, v["status_code"].as_u64()), (404, Some(34)));
    let (status, v) = get_json(&format!("{}/3/authentication", server.base)).await;
    assert_eq!((status, &v["success"]), (200, &Value::Bool(true)));
    assert!(server.terminate().success());
    db.cleanup().await;
}

#[tokio::test]
async fn key_create_prints_a_key_on_the_last_line_and_serve_accepts_it_as_bearer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let db = db.to_str().unwrap();
    let out = Command::new(BIN)
        .args(["migrate", "--db", db])
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = Command::new(BIN)
        .args(["key", "create", "--db", db])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let key = stdout.lines().last().unwrap();
    assert_eq!(key.len(), 32);
    assert!(key.bytes().all(|b| b.is_ascii_hexdigit()));
    let server = Server::start(db, &["--no-demo"]);
    let client = reqwest::Client::new();
    let res = client
        .get(format!("{}/3/authentication", server.base))
        .bearer_auth(key)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = client
        .get(format!("{}/3/authentication", server.base))
        .bearer_auth("0123456789abcdef0123456789abcdef")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert!(server.terminate().success());
    // REELDB_DB works like --db.
    let out = Command::new(BIN)
        .args(["key", "create"])
        .env("REELDB_DB", db)
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[tokio::test]
async fn import_reports_bad_records_by_line_and_keeps_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("i.db");
    let db = db.to_str().unwrap();
    let path = dir.path().join("records.jsonl.gz");
    let good = reeldb_import::demo::CATALOG
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap();
    let text = format!(
        "{good}\n{{not json\n{{\"request\":\"/3/movie/550/lists\",\"response\":{{\"id\":550}}}}\n"
    );
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&path).unwrap(),
        flate2::Compression::default(),
    );
    gz.write_all(text.as_bytes()).unwrap();
    gz.finish().unwrap();
    let out = Command::new(BIN)
        .args(["import", "tmdb", "--db", db])
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "bad records make the command fail");
    let shown = path.display().to_string();
    assert!(
        stderr.contains(&format!("{shown}:2:")),
        "line 2 named: {stderr}"
    );
    assert!(
        stderr.contains(&format!("{shown}:3:")) && stderr.contains("unsupported"),
        "{stderr}"
    );
    assert!(
        stdout.contains("1 records imported, 2 rejected"),
        "{stdout}"
    );
    // The good record is served.
    let server = Server::start(db, &["--no-auth"]);
    let url = format!("{}/3/tv/93405/season/2/episode/1/credits", server.base);
    assert_eq!(get_json(&url).await, (200, demo_seed()));
    assert!(server.terminate().success());
}

/// `reeldb import tmdb` ends with the fields no wire struct modelled, by path and count, and
/// says so when there were none.
#[test]
fn import_ends_with_the_dropped_field_summary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let db = db.to_str().unwrap();
    let good = reeldb_import::demo::CATALOG
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap();
    let clean = dir.path().join("clean.jsonl");
    std::fs::write(&clean, format!("{good}\n")).unwrap();
    let run = |path: &std::path::Path| {
        let out = Command::new(BIN)
            .args(["import", "tmdb", "--db", db])
            .arg(path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let stdout = run(&clean);
    assert!(stdout.ends_with("dropped fields: none\n"), "{stdout}");

    let mut rec: Value = serde_json::from_str(good).unwrap();
    for c in rec["response"]["cast"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .take(2)
    {
        c["cast_id"] = 3.into();
    }
    rec["response"]["mystery"] = Value::Null;
    let odd = dir.path().join("odd.jsonl");
    std::fs::write(&odd, format!("{rec}\n")).unwrap();
    let stdout = run(&odd);
    assert!(
        stdout.ends_with(
            "dropped fields (not modelled by reeldb, not imported):\n  cast[].cast_id: 2\n  mystery: 1\n"
        ),
        "{stdout}"
    );
}
