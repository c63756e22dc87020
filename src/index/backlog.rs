//! Back-pressure on the articles handed to tantivy but not indexed yet.
//!
//! tantivy queues up to 10,000 documents for its indexing thread, and an analysed article
//! has its tokens waiting beside it (tens of kilobytes for a news story), so when that thread falls
//! behind the analysis workers its queue alone could hold gigabytes. Each document written
//! holds a [`Ticket`] for its estimated size; tantivy drops the document once indexed, which
//! gives the bytes back, and the writer waits while the backlog is full.

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

/// Bytes of documents that may wait for tantivy's indexing thread.
pub const BACKLOG_BYTES: usize = 64 * 1024 * 1024;

/// How long the writer waits without any document being indexed before it stops waiting
/// (tantivy's indexing thread failed: the next write reports its error).
const STALL: Duration = Duration::from_secs(30);

/// The bytes of documents queued for indexing.
#[derive(Debug)]
pub struct Backlog {
    queued: Mutex<usize>,
    indexed: Condvar,
    limit: usize,
}

impl Backlog {
    /// A backlog of at most `limit` bytes.
    pub fn new(limit: usize) -> Arc<Self> {
        Arc::new(Self {
            queued: Mutex::new(0),
            indexed: Condvar::new(),
            limit,
        })
    }

    /// Waits until `bytes` more fit (a document larger than the limit waits for an empty
    /// backlog), and returns the ticket that gives them back when dropped.
    pub fn admit(self: &Arc<Self>, bytes: usize) -> Ticket {
        let mut queued = self.queued.lock().unwrap_or_else(PoisonError::into_inner);
        while *queued > 0 && *queued + bytes > self.limit {
            let (next, wait) = self
                .indexed
                .wait_timeout(queued, STALL)
                .unwrap_or_else(PoisonError::into_inner);
            queued = next;
            if wait.timed_out() {
                break;
            }
        }
        *queued += bytes;
        Ticket {
            backlog: Arc::clone(self),
            bytes,
        }
    }

    /// Bytes queued now.
    #[cfg(test)]
    fn queued(&self) -> usize {
        *self.queued.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A document's share of the [`Backlog`], given back when dropped.
#[derive(Debug)]
pub struct Ticket {
    backlog: Arc<Backlog>,
    bytes: usize,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut queued = self
            .backlog
            .queued
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *queued = queued.saturating_sub(self.bytes);
        self.backlog.indexed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_backlog_waits_until_a_ticket_is_given_back() {
        let backlog = Backlog::new(100);
        let first = backlog.admit(60);
        // Larger than the limit, but the backlog is empty once `first` is back.
        let waiter = {
            let backlog = Arc::clone(&backlog);
            std::thread::spawn(move || backlog.admit(500))
        };
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(backlog.queued(), 60, "the second document waits");
        drop(first);
        let second = waiter.join().expect("admitted");
        assert_eq!(backlog.queued(), 500);
        drop(second);
        assert_eq!(backlog.queued(), 0);
    }
}
