//! Argument parsing and the subcommands.

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};
use drom_casework::CaseworkDb;
use drom_domain::permission::Role;
use drom_returns::ReturnsDb;
use drom_screening::ScreeningDb;
use drom_store::Db;
use drom_store::users::{NewAgency, NewUser};
use std::io::{BufRead, IsTerminal, Read};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// The default database, shared by `drom demo` and the other commands so that they find the
/// demo's data without flags.
pub const DEFAULT_DATABASE: &str = "sqlite://drom-data/drom.db";

#[derive(Parser)]
#[command(name = "drom", version, about = "Drom: case management for return, reintegration and local integration")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct DatabaseArg {
    /// sqlite://PATH or postgres://USER@HOST/DB
    #[arg(long, env = "DROM_DATABASE_URL", default_value = DEFAULT_DATABASE, hide_env_values = true)]
    database: String,
}

#[derive(Subcommand)]
enum Command {
    /// Serve with an embedded SQLite database and demo data (created once, kept on restart).
    Demo {
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Folder of the demo database (drom.db).
        #[arg(long, default_value = "drom-data")]
        data: PathBuf,
    },
    /// Serve on a real database; migrations run at start-up.
    Serve {
        #[command(flatten)]
        db: DatabaseArg,
        #[arg(long, env = "DROM_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        #[command(flatten)]
        policies: PolicyArgs,
        /// A sustainability scoring file (TOML, as config/sustainability.toml) to use instead of
        /// the shipped one.
        #[arg(long, env = "DROM_SUSTAINABILITY")]
        sustainability: Option<PathBuf>,
        /// Routing rules for discrimination reports (TOML, as
        /// policies/discrimination-routing.toml) to use instead of the shipped ones.
        #[arg(long, env = "DROM_ROUTING")]
        routing: Option<PathBuf>,
    },
    /// Apply pending migrations and exit.
    Migrate {
        #[command(flatten)]
        db: DatabaseArg,
    },
    /// Write every table of one consistent snapshot to a portable file (while the server runs).
    Backup {
        #[command(flatten)]
        db: DatabaseArg,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Restore a backup into a new, empty database (SQLite or PostgreSQL).
    Restore {
        #[command(flatten)]
        db: DatabaseArg,
        /// A file written by `drom backup`.
        input: std::path::PathBuf,
    },
    /// Move this deployment to another database (an embedded SQLite one to PostgreSQL): every
    /// row is copied and counted on both sides.
    MigrateTo {
        #[command(flatten)]
        db: DatabaseArg,
        /// The new database, e.g. postgres://drom@db/drom (new and empty).
        target: String,
    },
    /// Agencies: every record is owned by one.
    #[command(subcommand)]
    Agency(AgencyCommand),
    /// This server's key for the signed exchange with peer servers.
    #[command(subcommand)]
    Exchange(ExchangeCommand),
    /// The peer Drom servers this one exchanges messages with.
    #[command(subcommand)]
    Peer(PeerCommand),
    /// Users and their API tokens.
    #[command(subcommand)]
    User(UserCommand),
    /// The hash-chained audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Screen a readmission list (CSV) against the protection policy in force.
    Screen(crate::screen::ScreenArgs),
    /// Period reports.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Bring existing records in from files.
    #[command(subcommand)]
    Import(ImportCommand),
    /// The service directory (Open Referral HSDS 3.0): import and export.
    #[command(subcommand)]
    Directory(crate::directory::DirectoryCommand),
    /// Discrimination reports: erase those past their retention period, check routing rules.
    #[command(subcommand)]
    Discrimination(crate::discrimination::DiscriminationCommand),
    /// Bring the tasks that rules keep (monitoring visits due, ...) up to date: adds what is
    /// newly due, closes what no longer is. Servers do it every six hours by themselves.
    Tasks {
        #[command(flatten)]
        db: DatabaseArg,
        /// The day to judge "due" by (default: today).
        #[arg(long)]
        today: Option<chrono::NaiveDate>,
    },
    /// How complete each language's messages are, per folder: messages, missing ones (English
    /// keys absent) and those awaiting review by a speaker.
    Locales {
        /// Only the table of counts, not the keys.
        #[arg(long)]
        summary: bool,
    },
}

#[derive(Subcommand)]
enum ReportCommand {
    /// Returns that arrived in a period, by host country, transport, type, district,
    /// municipality, programme, sex, age group and community; assistance and beneficiaries.
    Returns(crate::returns::ReportArgs),
    /// Referrals sent in a period by need, service, municipality and status, the median days
    /// to acceptance and completion, overdue; Migrant Service Centre sessions by topic, sex,
    /// age group and municipality.
    Referrals(crate::referrals::ReportArgs),
    /// Discrimination reports received in a period by ground, area, municipality, body,
    /// outcome and month, with the median days to acknowledgement and outcome (small counts
    /// hidden); `--format hxl` adds HXL hashtags.
    Discrimination(crate::discrimination::ReportArgs),
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Return records from a CSV file: all rows or none.
    Returns(crate::returns::ImportArgs),
}

#[derive(Subcommand)]
enum AgencyCommand {
    /// Add an agency.
    Add {
        #[command(flatten)]
        db: DatabaseArg,
        /// Short code, e.g. `mia-dcam`.
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// e.g. ministry, municipality, international_organisation, ngo, ombudsperson
        #[arg(long)]
        kind: String,
        /// Municipality (code or name) for a municipal office.
        #[arg(long)]
        municipality: Option<String>,
    },
    /// List agencies.
    List {
        #[command(flatten)]
        db: DatabaseArg,
    },
}

#[derive(Subcommand)]
enum ExchangeCommand {
    /// Write a new Ed25519 key to a file (never over an existing one); name it in
    /// DROM_EXCHANGE_KEY_FILE for every `drom serve` of this installation.
    Keygen {
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the public key and key id of the key DROM_EXCHANGE_KEY_FILE names, for peers to
    /// register.
    Key,
}

#[derive(Subcommand)]
enum PeerCommand {
    /// Register a peer server with its base URL and public key (audited).
    Add {
        #[command(flatten)]
        db: DatabaseArg,
        #[arg(long)]
        name: String,
        /// http(s)://host[:port] of the peer.
        #[arg(long)]
        url: String,
        /// The peer's public key (base64), as its `drom exchange key` prints it.
        #[arg(long)]
        key: String,
    },
    /// List the peers and the state of the outbox.
    List {
        #[command(flatten)]
        db: DatabaseArg,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a user. The password comes from the environment variable named by --password-env,
    /// or from standard input (one line), never from the command line.
    Add {
        #[command(flatten)]
        db: DatabaseArg,
        /// Agency code.
        #[arg(long)]
        agency: String,
        #[arg(long)]
        username: String,
        #[arg(long)]
        display_name: Option<String>,
        /// system_administrator, administrator, caseworker, protection_officer or viewer
        #[arg(long)]
        role: String,
        /// Grant access to special categories (ethnicity, health, trafficking, minors).
        #[arg(long)]
        special_categories: bool,
        /// Grant the override of the protection gate (a second holder must confirm each one).
        #[arg(long)]
        protection_override: bool,
        /// Name of an environment variable holding the password.
        #[arg(long)]
        password_env: Option<String>,
    },
    /// List users.
    List {
        #[command(flatten)]
        db: DatabaseArg,
    },
    /// Issue an API token for a user (printed once).
    Token {
        #[command(flatten)]
        db: DatabaseArg,
        #[arg(long)]
        username: String,
        #[arg(long, default_value = "command line")]
        label: String,
    },
    /// Change a user's role or grants, or disable or enable them (a disabled user's sessions
    /// and tokens stop working at once).
    Set {
        #[command(flatten)]
        db: DatabaseArg,
        #[arg(long)]
        username: String,
        /// system_administrator, administrator, caseworker, protection_officer or viewer
        #[arg(long)]
        role: Option<String>,
        #[arg(long)]
        special_categories: Option<bool>,
        #[arg(long)]
        protection_override: Option<bool>,
        #[arg(long)]
        disabled: Option<bool>,
        /// Why (kept in the audit log).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Set a new password (from --password-env or one line of standard input); the user's
    /// sessions end and their tokens are revoked.
    Password {
        #[command(flatten)]
        db: DatabaseArg,
        #[arg(long)]
        username: String,
        #[arg(long)]
        password_env: Option<String>,
    },
    /// List a user's API tokens.
    Tokens {
        #[command(flatten)]
        db: DatabaseArg,
        #[arg(long)]
        username: String,
    },
    /// Revoke an API token by its id (from `drom user tokens`).
    Revoke {
        #[command(flatten)]
        db: DatabaseArg,
        #[arg(long)]
        token_id: i64,
    },
    /// Delete expired sessions and tokens and old sign-in failures (the server does it hourly).
    Purge {
        #[command(flatten)]
        db: DatabaseArg,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Verify the whole chain: exit 0 if untouched, 1 naming the first broken entry. With
    /// --against, also that the log still holds what a checkpoint recorded (nothing cut).
    Verify {
        #[command(flatten)]
        db: DatabaseArg,
        /// A checkpoint written by `drom audit checkpoint`.
        #[arg(long)]
        against: Option<std::path::PathBuf>,
    },
    /// Write the head of the chain, signed with the audit key (DROM_AUDIT_KEY_FILE), to a file
    /// to keep away from the database.
    Checkpoint {
        #[command(flatten)]
        db: DatabaseArg,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Key an unkeyed log with DROM_AUDIT_KEY_FILE (once, when a deployment starts using a key).
    Rekey {
        #[command(flatten)]
        db: DatabaseArg,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter = tracing_subscriber::EnvFilter::try_from_env("DROM_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    // Colours only on a terminal: a log file or a service manager's journal gets plain text.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(ansi).init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Where attachments are kept: `DROM_FILES_DIR`, else a `files` folder beside an SQLite
/// database, else `drom-files` in the working folder; and the largest one
/// (`DROM_ATTACHMENT_MAX_MB`, default 10).
fn file_store(url: &str) -> Result<drom_casework::store::FileStore> {
    let dir = match std::env::var_os("DROM_FILES_DIR") {
        Some(d) => PathBuf::from(d),
        None => match url.strip_prefix("sqlite://") {
            Some(path) => {
                let path = std::path::Path::new(path.split('?').next().unwrap_or(path));
                path.parent().unwrap_or(std::path::Path::new(".")).join("files")
            }
            None => PathBuf::from("drom-files"),
        },
    };
    let mb = drom_casework::store::FileStore::max_mb_from_env().map_err(anyhow::Error::msg)?;
    Ok(drom_casework::store::FileStore { dir, max_bytes: mb * 1024 * 1024 })
}

/// Opens and migrates the database.
pub async fn open(url: &str) -> Result<Db> {
    if let Some(path) = url.strip_prefix("sqlite://") {
        let path = path.split('?').next().unwrap_or(path);
        if let Some(parent) = std::path::Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
    }
    // A misconfigured audit key stops the command before it touches the database.
    drom_store::audit::load_key()?;
    let db = Db::connect(url).await?;
    drom_store::migrate::migrate(&db, crate::server::MIGRATIONS).await.context("migrating the database")?;
    if let Some(t) = std::env::var("DROM_SMALL_CELL").ok().and_then(|v| v.parse::<i64>().ok()) {
        db.set_small_cell_threshold(t);
    }
    db.casework().set_file_store(file_store(url)?);
    // The exchange's key, when DROM_EXCHANGE_KEY_FILE names one (without it the exchange is off).
    if let Some(key) = drom_exchange::store::key_from_env()? {
        drom_exchange::ExchangeDb::exchange(&db).set_key(key);
    }
    Ok(db)
}

async fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Demo { addr, data } => {
            let url = format!("sqlite://{}", data.join("drom.db").display());
            let db = open(&url).await?;
            // The demo's exchange key lives beside its database, made once.
            if drom_exchange::ExchangeDb::exchange(&db).key().is_none() {
                let path = data.join("exchange.key");
                let key = if path.exists() {
                    drom_exchange::store::read_key_file(&path)?
                } else {
                    drom_exchange::store::write_new_key(&path)?
                };
                drom_exchange::ExchangeDb::exchange(&db).set_key(key);
            }
            let created = crate::demo::seed(&db).await?;
            let listener =
                tokio::net::TcpListener::bind(addr).await.with_context(|| format!("cannot listen on {addr}"))?;
            let local = listener.local_addr()?;
            println!("Drom demo {} on {url}", if created { "created" } else { "reopened" });
            println!("  open        http://{local}/");
            println!("  API         http://{local}/api/v1/openapi.json");
            println!("  sign in as  (password for all: {})", crate::demo::DEMO_PASSWORD);
            for (user, what) in crate::demo::DEMO_LOGINS {
                println!("    {user:<14} {what}");
            }
            println!("  stop with Ctrl-C");
            let policies = server_policies(&db, None).await?;
            crate::server::serve(listener, db, policies, shutdown_signal()).await?;
        }
        Command::Serve { db, addr, policies, sustainability, routing } => {
            let db = open(&db.database).await?;
            if let Some(path) = routing {
                drom_discrimination::DiscriminationDb::discrimination(&db)
                    .set_rules(crate::discrimination::load_rules(&path)?);
            }
            if let Some(path) = sustainability {
                let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
                let config = drom_returns::domain::sustainability::SustainabilityConfig::from_toml(&text)
                    .map_err(|e| anyhow::anyhow!("--sustainability {}: {e}", path.display()))?;
                db.returns().set_sustainability(config);
            }
            let policies = policies.apply(&db).await?;
            let listener =
                tokio::net::TcpListener::bind(addr).await.with_context(|| format!("cannot listen on {addr}"))?;
            tracing::info!(addr = %listener.local_addr()?, dialect = ?db.dialect(), policies = ?policies.ids(), "serving");
            crate::server::serve(listener, db, policies, shutdown_signal()).await?;
        }
        Command::Tasks { db, today } => {
            let db = open(&db.database).await?;
            let today = today.unwrap_or_else(|| chrono::Utc::now().date_naive());
            let bar = crate::progress::bar();
            let done = crate::tasks::sync_rules(&db, today, &|rule, size| match size {
                Some(n) => {
                    bar.set_length(n);
                    bar.set_position(0);
                    bar.set_message(rule.to_string());
                }
                None => bar.inc(1),
            })
            .await?;
            bar.finish_and_clear();
            for (rule, s) in done {
                println!("{rule}: {} task(s) added, {} closed (as of {today})", s.created, s.closed);
            }
        }
        Command::Migrate { db } => {
            let db = Db::connect(&db.database).await?;
            let n = drom_store::migrate::migrate(&db, crate::server::MIGRATIONS).await?;
            let (current, _) = drom_store::migrate::status(&db, crate::server::MIGRATIONS).await?;
            println!("applied {n} migration(s); schema is at version {current}");
        }
        Command::Backup { db, out } => {
            let db = open(&db.database).await?;
            crate::backup::backup(&db, &out).await?;
        }
        Command::Restore { db, input } => {
            let db = open(&db.database).await?;
            crate::backup::restore(&db, &input).await?;
        }
        Command::MigrateTo { db, target } => {
            let source = open(&db.database).await?;
            let target = open(&target).await?;
            crate::backup::migrate_to(&source, &target).await?;
        }
        Command::Agency(AgencyCommand::Add { db, code, name, kind, municipality }) => {
            let db = open(&db.database).await?;
            let a = db.create_agency(None, NewAgency { code, name, kind, municipality }).await?;
            println!("agency {} '{}' created (id {})", a.code, a.name, a.id);
        }
        Command::Exchange(ExchangeCommand::Keygen { out }) => {
            let key = drom_exchange::store::write_new_key(&out)?;
            println!("wrote {} (keep it secret; name it in DROM_EXCHANGE_KEY_FILE)", out.display());
            println!("public key  {}", key.public_key());
            println!("key id      {}", key.key_id());
        }
        Command::Exchange(ExchangeCommand::Key) => {
            let Some(key) = drom_exchange::store::key_from_env()? else {
                bail!(
                    "the exchange is off: no key (create one with `drom exchange keygen --out FILE` and set DROM_EXCHANGE_KEY_FILE)"
                );
            };
            println!("public key  {}", key.public_key());
            println!("key id      {}", key.key_id());
        }
        Command::Peer(PeerCommand::Add { db, name, url, key }) => {
            use drom_exchange::ExchangeDb;
            let db = open(&db.database).await?;
            let new = drom_exchange::store::NewPeer { name, base_url: url, public_key: key };
            match db.exchange().insert_peer(None, new).await {
                Ok(p) => println!("peer '{}' registered (id {}, key id {})", p.name, p.id, p.key_id),
                Err(drom_store::StoreError::Invalid(e)) => bail!("{}", e.summary()),
                Err(e) => return Err(e.into()),
            }
        }
        Command::Peer(PeerCommand::List { db }) => {
            use drom_exchange::ExchangeDb;
            let db = open(&db.database).await?;
            for p in db.exchange().all_peers().await? {
                let state = if p.active { "active" } else { "inactive" };
                println!("{:>4}  {:<8} {:<16} {:<40} {}", p.id, state, p.key_id, p.base_url, p.name);
            }
            let o = db.exchange().outbox_state().await?;
            println!("outbox: {} waiting, {} delivered, {} given up", o.queued, o.delivered, o.failed);
            if db.exchange().key().is_none() {
                println!("the exchange is off on this machine: DROM_EXCHANGE_KEY_FILE is not set");
            }
        }
        Command::Agency(AgencyCommand::List { db }) => {
            let db = open(&db.database).await?;
            for a in db.agencies().await? {
                println!("{:>4}  {:<24} {:<26} {}", a.id, a.code, a.kind, a.name);
            }
        }
        Command::User(UserCommand::Add {
            db,
            agency,
            username,
            display_name,
            role,
            special_categories,
            protection_override,
            password_env,
        }) => {
            let role: Role = role.parse().map_err(|e| anyhow::anyhow!("--role: {e}"))?;
            let password = read_password(password_env.as_deref())?;
            let db = open(&db.database).await?;
            let agencies = db.agencies().await?;
            let Some(a) = agencies.iter().find(|a| a.code == agency) else {
                let known: Vec<&str> = agencies.iter().map(|a| a.code.as_str()).collect();
                bail!(
                    "--agency: no agency '{agency}' (known: {}); add one with `drom agency add`",
                    if known.is_empty() { "none yet".to_string() } else { known.join(", ") }
                );
            };
            let u = db
                .create_user(
                    None,
                    NewUser {
                        agency_id: a.id,
                        display_name: display_name.unwrap_or_else(|| username.clone()),
                        username,
                        role,
                        special_categories,
                        protection_override,
                        password,
                    },
                )
                .await?;
            println!("user {} ({}) created in {}", u.username, u.role, a.code);
        }
        Command::User(UserCommand::List { db }) => {
            let db = open(&db.database).await?;
            let agencies = db.agencies().await?;
            for u in db.users(None).await? {
                let agency = agencies.iter().find(|a| a.id == u.agency_id).map(|a| a.code.as_str()).unwrap_or("?");
                println!(
                    "{:<16} {:<20} {:<18} {}{}{}",
                    u.username,
                    agency,
                    u.role,
                    if u.special_categories { "special-categories" } else { "" },
                    if u.protection_override { " protection-override" } else { "" },
                    if u.disabled { " (disabled)" } else { "" }
                );
            }
        }
        Command::User(UserCommand::Token { db, username, label }) => {
            let db = open(&db.database).await?;
            let user =
                db.user_by_name(&username).await.map_err(|_| anyhow::anyhow!("--username: no user '{username}'"))?;
            println!("{}", db.issue_token(&user, &label).await?);
        }
        Command::User(UserCommand::Set {
            db,
            username,
            role,
            special_categories,
            protection_override,
            disabled,
            reason,
        }) => {
            let role = role.map(|r| r.parse::<Role>().map_err(|e| anyhow::anyhow!("--role: {e}"))).transpose()?;
            let db = open(&db.database).await?;
            let user = named_user(&db, &username).await?;
            let change = drom_store::accounts::UserChange {
                display_name: None,
                role,
                special_categories,
                protection_override,
                disabled,
            };
            let u = db.change_user(None, user.id, change, reason.as_deref()).await?;
            println!(
                "user {}: {}{}{}{}",
                u.username,
                u.role,
                if u.special_categories { " special-categories" } else { "" },
                if u.protection_override { " protection-override" } else { "" },
                if u.disabled { " (disabled)" } else { "" }
            );
        }
        Command::User(UserCommand::Password { db, username, password_env }) => {
            let password = read_password(password_env.as_deref())?;
            let db = open(&db.database).await?;
            let user = named_user(&db, &username).await?;
            db.reset_password(None, user.id, &password).await?;
            println!("password of {username} set; their sessions ended and their tokens were revoked");
        }
        Command::User(UserCommand::Tokens { db, username }) => {
            let db = open(&db.database).await?;
            let user = named_user(&db, &username).await?;
            for t in db.tokens_of(user.id).await? {
                println!(
                    "{:<6} {:<20} created {} expires {}{}",
                    t.id,
                    t.label,
                    t.created_at,
                    t.expires_at,
                    if t.revoked { " (revoked)" } else { "" }
                );
            }
        }
        Command::User(UserCommand::Revoke { db, token_id }) => {
            let db = open(&db.database).await?;
            db.revoke_token_as_operator(token_id).await?;
            println!("token {token_id} revoked");
        }
        Command::User(UserCommand::Purge { db }) => {
            let db = open(&db.database).await?;
            let p = db.purge_expired().await?;
            println!(
                "purged {} expired sessions, {} old tokens, {} old sign-in failures",
                p.sessions, p.tokens, p.failures
            );
        }
        Command::Locales { summary } => print!("{}", crate::locales::report(summary)),
        Command::Screen(args) => return crate::screen::run(args).await,
        Command::Report(ReportCommand::Returns(args)) => return crate::returns::report(args).await,
        Command::Report(ReportCommand::Referrals(args)) => return crate::referrals::report(args).await,
        Command::Import(ImportCommand::Returns(args)) => return crate::returns::import(args).await,
        Command::Directory(command) => return crate::directory::run(command).await,
        Command::Discrimination(command) => return crate::discrimination::run(command).await,
        Command::Report(ReportCommand::Discrimination(args)) => return crate::discrimination::report(args).await,
        Command::Audit(AuditCommand::Verify { db, against }) => {
            let db = Db::connect(&db.database).await?;
            let outcome = match &against {
                None => db.verify_audit().await?,
                Some(path) => {
                    let text = std::fs::read_to_string(path)
                        .with_context(|| format!("--against: cannot read {}", path.display()))?;
                    let cp: drom_domain::audit::Checkpoint = serde_json::from_str(&text)
                        .with_context(|| format!("--against: {} is not a checkpoint", path.display()))?;
                    db.verify_audit_against(&cp).await?
                }
            };
            match outcome {
                Ok(n) => {
                    let keyed =
                        if db.audit_is_keyed().await? { "keyed" } else { "NOT keyed (set DROM_AUDIT_KEY_FILE)" };
                    let against = against.map(|_| ", as long as the checkpoint says").unwrap_or_default();
                    println!("audit log verified: {n} entries, chain intact{against}; {keyed}");
                }
                Err(b) => {
                    eprintln!("audit log BROKEN at {b}");
                    return Ok(ExitCode::FAILURE);
                }
            }
        }
        Command::Audit(AuditCommand::Checkpoint { db, out }) => {
            let db = open(&db.database).await?;
            let cp = db.audit_checkpoint().await?;
            std::fs::write(&out, serde_json::to_string_pretty(&cp)? + "\n")
                .with_context(|| format!("--out: cannot write {}", out.display()))?;
            println!("checkpoint of {} entries written to {}: keep it away from the database", cp.seq, out.display());
        }
        Command::Audit(AuditCommand::Rekey { db }) => {
            let db = open(&db.database).await?;
            let n = db.rekey_audit().await?;
            println!("audit log keyed: {n} entries");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What decides protection: the policies and how long a screening stays valid for the gate. The
/// server and every command that writes return cases take the same options (and environment),
/// so no path applies a laxer gate than another.
#[derive(Debug, Clone, clap::Args)]
pub struct PolicyArgs {
    /// A folder of screening policy files (*.toml) added to the shipped ones; a file with a
    /// shipped policy's id replaces it. Read at start-up.
    #[arg(long, env = "DROM_POLICIES")]
    pub policies: Option<PathBuf>,
    /// Days a screening stays valid for the protection gate of a forced return.
    #[arg(long, env = "DROM_SCREENING_VALID_DAYS", default_value_t = drom_screening::gate::DEFAULT_MAX_AGE_DAYS)]
    pub screening_valid_days: u32,
}

impl PolicyArgs {
    /// Loads the policies and sets them, with the valid period, on the database handle.
    pub async fn apply(&self, db: &Db) -> Result<drom_screening::PolicySet> {
        let policies = server_policies(db, self.policies.as_deref()).await?;
        db.screenings().set_policies(policies.clone());
        db.screenings().set_valid_days(self.screening_valid_days);
        Ok(policies)
    }
}

/// The screening policies a server uses, checked against the database's communities.
async fn server_policies(db: &Db, dir: Option<&std::path::Path>) -> Result<drom_screening::PolicySet> {
    let reference = db.reference().await?;
    let codes: Vec<&str> = reference.communities.iter().map(|c| c.code.as_str()).collect();
    crate::screen::load_policies(dir, &codes)
}

async fn named_user(db: &Db, username: &str) -> Result<drom_store::users::User> {
    db.user_by_name(username).await.map_err(|_| anyhow::anyhow!("--username: no user '{username}'"))
}

fn read_password(env_name: Option<&str>) -> Result<String> {
    let password = match env_name {
        Some(name) => std::env::var(name).with_context(|| format!("--password-env: variable {name} is not set"))?,
        None => {
            if std::io::stdin().is_terminal() {
                eprint!("password (input is shown; prefer --password-env): ");
            }
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .take(4096)
                .read_line(&mut line)
                .context("reading the password from standard input")?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    if password.is_empty() {
        bail!("no password given (set --password-env VAR, or pipe it to standard input)");
    }
    Ok(password)
}

/// Ctrl-C or SIGTERM (what a service manager or a container runtime sends): either lets the
/// requests in flight finish before the server stops.
async fn shutdown_signal() {
    let terminate = async {
        #[cfg(unix)]
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
        #[cfg(not(unix))]
        std::future::pending::<()>().await
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate => {}
    }
    tracing::info!("shutting down: finishing the requests in flight");
}
