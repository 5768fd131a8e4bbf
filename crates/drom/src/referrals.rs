//! `drom report referrals`: the referral report of a period for every agency, as a table, CSV,
//! JSON or XLSX. Parsing and output only; the report is a storage function.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use drom_referrals::ReferralsDb;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    /// A workbook (needs `--out`).
    Xlsx,
}

#[derive(Args)]
pub struct ReportArgs {
    /// First day of the period (referrals sent, sessions held from this day), YYYY-MM-DD.
    #[arg(long)]
    from: NaiveDate,
    /// Last day of the period (included), YYYY-MM-DD.
    #[arg(long)]
    to: NaiveDate,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Write to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Counts under this are hidden (1 hides nothing).
    #[arg(long, env = "DROM_SMALL_CELL", default_value_t = drom_domain::disclosure::DEFAULT_THRESHOLD)]
    small_cells: i64,
    /// sqlite://PATH or postgres://USER@HOST/DB
    #[arg(long, env = "DROM_DATABASE_URL", default_value = crate::cli::DEFAULT_DATABASE, hide_env_values = true)]
    database: String,
}

pub async fn report(args: ReportArgs) -> Result<ExitCode> {
    if matches!(args.format, Format::Xlsx) && args.out.is_none() {
        anyhow::bail!("--format xlsx writes a workbook: give the file with --out FILE");
    }
    let db = crate::cli::open(&args.database).await?;
    db.set_small_cell_threshold(args.small_cells);
    let today = chrono::Utc::now().date_naive();
    let report = db.referrals().referrals_report(None, args.from, args.to, today).await?;
    let bytes = match args.format {
        Format::Table => report.to_table().into_bytes(),
        Format::Csv => report.to_csv().into_bytes(),
        Format::Xlsx => report.to_xlsx()?,
        Format::Json => {
            let mut v = serde_json::to_vec_pretty(&report)?;
            v.push(b'\n');
            v
        }
    };
    match &args.out {
        Some(path) => {
            std::fs::write(path, &bytes).with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("report written to {}", path.display());
        }
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(ExitCode::SUCCESS)
}
