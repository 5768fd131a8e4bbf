//! HTTP benchmark: a real `drom serve` on a generated registry (national-scale names), driven
//! on loopback by a bounded, closed-loop load generator: each of C connections sends its next
//! request when the last one is answered, for a fixed time per route. For every route and
//! connection count it prints requests/s, p50, p99, errors, and the ratio to `/healthz`
//! measured at the same connection count in the same run, then the server's resident memory.
//! Prints figures; asserts nothing.
//!
//! cargo build --release -p drom -p drom-bench && \
//!   target/release/http [--persons 1000000] [--cases 1000000] [--backend sqlite|postgres|both] [--seconds 5]
//!   [--connections 1,64] [--reuse]
//!
//! `--reuse` serves the database a previous run (of this benchmark or of `registry`) loaded.
//! The return cases come with their own returnees (`drom_bench::cases`), two persons per case,
//! so a run with a million of each serves three million persons, one million of them with
//! searchable national-scale names.

use anyhow::{Context, Result};
use drom_bench::SampleName;
use drom_registry::store::synthetic::Rng;
use drom_registry::store::synthetic::national::NationalNames;
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Options {
    persons: usize,
    cases: usize,
    backends: Vec<&'static str>,
    pg_url: String,
    seconds: f64,
    connections: Vec<usize>,
    reuse: bool,
}

fn options() -> Result<Options> {
    let mut o = Options {
        persons: 1_000_000,
        cases: 1_000_000,
        backends: vec!["sqlite", "postgres"],
        pg_url: drom_bench::default_pg_url(),
        seconds: 5.0,
        connections: vec![1, 64],
        reuse: false,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--reuse" {
            o.reuse = true;
            i += 1;
            continue;
        }
        let value = args.get(i + 1).context("each option takes a value")?;
        match args[i].as_str() {
            "--persons" => o.persons = value.parse().context("--persons: a number")?,
            "--cases" => o.cases = value.parse().context("--cases: a number")?,
            "--seconds" => o.seconds = value.parse().context("--seconds: a number")?,
            "--connections" => {
                o.connections = value
                    .split(',')
                    .map(|c| c.trim().parse().context("--connections: numbers separated by commas"))
                    .collect::<Result<_>>()?
            }
            "--pg-url" => o.pg_url = value.clone(),
            "--backend" => o.backends = drom_bench::backends(value)?,
            other => anyhow::bail!("unknown option {other}"),
        }
        i += 2;
    }
    Ok(o)
}

/// What a route's requests need: the server, the users' credentials, names and person ids.
struct Target {
    base: String,
    viewer: String,
    special: String,
    session: String,
    names: Vec<SampleName>,
    first_id: i64,
    persons: i64,
}

/// One request of a route, the `n`th of its connection.
type Make = fn(&reqwest::Client, &Target, &mut Rng) -> reqwest::RequestBuilder;

struct Route {
    name: String,
    make: Make,
    /// Writers run at this many connections instead of the list's.
    connections: Option<usize>,
    /// A fixed search, added to every request.
    query: Option<String>,
}

fn person_json(rng: &mut Rng) -> serde_json::Value {
    serde_json::json!({
        "given_name": "Bench", "family_name": format!("Writer {}", rng.below(1_000_000)),
        "sex": "female", "date_of_birth": "1984-05", "municipality_of_origin": "Fushë Kosovë", "current_country": "DE",
        "legal_basis": {"kind": "consent", "consent_date": "2026-01-10", "consent_scope": "registration", "consent_language": "sq"}})
}

fn routes(model: &NationalNames) -> Vec<Route> {
    let mut out = vec![
        Route {
            name: "/healthz".into(),
            make: |c, t, _| c.get(format!("{}/healthz", t.base)),
            connections: None,
            query: None,
        },
        Route {
            name: "search: one family name".into(),
            make: |c, t, r| {
                let n = &t.names[r.below(t.names.len())];
                c.get(format!("{}/api/v1/persons", t.base)).query(&[("q", &n.family)]).bearer_auth(&t.viewer)
            },
            connections: None,
            query: None,
        },
        Route {
            name: "search: given and family name".into(),
            make: |c, t, r| {
                let n = &t.names[r.below(t.names.len())];
                c.get(format!("{}/api/v1/persons", t.base))
                    .query(&[("q", format!("{} {}", n.given, n.family))])
                    .bearer_auth(&t.viewer)
            },
            connections: None,
            query: None,
        },
        Route {
            name: "search: given name and a prefix".into(),
            make: |c, t, r| {
                let n = &t.names[r.below(t.names.len())];
                let prefix: String = n.family.chars().take(3).collect();
                c.get(format!("{}/api/v1/persons", t.base))
                    .query(&[("q", format!("{} {prefix}", n.given))])
                    .bearer_auth(&t.viewer)
            },
            connections: None,
            query: None,
        },
        Route {
            name: "search: other script".into(),
            make: |c, t, r| {
                let n = (0..20)
                    .map(|_| &t.names[r.below(t.names.len())])
                    .find(|n| !n.family_other_script.is_empty())
                    .unwrap_or(&t.names[0]);
                let q = if n.family_other_script.is_empty() { &n.family } else { &n.family_other_script };
                c.get(format!("{}/api/v1/persons", t.base)).query(&[("q", q)]).bearer_auth(&t.viewer)
            },
            connections: None,
            query: None,
        },
        Route {
            name: "GET /persons/{id}, viewer".into(),
            make: |c, t, r| {
                let id = t.first_id + r.below(t.persons as usize) as i64;
                c.get(format!("{}/api/v1/persons/{id}", t.base)).bearer_auth(&t.viewer)
            },
            connections: None,
            query: None,
        },
        Route {
            name: "GET /persons/{id}, special categories".into(),
            make: |c, t, r| {
                let id = t.first_id + r.below(t.persons as usize) as i64;
                c.get(format!("{}/api/v1/persons/{id}", t.base)).bearer_auth(&t.special)
            },
            connections: None,
            query: None,
        },
        Route {
            name: "page: home".into(),
            make: |c, t, _| c.get(format!("{}/home", t.base)).header("Cookie", format!("drom_session={}", t.session)),
            connections: None,
            query: None,
        },
        Route {
            name: "page: persons search".into(),
            make: |c, t, r| {
                let n = &t.names[r.below(t.names.len())];
                c.get(format!("{}/persons", t.base))
                    .query(&[("q", format!("{} {}", n.given, n.family))])
                    .header("Cookie", format!("drom_session={}", t.session))
            },
            connections: None,
            query: None,
        },
        Route {
            name: "GET /return-cases".into(),
            make: |c, t, _| c.get(format!("{}/api/v1/return-cases?per_page=25", t.base)).bearer_auth(&t.special),
            connections: None,
            query: None,
        },
        Route {
            name: "GET /return-cases, forced and arrived".into(),
            make: |c, t, _| {
                c.get(format!("{}/api/v1/return-cases?per_page=25&return_type=forced&stage=arrived", t.base))
                    .bearer_auth(&t.special)
            },
            connections: None,
            query: None,
        },
        Route {
            name: "GET /reports/returns, 2008".into(),
            make: |c, t, _| {
                c.get(format!("{}/api/v1/reports/returns?from=2008-01-01&to=2008-12-31", t.base))
                    .bearer_auth(&t.special)
            },
            connections: None,
            query: None,
        },
        Route {
            name: "GET /reports/sustainability, 2020".into(),
            make: |c, t, _| {
                c.get(format!("{}/api/v1/reports/sustainability?from=2020-01-01&to=2020-12-31", t.base))
                    .bearer_auth(&t.special)
            },
            connections: None,
            query: None,
        },
        Route {
            name: "page: return cases".into(),
            make: |c, t, _| {
                c.get(format!("{}/return-cases", t.base)).header("Cookie", format!("drom_session={}", t.session))
            },
            connections: None,
            query: None,
        },
        Route {
            name: "page: re-screening".into(),
            make: |c, t, _| {
                c.get(format!("{}/screenings/rescreen", t.base)).header("Cookie", format!("drom_session={}", t.session))
            },
            connections: None,
            query: None,
        },
        Route {
            name: "POST /persons, 8 writers".into(),
            make: |c, t, r| c.post(format!("{}/api/v1/persons", t.base)).json(&person_json(r)).bearer_auth(&t.special),
            connections: Some(8),
            query: None,
        },
    ];
    // The named worst cases, each its own route.
    for (what, q) in model.worst_cases() {
        out.push(Route {
            name: format!("worst: {what} \u{201c}{q}\u{201d}"),
            make: |c, t, _| c.get(format!("{}/api/v1/persons", t.base)).bearer_auth(&t.viewer),
            connections: None,
            query: Some(q),
        });
    }
    out
}

#[derive(Default)]
struct Figures {
    ok: u64,
    errors: u64,
    latencies_us: Vec<u32>,
    first_error: Option<String>,
}

/// Drives `route` with `connections` closed-loop connections for `seconds`.
async fn drive(route: &Route, target: Arc<Target>, connections: usize, seconds: f64) -> Result<(Figures, f64)> {
    // A redirect (to the sign-in page, say) counts as an error, not as a fast answer.
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(connections)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let mut tasks = tokio::task::JoinSet::new();
    let started = Instant::now();
    for n in 0..connections {
        let (client, target, make, worst) = (client.clone(), target.clone(), route.make, route.query.clone());
        tasks.spawn(async move {
            let mut rng = Rng::new(n as u64 * 7 + 1);
            let mut f = Figures::default();
            while Instant::now() < deadline {
                let mut request = make(&client, &target, &mut rng);
                if let Some(q) = &worst {
                    request = request.query(&[("q", q)]);
                }
                let t = Instant::now();
                let outcome = match request.send().await {
                    Ok(r) if r.status().is_success() => r.bytes().await.map(|_| ()).map_err(|e| e.to_string()),
                    Ok(r) => Err(format!("{} {}", r.status(), r.text().await.unwrap_or_default())),
                    Err(e) => Err(e.to_string()),
                };
                f.latencies_us.push(t.elapsed().as_micros().min(u32::MAX as u128) as u32);
                match outcome {
                    Ok(()) => f.ok += 1,
                    Err(e) => {
                        f.errors += 1;
                        f.first_error.get_or_insert(e);
                    }
                }
            }
            f
        });
    }
    let mut all = Figures::default();
    while let Some(f) = tasks.join_next().await {
        let f = f?;
        all.ok += f.ok;
        all.errors += f.errors;
        all.latencies_us.extend(f.latencies_us);
        if all.first_error.is_none() {
            all.first_error = f.first_error;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.latencies_us.sort_unstable();
    Ok((all, elapsed))
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    sorted.get(((sorted.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(0) as f64 / 1000.0
}

async fn run(backend: &str, o: &Options, model: &NationalNames) -> Result<()> {
    let (db, url) = if o.reuse {
        let url = drom_bench::database_url(backend, &o.pg_url, "registry");
        (drom_store::Db::connect(&url).await?, url)
    } else {
        drom_bench::fresh_database(backend, &o.pg_url, "registry").await?
    };
    let (special, viewer) = drom_bench::bench_users(&db).await?;
    let started = Instant::now();
    let (loaded, names) = if o.reuse {
        (o.persons, drom_bench::sample_names(o.persons, model))
    } else {
        let loaded =
            drom_bench::load_registry(&db, special.actor().registry_writer()?, o.persons, model, backend).await?;
        println!(
            "{backend}: loaded {} persons in {:.1} s ({:.0} persons/s)",
            loaded.0,
            started.elapsed().as_secs_f64(),
            loaded.0 as f64 / started.elapsed().as_secs_f64()
        );
        if o.cases > 0 {
            // Builds the report tallies and analyses the database at its end.
            let t = Instant::now();
            drom_bench::cases::generate(&db, special.agency_id, o.cases).await?;
            println!("{backend}: generated {} return cases in {:.1} s", o.cases, t.elapsed().as_secs_f64());
        } else {
            db.analyze().await?;
        }
        loaded
    };
    let (first_id, persons, cases) = {
        let mut h = db.acquire().await?;
        let mut c = h.conn();
        let (min, count): (Option<i64>, i64) = drom_store::sql!(
            &mut c,
            fetch_one,
            sqlx::query_as::<_, (Option<i64>, i64)>("SELECT MIN(id), COUNT(*) FROM person")
        )?;
        let cases: i64 =
            drom_store::sql!(&mut c, fetch_one, sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM return_case"))?;
        // Only the persons with names (loaded first) are read by id: the cases' returnees are
        // bare rows made in SQL.
        (min.unwrap_or(1), count.min(loaded as i64).max(1), cases)
    };
    let target = Target {
        base: String::new(),
        viewer: db.issue_token(&viewer, "http benchmark").await?,
        special: db.issue_token(&special, "http benchmark").await?,
        session: db.start_session(&special).await?,
        names,
        first_id,
        persons,
    };
    db.close().await;

    let exe = std::env::current_exe()?;
    let drom = exe.parent().context("the benchmark's folder")?.join("drom");
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let mut child = drom_bench::serve(&drom, &url, port)?;
    let target = Arc::new(Target { base: format!("http://127.0.0.1:{port}"), ..target });
    let probe = reqwest::Client::new();
    let mut up = false;
    for _ in 0..600 {
        if probe.get(format!("{}/healthz", target.base)).send().await.is_ok_and(|r| r.status().is_success()) {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    anyhow::ensure!(up, "drom serve did not start");
    let (rss, _) = drom_bench::memory_mib(child.id());
    println!(
        "{backend}: {persons} persons ({loaded} with searchable names loaded by this run), {cases} return cases, {} s per route, server at start {rss} MiB, load average {}",
        o.seconds,
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!(
        "| {backend} | conns | req/s | p50 ms | p99 ms | errors | ratio to /healthz | RSS MiB |\n|---|---|---|---|---|---|---|---|"
    );
    let mut ceiling: std::collections::HashMap<usize, f64> = std::collections::HashMap::new();
    for route in routes(model) {
        let counts = route.connections.map(|c| vec![c]).unwrap_or_else(|| o.connections.clone());
        for connections in counts {
            let (f, elapsed) = drive(&route, target.clone(), connections, o.seconds).await?;
            let rate = (f.ok + f.errors) as f64 / elapsed;
            if route.name == "/healthz" {
                ceiling.insert(connections, rate);
            }
            let ratio = ceiling.get(&connections).map(|c| format!("{:.3}", rate / c)).unwrap_or_default();
            let (rss, _) = drom_bench::memory_mib(child.id());
            println!(
                "| {} | {connections} | {rate:.0} | {:.2} | {:.2} | {} | {ratio} | {rss} |",
                route.name,
                percentile(&f.latencies_us, 0.5),
                percentile(&f.latencies_us, 0.99),
                f.errors
            );
            if let Some(e) = f.first_error {
                eprintln!("  first error: {}", e.chars().take(300).collect::<String>());
            }
        }
    }
    let (rss, peak) = drom_bench::memory_mib(child.id());
    println!("{backend}: server memory after the runs {rss} MiB, peak {peak} MiB");
    let _ = child.kill();
    let _ = child.wait();
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    let o = options()?;
    let model = NationalNames::new();
    let (family, given) = model.distinct();
    println!(
        "http benchmark: {} persons; names: {family} distinct family names, {given} distinct given names, Zipf-ranked",
        o.persons
    );
    for backend in &o.backends {
        run(backend, &o, &model).await?;
    }
    Ok(())
}
