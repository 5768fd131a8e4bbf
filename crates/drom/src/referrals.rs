//! `drom report referrals`: the referral report of a period for every agency, as a table, CSV,
//! JSON or XLSX. Parsing and output only; the report is a storage function.

use anyhow::Result;
use clap::{Args, ValueEnum};
use drom_referrals::ReferralsDb;
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
    /// The period (referrals sent, sessions held), the output and the database.
    #[command(flatten)]
    period: crate::report_file::PeriodOut,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Counts under this are hidden (1 hides nothing).
    #[arg(long, env = "DROM_SMALL_CELL", default_value_t = drom_domain::disclosure::DEFAULT_THRESHOLD)]
    small_cells: i64,
}

pub async fn report(args: ReportArgs) -> Result<ExitCode> {
    let p = &args.period;
    p.check(matches!(args.format, Format::Xlsx))?;
    let db = crate::cli::open(&p.database).await?;
    db.set_small_cell_threshold(args.small_cells);
    let today = chrono::Utc::now().date_naive();
    let report = db.referrals().referrals_report(None, p.from, p.to, today).await?;
    let bytes = match args.format {
        Format::Table => report.to_table().into_bytes(),
        Format::Csv => report.to_csv().into_bytes(),
        Format::Xlsx => report.to_xlsx()?,
        Format::Json => crate::report_file::json(&report)?,
    };
    p.write(&bytes, "")?;
    Ok(ExitCode::SUCCESS)
}
