//! Discrimination reports' storage, over the kernel's database handle (`db.discrimination()`):
//! `settings` (the tunable limits and the installation's secret), `bodies` (the competent bodies
//! and the routing rules in use), `public` (what a reporter does without an account: submit, follow
//! by tracking code, answer, add evidence; with the limits that keep a flood out), `handle` (a
//! body's work on a report to its outcome), `erase` (retention), `outreach`, `stats`.

pub mod bodies;
pub mod erase;
pub mod evidence;
pub mod handle;
pub mod outreach;
pub mod public;
pub mod settings;
pub mod stats;

use drom_store::Db;

/// Discrimination reports' storage, over the kernel's database handle.
#[derive(Clone, Copy)]
pub struct Discrimination<'a>(pub &'a Db);

impl std::ops::Deref for Discrimination<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.0
    }
}

/// `db.discrimination()`: the capability's storage on a kernel handle.
pub trait DiscriminationDb {
    fn discrimination(&self) -> Discrimination<'_>;
}

impl DiscriminationDb for Db {
    fn discrimination(&self) -> Discrimination<'_> {
        Discrimination(self)
    }
}

/// A time `secs` seconds ago, as timestamps are stored.
pub(crate) fn ago(secs: i64) -> String {
    (chrono::Utc::now() - chrono::Duration::seconds(secs)).to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// A stored timestamp read back.
pub(crate) fn parse_time(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&chrono::Utc))
}
