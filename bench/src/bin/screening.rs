//! Batch screening benchmark: generates a readmission list of synthetic households, screens it
//! end to end (CSV file in, CSV file out, an explanation on every row) and prints the figures.
//! It asserts nothing; the OpenFisca peer (bench/peers/openfisca) reads what it leaves behind.
//!
//! cargo run --release -p drom-bench --bin screening -- [--rows N] [--dir DIR] [--runs N]

use anyhow::{Context, Result};
use drom_domain::reference::Municipality;
use drom_registry::store::synthetic::{Rng, household};
use drom_screening::batch::{BatchOptions, INPUT_COLUMNS, screen_csv};
use drom_screening::{PolicySet, Screener};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

struct Args {
    rows: usize,
    dir: PathBuf,
    runs: usize,
    /// Screen the list already in `dir` instead of generating a new one.
    reuse: bool,
}

fn args() -> Result<Args> {
    let mut a = Args { rows: 1_000_000, dir: PathBuf::from("bench/data"), runs: 3, reuse: false };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--reuse" {
            a.reuse = true;
            continue;
        }
        let value = it.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--rows" => a.rows = value.parse().context("--rows")?,
            "--dir" => a.dir = value.into(),
            "--runs" => a.runs = value.parse().context("--runs")?,
            other => anyhow::bail!("unknown flag {other} (use --rows, --dir, --runs, --reuse)"),
        }
    }
    Ok(a)
}

/// A tri-state value: mostly "no", rarely "yes", and unknown (empty) for the households whose
/// files are incomplete.
fn tri(rng: &mut Rng, yes_per_mille: u64, incomplete: bool) -> &'static str {
    let roll = rng.next_u64() % 1000;
    if incomplete && roll >= 900 {
        ""
    } else if roll < yes_per_mille {
        "yes"
    } else {
        "no"
    }
}

/// The municipality as host countries write it: either official form, sometimes in capitals
/// or without diacritics.
fn written(rng: &mut Rng, m: &Municipality) -> String {
    match rng.below(10) {
        0..=4 => m.name_sq.clone(),
        5..=7 => m.name_sr.clone(),
        8 => m.name_sq.to_uppercase(),
        _ => drom_domain::fold::fold(&m.name_sr),
    }
}

/// Writes `rows` rows in households. Every 25th household has its last member moved to the
/// end of the file, so grouping cannot rely on contiguous rows.
fn generate(path: &Path, rows: usize, municipalities: &[Municipality]) -> Result<usize> {
    let mut rng = Rng::new(2004);
    let mut w = csv::WriterBuilder::new().from_writer(BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?));
    w.write_record(INPUT_COLUMNS)?;
    let mut deferred: Vec<Vec<String>> = Vec::new();
    let (mut written_rows, mut next_id, mut households) = (0usize, 0usize, 0usize);
    while written_rows + deferred.len() < rows {
        let h = household(&mut rng, 2026);
        households += 1;
        let alone = h.members.len() == 1 && rng.chance(50);
        let household_id = if alone { String::new() } else { format!("H{households:07}") };
        let incomplete = rng.chance(25);
        let voluntary = rng.chance(15);
        let origin = municipalities.iter().find(|m| m.code == h.municipality);
        let first_id = next_id;
        let mut records: Vec<Vec<String>> = Vec::new();
        let mut disabled: Option<usize> = None;
        for (relation, p) in &h.members {
            let id = format!("R{next_id:08}");
            next_id += 1;
            let disability = tri(&mut rng, 8, incomplete);
            if disability == "yes" && disabled.is_none() {
                disabled = Some(next_id - 1);
            }
            let community =
                if incomplete && rng.chance(5) { String::new() } else { p.community.clone().unwrap_or_default() };
            let municipality = match origin {
                Some(m) if !(incomplete && rng.chance(5)) => written(&mut rng, m),
                _ => String::new(),
            };
            let consent = if voluntary { tri(&mut rng, 850, incomplete) } else { "" };
            records.push(vec![
                id,
                household_id.clone(),
                relation.code().to_string(),
                p.given_name.clone(),
                p.family_name.clone(),
                p.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
                p.sex.code().to_string(),
                community,
                municipality,
                if voluntary { "voluntary" } else { "forced" }.to_string(),
                consent.to_string(),
                tri(&mut rng, 20, incomplete).to_string(),
                tri(&mut rng, 10, incomplete).to_string(),
                tri(&mut rng, 5, incomplete).to_string(),
                tri(&mut rng, 10, incomplete).to_string(),
                tri(&mut rng, 10, incomplete).to_string(),
                tri(&mut rng, 10, incomplete).to_string(),
                disability.to_string(),
                String::new(),
                tri(&mut rng, 5, incomplete).to_string(),
                tri(&mut rng, 3, incomplete).to_string(),
                if rng.chance(2) { "yes" } else { "" }.to_string(),
            ]);
        }
        records.truncate(rows - written_rows - deferred.len());
        // The head (or the spouse, when the head is the disabled person) is the caregiver.
        if let Some(d) = disabled {
            let carer = if d == first_id { 1 } else { 0 };
            if carer < records.len() && d - first_id < records.len() && carer != d - first_id {
                records[carer][18] = format!("R{d:08}");
            }
        }
        if households.is_multiple_of(25) && records.len() > 1 {
            deferred.push(records.pop().unwrap_or_default());
        }
        for r in records {
            w.write_record(&r)?;
            written_rows += 1;
        }
    }
    for r in deferred {
        w.write_record(&r)?;
        written_rows += 1;
    }
    w.flush()?;
    Ok(written_rows)
}

/// CPU seconds (user + system) this process has used so far, from /proc: the machine is shared,
/// so wall time alone can mislead.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, a)| a);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // Fields 14 and 15 of stat (utime, stime), counted after the command name.
    (ticks(11) + ticks(12)) / 100.0
}

fn main() -> Result<()> {
    let a = args()?;
    std::fs::create_dir_all(&a.dir)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let db_path = a.dir.join("reference.db");
    let _ = std::fs::remove_file(&db_path);
    let reference = runtime.block_on(async {
        let db = drom_store::Db::connect(&format!("sqlite://{}", db_path.display())).await?;
        drom_store::migrate::migrate(&db, drom::server::MIGRATIONS).await?;
        let r = db.reference().await?;
        db.close().await;
        anyhow::Ok(r)
    })?;
    let input = a.dir.join("readmission.csv");
    let t = Instant::now();
    let rows = if a.reuse {
        std::fs::read(&input)
            .with_context(|| format!("--reuse: {}", input.display()))?
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            - 1
    } else {
        generate(&input, a.rows, &reference.municipalities)?
    };
    let size = std::fs::metadata(&input)?.len();
    println!(
        "{} {rows} rows ({:.1} MB) in {:.2} s: {}",
        if a.reuse { "reusing" } else { "generated" },
        size as f64 / 1e6,
        t.elapsed().as_secs_f64(),
        input.display()
    );

    let policies = PolicySet::shipped(None)?;
    let policy = policies.by_id("unmik-2004").context("unmik-2004 is shipped")?;
    let screener = Screener::new(policy, &reference.municipalities, &reference.communities)?;
    let opts = BatchOptions { strict: false, today: chrono::Local::now().date_naive() };
    let output = a.dir.join("drom-out.csv");
    let mut times = Vec::new();
    for run in 1..=a.runs.max(1) {
        let (t, cpu) = (Instant::now(), cpu_seconds());
        let file = std::fs::File::open(&input)?;
        let out = BufWriter::with_capacity(1 << 20, std::fs::File::create(&output)?);
        // The first report of written rows marks the end of reading and deciding.
        let mut decided_at = None;
        let summary = screen_csv(&screener, file, out, &opts, &mut |p| {
            if matches!(p, drom_screening::batch::Progress::Written(..)) && decided_at.is_none() {
                decided_at = Some(t.elapsed().as_secs_f64());
            }
        })?;
        let secs = t.elapsed().as_secs_f64();
        let cpu = cpu_seconds() - cpu;
        times.push(secs);
        println!(
            "run {run}: {:.3} s wall (read and decide {:.3} s), {cpu:.2} s CPU, {:.0} rows/s ({} protected, {} needs_assessment, {} no_bar_found, {} households)",
            secs,
            decided_at.unwrap_or(0.0),
            summary.rows as f64 / secs,
            summary.protected,
            summary.needs_assessment,
            summary.no_bar_found,
            summary.households
        );
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "drom screen (library, end to end, policy unmik-2004): {rows} rows, median {median:.3} s, best {:.3} s, {:.0} rows/s",
        times[0],
        rows as f64 / median
    );
    let mut f = std::fs::File::create(a.dir.join("drom-time.txt"))?;
    writeln!(f, "{median}")?;
    Ok(())
}
