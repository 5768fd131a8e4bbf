//! Registry benchmark: loads synthetic persons in households into SQLite and PostgreSQL, then
//! measures search latency (diacritics- and script-insensitive, agency-scoped, first page of 25).
//! Prints figures; asserts nothing.
//!
//! cargo run --release -p drom-bench --bin registry -- [--persons N] [--backend sqlite|postgres|both]

use anyhow::{Context, Result};
use drom_registry::RegistryDb;
use drom_registry::store::persons::PersonQuery;
use drom_registry::store::synthetic::Rng;
use drom_registry::store::synthetic::national::NationalNames;
use drom_store::Db;
use std::time::{Duration, Instant};

struct Options {
    persons: usize,
    backends: Vec<&'static str>,
    pg_url: String,
    queries: usize,
    /// Search the database a previous run loaded instead of loading a new one.
    search_only: bool,
}

fn options() -> Result<Options> {
    let mut o = Options {
        persons: 1_000_000,
        backends: vec!["sqlite", "postgres"],
        pg_url: drom_bench::default_pg_url(),
        queries: 2_000,
        search_only: false,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--search-only" {
            o.search_only = true;
            i += 1;
            continue;
        }
        let value = args.get(i + 1).context("each option takes a value")?;
        match args[i].as_str() {
            "--persons" => o.persons = value.parse().context("--persons: a number")?,
            "--queries" => o.queries = value.parse().context("--queries: a number")?,
            "--pg-url" => o.pg_url = value.clone(),
            "--backend" => o.backends = drom_bench::backends(value)?,
            other => anyhow::bail!("unknown option {other}"),
        }
        i += 2;
    }
    Ok(o)
}

/// The database a previous run loaded.
async fn existing(backend: &str, pg_url: &str) -> Result<(Db, String)> {
    let url = drom_bench::database_url(backend, pg_url, "registry");
    Ok((Db::connect(&url).await?, url))
}

async fn fresh(backend: &str, pg_url: &str) -> Result<(Db, String)> {
    drom_bench::fresh_database(backend, pg_url, "registry").await
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() -> Result<()> {
    let o = options()?;
    println!("registry benchmark: {} persons, {} searches per backend", o.persons, o.queries);
    let model = NationalNames::new();
    let (family, given) = model.distinct();
    println!("names: {family} distinct family names, {given} distinct given names, Zipf-ranked");
    for backend in &o.backends {
        let (db, url) =
            if o.search_only { existing(backend, &o.pg_url).await? } else { fresh(backend, &o.pg_url).await? };
        let (user, _) = drom_bench::bench_users(&db).await?;
        let actor = user.actor();
        let started = Instant::now();
        let (loaded, names) = if o.search_only {
            (o.persons, drom_bench::sample_names(o.persons, &model))
        } else {
            drom_bench::load_registry(&db, actor.registry_writer()?, o.persons, &model, backend).await?
        };
        let load = started.elapsed();
        println!(
            "{backend:>9}: loaded {loaded} persons in {:.1} s ({:.0} persons/s) into {}",
            load.as_secs_f64(),
            loaded as f64 / load.as_secs_f64(),
            url.split('@').next_back().unwrap_or(&url)
        );
        if !o.search_only {
            db.analyze().await?;
        }
        let mut rng = Rng::new(99);

        // Queries as caseworkers type them: a family name, its start, given and family name,
        // the Cyrillic form, and the name without diacritics.
        let viewer = drom_domain::permission::Actor {
            special_categories: false,
            role: drom_domain::permission::Role::Viewer,
            ..actor.clone()
        };
        let mut latencies = Vec::with_capacity(o.queries);
        let kinds = ["family name", "4-letter prefix", "given and family", "other script", "no diacritics"];
        let mut by_kind: Vec<Vec<Duration>> = vec![Vec::new(); kinds.len()];
        let mut hits = 0i64;
        for i in 0..o.queries {
            let n = &names[rng.below(names.len())];
            let (given, family, cyr) = (&n.given, &n.family, &n.family_other_script);
            let (kind, q) = match i % 5 {
                0 => (0, family.to_string()),
                1 => (1, family.chars().take(4).collect()),
                2 => (2, format!("{given} {family}")),
                3 if !cyr.is_empty() => (3, cyr.to_string()),
                _ => (4, drom_domain::fold::fold(family)),
            };
            let query = PersonQuery { q: Some(q), ..Default::default() };
            let t = Instant::now();
            let page = db.registry().search_persons(&viewer, &query).await?;
            latencies.push(t.elapsed());
            by_kind[kind].push(t.elapsed());
            hits += page.total;
        }
        latencies.sort();
        println!(
            "{backend:>9}: search over {loaded} persons: p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms (mean {:.0} matches per query)",
            percentile(&latencies, 0.50),
            percentile(&latencies, 0.95),
            percentile(&latencies, 0.99),
            percentile(&latencies, 1.0),
            hits as f64 / o.queries as f64
        );
        for (kind, mut l) in kinds.iter().zip(by_kind) {
            if l.is_empty() {
                continue;
            }
            l.sort();
            println!(
                "{backend:>9}:   {kind:<17} {:>5} queries: p50 {:.2} ms, p99 {:.2} ms",
                l.len(),
                percentile(&l, 0.50),
                percentile(&l, 0.99)
            );
        }
        // The hardest searches, each timed alone.
        for (what, q) in model.worst_cases() {
            let query = PersonQuery { q: Some(q.clone()), ..Default::default() };
            let mut l = Vec::new();
            let mut total = 0;
            for _ in 0..50 {
                let t = Instant::now();
                total = db.registry().search_persons(&viewer, &query).await?.total;
                l.push(t.elapsed());
            }
            l.sort();
            println!(
                "{backend:>9}:   {what:<29} {q:?}: {total} matches, p50 {:.2} ms, p99 {:.2} ms",
                percentile(&l, 0.50),
                percentile(&l, 0.99)
            );
        }
        db.close().await;
    }
    Ok(())
}
