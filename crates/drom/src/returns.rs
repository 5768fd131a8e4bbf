//! `drom report returns` and `drom import returns`: the period report as a table, CSV, JSON or
//! XLSX, and an office's return records brought in from a spreadsheet. Parsing and output
//! only; the report and the import are storage functions.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use drom_returns::ReturnsDb;
use drom_returns::store::export;
use drom_returns::store::report::Scope;
use drom_store::{Db, StoreError};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Xlsx,
}

#[derive(Args)]
pub struct ReportArgs {
    /// The period (arrivals from `--from` to `--to`), the output and the database.
    #[command(flatten)]
    period: crate::report_file::PeriodOut,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Count one agency's returns only (its code); default every agency's.
    #[arg(long)]
    agency: Option<String>,
    /// Counts under this are hidden (1 hides nothing: the operator's own check against a
    /// published report).
    #[arg(long, env = "DROM_SMALL_CELL", default_value_t = drom_domain::disclosure::DEFAULT_THRESHOLD)]
    small_cells: i64,
}

#[derive(Args)]
pub struct ImportArgs {
    /// The returns file: CSV with a header row (columns in docs/returns.md).
    input: PathBuf,
    /// The user on whose behalf the records are written (needs write permission); the cases
    /// belong to the user's agency.
    #[arg(long)]
    user: String,
    /// Why the import is made, kept in the audit log.
    #[arg(long, default_value = "import of existing return records")]
    reason: String,
    /// sqlite://PATH or postgres://USER@HOST/DB
    #[arg(long, env = "DROM_DATABASE_URL", default_value = crate::cli::DEFAULT_DATABASE, hide_env_values = true)]
    database: String,
    /// The protection gate applies to forced returns in the file, as on the server.
    #[command(flatten)]
    policies: crate::cli::PolicyArgs,
}

/// Prints refused input as one line per field, as the API and pages name them.
fn explain(e: StoreError) -> anyhow::Error {
    match e {
        StoreError::Invalid(v) => {
            let lines: Vec<String> = v.0.iter().map(|f| format!("  {}: {}", f.field, f.reason)).collect();
            anyhow::anyhow!("refused, nothing written:\n{}", lines.join("\n"))
        }
        other => other.into(),
    }
}

pub async fn report(args: ReportArgs) -> Result<ExitCode> {
    let p = &args.period;
    p.check(matches!(args.format, Format::Xlsx))?;
    let db = crate::cli::open(&p.database).await?;
    db.set_small_cell_threshold(args.small_cells);
    let report = match &args.agency {
        None => db.returns().returns_report(Scope::All, p.from, p.to).await.map_err(explain)?,
        Some(code) => {
            let agencies = db.agencies().await?;
            let Some(agency) = agencies.iter().find(|a| &a.code == code) else {
                bail!("--agency: no agency '{code}'");
            };
            agency_report(&db, agency.id, p.from, p.to).await?
        }
    };
    let bytes = match args.format {
        Format::Table => export::to_table(&report).into_bytes(),
        Format::Csv => export::to_csv(&report)?.into_bytes(),
        Format::Json => crate::report_file::json(&report)?,
        Format::Xlsx => export::to_xlsx(&report)?,
    };
    p.write(&bytes, &format!(" ({} returns)", report.returns))?;
    Ok(ExitCode::SUCCESS)
}

/// One agency's report, read as that agency's administrator would (community included).
async fn agency_report(
    db: &Db,
    agency_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<drom_returns::store::report::ReturnsReport> {
    let actor = drom_domain::permission::Actor {
        user_id: 0,
        agency_id,
        username: "command line".into(),
        role: drom_domain::permission::Role::Administrator,
        special_categories: true,
        protection_override: false,
    };
    db.returns().returns_report(Scope::Agency(&actor), from, to).await.map_err(explain)
}

pub async fn import(args: ImportArgs) -> Result<ExitCode> {
    let bytes = std::fs::read(&args.input).with_context(|| format!("cannot read {}", args.input.display()))?;
    let db = crate::cli::open(&args.database).await?;
    args.policies.apply(&db).await?;
    let user = db.user_by_name(&args.user).await.map_err(|_| anyhow::anyhow!("--user: no user '{}'", args.user))?;
    let actor = user.actor();
    let writer = actor.registry_writer().map_err(|e| anyhow::anyhow!("--user {}: {e}", args.user))?;
    // Each case keeps the file's name (not the folders it was read from).
    let file = args.input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match db.returns().import_returns(writer, &file, &bytes, Some(&args.reason)).await {
        Ok(s) => {
            println!(
                "imported {} return cases ({} returnees, {} new persons) from {}",
                s.cases,
                s.returnees,
                s.new_persons,
                args.input.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("error: {} {:#}", args.input.display(), explain(e));
            Ok(ExitCode::FAILURE)
        }
    }
}
