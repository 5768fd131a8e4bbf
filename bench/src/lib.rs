//! What the benchmarks share: the backends to run on and a database for each, made afresh or
//! reopened by name.

use anyhow::{Context, Result};
use drom_store::Db;

/// The PostgreSQL server the benchmarks use (the tests' one by default).
pub fn default_pg_url() -> String {
    std::env::var("DROM_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// The backends named by `--backend`.
pub fn backends(value: &str) -> Result<Vec<&'static str>> {
    Ok(match value {
        "sqlite" => vec!["sqlite"],
        "postgres" => vec!["postgres"],
        "both" => vec!["sqlite", "postgres"],
        other => anyhow::bail!("--backend: sqlite, postgres or both, not {other}"),
    })
}

/// The URL of the benchmark database `name` on `backend`: a file in the temporary folder, or a
/// database on the server of `pg_url`.
pub fn database_url(backend: &str, pg_url: &str, name: &str) -> String {
    if backend == "sqlite" {
        format!("sqlite://{}", std::env::temp_dir().join("drom-bench").join(format!("{name}.db")).display())
    } else {
        format!("{}/drom_bench_{name}", pg_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(pg_url))
    }
}

/// A new, empty, migrated benchmark database `name` (a previous one is removed).
pub async fn fresh_database(backend: &str, pg_url: &str, name: &str) -> Result<(Db, String)> {
    if backend == "sqlite" {
        let dir = std::env::temp_dir().join("drom-bench");
        std::fs::create_dir_all(&dir)?;
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(dir.join(format!("{name}.db{ext}")));
        }
    } else {
        let admin = sqlx::PgPool::connect(pg_url).await.context("PostgreSQL for the benchmark")?;
        let q = format!("DROP DATABASE IF EXISTS drom_bench_{name} WITH (FORCE)");
        sqlx::query(sqlx::AssertSqlSafe(q)).execute(&admin).await?;
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE drom_bench_{name}"))).execute(&admin).await?;
        admin.close().await;
    }
    let url = database_url(backend, pg_url, name);
    let db = Db::connect(&url).await?;
    drom_store::migrate::migrate(&db, drom::server::MIGRATIONS).await?;
    Ok((db, url))
}
