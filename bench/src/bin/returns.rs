//! Period report benchmark: generates return cases with their returnees, plan items and ledger
//! rows (a commitment and two disbursements per case) in SQL, builds the monthly tallies, then
//! times the period report for four months, a year and the whole 26 years — each as whole months
//! and with partial first and last months — over all agencies and for one. Prints
//! figures; asserts nothing.
//!
//! cargo run --release -p drom-bench --bin returns -- [--cases N] [--backend sqlite|postgres|both] [--runs N]

use anyhow::{Context, Result};
use chrono::NaiveDate;
use drom_returns::ReturnsDb;
use drom_returns::store::report::Scope;
use drom_store::users::NewAgency;
use std::time::{Duration, Instant};

struct Options {
    cases: usize,
    backends: Vec<&'static str>,
    pg_url: String,
    runs: usize,
}

fn options() -> Result<Options> {
    let mut o = Options {
        cases: 1_000_000,
        backends: vec!["sqlite", "postgres"],
        pg_url: drom_bench::default_pg_url(),
        runs: 15,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).context("each option takes a value")?;
        match pair[0].as_str() {
            "--cases" => o.cases = value.parse().context("--cases: a number")?,
            "--runs" => o.runs = value.parse().context("--runs: a number")?,
            "--pg-url" => o.pg_url = value.clone(),
            "--backend" => o.backends = drom_bench::backends(value)?,
            other => anyhow::bail!("unknown option {other}"),
        }
    }
    Ok(o)
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap_or_default()
}

#[tokio::main]
async fn main() -> Result<()> {
    let o = options()?;
    for backend in &o.backends {
        println!("== {backend}");
        let (db, _) = drom_bench::fresh_database(backend, &o.pg_url, "returns").await?;
        let t = Instant::now();
        let agency = db
            .create_agency(
                None,
                NewAgency {
                    code: "bench".into(),
                    name: "Bench".into(),
                    kind: "international_organisation".into(),
                    municipality: None,
                },
            )
            .await?;
        let actor = drom_bench::cases::generate(&db, agency.id, o.cases).await?;
        println!("loaded in {:.0} s", t.elapsed().as_secs_f64());
        for (label, from, to) in [
            ("4 months (2008-05-01 to 2008-08-31)", "2008-05-01", "2008-08-31"),
            ("4 months (2008-05-10 to 2008-09-09)", "2008-05-10", "2008-09-09"),
            ("1 year (2020)", "2020-01-01", "2020-12-31"),
            ("1 year (2020-03-15 to 2021-03-14)", "2020-03-15", "2021-03-14"),
            ("26 years (2000 to 2025)", "2000-01-01", "2025-12-31"),
            ("26 years (2000-01-15 to 2025-12-15)", "2000-01-15", "2025-12-15"),
        ] {
            for (scope_label, scope) in [("all agencies", Scope::All), ("one agency", Scope::Agency(&actor))] {
                let mut times: Vec<Duration> = Vec::new();
                let mut returns = 0;
                for _ in 0..o.runs {
                    let t = Instant::now();
                    let r = db.returns().returns_report(scope, day(from), day(to)).await?;
                    times.push(t.elapsed());
                    returns = r.returns;
                }
                times.sort();
                let ms = |d: Duration| d.as_secs_f64() * 1000.0;
                println!(
                    "  report {label:<36} {scope_label:<12} {returns:>9} returns  median {:>8.1} ms  max {:>8.1} ms",
                    ms(times[times.len() / 2]),
                    ms(times[times.len() - 1])
                );
            }
        }
        db.close().await;
    }
    Ok(())
}
