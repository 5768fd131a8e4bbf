//! Drom's storage: one set of migrations and queries that runs on SQLite and PostgreSQL.
//!
//! Architecture invariant: every query of registry data is scoped to the acting user's agency
//! in SQL (`agency_id = $n`), and every write appends to the audit log in the same transaction.
//! This crate knows nothing of HTTP.

pub mod audit;
pub mod counts;
pub mod db;
pub mod error;

pub mod households;
pub mod import;
pub mod migrate;
pub mod persons;
pub mod query;
pub mod reference;

pub mod search;
pub mod synthetic;
pub mod users;

pub use db::{Db, Dialect};
pub use error::{Blocked, StoreError};
