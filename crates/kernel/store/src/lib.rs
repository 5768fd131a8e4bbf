//! Drom's storage: one set of migrations and queries that runs on SQLite and PostgreSQL.
//!
//! The kernel's storage: the database handle and the `sql!` macro, the migration runner, the
//! audit chain, users and agencies, reference data, the agency scope every query of
//! agency-owned data takes its predicate from, and the case lifecycle's transaction path.
//! Capabilities reach the database through views of `Db` of their own. This crate knows
//! nothing of HTTP.

pub mod accounts;
pub mod audit;
pub mod backup;
pub mod cases;
pub mod db;
pub mod error;

pub mod migrate;
pub mod query;
pub mod reference;
pub mod scope;
pub mod signin;

pub mod users;

pub use db::{Db, Dialect};
pub use error::{Blocked, StoreError};
