//! Backup, restore and moving a deployment between backends, through one portable file: every
//! table's rows as JSON lines, read from one consistent snapshot while the server runs. The
//! same file restores to SQLite or PostgreSQL, so `drom migrate-to` is a backup restored
//! elsewhere, and a test checks that every row arrives.

use crate::db::{Conn, Db, Dialect};
use crate::error::StoreError;
use crate::sql;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::io::{BufRead, Write};

/// The first line of a backup.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Header {
    /// The format's version.
    pub drom_backup: u32,
    /// The migrations the database had, by number: a backup restores only into a database
    /// migrated to the same list (the same Drom).
    pub migrations: Vec<i64>,
    pub taken_at: String,
    pub tables: Vec<String>,
}

/// A table's line before its rows.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct TableLine {
    table: String,
    columns: Vec<String>,
    rows: u64,
}

/// What a column holds, as both backends can say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Text,
    Bool,
    /// A coordinate and the like: written as a JSON number, restored through text (the query
    /// parameters have no float) cast back in the one SQL text.
    Float,
}

#[derive(Debug, Clone)]
struct Column {
    name: String,
    kind: Kind,
}

/// Rows written or read per table, in the order of the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts(pub Vec<(String, u64)>);

const PAGE: i64 = 5000;
/// Tables that are the database's own or that a fresh migration fills the same way.
const SKIPPED: &[&str] = &["drom_migration"];

fn kind_of(declared: &str) -> Result<Kind, StoreError> {
    let d = declared.to_ascii_lowercase();
    if d.contains("bool") {
        Ok(Kind::Bool)
    } else if d.contains("int") {
        Ok(Kind::Int)
    } else if d.contains("text") || d.contains("char") {
        Ok(Kind::Text)
    } else if d.contains("double") || d.contains("real") || d.contains("float") {
        Ok(Kind::Float)
    } else {
        Err(StoreError::Config(format!("a column of type {declared} cannot be backed up")))
    }
}

/// The tables in the order they were created (so each comes after those it refers to).
async fn tables(c: &mut Conn<'_>) -> Result<Vec<String>, StoreError> {
    let names: Vec<String> = match c.dialect() {
        Dialect::Sqlite => sql!(
            c,
            fetch_all,
            sqlx::query_scalar::<_, String>(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
            )
        )?,
        Dialect::Postgres => sql!(
            c,
            fetch_all,
            sqlx::query_scalar::<_, String>(
                "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                 WHERE c.relkind = 'r' AND n.nspname = current_schema() ORDER BY c.oid"
            )
        )?,
    };
    Ok(names.into_iter().filter(|n| !SKIPPED.contains(&n.as_str())).collect())
}

async fn columns(c: &mut Conn<'_>, table: &str) -> Result<Vec<Column>, StoreError> {
    let raw: Vec<(String, String)> = match c.dialect() {
        Dialect::Sqlite => sql!(
            c,
            fetch_all,
            sqlx::query_as::<_, (String, String)>("SELECT name, type FROM pragma_table_info($1) ORDER BY cid")
                .bind(table)
        )?,
        Dialect::Postgres => sql!(
            c,
            fetch_all,
            sqlx::query_as::<_, (String, String)>(
                "SELECT column_name::text, data_type::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position"
            )
            .bind(table)
        )?,
    };
    raw.into_iter().map(|(name, t)| Ok(Column { name, kind: kind_of(&t)? })).collect()
}

async fn migrations(c: &mut Conn<'_>) -> Result<Vec<i64>, StoreError> {
    Ok(sql!(c, fetch_all, sqlx::query_scalar::<_, i64>("SELECT version FROM drom_migration ORDER BY version"))?)
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn value<R: Row>(row: &R, i: usize, kind: Kind) -> Result<serde_json::Value, sqlx::Error>
where
    for<'r> Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<bool>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<f64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    usize: sqlx::ColumnIndex<R>,
{
    Ok(match kind {
        Kind::Int => row.try_get::<Option<i64>, _>(i)?.map(Into::into).unwrap_or_default(),
        Kind::Text => row.try_get::<Option<String>, _>(i)?.map(Into::into).unwrap_or_default(),
        Kind::Bool => row.try_get::<Option<bool>, _>(i)?.map(Into::into).unwrap_or_default(),
        Kind::Float => row
            .try_get::<Option<f64>, _>(i)?
            .and_then(serde_json::Number::from_f64)
            .map(serde_json::Value::Number)
            .unwrap_or_default(),
    })
}

impl Db {
    /// Writes every table of one consistent snapshot to `out`; `progress` hears each table's
    /// name and its rows so far.
    pub async fn backup(&self, out: &mut dyn Write, progress: &mut dyn FnMut(&str, u64)) -> Result<Counts, StoreError> {
        let io = |e: std::io::Error| StoreError::Config(format!("writing the backup: {e}"));
        let mut tx = self.begin_snapshot().await?;
        let mut c = tx.conn();
        let names = tables(&mut c).await?;
        let header = Header {
            drom_backup: 1,
            migrations: migrations(&mut c).await?,
            taken_at: crate::db::now(),
            tables: names.clone(),
        };
        writeln!(out, "{}", serde_json::to_string(&header)?).map_err(io)?;
        let mut counts = Counts::default();
        for table in &names {
            let cols = columns(&mut c, table).await?;
            let count: i64 = sql!(
                &mut c,
                fetch_one,
                sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {}", quoted(table))))
            )?;
            let line = TableLine {
                table: table.clone(),
                columns: cols.iter().map(|c| c.name.clone()).collect(),
                rows: count as u64,
            };
            writeln!(out, "{}", serde_json::to_string(&line)?).map_err(io)?;
            let list = cols.iter().map(|c| quoted(&c.name)).collect::<Vec<_>>().join(", ");
            // One snapshot: a stable physical order pages through it.
            let order = match c.dialect() {
                Dialect::Sqlite => "rowid",
                Dialect::Postgres => "ctid",
            };
            let mut written = 0u64;
            let mut offset = 0i64;
            loop {
                let q = format!("SELECT {list} FROM {} ORDER BY {order} LIMIT {PAGE} OFFSET {offset}", quoted(table));
                let rows: Vec<Vec<serde_json::Value>> = match &mut c {
                    Conn::Sqlite(conn) => sqlx::query(sqlx::AssertSqlSafe(q))
                        .fetch_all(&mut **conn)
                        .await?
                        .iter()
                        .map(|r| cols.iter().enumerate().map(|(i, col)| value(r, i, col.kind)).collect())
                        .collect::<Result<_, _>>()?,
                    Conn::Postgres(conn) => sqlx::query(sqlx::AssertSqlSafe(q))
                        .fetch_all(&mut **conn)
                        .await?
                        .iter()
                        .map(|r| cols.iter().enumerate().map(|(i, col)| value(r, i, col.kind)).collect())
                        .collect::<Result<_, _>>()?,
                };
                for r in &rows {
                    writeln!(out, "{}", serde_json::to_string(r)?).map_err(io)?;
                }
                written += rows.len() as u64;
                progress(table, written);
                if (rows.len() as i64) < PAGE {
                    break;
                }
                offset += PAGE;
            }
            counts.0.push((table.clone(), written));
        }
        tx.commit().await?;
        out.flush().map_err(io)?;
        Ok(counts)
    }

    /// Restores a backup into this database, which must be migrated to the same migrations and
    /// hold no user yet (a fresh one): its own rows (reference data a migration loaded) are
    /// replaced by the backup's, all in one transaction. A bad line names its number.
    pub async fn restore(
        &self,
        input: &mut dyn BufRead,
        progress: &mut dyn FnMut(&str, u64),
    ) -> Result<Counts, StoreError> {
        let bad = |line: usize, why: String| StoreError::Config(format!("line {line} of the backup: {why}"));
        let mut lines = input.lines().enumerate().map(|(i, l)| (i + 1, l));
        let (n, first) = lines.next().ok_or_else(|| bad(1, "the file is empty".into()))?;
        let first = first.map_err(|e| bad(n, e.to_string()))?;
        let header: Header = serde_json::from_str(&first).map_err(|e| bad(n, format!("not a Drom backup: {e}")))?;
        if header.drom_backup != 1 {
            return Err(bad(n, format!("backup format {} is not known", header.drom_backup)));
        }
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let ours = migrations(&mut c).await?;
        if ours != header.migrations {
            return Err(StoreError::Config(format!(
                "the backup was taken at migrations {:?}, this database is at {:?}: restore with the same Drom",
                header.migrations, ours
            )));
        }
        let users: i64 = sql!(&mut c, fetch_one, sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM app_user"))?;
        if users > 0 {
            return Err(StoreError::Config(
                "the database has users already: restore into a new, empty database".into(),
            ));
        }
        let ours = tables(&mut c).await?;
        if ours != header.tables {
            return Err(StoreError::Config("the backup's tables differ from this database's".into()));
        }
        // Emptied in reverse order of creation, so no row is left pointing at a deleted one.
        for table in ours.iter().rev() {
            sql!(&mut c, execute, sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {}", quoted(table)))))?;
        }
        let mut counts = Counts::default();
        let mut current: Option<(TableLine, Vec<Column>, String)> = None;
        let mut done = 0u64;
        let finish = |current: &Option<(TableLine, Vec<Column>, String)>,
                      done: u64,
                      counts: &mut Counts|
         -> Result<(), StoreError> {
            if let Some((t, _, _)) = current {
                if done != t.rows {
                    return Err(StoreError::Config(format!(
                        "table {} has {done} rows in the backup, its line says {}",
                        t.table, t.rows
                    )));
                }
                counts.0.push((t.table.clone(), done));
            }
            Ok(())
        };
        for (n, line) in lines {
            let line = line.map_err(|e| bad(n, e.to_string()))?;
            if line.starts_with('{') {
                finish(&current, done, &mut counts)?;
                let t: TableLine = serde_json::from_str(&line).map_err(|e| bad(n, e.to_string()))?;
                let cols = columns(&mut c, &t.table).await?;
                if cols.iter().map(|c| &c.name).ne(t.columns.iter()) {
                    return Err(bad(n, format!("the columns of {} differ from this database's", t.table)));
                }
                let params = cols
                    .iter()
                    .enumerate()
                    .map(|(i, c)| match c.kind {
                        Kind::Float => format!("CAST(CAST(${} AS TEXT) AS DOUBLE PRECISION)", i + 1),
                        _ => format!("${}", i + 1),
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                let list = cols.iter().map(|c| quoted(&c.name)).collect::<Vec<_>>().join(", ");
                let insert = format!("INSERT INTO {} ({list}) VALUES ({params})", quoted(&t.table));
                current = Some((t, cols, insert));
                done = 0;
                continue;
            }
            let Some((t, cols, insert)) = &current else { return Err(bad(n, "a row before its table".into())) };
            let values: Vec<serde_json::Value> = serde_json::from_str(&line).map_err(|e| bad(n, e.to_string()))?;
            if values.len() != cols.len() {
                return Err(bad(n, format!("{} values for the {} columns of {}", values.len(), cols.len(), t.table)));
            }
            let mut params = Vec::with_capacity(values.len());
            for (v, col) in values.iter().zip(cols) {
                params.push(match (col.kind, v) {
                    (Kind::Int, serde_json::Value::Null) => crate::query::Param::NullI,
                    (Kind::Bool, serde_json::Value::Null) => crate::query::Param::NullB,
                    (Kind::Text | Kind::Float, serde_json::Value::Null) => crate::query::Param::Null,
                    (Kind::Float, serde_json::Value::Number(f)) => crate::query::Param::S(f.to_string()),
                    (Kind::Int, v) if v.is_i64() => crate::query::Param::I(v.as_i64().unwrap_or_default()),
                    (Kind::Text, serde_json::Value::String(s)) => crate::query::Param::S(s.clone()),
                    (Kind::Bool, serde_json::Value::Bool(b)) => crate::query::Param::B(*b),
                    // SQLite keeps a boolean as 0 or 1.
                    (Kind::Bool, v) if v.is_i64() => crate::query::Param::B(v.as_i64() != Some(0)),
                    (Kind::Int, serde_json::Value::Bool(b)) => crate::query::Param::I(i64::from(*b)),
                    _ => return Err(bad(n, format!("{} is not a value for {}.{}", v, t.table, col.name))),
                });
            }
            sql!(
                &mut c,
                execute,
                crate::query::bind_params(sqlx::query(sqlx::AssertSqlSafe(insert.clone())), &params)
            )?;
            done += 1;
            if done.is_multiple_of(1000) {
                progress(&t.table, done);
            }
        }
        finish(&current, done, &mut counts)?;
        if c.dialect() == Dialect::Postgres {
            // Identity columns go on after the highest id restored.
            for table in &ours {
                let has_id = columns(&mut c, table).await?.iter().any(|c| c.name == "id");
                let identity: Option<String> = if has_id {
                    sql!(
                        &mut c,
                        fetch_one,
                        sqlx::query_scalar::<_, Option<String>>("SELECT pg_get_serial_sequence($1, 'id')").bind(table)
                    )?
                } else {
                    None
                };
                if identity.is_some() {
                    sql!(
                        &mut c,
                        execute,
                        sqlx::query(sqlx::AssertSqlSafe(format!(
                            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {}), 0) + 1, false)",
                            quoted(table)
                        )))
                    )?;
                }
            }
        }
        tx.commit().await?;
        self.invalidate_reference();
        Ok(counts)
    }
}
