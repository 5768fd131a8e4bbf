//! `drom backup`, `drom restore` and `drom migrate-to`: one portable file of every table, from a
//! consistent snapshot of a running deployment, restored into a new database of either kind.

use anyhow::{Context, Result};
use drom_store::Db;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{BufReader, BufWriter};
use std::path::Path;

/// A spinner that names the table and its rows so far (no bar: the total is not known before
/// the snapshot is read). Hidden when the output is not a terminal.
fn spinner() -> ProgressBar {
    let bar = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        ProgressBar::new_spinner()
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar
}

fn summary(counts: &drom_store::backup::Counts) -> (usize, u64) {
    (counts.0.len(), counts.0.iter().map(|(_, n)| n).sum())
}

/// Writes to a partial file first and renames it when complete, so an interrupted backup never
/// looks like a whole one.
pub async fn backup(db: &Db, out: &Path) -> Result<()> {
    let name = out.file_name().with_context(|| format!("--out: {} is not a file name", out.display()))?;
    let partial = out.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    let counts = write_backup(db, &partial).await?;
    std::fs::rename(&partial, out).with_context(|| format!("cannot rename to {}", out.display()))?;
    let (tables, rows) = summary(&counts);
    println!("backup of {tables} tables, {rows} rows written to {}", out.display());
    Ok(())
}

async fn write_backup(db: &Db, path: &Path) -> Result<drom_store::backup::Counts> {
    let file = std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut w = BufWriter::new(file);
    let bar = spinner();
    let counts = db.backup(&mut w, &mut |t, n| bar.set_message(format!("{t}: {n} rows"))).await;
    bar.finish_and_clear();
    Ok(counts?)
}

pub async fn restore(db: &Db, input: &Path) -> Result<()> {
    let file = std::fs::File::open(input).with_context(|| format!("cannot read {}", input.display()))?;
    let mut r = BufReader::new(file);
    let bar = spinner();
    let counts = db.restore(&mut r, &mut |t, n| bar.set_message(format!("{t}: {n} rows"))).await?;
    bar.finish_and_clear();
    let (tables, rows) = summary(&counts);
    println!("restored {tables} tables, {rows} rows");
    Ok(())
}

/// Moves a deployment: a backup of `source` restored into `target` (migrated first), then
/// every table counted on both sides.
pub async fn migrate_to(source: &Db, target: &Db) -> Result<()> {
    let path = std::env::temp_dir().join(format!("drom-migrate-to-{}.jsonl", std::process::id()));
    let written = write_backup(source, &path).await;
    let restored = match written {
        Ok(_) => {
            let file = std::fs::File::open(&path).with_context(|| format!("cannot read {}", path.display()))?;
            let bar = spinner();
            let r = target
                .restore(&mut BufReader::new(file), &mut |t, n| bar.set_message(format!("writing {t}: {n} rows")))
                .await;
            bar.finish_and_clear();
            r
        }
        Err(e) => {
            let _ = std::fs::remove_file(&path);
            return Err(e);
        }
    };
    let _ = std::fs::remove_file(&path);
    let (written, restored) = (written?, restored?);
    anyhow::ensure!(written == restored, "the target holds other counts than the source: {written:?} / {restored:?}");
    let (tables, rows) = summary(&restored);
    println!("moved {tables} tables, {rows} rows; every table has as many rows as the source");
    Ok(())
}
