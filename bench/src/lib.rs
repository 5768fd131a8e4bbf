//! What the benchmarks share: the backends to run on and a database for each, made afresh or
//! reopened by name.

pub mod cases;

use anyhow::{Context, Result};
use drom_registry::store::synthetic::national::NationalNames;
use drom_store::Db;

/// The PostgreSQL server the benchmarks use (the tests' one by default).
pub fn default_pg_url() -> String {
    std::env::var("DROM_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// The backends named by `--backend`.
pub fn backends(value: &str) -> Result<Vec<&'static str>> {
    Ok(match value {
        "sqlite" => vec!["sqlite"],
        "postgres" => vec!["postgres"],
        "both" => vec!["sqlite", "postgres"],
        other => anyhow::bail!("--backend: sqlite, postgres or both, not {other}"),
    })
}

/// The URL of the benchmark database `name` on `backend`: a file in the temporary folder, or a
/// database on the server of `pg_url`.
pub fn database_url(backend: &str, pg_url: &str, name: &str) -> String {
    if backend == "sqlite" {
        format!("sqlite://{}", std::env::temp_dir().join("drom-bench").join(format!("{name}.db")).display())
    } else {
        format!("{}/drom_bench_{name}", pg_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(pg_url))
    }
}

/// A new, empty, migrated benchmark database `name` (a previous one is removed).
pub async fn fresh_database(backend: &str, pg_url: &str, name: &str) -> Result<(Db, String)> {
    if backend == "sqlite" {
        let dir = std::env::temp_dir().join("drom-bench");
        std::fs::create_dir_all(&dir)?;
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(dir.join(format!("{name}.db{ext}")));
        }
    } else {
        let admin = sqlx::PgPool::connect(pg_url).await.context("PostgreSQL for the benchmark")?;
        let q = format!("DROP DATABASE IF EXISTS drom_bench_{name} WITH (FORCE)");
        sqlx::query(sqlx::AssertSqlSafe(q)).execute(&admin).await?;
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE drom_bench_{name}"))).execute(&admin).await?;
        admin.close().await;
    }
    let url = database_url(backend, pg_url, name);
    let db = Db::connect(&url).await?;
    drom_store::migrate::migrate(&db, drom::server::MIGRATIONS).await?;
    Ok((db, url))
}

/// A person's names as a search would type them: given, family, and the family name in the
/// other script (empty when there is none).
#[derive(Debug, Clone)]
pub struct SampleName {
    pub given: String,
    pub family: String,
    pub family_other_script: String,
}

/// The benchmark's households, in a fixed order, keeping a sample of the heads' names (one
/// household in 20, at most 20,000) to search for.
pub struct Households<'a> {
    rng: drom_registry::store::synthetic::Rng,
    names: &'a NationalNames,
    pub sample: Vec<SampleName>,
}

impl<'a> Households<'a> {
    pub fn new(names: &'a NationalNames) -> Self {
        Households { rng: drom_registry::store::synthetic::Rng::new(1_000_003), names, sample: Vec::new() }
    }

    pub fn next_household(&mut self) -> drom_registry::store::synthetic::SyntheticHousehold {
        let h = drom_registry::store::synthetic::household_named(&mut self.rng, 2026, self.names);
        if self.sample.len() < 20_000 && self.rng.chance(5) {
            let p = &h.members[0].1;
            self.sample.push(SampleName {
                given: p.given_name.clone(),
                family: p.family_name.clone(),
                family_other_script: p.family_name_other_script.clone().unwrap_or_default(),
            });
        }
        h
    }
}

/// Loads `persons` synthetic persons in households with the national-scale names through the
/// registry's audited bulk import, with a progress bar; returns how many were loaded and the
/// sample of names.
pub async fn load_registry(
    db: &Db,
    writer: drom_domain::permission::RegistryWriter<'_>,
    persons: usize,
    names: &NationalNames,
    label: &str,
) -> Result<(usize, Vec<SampleName>)> {
    use drom_registry::RegistryDb;
    use drom_registry::store::import::ImportHousehold;
    let mut households = Households::new(names);
    let bar = indicatif::ProgressBar::new(persons as u64);
    bar.set_style(indicatif::ProgressStyle::with_template(
        "  {prefix} {bar:40} {pos}/{len} persons ({per_sec}, eta {eta})",
    )?);
    bar.set_prefix(label.to_string());
    let mut loaded = 0usize;
    while loaded < persons {
        let mut batch = Vec::new();
        let mut in_batch = 0;
        while in_batch < 5_000 && loaded + in_batch < persons {
            let h = households.next_household();
            in_batch += h.members.len();
            batch.push(ImportHousehold { label: None, municipality: Some(h.municipality), members: h.members });
        }
        loaded += db.registry().import_households(writer, batch, Some("benchmark")).await?.persons;
        bar.set_position(loaded as u64);
    }
    bar.finish_and_clear();
    Ok((loaded, households.sample))
}

/// The sample of names `load_registry` returns, without loading anything (to search a
/// database a previous run loaded).
pub fn sample_names(persons: usize, names: &NationalNames) -> Vec<SampleName> {
    let mut households = Households::new(names);
    let mut seen = 0;
    while seen < persons && households.sample.len() < 20_000 {
        seen += households.next_household().members.len();
    }
    households.sample
}

/// A process's resident memory and its peak, in MiB, from `/proc`.
pub fn memory_mib(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| -> u64 {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
            .unwrap_or(0)
            / 1024
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// The benchmark's agency and its two users, made on first use: `bench`, a caseworker with the
/// special-categories grant, and `viewer`, a viewer without it.
pub async fn bench_users(db: &Db) -> Result<(drom_store::users::User, drom_store::users::User)> {
    use drom_domain::permission::Role;
    use drom_store::users::{NewAgency, NewUser};
    let agency_id = match db.user_by_name("bench").await {
        Ok(u) => u.agency_id,
        Err(_) => {
            db.create_agency(
                None,
                NewAgency { code: "bench".into(), name: "Bench".into(), kind: "ngo".into(), municipality: None },
            )
            .await?
            .id
        }
    };
    for (username, role, special_categories) in [("bench", Role::Caseworker, true), ("viewer", Role::Viewer, false)] {
        if db.user_by_name(username).await.is_err() {
            db.create_user(
                None,
                NewUser {
                    agency_id,
                    username: username.into(),
                    display_name: username.into(),
                    role,
                    special_categories,
                    protection_override: false,
                    password: "benchmark password".into(),
                },
            )
            .await?;
        }
    }
    Ok((db.user_by_name("bench").await?, db.user_by_name("viewer").await?))
}

/// Starts `drom serve` (the release binary beside the benchmark's) on `url` at `port`.
pub fn serve(drom: &std::path::Path, url: &str, port: u16) -> Result<std::process::Child> {
    std::process::Command::new(drom)
        .args(["serve", "--database", url, "--addr", &format!("127.0.0.1:{port}")])
        .env("DROM_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .context("start drom serve (build it with cargo build --release -p drom)")
}
