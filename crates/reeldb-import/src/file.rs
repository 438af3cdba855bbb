//! Reads files of import records: one JSON object, a JSON array of them, or one per line
//! (`.jsonl`/`.ndjson`), each optionally gzipped. JSON lines stream; an array is read whole.
//! A bad record is reported with its file and line (or index) and the rest go on.

use crate::{Dropped, ImportError, Imported, Record, import_tracked};
use reeldb_store::Store;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// One record that failed, and where it was.
#[derive(Debug)]
pub struct Failure {
    pub file: String,
    /// 1-based line for JSON lines; 1-based record index otherwise.
    pub location: String,
    pub error: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.location, self.error)
    }
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Summary {
    pub imported: u64,
    pub changes: u64,
    pub failures: Vec<Failure>,
    /// Fields of the imported responses that no wire struct models, by path, over all records.
    pub dropped: Dropped,
}

/// Progress reporting, so the CLI can draw a bar and tests stay quiet.
pub trait Progress: Send + Sync {
    fn record_done(&self, bytes_read: u64);
}

impl Progress for () {
    fn record_done(&self, _: u64) {}
}

fn open(path: &Path) -> std::io::Result<(Box<dyn BufRead + Send>, u64)> {
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    let mut reader = BufReader::new(file);
    let gz = reader.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let inner: Box<dyn BufRead + Send> = if gz {
        Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(reader)))
    } else {
        Box::new(reader)
    };
    Ok((inner, len))
}

fn is_lines_name(path: &Path) -> bool {
    let name = path.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".jsonl") || name.ends_with(".ndjson")
}

/// Imports every record of one file.
pub async fn import_file(
    store: &Store,
    path: &Path,
    progress: &dyn Progress,
) -> std::io::Result<Summary> {
    let (mut reader, _) = open(path)?;
    let file = path.display().to_string();
    let mut summary = Summary::default();
    // Sniff: JSON lines if the name says so or the first line is a whole JSON object (a whole
    // array on the first line is an array file written without line breaks).
    let mut first = String::new();
    let mut first_len = reader.read_line(&mut first)? as u64;
    while first.trim().is_empty() && first_len > 0 {
        first.clear();
        first_len = reader.read_line(&mut first)? as u64;
    }
    let lines_mode = is_lines_name(path)
        || serde_json::from_str::<serde_json::Value>(first.trim()).is_ok_and(|v| v.is_object());
    if lines_mode {
        let mut line_no = 1u64;
        let mut bytes = first_len;
        let mut line = first;
        loop {
            if !line.trim().is_empty() {
                let outcome = match serde_json::from_str::<Record>(line.trim()) {
                    Ok(rec) => import_tracked(store, &rec).await,
                    Err(e) => Err(ImportError::BadRecord(e.to_string())),
                };
                settle(&mut summary, outcome, &file, format!("{line_no}"));
                progress.record_done(bytes);
            }
            line.clear();
            let n = reader.read_line(&mut line)?;
            if n == 0 {
                break;
            }
            bytes += n as u64;
            line_no += 1;
        }
    } else {
        let mut rest = String::new();
        reader.read_to_string(&mut rest)?;
        let whole = first + &rest;
        match serde_json::from_str::<serde_json::Value>(&whole) {
            Ok(serde_json::Value::Array(items)) => {
                for (i, item) in items.into_iter().enumerate() {
                    let outcome = match serde_json::from_value::<Record>(item) {
                        Ok(rec) => import_tracked(store, &rec).await,
                        Err(e) => Err(ImportError::BadRecord(e.to_string())),
                    };
                    settle(&mut summary, outcome, &file, format!("record {}", i + 1));
                }
            }
            Ok(item) => {
                let outcome = match serde_json::from_value::<Record>(item) {
                    Ok(rec) => import_tracked(store, &rec).await,
                    Err(e) => Err(ImportError::BadRecord(e.to_string())),
                };
                settle(&mut summary, outcome, &file, "record 1".into());
            }
            Err(e) => summary.failures.push(Failure {
                file: file.clone(),
                location: format!("{}", e.line()),
                error: format!("not JSON: {e}"),
            }),
        }
        progress.record_done(whole.len() as u64);
    }
    Ok(summary)
}

fn settle(
    summary: &mut Summary,
    outcome: Result<Imported, ImportError>,
    file: &str,
    location: String,
) {
    match outcome {
        Ok(done) => {
            summary.imported += 1;
            summary.changes += done.changes;
            summary.dropped.merge(&done.dropped);
        }
        Err(e) => {
            tracing::warn!(file, %location, error = %e, "record rejected");
            summary.failures.push(Failure {
                file: file.to_owned(),
                location,
                error: e.to_string(),
            });
        }
    }
}

/// The size of a file on disk, for progress bars.
pub fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}
