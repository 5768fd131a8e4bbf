//! The database handle: one SQLite or PostgreSQL pool, chosen from the URL at start-up, and the
//! `sql!` macro that runs one query text on either. Queries are written once in portable SQL
//! with `$1`-style parameters (both drivers accept them); a query that must differ asks
//! `Conn::dialect()`.

use crate::error::StoreError;
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};
use std::str::FromStr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use std::any::{Any, TypeId};
use std::collections::HashMap;

/// Settings a capability keeps on the handle (read on every request, set at start-up), by type.
type Extensions = HashMap<TypeId, Arc<dyn Any + Send + Sync>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A connection pool on one backend, plus the cached reference data.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    pub(crate) reference: Arc<RwLock<Option<crate::reference::Cached>>>,
    /// Each capability's settings (a scoring configuration, for example), by type.
    extensions: Arc<RwLock<Extensions>>,
    /// SQLite has one writer at a time: this process's writers queue here, in order, instead of
    /// sleeping and retrying in SQLite's busy handler (whose growing sleeps made the slowest
    /// writes wait hundreds of milliseconds). The busy handler still covers other processes.
    /// PostgreSQL needs no queue.
    writers: Option<Arc<tokio::sync::Semaphore>>,
    /// Special-category reads waiting for their audit entries to be appended together.
    pub(crate) audit_reads: Arc<std::sync::Mutex<crate::audit::ReadBatch>>,
}

#[derive(Clone)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl std::fmt::Debug for Db {
    // The URL may hold a password: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Db({:?})", self.dialect())
    }
}

/// A connection borrowed from a pool or a transaction.
pub enum Conn<'a> {
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

impl Conn<'_> {
    pub fn dialect(&self) -> Dialect {
        match self {
            Conn::Sqlite(_) => Dialect::Sqlite,
            Conn::Postgres(_) => Dialect::Postgres,
        }
    }
}

/// Runs a query built with `sqlx::query*` on a `&mut Conn`, with the given terminal method
/// (`execute`, `fetch_one`, `fetch_optional`, `fetch_all`). The query expression is expanded
/// once per backend, so its database type is inferred in each.
#[macro_export]
macro_rules! sql {
    // `execute` answers the number of rows affected, which both backends report alike.
    ($conn:expr, execute, $query:expr) => {
        match &mut *$conn {
            $crate::db::Conn::Sqlite(c) => $query.execute(&mut **c).await.map(|r| r.rows_affected()),
            $crate::db::Conn::Postgres(c) => $query.execute(&mut **c).await.map(|r| r.rows_affected()),
        }
    };
    ($conn:expr, $method:ident, $query:expr) => {
        match &mut *$conn {
            $crate::db::Conn::Sqlite(c) => $query.$method(&mut **c).await,
            $crate::db::Conn::Postgres(c) => $query.$method(&mut **c).await,
        }
    };
}

/// A pooled connection for reads.
pub enum Handle {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(PoolConnection<Postgres>),
}

impl Handle {
    pub fn conn(&mut self) -> Conn<'_> {
        match self {
            Handle::Sqlite(c) => Conn::Sqlite(c),
            Handle::Postgres(c) => Conn::Postgres(c),
        }
    }
}

/// A write transaction. Dropped without `commit`, it rolls back.
pub struct Tx {
    inner: TxInner,
    /// This process's SQLite write turn, given back when the transaction ends.
    _turn: Option<tokio::sync::OwnedSemaphorePermit>,
}

enum TxInner {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    pub fn conn(&mut self) -> Conn<'_> {
        match &mut self.inner {
            TxInner::Sqlite(t) => Conn::Sqlite(t),
            TxInner::Postgres(t) => Conn::Postgres(t),
        }
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        match self.inner {
            TxInner::Sqlite(t) => t.commit().await?,
            TxInner::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}

impl Db {
    /// Opens `sqlite://PATH` (created if missing) or `postgres://...`.
    pub async fn connect(url: &str) -> Result<Db, StoreError> {
        let pool = if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)
                .map_err(|e| StoreError::Config(format!("bad SQLite URL: {e}")))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // 16 MiB of page cache per connection (SQLite's default is 2 MiB): the name
                // index of a million persons is written at random places, and a small cache
                // turns every insert into disk reads.
                .pragma("cache_size", "-16384")
                .pragma("temp_store", "memory");
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(opts)
                .await
                .map_err(|e| StoreError::Config(format!("cannot open {url}: {e}")))?;
            Pool::Sqlite(pool)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let opts =
                PgConnectOptions::from_str(url).map_err(|e| StoreError::Config(format!("bad PostgreSQL URL: {e}")))?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(opts)
                .await
                .map_err(|e| StoreError::Config(format!("cannot connect to PostgreSQL: {e}")))?;
            Pool::Postgres(pool)
        } else {
            return Err(StoreError::Config(format!(
                "database URL must start with sqlite:// or postgres:// (got '{}')",
                url.split(':').next().unwrap_or("")
            )));
        };
        let writers = matches!(pool, Pool::Sqlite(_)).then(|| Arc::new(tokio::sync::Semaphore::new(1)));
        Ok(Db { pool, reference: Arc::default(), extensions: Arc::default(), writers, audit_reads: Arc::default() })
    }

    pub fn dialect(&self) -> Dialect {
        match self.pool {
            Pool::Sqlite(_) => Dialect::Sqlite,
            Pool::Postgres(_) => Dialect::Postgres,
        }
    }

    /// A connection if one is free at once (for work that can wait for a later request).
    pub fn try_acquire(&self) -> Option<Handle> {
        match &self.pool {
            Pool::Sqlite(p) => p.try_acquire().map(Handle::Sqlite),
            Pool::Postgres(p) => p.try_acquire().map(Handle::Postgres),
        }
    }

    pub async fn acquire(&self) -> Result<Handle, StoreError> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => Handle::Sqlite(p.acquire().await?),
            Pool::Postgres(p) => Handle::Postgres(p.acquire().await?),
        })
    }

    /// Begins a write transaction. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`), so two writers wait for each other instead of failing on lock upgrade.
    /// In this process, SQLite writers first wait for their turn, in order.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        let turn = match &self.writers {
            Some(w) => Some(w.clone().acquire_owned().await.map_err(|_| StoreError::Config("closed".into()))?),
            None => None,
        };
        let inner = match &self.pool {
            Pool::Sqlite(p) => TxInner::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(p) => TxInner::Postgres(p.begin().await?),
        };
        Ok(Tx { inner, _turn: turn })
    }

    /// A read-only transaction that sees one moment of the database while writers go on
    /// (SQLite's WAL read transaction; PostgreSQL's repeatable read): for a consistent backup.
    pub async fn begin_snapshot(&self) -> Result<Tx, StoreError> {
        let inner = match &self.pool {
            Pool::Sqlite(p) => TxInner::Sqlite(p.begin_with("BEGIN").await?),
            Pool::Postgres(p) => {
                TxInner::Postgres(p.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").await?)
            }
        };
        Ok(Tx { inner, _turn: None })
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let one: i64 = sql!(&mut c, fetch_one, sqlx::query_scalar::<_, i64>("SELECT CAST(1 AS BIGINT)"))?;
        debug_assert_eq!(one, 1);
        Ok(())
    }

    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(p) => p.close().await,
            Pool::Postgres(p) => p.close().await,
        }
    }
}

/// Now, as stored: RFC 3339 UTC with microseconds.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

impl Db {
    /// A capability's setting of type `T`, if one was set.
    pub fn extension<T: Any + Send + Sync>(&self) -> Option<Arc<T>> {
        let map = self.extensions.read().unwrap_or_else(|p| p.into_inner());
        map.get(&TypeId::of::<T>()).cloned().and_then(|v| v.downcast::<T>().ok())
    }

    /// Sets a capability's setting of type `T` for every clone of this handle.
    pub fn set_extension<T: Any + Send + Sync>(&self, value: T) {
        let mut map = self.extensions.write().unwrap_or_else(|p| p.into_inner());
        map.insert(TypeId::of::<T>(), Arc::new(value));
    }

    /// Counts under this are not published in reports and dashboards (see
    /// `drom_domain::disclosure`): `set_small_cell_threshold`, default 5.
    pub fn small_cell_threshold(&self) -> i64 {
        self.extension::<SmallCells>().map_or(drom_domain::disclosure::DEFAULT_THRESHOLD, |s| s.0)
    }

    pub fn set_small_cell_threshold(&self, threshold: i64) {
        self.set_extension(SmallCells(threshold.max(1)));
    }

    /// Refreshes the planner's statistics (after a bulk load).
    pub async fn analyze(&self) -> Result<(), StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        sql!(&mut c, execute, sqlx::query("ANALYZE"))?;
        Ok(())
    }
}

/// The small-cell threshold of a deployment.
struct SmallCells(i64);
