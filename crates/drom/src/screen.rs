//! `drom screen`: batch protection screening of a readmission list file. This module chooses
//! the policy, opens the files and reports; the rules and the CSV handling live in
//! `drom-screening`. It never leaves a partial output file behind.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::Args;
use drom_screening::batch::{BatchError, BatchOptions, Progress, screen_csv};
use drom_screening::policy::parse_policy;
use drom_screening::{PolicySet, Screener};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args)]
pub struct ScreenArgs {
    /// The readmission list: CSV with a header row, UTF-8 (columns in docs/screening.md).
    input: PathBuf,
    /// Where to write the decisions; written only when the whole run succeeds.
    #[arg(long)]
    out: PathBuf,
    /// Screen under this policy, whatever the date.
    #[arg(long, conflicts_with = "as_of")]
    policy: Option<String>,
    /// Screen under the policy in force on this date (YYYY-MM-DD; default today).
    #[arg(long)]
    as_of: Option<NaiveDate>,
    /// Stop at the first malformed row, naming its row and field, and write nothing.
    #[arg(long)]
    strict: bool,
    /// A folder of policy files (*.toml) added to the shipped ones; a file with a shipped
    /// policy's id replaces it.
    #[arg(long, env = "DROM_POLICIES")]
    policies: Option<PathBuf>,
    /// sqlite://PATH or postgres://USER@HOST/DB (the municipalities and communities come from it)
    #[arg(long, env = "DROM_DATABASE_URL", default_value = crate::cli::DEFAULT_DATABASE, hide_env_values = true)]
    database: String,
}

/// The shipped policies, plus and over them those in `dir`.
pub fn load_policies(dir: Option<&Path>, communities: &[&str]) -> Result<PolicySet> {
    let mut set = PolicySet::shipped(Some(communities))?;
    let Some(dir) = dir else { return Ok(set) };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("--policies: cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut seen: Vec<String> = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let policy = parse_policy(&path.display().to_string(), &text, Some(communities))?;
        if seen.contains(&policy.id) {
            bail!("{}: policy id '{}' is defined twice in {}", path.display(), policy.id, dir.display());
        }
        seen.push(policy.id.clone());
        set.add(policy, true)?;
    }
    Ok(set)
}

fn describe(set: &PolicySet) -> String {
    set.policies
        .iter()
        .map(|p| match p.effective_until {
            Some(u) => format!("{} ({} to {})", p.id, p.effective_from, u),
            None => format!("{} (from {})", p.id, p.effective_from),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub async fn run(args: ScreenArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let db = crate::cli::open(&args.database).await?;
    let reference = db.reference().await?;
    db.close().await;
    let codes: Vec<&str> = reference.communities.iter().map(|c| c.code.as_str()).collect();
    let set = load_policies(args.policies.as_deref(), &codes)?;
    let today = chrono::Local::now().date_naive();
    let policy = match (&args.policy, args.as_of) {
        (Some(id), _) => {
            set.by_id(id).with_context(|| format!("--policy: no policy '{id}' (known: {})", describe(&set)))?
        }
        (None, day) => {
            let day = day.unwrap_or(today);
            set.in_force(day).with_context(|| format!("no policy is in force on {day} (known: {})", describe(&set)))?
        }
    };
    let screener = Screener::new(policy, &reference.municipalities, &reference.communities)?;
    let input = std::fs::File::open(&args.input).with_context(|| format!("cannot open {}", args.input.display()))?;
    let size = input.metadata().map(|m| m.len()).unwrap_or(0);
    let file_name =
        args.out.file_name().with_context(|| format!("--out: {} is not a file name", args.out.display()))?;
    let temp = args.out.with_file_name(format!(".{}.{}.partial", file_name.to_string_lossy(), std::process::id()));
    let output = std::fs::File::create(&temp).with_context(|| format!("cannot create {}", temp.display()))?;
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(size);
        bar.set_style(
            ProgressStyle::with_template("{msg:8} [{bar:40}] {percent:>3}% {elapsed_precise}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_message("reading");
        bar
    });
    let mut on_progress = |p: Progress| {
        if let Some(bar) = &bar {
            match p {
                Progress::Read(bytes) => bar.set_position(bytes),
                Progress::Written(done, total) => {
                    if bar.length() != Some(total) {
                        bar.set_message("writing");
                        bar.set_length(total);
                    }
                    bar.set_position(done);
                }
            }
        }
    };
    let opts = BatchOptions { strict: args.strict, today };
    let result = tokio::task::block_in_place(|| {
        let mut out = BufWriter::with_capacity(1 << 20, output);
        let summary = screen_csv(&screener, input, &mut out, &opts, &mut on_progress)?;
        out.flush()?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        Ok::<_, BatchError>(summary)
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let summary = match result {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            eprintln!("error: {}: {e}", args.input.display());
            eprintln!("nothing was written to {}", args.out.display());
            return Ok(ExitCode::FAILURE);
        }
    };
    if let Err(e) = std::fs::rename(&temp, &args.out) {
        let _ = std::fs::remove_file(&temp);
        bail!("cannot write {}: {e}", args.out.display());
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "screened {} rows ({} households) under {} ({}) in {secs:.2} s",
        summary.rows, summary.households, policy.id, policy.title
    );
    println!("  protected         {:>10}", summary.protected);
    println!("  needs_assessment  {:>10}", summary.needs_assessment);
    println!("  no_bar_found      {:>10}", summary.no_bar_found);
    println!("  malformed rows    {:>10}", summary.malformed_rows);
    println!("wrote {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}
