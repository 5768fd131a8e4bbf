//! The service directory, one capability in one folder, in the shape of Open Referral HSDS 3.0:
//! `domain` (the needs taxonomy, a service's status, opening hours and "open now": pure rules),
//! `store` (organizations, services, locations and what hangs on them, on SQLite and
//! PostgreSQL), `web` (the HSDS read API, the public service finder and its map).
//!
//! Referrals pick their service here through `store::Directory::service_ref`.

pub mod domain;
pub mod hsds;
pub mod store;
pub mod web;

pub use store::{Directory, DirectoryDb};

drom_domain::reasons! {
    /// Why the directory refuses a value (besides the reasons every capability gives).
    pub enum DirectoryReason {
        ServiceInactive { status: String } = "service_inactive": "is not taking referrals (its status is {status})",
        NotHsds { detail: String } = "not_hsds": "does not follow HSDS 3.0: {detail}",
        NotAServiceList = "not_a_service_list": "is neither an array of HSDS services nor an HSDS page with contents",
        NotAnHsdsTable { files: String } = "not_an_hsds_table": "is not an HSDS table (the directory's files: {files})",
        NoSuchRecord { table: String, id: String } = "no_such_record": "names {table} {id}, which is neither in the file nor in the directory",
    }
}

/// The capability's migrations, numbered in the one sequence of all capabilities.
pub const MIGRATIONS: &[drom_store::migrate::Migration] =
    &[(17, "service directory", drom_store::migrate::Step::Sql(include_str!("../migrations/0017_directory.sql")))];

// The directory's messages (`locales/`), looked up after the kernel's.
drom_web::capability_locales!(crate::DirectoryReason);
