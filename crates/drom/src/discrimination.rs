//! `drom report discrimination` (the statistics of a period as a table, CSV, HXL-tagged CSV,
//! JSON or XLSX, with small counts hidden as on the public page), `drom discrimination erase`
//! (reports past their retention period) and `drom discrimination routing FILE` (checks a
//! routing rules file). Parsing and output only; the work is in storage.

use anyhow::{Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use drom_discrimination::DiscriminationDb;
use drom_discrimination::store::outreach::Period;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    /// CSV with the HXL hashtags on the second row.
    Hxl,
    Json,
    /// A workbook (needs `--out`).
    Xlsx,
}

#[derive(Args)]
pub struct ReportArgs {
    /// The period (reports received), the output and the database.
    #[command(flatten)]
    period: crate::report_file::PeriodOut,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Add the reporter's community (a special category; counts are still suppressed).
    #[arg(long)]
    with_community: bool,
}

/// `drom report discrimination`.
pub async fn report(args: ReportArgs) -> Result<ExitCode> {
    let p = &args.period;
    p.check(matches!(args.format, Format::Xlsx))?;
    let db = crate::cli::open(&p.database).await?;
    let period = Period { from: Some(p.from), to: Some(p.to) };
    let stats = db.discrimination().statistics(&period, chrono::Utc::now().date_naive(), args.with_community).await?;
    let bytes = match args.format {
        Format::Table => table(&stats).into_bytes(),
        Format::Csv => stats.csv(false).into_bytes(),
        Format::Hxl => stats.csv(true).into_bytes(),
        Format::Xlsx => stats.xlsx().map_err(|e| anyhow::anyhow!("cannot write the workbook: {e}"))?,
        Format::Json => crate::report_file::json(&stats)?,
    };
    p.write(&bytes, "")?;
    Ok(ExitCode::SUCCESS)
}

fn table(s: &drom_discrimination::store::stats::Statistics) -> String {
    let n = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_else(|| "hidden".into());
    let mut out = format!(
        "Discrimination reports {} to {} (counts under {} hidden)\n\nreports  {}\nmedian days to acknowledgement  {}\nmedian days to outcome  {}\n",
        s.from,
        s.to,
        s.threshold,
        n(s.total),
        n(s.median_days_to_acknowledgement),
        n(s.median_days_to_outcome)
    );
    for b in &s.breakdowns {
        out.push_str(&format!("\nby {}\n", b.dimension));
        let width = b.rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
        for (k, v) in &b.rows {
            out.push_str(&format!("  {k:<width$}  {:>6}\n", n(*v)));
        }
    }
    out
}

#[derive(Subcommand)]
pub enum DiscriminationCommand {
    /// Erase the personal data and evidence of closed reports past their retention period
    /// (audited; the statistical record stays). Every server also does it every six hours.
    Erase {
        /// Erase what is due at this time (RFC 3339) instead of now.
        #[arg(long)]
        at: Option<String>,
        /// sqlite://PATH or postgres://USER@HOST/DB
        #[arg(long, env = "DROM_DATABASE_URL", default_value = crate::cli::DEFAULT_DATABASE, hide_env_values = true)]
        database: String,
    },
    /// Check a routing rules file (as policies/discrimination-routing.toml) without starting.
    Routing { file: PathBuf },
}

/// `drom discrimination ...`.
pub async fn run(command: DiscriminationCommand) -> Result<ExitCode> {
    match command {
        DiscriminationCommand::Erase { at, database } => {
            let at = match at {
                Some(a) => chrono::DateTime::parse_from_rfc3339(&a)
                    .with_context(|| format!("--at: '{a}' is not an RFC 3339 time such as 2027-01-01T00:00:00Z"))?
                    .with_timezone(&chrono::Utc),
                None => chrono::Utc::now(),
            };
            let db = crate::cli::open(&database).await?;
            let bar = crate::progress::bar();
            bar.set_message("erasing");
            let n = db
                .discrimination()
                .erase_due(&at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true), &|| bar.inc(1))
                .await?;
            bar.finish_and_clear();
            println!("erased {n} report(s) past their retention period");
        }
        DiscriminationCommand::Routing { file } => {
            let rules = load_rules(&file)?;
            println!("{}: {} rules, version {}", file.display(), rules.rules.len(), rules.version);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads and checks a routing rules file.
pub fn load_rules(file: &std::path::Path) -> Result<drom_discrimination::domain::routing::Rules> {
    let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    drom_discrimination::domain::routing::Rules::from_toml(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))
}
