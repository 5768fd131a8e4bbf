//! `drom directory import FILE` and `drom directory export`: the service directory in and out as
//! HSDS 3.0 (JSON: compiled services; CSV: a folder of the HSDS tables). Reading, checking and
//! writing files only; the import and the read of the directory are storage functions.

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use drom_directory::DirectoryDb;
use drom_directory::hsds;
use drom_store::StoreError;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum DirectoryCommand {
    /// Import an HSDS 3.0 file (JSON: an array of compiled services or a page with `contents`)
    /// or a folder of HSDS CSV tables (organizations.csv, services.csv, ...): checked against
    /// the HSDS schemas, then written all or nothing (an upsert by id).
    Import(ImportArgs),
    /// Export the whole directory as HSDS 3.0.
    Export(ExportArgs),
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// One JSON file: an array of compiled HSDS services.
    Json,
    /// A folder of HSDS CSV tables.
    Csv,
}

#[derive(Args)]
pub struct ImportArgs {
    /// An HSDS JSON file, or a folder of HSDS CSV tables.
    input: PathBuf,
    /// The administrator on whose behalf the directory is written (audited).
    #[arg(long)]
    user: String,
    /// sqlite://PATH or postgres://USER@HOST/DB
    #[arg(long, env = "DROM_DATABASE_URL", default_value = crate::cli::DEFAULT_DATABASE, hide_env_values = true)]
    database: String,
}

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// The JSON file, or the folder for the CSV tables (made if missing).
    #[arg(long)]
    out: PathBuf,
    /// sqlite://PATH or postgres://USER@HOST/DB
    #[arg(long, env = "DROM_DATABASE_URL", default_value = crate::cli::DEFAULT_DATABASE, hide_env_values = true)]
    database: String,
}

pub async fn run(command: DirectoryCommand) -> Result<ExitCode> {
    match command {
        DirectoryCommand::Import(args) => import(args).await,
        DirectoryCommand::Export(args) => export(args).await,
    }
}

/// Reads a file or folder as HSDS tables, or the refusal naming every error.
pub fn read(path: &Path) -> Result<std::result::Result<hsds::model::Tables, drom_domain::ValidationErrors>> {
    if path.is_dir() {
        let mut files = HashMap::new();
        for entry in std::fs::read_dir(path).with_context(|| format!("cannot read {}", path.display()))? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".csv") {
                continue;
            }
            files.insert(
                name,
                std::fs::read(entry.path()).with_context(|| format!("cannot read {}", entry.path().display()))?,
            );
        }
        Ok(hsds::read_csv(&files))
    } else {
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        Ok(hsds::read_json(&bytes))
    }
}

fn refused(v: &drom_domain::ValidationErrors) -> anyhow::Error {
    let lines: Vec<String> = v.0.iter().map(|f| format!("  {}: {}", f.field, f.reason)).collect();
    anyhow::anyhow!("refused, nothing written:\n{}", lines.join("\n"))
}

async fn import(args: ImportArgs) -> Result<ExitCode> {
    let tables = match read(&args.input)? {
        Ok(t) => t,
        Err(v) => {
            eprintln!("error: {} {:#}", args.input.display(), refused(&v));
            return Ok(ExitCode::FAILURE);
        }
    };
    let db = crate::cli::open(&args.database).await?;
    let user = db.user_by_name(&args.user).await.map_err(|_| anyhow::anyhow!("--user: no user '{}'", args.user))?;
    let actor = user.actor();
    let admin = actor.administrator().map_err(|e| anyhow::anyhow!("--user {}: {e}", args.user))?;
    let bar = crate::progress::bar();
    bar.set_length(tables.rows() as u64);
    bar.set_message("directory");
    let source = args.input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let result = db.directory().import(admin, &source, &tables, &|n| bar.set_position(n)).await;
    bar.finish_and_clear();
    match result {
        Ok(s) => {
            println!(
                "imported {} organizations, {} services, {} locations ({} rows) from {}",
                s.organizations,
                s.services,
                s.locations,
                s.rows,
                args.input.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(StoreError::Invalid(v)) => {
            eprintln!("error: {} {:#}", args.input.display(), refused(&v));
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e.into()),
    }
}

async fn export(args: ExportArgs) -> Result<ExitCode> {
    let db = crate::cli::open(&args.database).await?;
    let tables = db.directory().tables().await?;
    let bar = crate::progress::bar();
    bar.set_message("directory");
    match args.format {
        Format::Json => {
            bar.set_length(1);
            std::fs::write(&args.out, hsds::write_json(&tables))
                .with_context(|| format!("cannot write {}", args.out.display()))?;
            bar.inc(1);
        }
        Format::Csv => {
            if args.out.exists() && !args.out.is_dir() {
                bail!("--out {}: a folder is needed for the CSV tables", args.out.display());
            }
            std::fs::create_dir_all(&args.out).with_context(|| format!("cannot make {}", args.out.display()))?;
            let files = hsds::write_csv(&tables);
            bar.set_length(files.len() as u64);
            for (name, bytes) in files {
                let path = args.out.join(name);
                std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
                bar.inc(1);
            }
        }
    }
    bar.finish_and_clear();
    eprintln!(
        "exported {} organizations, {} services, {} locations to {}",
        tables.organizations.len(),
        tables.services.len(),
        tables.locations.len(),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
