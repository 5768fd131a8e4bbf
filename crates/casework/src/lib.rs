//! Casework, one capability in one folder: what a caseworker uses all day on any record (a
//! person, a return case, and the records of capabilities still to come). `domain` (which
//! records, what a task, note and file must be: pure rules), `store` (assignments, tasks by hand
//! and by rules, notes, attachments kept outside the web root, the timeline of a record), `web`
//! (the API routes and the pages: my work, the team's load, a record's notes and files).
//!
//! Other capabilities show a record's casework through `web::pages::panel` and add task rules
//! through `store::tasks::TaskRule`.

pub mod domain;
pub mod store;
pub mod web;

pub use store::{Casework, CaseworkDb};

drom_domain::reasons! {
    /// Why casework refuses a value (besides the reasons every capability gives).
    pub enum CaseworkReason {
        FileEmpty = "file_empty": "is empty: choose a file",
        FileTooLarge { mib: usize } = "file_too_large": "is larger than {mib} MiB",
        FileType { found: String, accepted: String } = "file_type": "is not an accepted file (its content is {found}; accepted: {accepted})",
        NotAgencyUser { user: i64 } = "not_agency_user": "user {user} is not an active user of your agency",
        NotCaseworker { user: i64 } = "not_caseworker": "user {user} cannot work on cases (a viewer or a disabled account)",
    }
}

/// The capability's migrations, numbered in the one sequence of all capabilities.
pub const MIGRATIONS: &[drom_store::migrate::Migration] =
    &[(14, "casework", drom_store::migrate::Step::Sql(include_str!("../migrations/0014_casework.sql")))];

// Casework's messages (`locales/`), looked up after the kernel's.
drom_web::capability_locales!(crate::CaseworkReason);
