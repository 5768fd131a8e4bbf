//! The audit log: writes and special-category reads are recorded; `drom audit verify` proves
//! the chain untouched and names the first broken entry.

use crate::both_backends;
use crate::helpers::{TestApp, person_json};
use serde_json::{Value, json};
use std::process::Command;

fn verify(app: &TestApp) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_drom"))
        .args(["audit", "verify", "--database", &app.url])
        .output()
        .expect("run drom");
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

async fn actions(app: &TestApp, id: i64) -> Vec<String> {
    let (_, v) = app.get("admin", &format!("/api/v1/audit?record_type=person&record_id={id}")).await;
    v.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_string()).collect()
}

async fn reads_writes_and_chain(app: &TestApp) {
    let mut p = person_json("Hajrush", "Salihu");
    p["vulnerabilities"] = json!(["severe_mental_illness"]);
    let id = app.person("caseworker", p).await;
    assert_eq!(actions(app, id).await, vec!["person.create"]);

    // A reader without the permission sees no special categories, and nothing is logged.
    app.get("viewer", &format!("/api/v1/persons/{id}")).await;
    assert_eq!(actions(app, id).await, vec!["person.create"]);
    // A reader with it is logged, with the fields read (not their values).
    app.get("caseworker", &format!("/api/v1/persons/{id}")).await;
    let (_, entries) = app.get("admin", &format!("/api/v1/audit?record_type=person&record_id={id}")).await;
    let read: &Value = &entries[0];
    assert_eq!(read["action"], "person.read_special");
    assert_eq!(read["detail"], "{\"fields\":[\"vulnerabilities\"]}");
    assert!(!entries.to_string().contains("severe_mental_illness"));

    let (ok, out) = verify(app);
    assert!(ok, "{out}");
    assert!(out.contains("chain intact"), "{out}");

    // Change an entry in the middle: verify fails and names it.
    app.tamper("UPDATE audit_log SET detail = '{}' WHERE seq = 3").await;
    let (ok, out) = verify(app);
    assert!(!ok);
    assert!(out.contains("audit entry 3"), "{out}");
}
both_backends!(reads_writes_and_chain);

async fn deleted_entries_are_found(app: &TestApp) {
    app.person("caseworker", person_json("Elmaze", "Fazliu")).await;
    app.person("caseworker", person_json("Remzije", "Fazliu")).await;
    let last = app.count("audit_log").await;
    app.tamper(&format!("DELETE FROM audit_log WHERE seq = {last}")).await;
    let (ok, out) = verify(app);
    assert!(!ok);
    assert!(out.contains(&format!("audit entry {last}")), "{out}");
}
both_backends!(deleted_entries_are_found);

/// Special-category reads arriving together share audit transactions (group commit), yet each
/// answer comes after its own entry exists, and the chain stays whole.
async fn concurrent_special_reads_each_leave_an_entry(app: &TestApp) {
    let mut p = person_json("Hajrush", "Salihu");
    p["vulnerabilities"] = json!(["severe_mental_illness"]);
    let id = app.person("caseworker", p).await;
    let before = app.count("audit_log").await;
    let reads = (0..48).map(|_| async {
        let (status, body) = app.get("caseworker", &format!("/api/v1/persons/{id}")).await;
        assert_eq!(status, 200, "{body}");
        // The entry of this read is committed before its answer: counting now sees it.
        app.count("audit_log").await
    });
    let seen = futures_util::future::join_all(reads).await;
    assert!(seen.iter().all(|n| *n > before), "{seen:?}");
    assert_eq!(app.count("audit_log").await, before + 48);
    let read_entries = actions(app, id).await.iter().filter(|a| *a == "person.read_special").count();
    assert_eq!(read_entries, 48);
    let (ok, out) = verify(app);
    assert!(ok, "{out}");
}
both_backends!(concurrent_special_reads_each_leave_an_entry);

/// Eight writers at once all land, each with its audit entry, the chain whole.
async fn concurrent_writers_all_land(app: &TestApp) {
    let before = app.count("audit_log").await;
    let writes = (0..32).map(|i| app.person("caseworker", person_json("Writer", &format!("Concurrent{i}"))));
    let ids = futures_util::future::join_all(writes).await;
    assert_eq!(ids.len(), 32);
    assert_eq!(app.count("audit_log").await, before + 32);
    let (ok, out) = verify(app);
    assert!(ok, "{out}");
}
both_backends!(concurrent_writers_all_land);
