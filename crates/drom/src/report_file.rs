//! What every `drom report` shares: the period, where the output goes, and the database.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args)]
pub struct PeriodOut {
    /// First day of the period, YYYY-MM-DD.
    #[arg(long)]
    pub from: NaiveDate,
    /// Last day of the period (included), YYYY-MM-DD.
    #[arg(long)]
    pub to: NaiveDate,
    /// Write to this file instead of standard output (needed for xlsx).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// sqlite://PATH or postgres://USER@HOST/DB
    #[arg(long, env = "DROM_DATABASE_URL", default_value = crate::cli::DEFAULT_DATABASE, hide_env_values = true)]
    pub database: String,
}

impl PeriodOut {
    /// Refuses a workbook without a file to go to (each report's storage checks the period).
    pub fn check(&self, workbook: bool) -> Result<()> {
        if workbook && self.out.is_none() {
            bail!("--format xlsx writes a workbook: give the file with --out FILE.xlsx");
        }
        Ok(())
    }

    /// Writes the report to `--out` (saying so, with `what` it holds) or to standard output.
    pub fn write(&self, bytes: &[u8], what: &str) -> Result<()> {
        match &self.out {
            Some(path) => {
                std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
                eprintln!("report written to {}{what}", path.display());
            }
            None => std::io::stdout().lock().write_all(bytes)?,
        }
        Ok(())
    }
}

/// A report as pretty JSON with a final newline.
pub fn json(report: &impl serde::Serialize) -> Result<Vec<u8>> {
    let mut v = serde_json::to_vec_pretty(report)?;
    v.push(b'\n');
    Ok(v)
}
