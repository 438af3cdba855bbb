//! Logging: `tracing` events formatted by `tracing-subscriber` into a shared in-memory buffer,
//! which a background thread writes to stderr every [`FLUSH_EVERY`].
//!
//! Why not `tracing-appender`'s non-blocking writer: it hands each line to its writer thread
//! through a channel and wakes that thread whenever the channel was empty. Under load the request
//! log is one line per request, and on a server with one core each wake-up is a context switch
//! away from serving: the hot benchmark lost about a third of its throughput to the request log
//! that way. Here a line is copied into the buffer under a short lock and nobody is woken; the
//! writer wakes on its own clock, so many lines leave in one `write`.
//!
//! Nothing waits on stderr: if the writer falls behind by [`MAX_BACKLOG`] bytes, lines are
//! dropped (and counted, and the count reported) rather than slowing requests. Lines reach
//! stderr at most [`FLUSH_EVERY`] late; the guard writes what is left when it drops.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How often the writer thread writes the buffered lines.
pub const FLUSH_EVERY: Duration = Duration::from_millis(50);
/// Buffered bytes beyond which new lines are dropped.
pub const MAX_BACKLOG: usize = 32 * 1024 * 1024;

#[derive(Default)]
struct Shared {
    buf: Mutex<Vec<u8>>,
    dropped: AtomicU64,
    closed: AtomicBool,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<u8>> {
        // A panic while holding the lock leaves whole lines at worst: keep logging.
        self.buf.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes what is buffered (and the count of dropped lines, if any) to `out`.
    fn drain(&self, spare: &mut Vec<u8>, out: &mut impl Write) {
        std::mem::swap(&mut *self.lock(), spare);
        let dropped = self.dropped.swap(0, Ordering::Relaxed);
        if dropped > 0 {
            let _ = writeln!(
                spare,
                "reeldb: {dropped} log lines dropped (stderr could not keep up)"
            );
        }
        if !spare.is_empty() {
            let _ = out.write_all(spare);
            let _ = out.flush();
            spare.clear();
        }
    }
}

/// The `MakeWriter` handed to `tracing-subscriber`: each event is formatted into one buffer and
/// appended whole, so lines from several threads never interleave.
#[derive(Clone)]
pub struct BufferedStderr {
    shared: Arc<Shared>,
}

/// One event's writer.
pub struct LineWriter<'a> {
    shared: &'a Shared,
}

impl Write for LineWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let mut buf = self.shared.lock();
        if buf.len() + bytes.len() > MAX_BACKLOG {
            drop(buf);
            self.shared.dropped.fetch_add(1, Ordering::Relaxed);
        } else {
            buf.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for BufferedStderr {
    type Writer = LineWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        LineWriter {
            shared: &self.shared,
        }
    }
}

/// Stops the writer thread and writes what is left when dropped.
pub struct Guard {
    shared: Arc<Shared>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.shared.closed.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            t.thread().unpark();
            let _ = t.join();
        }
    }
}

/// The writer and its guard; lines go to `out` (stderr in the server).
pub fn buffered(out: impl Write + Send + 'static) -> (BufferedStderr, Guard) {
    let shared = Arc::new(Shared::default());
    let writer_shared = Arc::clone(&shared);
    let thread = std::thread::Builder::new()
        .name("reeldb-log".into())
        .spawn(move || {
            let mut out = out;
            let mut spare = Vec::new();
            while !writer_shared.closed.load(Ordering::Relaxed) {
                std::thread::park_timeout(FLUSH_EVERY);
                writer_shared.drain(&mut spare, &mut out);
            }
            writer_shared.drain(&mut spare, &mut out);
        })
        .ok();
    (
        BufferedStderr {
            shared: Arc::clone(&shared),
        },
        Guard { shared, thread },
    )
}

/// Installs the global subscriber: `REELDB_LOG` filters (default `info`), `format` is `text`
/// or `json`.
pub fn init(format: &str) -> Guard {
    let filter = tracing_subscriber::EnvFilter::try_from_env("REELDB_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    use std::io::IsTerminal;
    let ansi = std::io::stderr().is_terminal();
    let (writer, guard) = buffered(std::io::stderr());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(writer);
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
    guard
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracing_subscriber::fmt::MakeWriter;

    /// A `Write` whose bytes the test can read afterwards.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);
    impl Write for Sink {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn lines_reach_the_output_in_order_and_the_guard_writes_the_rest() {
        let sink = Sink::default();
        let (writer, guard) = buffered(sink.clone());
        for i in 0..1000 {
            writer
                .make_writer()
                .write_all(format!("line {i}\n").as_bytes())
                .unwrap();
        }
        drop(guard);
        let text = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1000);
        assert_eq!(lines[0], "line 0");
        assert_eq!(lines[999], "line 999");
    }

    #[test]
    fn lines_arrive_without_the_guard_dropping() {
        let sink = Sink::default();
        let (writer, _guard) = buffered(sink.clone());
        writer.make_writer().write_all(b"early\n").unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while sink.0.lock().unwrap().is_empty() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(&*sink.0.lock().unwrap(), b"early\n");
    }

    #[test]
    fn a_full_backlog_drops_lines_and_says_so() {
        let shared = Shared::default();
        shared.lock().resize(MAX_BACKLOG, b'x');
        LineWriter { shared: &shared }.write_all(b"lost\n").unwrap();
        assert_eq!(shared.dropped.load(Ordering::Relaxed), 1);
        let mut out = Vec::new();
        shared.drain(&mut Vec::new(), &mut out);
        let note = b"reeldb: 1 log lines dropped (stderr could not keep up)\n";
        assert!(out.ends_with(note));
        assert_eq!(out.len(), MAX_BACKLOG + note.len());
    }
}
