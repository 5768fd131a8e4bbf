//! The returns report and import at the command line: the 2008 period of the sources
//! reproduced from demo data in every format, and a returns file imported all or nothing.

use crate::helpers::{Backend, TempDir, fresh_database};
use drom_registry::RegistryDb;
use drom_returns::ReturnsDb;
use serde_json::{Value, json};
use std::io::Read;
use std::process::Command;

/// Runs the binary as the operator checking the sources' published figures: with no small-cell
/// threshold (`DROM_SMALL_CELL=1`), so that every count of the 2008 report can be compared.
fn drom(args: &[&str]) -> (bool, Vec<u8>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_drom"))
        .args(args)
        .env_remove("DROM_DATABASE_URL")
        .env("DROM_SMALL_CELL", "1")
        .output()
        .expect("run drom");
    (out.status.success(), out.stdout, String::from_utf8_lossy(&out.stderr).into())
}

fn count(cells: &Value, key: &str) -> i64 {
    cells.as_array().unwrap().iter().find(|c| c["key"] == key).map_or(0, |c| c["persons"].as_i64().unwrap())
}

async fn period_2008(backend: Backend) {
    let (url, _dir, _name) = fresh_database(backend).await;
    let db = drom::cli::open(&url).await.unwrap();
    let _files = crate::helpers::keep_files_apart(&db);
    assert!(drom::demo::seed(&db).await.unwrap());
    // The demo's referrals show the common statuses, one overdue, and the Migrant Service
    // Centre's sessions.
    let rows = |q: &'static str| {
        let db = db.clone();
        async move {
            let mut h = db.acquire().await.unwrap();
            let mut c = h.conn();
            drom_store::sql!(&mut c, fetch_one, sqlx::query_scalar::<_, i64>(q)).unwrap()
        }
    };
    assert!(rows("SELECT COUNT(DISTINCT status) FROM referral").await >= 4);
    assert_eq!(rows("SELECT COUNT(*) FROM referral WHERE status = 'completed' AND outcome IS NOT NULL").await, 1);
    assert_eq!(rows("SELECT COUNT(*) FROM referral WHERE status = 'rejected'").await, 1);
    assert!(rows("SELECT COUNT(*) FROM msc_session").await >= 12);
    // The CRP/K project's period from its newsletter: 10 meetings, 7 trainings, 2 round tables.
    {
        use drom_discrimination::DiscriminationDb;
        let crp = db.user_by_name("crp").await.unwrap().actor();
        let period = drom_discrimination::store::outreach::Period {
            from: Some("2021-11-01".parse().unwrap()),
            to: Some("2022-10-31".parse().unwrap()),
        };
        let o = db.discrimination().outreach(&crp, &period, chrono::Utc::now().date_naive()).await.unwrap();
        let kinds: Vec<(&str, i64)> = o.by_kind.iter().map(|(k, n)| (k.as_str(), *n)).collect();
        assert_eq!(kinds, [("meeting", 10), ("training", 7), ("round_table", 2)]);
        // The demo's reports reach several bodies; some are worked to an outcome.
        assert!(rows("SELECT COUNT(DISTINCT agency_id) FROM discrimination_report").await >= 4);
        assert!(rows("SELECT COUNT(*) FROM discrimination_report WHERE status = 'closed'").await >= 2);
        let today = chrono::Utc::now().date_naive().to_string();
        let (ok, out, err) = drom(&[
            "report",
            "discrimination",
            "--from",
            "2020-01-01",
            "--to",
            &today,
            "--format",
            "hxl",
            "--database",
            &url,
        ]);
        assert!(ok, "{err}");
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "from,to,dimension,category,reports");
        assert!(lines[1].starts_with("#date+start,#date+end,"), "HXL hashtags on the second row: {}", lines[1]);
        let total = lines.iter().find(|l| l.contains(",total,all,")).unwrap();
        let reports = rows("SELECT COUNT(*) FROM discrimination_report").await;
        assert!(total.ends_with(&format!(",{reports}")), "{total}");
    }
    let (ok, out, err) = drom(&[
        "report",
        "returns",
        "--from",
        "2008-05-01",
        "--to",
        "2008-08-31",
        "--format",
        "json",
        "--database",
        &url,
    ]);
    assert!(ok, "{err}");
    let r: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(r["returns"], 311);
    assert_eq!(count(&r["by_transport"], "air"), 304);
    assert_eq!(count(&r["by_transport"], "land"), 7);
    let host = &r["by_host_country"];
    for (country, n) in [
        ("AT", 95),
        ("DE", 72),
        ("NO", 37),
        ("BE", 27),
        ("GB", 26),
        ("CH", 22),
        ("NL", 14),
        ("LU", 5),
        ("HU", 4),
        ("FI", 4),
    ] {
        assert_eq!(count(host, country), n, "{country}");
    }
    assert_eq!(count(&r["by_programme"], "VARRP"), 23);
    // As published to anyone else, the small counts are hidden, with one more where a hidden
    // one could be worked out from the total.
    let (ok, out, err) = drom(&[
        "report",
        "returns",
        "--from",
        "2008-05-01",
        "--to",
        "2008-08-31",
        "--format",
        "json",
        "--small-cells",
        "5",
        "--database",
        &url,
    ]);
    assert!(ok, "{err}");
    let published: Value = serde_json::from_slice(&out).unwrap();
    let persons = |key: &str| {
        published["by_host_country"].as_array().unwrap().iter().find(|c| c["key"] == key).unwrap()["persons"].clone()
    };
    assert_eq!((persons("AT"), persons("LU")), (json!(95), json!(5)));
    assert!(persons("HU").is_null() && persons("FI").is_null(), "{published}");
    assert_eq!((published["suppressed"].as_bool(), published["small_cell_threshold"].as_i64()), (Some(true), Some(5)));
    assert_eq!(published["returns"], 311, "the total stays");
    assert_eq!((r["direct_beneficiaries"].as_i64(), r["indirect_beneficiaries"].as_i64()), (Some(22), Some(26)));
    // Cut anywhere, the parts add up to the whole: partial months are counted from the rows,
    // whole months from the tallies.
    let report = |from: &str, to: &str| {
        let (ok, out, err) =
            drom(&["report", "returns", "--from", from, "--to", to, "--format", "json", "--database", &url]);
        assert!(ok, "{err}");
        serde_json::from_slice::<Value>(&out).unwrap()
    };
    for (cut, next) in [("2008-06-15", "2008-06-16"), ("2008-05-31", "2008-06-01"), ("2008-07-09", "2008-07-10")] {
        let (a, b) = (report("2008-05-01", cut), report(next, "2008-08-31"));
        assert_eq!(a["returns"].as_i64().unwrap() + b["returns"].as_i64().unwrap(), 311, "cut at {cut}");
        for country in ["AT", "DE", "BE"] {
            let both = count(&a["by_host_country"], country) + count(&b["by_host_country"], country);
            assert_eq!(both, count(host, country), "{country} cut at {cut}");
        }
        let paid = |r: &Value| {
            r["assistance"].as_array().unwrap().iter().map(|c| c["disbursed_cents"].as_i64().unwrap()).sum::<i64>()
        };
        assert_eq!(paid(&a) + paid(&b), paid(&r), "cut at {cut}");
        let direct = a["direct_beneficiaries"].as_i64().unwrap() + b["direct_beneficiaries"].as_i64().unwrap();
        assert_eq!(direct, 22, "cut at {cut}");
    }
    // The day after the period holds none of them.
    let (ok, out, _) = drom(&[
        "report",
        "returns",
        "--from",
        "2008-09-01",
        "--to",
        "2008-12-31",
        "--format",
        "json",
        "--database",
        &url,
    ]);
    assert!(ok);
    let later: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(later["returns"], 0);

    let (ok, out, err) = drom(&[
        "report",
        "returns",
        "--from",
        "2008-05-01",
        "--to",
        "2008-08-31",
        "--format",
        "csv",
        "--database",
        &url,
    ]);
    assert!(ok, "{err}");
    let csv = String::from_utf8(out).unwrap();
    assert!(csv.starts_with("section,key,label,persons,cases"), "{csv}");
    assert!(csv.contains("\nhost_country,AT,Austria,95,"), "{csv}");
    assert!(csv.contains("\nbeneficiaries,indirect,indirect,26,"), "{csv}");

    let (ok, out, err) = drom(&["report", "returns", "--from", "2008-05-01", "--to", "2008-08-31", "--database", &url]);
    assert!(ok, "{err}");
    let table = String::from_utf8(out).unwrap();
    assert!(table.contains("311 persons"), "{table}");
    assert!(table.contains("22 direct, 26 indirect"), "{table}");

    let dir = TempDir::new();
    let file = dir.0.join("report.xlsx");
    let file = file.to_str().unwrap();
    let (ok, _, err) = drom(&[
        "report",
        "returns",
        "--from",
        "2008-05-01",
        "--to",
        "2008-08-31",
        "--format",
        "xlsx",
        "--out",
        file,
        "--database",
        &url,
    ]);
    assert!(ok, "{err}");
    let mut book = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut strings = String::new();
    book.by_name("xl/sharedStrings.xml").unwrap().read_to_string(&mut strings).unwrap();
    assert!(strings.contains("Austria") && strings.contains("Returns by host country"), "{strings}");
    assert!(
        book.file_names().any(|n| n.is_ok_and(|n| n.starts_with("xl/charts/"))),
        "a chart of returns by host country"
    );
    let (ok, _, err) = drom(&[
        "report",
        "returns",
        "--from",
        "2008-05-01",
        "--to",
        "2008-08-31",
        "--format",
        "xlsx",
        "--database",
        &url,
    ]);
    assert!(!ok && err.contains("--out"), "{err}");
    let (ok, _, err) = drom(&["report", "returns", "--from", "2008-09-01", "--to", "2008-05-01", "--database", &url]);
    assert!(!ok && err.contains("to: 2008-05-01 is before the start of the period"), "{err}");
}

#[tokio::test]
async fn the_2008_period_is_reproduced_from_demo_data_on_sqlite() {
    period_2008(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_2008_period_is_reproduced_from_demo_data_on_postgres() {
    period_2008(Backend::Postgres).await;
}

const GOOD: &str = "case_ref,given_name,family_name,date_of_birth,sex,relation,host_country,return_type,transport,departure_date,arrival_date,destination_municipality,programme
K-1,Besim,Gashi,1980-02-03,male,head,DE,voluntary,air,2024-03-01,2024-03-01,Prishtinë,
K-1,Fatime,Gashi,1984,female,spouse,,,,,,,
K-2,Dragan,Petrović,1990-07,male,,AT,forced,land,2024-04-02,2024-04-03,Graçanicë,
";

async fn import(backend: Backend) {
    let (url, _dir, _name) = fresh_database(backend).await;
    let db = drom::cli::open(&url).await.unwrap();
    let _files = crate::helpers::keep_files_apart(&db);
    drom::demo::seed(&db).await.unwrap();
    let dir = TempDir::new();
    let write = |name: &str, text: &str| {
        let p = dir.0.join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let report = || {
        let (ok, out, err) = drom(&[
            "report",
            "returns",
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
            "--format",
            "json",
            "--agency",
            "iom-kosovo",
            "--database",
            &url,
        ]);
        assert!(ok, "{err}");
        serde_json::from_slice::<Value>(&out).unwrap()
    };
    // One bad row anywhere: the whole file is refused, naming row and column, and nothing lands.
    let bad = GOOD
        .replace("2024-04-02,2024-04-03", "2024-04-05,2024-04-03")
        .replace("K-1,Fatime,Gashi,1984,female,spouse", "K-1,Fatime,Gashi,1984,femal,spouse");
    let (ok, _, err) =
        drom(&["import", "returns", &write("bad.csv", &bad), "--user", "counsellor", "--database", &url]);
    assert!(!ok);
    assert!(err.contains("row 4, arrival_date: arrival on 2024-04-03 is before departure on 2024-04-05"), "{err}");
    assert!(err.contains("row 3, sex: 'femal' is not one of"), "{err}");
    assert!(err.contains("nothing written"), "{err}");
    assert_eq!(report()["returns"], 0);
    let unknown = GOOD.replace("programme\n", "programme,colour\n");
    let (ok, _, err) =
        drom(&["import", "returns", &write("cols.csv", &unknown), "--user", "counsellor", "--database", &url]);
    assert!(!ok && err.contains("'colour' is not a column"), "{err}");
    let (ok, _, err) = drom(&["import", "returns", &write("v.csv", GOOD), "--user", "viewer", "--database", &url]);
    assert!(!ok && err.contains("registry_write"), "{err}");

    // A forced return that has travelled must pass the protection gate, as on every path: new
    // persons have never been screened.
    let (ok, _, err) =
        drom(&["import", "returns", &write("forced.csv", GOOD), "--user", "counsellor", "--database", &url]);
    assert!(!ok);
    assert!(
        err.contains(
            "row 4, return_type: a forced return with a departure or arrival date must pass the protection gate"
        ),
        "{err}"
    );
    assert_eq!(report()["returns"], 0);
    let good = GOOD.replace(",AT,forced,", ",AT,voluntary,");
    let (ok, out, err) =
        drom(&["import", "returns", &write("good.csv", &good), "--user", "counsellor", "--database", &url]);
    assert!(ok, "{err}");
    assert!(String::from_utf8_lossy(&out).contains("imported 2 return cases (3 returnees, 3 new persons)"));
    let r = report();
    assert_eq!(r["returns"], 3);

    // Existing persons: each may be in one open case only, and named once in a file.
    let counsellor = db.user_by_name("counsellor").await.unwrap().actor();
    let open = db.returns().return_cases(&counsellor, &Default::default()).await.unwrap();
    let besim = open.items.iter().find(|c| c.given_name == "Besim").map(|c| c.person_id).unwrap();
    let free = db
        .registry()
        .create_person(
            counsellor.registry_writer().unwrap(),
            serde_json::from_value(crate::helpers::person_json("Ilir", "Krasniqi")).unwrap(),
            None,
        )
        .await
        .unwrap()
        .id;
    let existing = format!(
        "case_ref,person_id,host_country,return_type\nE-1,{besim},DE,voluntary\nE-2,{free},DE,voluntary\nE-3,{free},AT,forced\nE-4,99999999,AT,forced\n"
    );
    let (ok, _, err) =
        drom(&["import", "returns", &write("e.csv", &existing), "--user", "counsellor", "--database", &url]);
    assert!(!ok);
    assert!(err.contains(&format!("row 2, person_id: person {besim} is already in open return case")), "{err}");
    assert!(err.contains(&format!("row 4, person_id: person {free} is a returnee of row 3 already")), "{err}");
    assert!(err.contains("row 5, person_id: there is no person 99999999 in your agency"), "{err}");
    assert_eq!(
        db.returns().return_cases(&counsellor, &Default::default()).await.unwrap().total,
        open.total,
        "nothing written"
    );
    let single = format!("case_ref,person_id,host_country,return_type\nE-2,{free},DE,voluntary\n");
    let (ok, out, err) =
        drom(&["import", "returns", &write("s.csv", &single), "--user", "counsellor", "--database", &url]);
    assert!(ok, "{err}");
    assert!(String::from_utf8_lossy(&out).contains("imported 1 return cases (1 returnees, 0 new persons)"));
    assert_eq!(count(&r["by_return_type"], "voluntary"), 3);
    assert_eq!(count(&r["by_transport"], "land"), 1);
    assert_eq!(count(&r["by_municipality"], "gracanice"), 1);
    assert_eq!(count(&r["by_district"], "Prishtinë/Priština"), 3);
}

#[tokio::test]
async fn a_returns_file_is_imported_all_or_nothing_on_sqlite() {
    import(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_returns_file_is_imported_all_or_nothing_on_postgres() {
    import(Backend::Postgres).await;
}
