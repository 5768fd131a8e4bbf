//! Large uploads read as they arrive: a request body turned into a blocking reader for work
//! that runs on the blocking pool (batch screening of a readmission list), so a list is never
//! held in memory whole; with a cap on its size and on how many such jobs run at once.

use axum::body::Body;
use bytes::{Buf, Bytes};
use http_body_util::BodyExt;
use std::collections::HashSet;
use std::io::Read;
use std::sync::{Mutex, OnceLock};

/// The largest list the batch routes take, in bytes: `DROM_BATCH_MAX_MB` (default 256).
pub fn batch_body_limit() -> usize {
    static LIMIT: OnceLock<usize> = OnceLock::new();
    *LIMIT.get_or_init(|| {
        std::env::var("DROM_BATCH_MAX_MB").ok().and_then(|v| v.parse::<usize>().ok()).unwrap_or(256) * 1024 * 1024
    })
}

/// A request body read from a blocking thread, refusing more than `limit` bytes.
pub struct BlockingBody {
    body: Body,
    handle: tokio::runtime::Handle,
    chunk: Bytes,
    read: usize,
    limit: usize,
}

/// The error a reader answers when the body passes its limit.
#[derive(Debug, thiserror::Error)]
#[error("the body is larger than {0} bytes")]
pub struct TooLarge(pub usize);

impl BlockingBody {
    /// Call on the runtime; read from a blocking thread (`spawn_blocking`).
    pub fn new(body: Body, limit: usize) -> BlockingBody {
        BlockingBody { body, handle: tokio::runtime::Handle::current(), chunk: Bytes::new(), read: 0, limit }
    }
}

impl Read for BlockingBody {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.chunk.is_empty() {
            match self.handle.block_on(self.body.frame()) {
                None => return Ok(0),
                Some(Err(e)) => return Err(std::io::Error::other(e)),
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        self.read += data.len();
                        if self.read > self.limit {
                            return Err(std::io::Error::other(TooLarge(self.limit)));
                        }
                        self.chunk = data;
                    }
                }
            }
        }
        let n = out.len().min(self.chunk.len());
        out[..n].copy_from_slice(&self.chunk[..n]);
        self.chunk.advance(n);
        Ok(n)
    }
}

/// One heavy job per user at a time, and at most `MAX_JOBS` in all: a slot taken while the job
/// runs and given back when it is dropped.
pub struct JobSlot {
    user_id: i64,
}

/// Heavy jobs that may run at once on the whole server (one per core of a small machine).
pub const MAX_JOBS: usize = 2;

fn running() -> &'static Mutex<HashSet<i64>> {
    static RUNNING: OnceLock<Mutex<HashSet<i64>>> = OnceLock::new();
    RUNNING.get_or_init(Default::default)
}

impl JobSlot {
    /// A slot for `user_id`, or `None` when they have a job running or the server is full.
    pub fn take(user_id: i64) -> Option<JobSlot> {
        let mut r = running().lock().unwrap_or_else(|p| p.into_inner());
        if r.contains(&user_id) || r.len() >= MAX_JOBS {
            return None;
        }
        r.insert(user_id);
        Some(JobSlot { user_id })
    }
}

impl Drop for JobSlot {
    fn drop(&mut self) {
        running().lock().unwrap_or_else(|p| p.into_inner()).remove(&self.user_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_body_is_read_as_it_comes_and_refused_past_its_limit() {
        let text = "request_id,given_name\n".repeat(1000);
        let whole = BlockingBody::new(Body::from(text.clone()), text.len());
        let read = tokio::task::spawn_blocking(move || {
            let mut s = String::new();
            let mut r = whole;
            r.read_to_string(&mut s).map(|_| s)
        });
        assert_eq!(read.await.unwrap().unwrap(), text);
        let capped = BlockingBody::new(Body::from(text.clone()), text.len() - 1);
        let read = tokio::task::spawn_blocking(move || std::io::read_to_string(capped));
        let err = read.await.unwrap().unwrap_err();
        assert!(err.to_string().contains("larger than"), "{err}");
    }

    #[test]
    fn one_job_per_user_and_two_on_the_server() {
        let a = JobSlot::take(-11).expect("a first job");
        assert!(JobSlot::take(-11).is_none(), "one per user");
        let b = JobSlot::take(-12).expect("a second user's job");
        assert!(JobSlot::take(-13).is_none(), "two on the server");
        drop(a);
        assert!(JobSlot::take(-11).is_some(), "given back when done");
        drop(b);
    }
}
