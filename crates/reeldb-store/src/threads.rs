//! The database threads: a fixed set, each owning one [`Db`], taking whole jobs from one queue.
//! Their number bounds the database work running at once (more threads than cores only
//! time-slice the same cores and raise tail latency).

use crate::db::Db;

type Job = Box<dyn FnOnce(&mut Db) + Send>;

/// A fixed set of threads, each owning one [`Db`], running jobs from one queue.
pub struct DbThreads {
    sender: std::sync::Mutex<Option<crossbeam_channel::Sender<Job>>>,
    handles: std::sync::Mutex<Vec<std::thread::JoinHandle<()>>>,
}

impl DbThreads {
    /// Opens `n` connections (failing if any fails) and starts a thread for each.
    pub fn start(conns: Vec<Db>) -> DbThreads {
        let (tx, rx) = crossbeam_channel::unbounded::<Job>();
        let handles = conns
            .into_iter()
            .enumerate()
            .map(|(i, mut db)| {
                let rx = rx.clone();
                std::thread::Builder::new()
                    .name(format!("reeldb-db-{i}"))
                    .spawn(move || {
                        while let Ok(job) = rx.recv() {
                            // A panicking job must not take the thread (and its connection)
                            // with it; its caller sees the job's channel close.
                            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                job(&mut db)
                            }));
                            if db.in_transaction() {
                                let _ = db.rollback();
                            }
                        }
                    })
            })
            .filter_map(|h| h.ok())
            .collect();
        DbThreads {
            sender: std::sync::Mutex::new(Some(tx)),
            handles: std::sync::Mutex::new(handles),
        }
    }

    /// Queues a job; `false` when the threads are shut down.
    pub fn submit(&self, job: Job) -> bool {
        match self.sender.lock() {
            Ok(guard) => guard.as_ref().is_some_and(|s| s.send(job).is_ok()),
            Err(_) => false,
        }
    }

    /// Stops taking jobs and waits for the threads to finish the queued ones.
    pub fn shutdown(&self) {
        if let Ok(mut guard) = self.sender.lock() {
            guard.take();
        }
        let handles = match self.handles.lock() {
            Ok(mut h) => std::mem::take(&mut *h),
            Err(_) => Vec::new(),
        };
        for h in handles {
            let _ = h.join();
        }
    }
}

impl Drop for DbThreads {
    fn drop(&mut self) {
        if let Ok(mut guard) = self.sender.lock() {
            guard.take();
        }
    }
}
