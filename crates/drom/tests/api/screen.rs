//! `drom screen` on real files: the policy chosen by date, households and malformed rows,
//! strict mode leaving no output behind, administrators' policy files, and the reference data
//! read from SQLite and PostgreSQL.

use crate::helpers::{Backend, TempDir, fresh_database};
use std::path::Path;
use std::process::Command;

fn drom(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_drom"))
        .args(args)
        .env_remove("DROM_DATABASE_URL")
        .env_remove("DROM_POLICIES")
        .output()
        .expect("run drom");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

const HEADER: &str = "request_id,household_id,relation,given_name,family_name,date_of_birth,sex,community,municipality_of_origin,return_type,informed_consent,mixed_marriage,mixed_ethnicity,perceived_regime_association,serious_protection_risk,severe_illness_untreatable,severe_mental_illness_untreatable,severe_disability,caregiver_for,elderly_without_support,trafficking_victim,best_interests_determination";

/// id, household, community, municipality, then the 12 facts from informed_consent on (with
/// caregiver_for in its place).
pub(crate) fn list() -> String {
    let rows = [
        "A1,H1,head,Sabit,Kurteshi,1975-03-02,male,ashkali,Fushë Kosovë,forced,,no,no,no,no,no,no,no,,no,no,",
        "E1,,head,Hava,Bajrami,1980,female,egyptian,GJAKOVË,forced,,no,no,no,no,no,no,no,,no,no,",
        "R1,H2,head,Ramiz,Demiri,1970-11,male,roma,Prizren,forced,,no,no,no,no,no,no,no,,no,no,",
        "B1,,head,Arben,Gashi,1985-01-01,male,albanian,Priština,forced,,no,no,no,no,no,no,no,,no,no,",
        "A2,H1,child,Nurije,Kurteshi,2008-06-01,female,ashkali,Fushë Kosovë,forced,,no,no,no,no,no,no,no,,no,no,",
        "X1,H2,spouse,Drita,Demiri,1972,female,albanian,Prizren,forced,,no,no,no,no,no,no,no,,no,no,",
        "T1,,head,Emine,Ademi,1990,female,turkish,Mamushë,forced,,no,no,no,no,no,no,no,,no,no,",
    ];
    format!("{HEADER}\n{}\n", rows.join("\n"))
}

/// (request_id, outcome, policy) of each output row.
fn read(path: &Path) -> Vec<(String, String, String)> {
    let mut r = csv::Reader::from_path(path).unwrap();
    r.records().map(|x| x.unwrap()).map(|x| (x[0].to_string(), x[2].to_string(), x[3].to_string())).collect()
}

fn outcome<'a>(rows: &'a [(String, String, String)], id: &str) -> &'a str {
    &rows.iter().find(|r| r.0 == id).unwrap().1
}

fn screen_by_date(url: &str, dir: &Path) {
    let input = dir.join("list.csv");
    std::fs::write(&input, list()).unwrap();
    let (before, after) = (dir.join("2005.csv"), dir.join("2007.csv"));
    let run = |out: &Path, day: &str| {
        let (ok, stdout, stderr) = drom(&[
            "screen",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--as-of",
            day,
            "--database",
            url,
        ]);
        assert!(ok, "{stderr}");
        assert!(stdout.contains("screened 7 rows (2 households)"), "{stdout}");
    };
    run(&before, "2005-01-01");
    run(&after, "2007-01-01");
    let (b, a) = (read(&before), read(&after));
    assert_eq!(b.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), ["A1", "E1", "R1", "B1", "A2", "X1", "T1"]);
    assert!(b.iter().all(|r| r.2 == "unmik-2004") && a.iter().all(|r| r.2 == "unhcr-2006"));
    for id in ["A1", "E1", "A2"] {
        assert_eq!((outcome(&b, id), outcome(&a, id)), ("protected", "no_bar_found"), "{id}");
    }
    // Roma stay protected, and so does the Albanian spouse in the Roma household, whose rows
    // are not next to each other.
    for id in ["R1", "X1"] {
        assert_eq!((outcome(&b, id), outcome(&a, id)), ("protected", "protected"), "{id}");
    }
    assert_eq!((outcome(&b, "B1"), outcome(&a, "B1")), ("no_bar_found", "no_bar_found"));
}

#[tokio::test]
async fn screening_by_date_on_sqlite() {
    let dir = TempDir::new();
    let url = format!("sqlite://{}", dir.0.join("drom.db").display());
    screen_by_date(&url, &dir.0);
}

#[tokio::test]
async fn screening_by_date_on_postgres() {
    let (url, _dir, _name) = fresh_database(Backend::Postgres).await;
    let dir = TempDir::new();
    screen_by_date(&url, &dir.0);
}

#[test]
fn malformed_rows_strict_mode_and_policy_files() {
    let dir = TempDir::new();
    let db = format!("sqlite://{}", dir.0.join("drom.db").display());
    let input = dir.0.join("list.csv");
    let bad =
        list().replace("T1,,head,Emine,Ademi,1990,female,turkish", "T1,,head,Emine,Ademi,1990-02-30,female,turkish");
    std::fs::write(&input, &bad).unwrap();
    let out = dir.0.join("out.csv");
    let args = |extra: &[&str]| {
        let mut a = vec!["screen", input.to_str().unwrap(), "--out", out.to_str().unwrap(), "--database", &db];
        a.extend_from_slice(extra);
        a.into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    let run = |extra: &[&str]| {
        let a = args(extra);
        drom(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };

    // Without --strict the row is decided as needs_assessment, with the reason.
    let (ok, stdout, stderr) = run(&["--policy", "unmik-2004"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("malformed rows             1"), "{stdout}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.lines().any(|l| l.starts_with("T1,,needs_assessment") && l.contains("1990-02-30 is not a date")),
        "{text}"
    );

    // With --strict the run stops naming row and field, and leaves no file behind.
    std::fs::remove_file(&out).unwrap();
    let (ok, _, stderr) = run(&["--policy", "unmik-2004", "--strict"]);
    assert!(!ok);
    assert!(stderr.contains("row 7 (line 8), field date_of_birth"), "{stderr}");
    assert!(!out.exists(), "strict mode must write nothing");
    let leftovers: Vec<_> = std::fs::read_dir(&dir.0)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("out.csv"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary output may be left: {leftovers:?}");

    // An unknown policy id lists the known ones.
    let (ok, _, stderr) = run(&["--policy", "unmik-1999"]);
    assert!(!ok);
    assert!(stderr.contains("no policy 'unmik-1999'") && stderr.contains("unhcr-2006 (from 2006-06-01)"), "{stderr}");

    // An administrator adds a policy by dropping a file in a folder: no rebuild.
    let policies = dir.0.join("policies");
    std::fs::create_dir(&policies).unwrap();
    let local = r#"id = "local-2030"
title = "A local policy"
effective_from = 2030-01-01

[source]
document = "test"
location = "test"
quotation = "paraphrase"

[[rule]]
id = "turkish"
summary = "Turkish community members are not returned"
quote = "Turkish community members are not returned."
when.community_in = ["turkish"]
"#;
    std::fs::write(policies.join("local-2030.toml"), local).unwrap();
    std::fs::write(&input, list()).unwrap();
    let (ok, stdout, stderr) = run(&["--as-of", "2031-01-01", "--policies", policies.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("under local-2030"), "{stdout}");
    let rows = read(&out);
    assert_eq!(outcome(&rows, "T1"), "protected");
    assert_eq!(outcome(&rows, "R1"), "no_bar_found");

    // A malformed file in the folder is refused with its name and line.
    std::fs::write(
        policies.join("broken.toml"),
        local.replace("local-2030", "broken").replace("when.community_in", "when.comunity"),
    )
    .unwrap();
    let (ok, _, stderr) = run(&["--as-of", "2031-01-01", "--policies", policies.to_str().unwrap()]);
    assert!(!ok);
    assert!(stderr.contains("broken.toml:14:") && stderr.contains("comunity"), "{stderr}");
}
