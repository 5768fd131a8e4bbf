//! Load benchmark: the demo's data served by real `drom serve` processes (one on SQLite, two
//! on one PostgreSQL database), and `--users` simulated users for `--seconds`, each looping
//! over searches, reads of a person, lists of return cases, new persons and changes to them,
//! with a short pause between requests. Prints requests, errors, latency percentiles and each
//! server's memory over time; asserts nothing.
//!
//! cargo build --release -p drom -p drom-bench && \
//!   target/release/load [--users 500] [--seconds 600] [--backend sqlite|postgres|both]

use anyhow::{Context, Result};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

struct Options {
    users: usize,
    seconds: u64,
    backends: Vec<&'static str>,
    pg_url: String,
}

fn options() -> Result<Options> {
    let mut o = Options {
        users: 500,
        seconds: 600,
        backends: vec!["sqlite", "postgres"],
        pg_url: drom_bench::default_pg_url(),
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).context("each option takes a value")?;
        match pair[0].as_str() {
            "--users" => o.users = value.parse().context("--users: a number")?,
            "--seconds" => o.seconds = value.parse().context("--seconds: a number")?,
            "--backend" => o.backends = drom_bench::backends(value)?,
            "--pg-url" => o.pg_url = value.clone(),
            other => anyhow::bail!("unknown option {other}"),
        }
    }
    Ok(o)
}

/// What the users saw.
#[derive(Default)]
struct Tally {
    ok: AtomicU64,
    conflicts: AtomicU64,
    errors: AtomicU64,
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

async fn wait_up(client: &reqwest::Client, base: &str) -> Result<()> {
    for _ in 0..200 {
        if client.get(format!("{base}/healthz")).send().await.is_ok_and(|r| r.status().is_success()) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    anyhow::bail!("{base} did not start")
}

/// One simulated user: a loop of requests on one server until `stop`.
async fn user(
    n: usize,
    client: reqwest::Client,
    base: String,
    token: String,
    persons: Arc<Vec<i64>>,
    stop: Arc<AtomicBool>,
    tally: Arc<Tally>,
) -> Vec<u32> {
    let mut latencies = Vec::new();
    let mut state = (n as u64).wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut next = |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % m
    };
    let words = ["krasniqi", "gashi", "berisha", "hajdini", "shpetim", "drita", "ram", "sab", "xhem", "kel"];
    let mut mine: Vec<i64> = Vec::new();
    while !stop.load(Ordering::Relaxed) {
        let pick = next(100);
        let person = persons[next(persons.len() as u64) as usize];
        let started = Instant::now();
        let request = match pick {
            0..40 => client.get(format!("{base}/api/v1/persons?q={}", words[next(words.len() as u64) as usize])),
            40..60 => client.get(format!("{base}/api/v1/persons/{person}")),
            60..75 => client.get(format!("{base}/api/v1/return-cases?per_page=25")),
            75..85 => client.get(format!("{base}/api/v1/households?per_page=25")),
            85..95 => client.post(format!("{base}/api/v1/persons")).json(&serde_json::json!({
                "given_name": format!("Load{n}"), "family_name": format!("User{}", next(1_000_000)),
                "sex": "female", "date_of_birth": "1984-05", "municipality_of_origin": "Fushë Kosovë", "current_country": "DE",
                "legal_basis": {"kind": "consent", "consent_date": "2026-01-10", "consent_scope": "registration", "consent_language": "sq"}})),
            _ => match mine.last() {
                Some(id) => client.put(format!("{base}/api/v1/persons/{id}")).json(&serde_json::json!({
                    "given_name": format!("Load{n}"), "family_name": format!("Changed{}", next(1_000_000)),
                    "sex": "female", "date_of_birth": "1984-05", "municipality_of_origin": "Fushë Kosovë", "current_country": "DE",
                "legal_basis": {"kind": "consent", "consent_date": "2026-01-10", "consent_scope": "registration", "consent_language": "sq"}})),
                None => client.get(format!("{base}/api/v1/me")),
            },
        };
        match request.bearer_auth(&token).send().await {
            Ok(r) if r.status().is_success() => {
                tally.ok.fetch_add(1, Ordering::Relaxed);
                if (85..95).contains(&pick)
                    && let Ok(v) = r.json::<serde_json::Value>().await
                    && let Some(id) = v["id"].as_i64()
                {
                    mine.push(id);
                }
            }
            Ok(r)
                if r.status() == reqwest::StatusCode::CONFLICT
                    || r.status() == reqwest::StatusCode::PRECONDITION_FAILED =>
            {
                tally.conflicts.fetch_add(1, Ordering::Relaxed);
            }
            Ok(r) => {
                if tally.errors.fetch_add(1, Ordering::Relaxed) < 5 {
                    eprintln!("  {} on pick {pick}", r.status());
                }
            }
            Err(e) => {
                if tally.errors.fetch_add(1, Ordering::Relaxed) < 5 {
                    eprintln!("  {e}");
                }
            }
        }
        latencies.push(started.elapsed().as_micros().min(u32::MAX as u128) as u32);
        tokio::time::sleep(Duration::from_millis(20 + next(60))).await;
    }
    latencies
}

async fn run(backend: &str, o: &Options) -> Result<()> {
    let (db, url) = drom_bench::fresh_database(backend, &o.pg_url, "load").await?;
    drom::demo::seed(&db).await?;
    let counsellor = db.user_by_name("counsellor").await?;
    let mut tokens = Vec::new();
    for _ in 0..8 {
        tokens.push(db.issue_token(&counsellor, "load").await?);
    }
    let persons: Arc<Vec<i64>> = {
        let q = drom_registry::store::persons::PersonQuery { per_page: Some(100), ..Default::default() };
        let page = drom_registry::RegistryDb::registry(&db).search_persons(&counsellor.actor(), &q).await?;
        Arc::new(page.items.iter().map(|p| p.id).collect())
    };
    db.close().await;
    let exe = std::env::current_exe()?;
    let drom = exe.parent().context("the benchmark's folder")?.join("drom");
    let servers = if backend == "postgres" { 2 } else { 1 };
    let mut children = Vec::new();
    let mut bases = Vec::new();
    let client = reqwest::Client::builder().pool_max_idle_per_host(o.users).build()?;
    for _ in 0..servers {
        let port = free_port()?;
        children.push(drom_bench::serve(&drom, &url, port)?);
        let base = format!("http://127.0.0.1:{port}");
        wait_up(&client, &base).await?;
        bases.push(base);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let tally = Arc::new(Tally::default());
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..o.users {
        tasks.spawn(user(
            n,
            client.clone(),
            bases[n % bases.len()].clone(),
            tokens[n % tokens.len()].clone(),
            persons.clone(),
            stop.clone(),
            tally.clone(),
        ));
    }
    let started = Instant::now();
    let mut memory: Vec<Vec<u64>> = vec![Vec::new(); children.len()];
    while started.elapsed() < Duration::from_secs(o.seconds) {
        for (i, c) in children.iter().enumerate() {
            memory[i].push(drom_bench::memory_mib(c.id()).0);
        }
        tokio::time::sleep(Duration::from_secs((o.seconds / 10).clamp(1, 60))).await;
    }
    stop.store(true, Ordering::Relaxed);
    let mut latencies = Vec::new();
    while let Some(l) = tasks.join_next().await {
        latencies.extend(l?);
    }
    let elapsed = started.elapsed().as_secs_f64();
    for (i, c) in children.iter().enumerate() {
        memory[i].push(drom_bench::memory_mib(c.id()).0);
    }
    for mut c in children {
        let _ = c.kill();
        let _ = c.wait();
    }
    latencies.sort_unstable();
    let pct =
        |p: f64| latencies.get(((latencies.len() as f64 - 1.0) * p) as usize).copied().unwrap_or(0) as f64 / 1000.0;
    let (ok, conflicts, errors) = (
        tally.ok.load(Ordering::Relaxed),
        tally.conflicts.load(Ordering::Relaxed),
        tally.errors.load(Ordering::Relaxed),
    );
    let total = ok + conflicts + errors;
    println!(
        "{backend}: {} users on {servers} server(s) for {elapsed:.0} s: {total} requests ({:.0}/s), {ok} ok, {conflicts} conflicts, {errors} errors ({:.4} %)",
        o.users,
        total as f64 / elapsed,
        errors as f64 * 100.0 / total.max(1) as f64
    );
    println!(
        "  latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        pct(0.5),
        pct(0.9),
        pct(0.99),
        pct(1.0)
    );
    for (i, m) in memory.iter().enumerate() {
        println!("  server {} memory (MiB, every {} s): {m:?}", i + 1, (o.seconds / 10).clamp(1, 60));
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    let o = options()?;
    for backend in &o.backends {
        run(backend, &o).await?;
    }
    Ok(())
}
