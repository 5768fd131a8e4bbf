//! Pieces for queries built at run time: parameters of mixed types, and paging.

use crate::error::StoreError;
use drom_domain::error::Refusal;
use drom_domain::{Common, ValidationErrors};
use serde::Serialize;
use sqlx::query::{Query, QueryAs};
use sqlx::{Database, Encode, Type};
use utoipa::ToSchema;

pub const PER_PAGE_DEFAULT: i64 = 25;
pub const PER_PAGE_MAX: i64 = 100;
/// Counting stops here: "more than 10,000" is all a reader needs, and a count that stops
/// reads a short index range however large the agency.
pub const COUNT_CAP: i64 = 10_000;

/// `SELECT COUNT(*)` of the rows `select` (a `SELECT 1 FROM ... WHERE ...`) gives, reading at
/// most one past the cap: a result above `COUNT_CAP` means "more than".
pub fn capped_count(select: &str) -> String {
    format!("(SELECT COUNT(*) FROM ({select} LIMIT {}) capped)", COUNT_CAP + 1)
}

/// A bound value of a dynamic query.
#[derive(Debug, Clone)]
pub enum Param {
    I(i64),
    S(String),
    B(bool),
    /// SQL NULL (bound as a text value that is absent).
    Null,
    /// SQL NULL for an integer column (PostgreSQL refuses a text NULL there).
    NullI,
    /// SQL NULL for a boolean column.
    NullB,
}

impl From<Option<String>> for Param {
    fn from(v: Option<String>) -> Self {
        v.map_or(Param::Null, Param::S)
    }
}

/// A query that takes bound values: `Query` and `QueryAs` alike.
pub trait Bind: Sized {
    fn bind_param(self, p: &Param) -> Self;
}

impl<'q, DB, O> Bind for QueryAs<'q, DB, O, <DB as Database>::Arguments>
where
    DB: Database,
    i64: Encode<'q, DB> + Type<DB>,
    String: Encode<'q, DB> + Type<DB>,
    bool: Encode<'q, DB> + Type<DB>,
    Option<String>: Encode<'q, DB> + Type<DB>,
    Option<i64>: Encode<'q, DB> + Type<DB>,
    Option<bool>: Encode<'q, DB> + Type<DB>,
{
    fn bind_param(self, p: &Param) -> Self {
        match p {
            Param::I(v) => self.bind(*v),
            Param::S(v) => self.bind(v.clone()),
            Param::B(v) => self.bind(*v),
            Param::Null => self.bind(None::<String>),
            Param::NullI => self.bind(None::<i64>),
            Param::NullB => self.bind(None::<bool>),
        }
    }
}

impl<'q, DB> Bind for Query<'q, DB, <DB as Database>::Arguments>
where
    DB: Database,
    i64: Encode<'q, DB> + Type<DB>,
    String: Encode<'q, DB> + Type<DB>,
    bool: Encode<'q, DB> + Type<DB>,
    Option<String>: Encode<'q, DB> + Type<DB>,
    Option<i64>: Encode<'q, DB> + Type<DB>,
    Option<bool>: Encode<'q, DB> + Type<DB>,
{
    fn bind_param(self, p: &Param) -> Self {
        match p {
            Param::I(v) => self.bind(*v),
            Param::S(v) => self.bind(v.clone()),
            Param::B(v) => self.bind(*v),
            Param::Null => self.bind(None::<String>),
            Param::NullI => self.bind(None::<i64>),
            Param::NullB => self.bind(None::<bool>),
        }
    }
}

/// Binds `params` in order (`$1`, `$2`, ...).
pub fn bind_params<Q: Bind>(q: Q, params: &[Param]) -> Q {
    params.iter().fold(q, |q, p| q.bind_param(p))
}

/// A page of results.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Number of matches over all pages, counted up to 10,000.
    pub total: i64,
    /// False when there are more matches than `total` says.
    pub total_is_exact: bool,
    pub page: i64,
    pub per_page: i64,
}

/// Checks `page` (from 1) and `per_page` (1 to 100).
pub fn paging(page: Option<i64>, per_page: Option<i64>) -> Result<(i64, i64), StoreError> {
    let mut e = ValidationErrors::default();
    let page = page.unwrap_or(1);
    let per_page = per_page.unwrap_or(PER_PAGE_DEFAULT);
    if !(1..=1_000_000).contains(&page) {
        e.push("page", Common::AtLeast { min: 1 });
    }
    if !(1..=PER_PAGE_MAX).contains(&per_page) {
        e.push("per_page", Common::Between { min: 1, max: PER_PAGE_MAX });
    }
    Ok(e.into_result((page, per_page))?)
}

/// The conflict of a write that found its record changed since it was read (another writer's
/// transaction came first).
pub fn stale(what: &'static str, id: i64) -> StoreError {
    StoreError::Conflict(Refusal::new("changed-meanwhile").text("what", what).text("id", id))
}

/// Refuses a change made to an older version than the stored one (a lost update).
pub fn check_version(what: &str, id: i64, current: i64, expected: Option<i64>) -> Result<(), StoreError> {
    match expected {
        Some(v) if v != current => Err(StoreError::Stale(
            Refusal::new("stale-version").text("what", what).text("id", id).text("current", current).text("version", v),
        )),
        _ => Ok(()),
    }
}
