//! Storage errors: expected ones (invalid input, not found, conflict, denied) are separate from
//! database failures so that the HTTP and CLI layers can answer each in one place.

use drom_domain::ValidationErrors;
use drom_domain::permission::Denied;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("invalid input: {0}")]
    Invalid(#[from] ValidationErrors),
    /// The record does not exist, or the actor may not know that it exists.
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Denied(#[from] Denied),
    /// The record is not in the state the change was made for (changed meanwhile, done
    /// already), with the coded reason.
    #[error("conflict: {0}")]
    Conflict(drom_domain::error::Refusal),
    /// The change was made to a version the client saw (`If-Match`) that is no longer the
    /// stored one.
    #[error("stale: {0}")]
    Stale(drom_domain::error::Refusal),
    /// A step the record's lifecycle does not allow from where it is, with the coded reason.
    #[error("not possible now: {0}")]
    Transition(drom_domain::error::Refusal),
    /// A rule of a capability refuses the step, with reasons that each carry a code and their
    /// arguments (a forced return at a closed protection gate, for example).
    #[error("{}", .0.detail)]
    Blocked(Box<Blocked>),
    #[error("authentication failed")]
    BadCredentials,
    #[error("too many failed sign-ins; try again in {retry_after_secs} s")]
    TooManyAttempts { retry_after_secs: u64 },
    /// A limit on how often something may be done (per address, per hour, per day) is reached.
    #[error("too many requests; try again in {retry_after_secs} s")]
    Limited { retry_after_secs: u64 },
    #[error("configuration: {0}")]
    Config(String),
    #[error("database: {0}")]
    Database(sqlx::Error),
    #[error("corrupt stored data: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// A stored value that does not read back (a code no vocabulary knows).
    pub fn corrupt(e: impl std::fmt::Display) -> StoreError {
        StoreError::Corrupt(e.to_string())
    }
}

/// A database error is an outage (503) unless it says that another writer came first: a unique
/// key taken meanwhile, or PostgreSQL's serialization failure or deadlock. Those are conflicts
/// (409) on both backends, so a race between two writers never looks like an outage.
impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let Some(d) = e.as_database_error() {
            if d.is_unique_violation() {
                return StoreError::Conflict(drom_domain::error::Refusal::new("duplicate"));
            }
            if matches!(d.code().as_deref(), Some("40001" | "40P01")) {
                return StoreError::Conflict(drom_domain::error::Refusal::new("changed-meanwhile"));
            }
        }
        StoreError::Database(e)
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

/// A step refused by a capability's rule: a stable code for the whole refusal, the reasons in
/// English, and each reason as data (its own `code` and arguments) for pages to translate.
#[derive(Debug, Clone)]
pub struct Blocked {
    pub code: &'static str,
    pub detail: String,
    pub reasons: Vec<serde_json::Value>,
}
