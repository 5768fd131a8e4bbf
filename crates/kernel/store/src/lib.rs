//! Drom's storage: one set of migrations and queries that runs on SQLite and PostgreSQL.
//!
//! Architecture invariant: every query of registry data is scoped to the acting user's agency
//! in SQL (`agency_id = $n`), and every write appends to the audit log in the same transaction.
//! This crate knows nothing of HTTP.

pub mod audit;
pub mod cases;
pub mod db;
pub mod error;

pub mod migrate;
pub mod query;
pub mod reference;

pub mod users;

pub use db::{Db, Dialect};
pub use error::{Blocked, StoreError};
