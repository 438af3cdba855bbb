//! Getting an index ready to serve, and keeping it current while it serves.
//!
//! [`prepare`] opens the index (a corrupt one is replaced), rebuilds it when it is missing or
//! stale (with a progress bar on a terminal), or catches it up from the change log. [`spawn`]
//! polls the change log every [`POLL_EVERY`] and applies what it finds: a write is searchable
//! within about that time plus the catch-up itself, with no rebuild.

use crate::{Opened, SearchError, SearchIndex};
use reeldb_store::Store;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How often a serving index looks for new change-log items (one small statement when there
/// are none).
pub const POLL_EVERY: Duration = Duration::from_millis(400);

/// What [`prepare`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prepared {
    pub opened: Opened,
    /// Whether the whole index was built from the catalog.
    pub rebuilt: bool,
    /// Documents written by the build, or objects re-read by the catch-up.
    pub documents: u64,
    pub took: Duration,
}

/// Opens the index in `dir` (in memory when `None`) and makes it reflect the catalog in
/// `store`: rebuilt when missing, corrupt or stale (a progress bar when `progress` is set),
/// else caught up from the change log.
pub async fn prepare(
    dir: Option<PathBuf>,
    store: &Store,
    progress: bool,
) -> Result<(Arc<SearchIndex>, Prepared), SearchError> {
    let start = Instant::now();
    let (index, opened) = tokio::task::spawn_blocking(move || match dir {
        Some(d) => SearchIndex::open(&d),
        None => SearchIndex::in_memory().map(|i| (i, Opened::Created)),
    })
    .await
    .map_err(|e| SearchError::Io(std::io::Error::other(e.to_string())))??;
    let index = Arc::new(index);
    let job = index.clone();
    let (rebuilt, documents) = store
        .run(move |db| -> Result<(bool, u64), SearchError> {
            if job.is_current_for(db)? {
                return Ok((false, job.catch_up(db)? as u64));
            }
            let bar = progress.then(|| {
                let bar = indicatif::ProgressBar::new(0);
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "building the search index {bar:40} {pos}/{len} ({eta} left)",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                bar
            });
            let n = job.rebuild(db, &|done, total| {
                if let Some(b) = &bar {
                    b.set_length(total);
                    b.set_position(done);
                }
            })?;
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            Ok((true, n))
        })
        .await?;
    Ok((
        index,
        Prepared {
            opened,
            rebuilt,
            documents,
            took: start.elapsed(),
        },
    ))
}

/// Keeps `index` current from the change log of `store` until the store closes: every
/// `every`, one catch-up on a database thread. Errors are logged and retried on the next tick.
pub fn spawn(
    index: Arc<SearchIndex>,
    store: Store,
    every: Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(run(index, store, every))
}

/// What [`spawn`] runs: the catch-up loop, until the store closes (or the future is dropped).
pub async fn run(index: Arc<SearchIndex>, store: Store, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let job = index.clone();
        match store
            .run(move |db| -> Result<usize, SearchError> { job.catch_up(db) })
            .await
        {
            Ok(0) => {}
            Ok(n) => tracing::debug!(objects = n, "search index caught up"),
            Err(SearchError::Store(reeldb_store::StoreError::Closed)) => break,
            Err(e) => tracing::warn!(error = %e, "search index catch-up failed"),
        }
    }
}
