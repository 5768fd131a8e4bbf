//! Casework on real servers: who holds a case and who may change it, tasks by hand and by the
//! monitoring-visit rule (following the case's assignment, idempotent), notes and files with
//! their special-category rules, checksums and audit entries.

use crate::both_backends;
use crate::helpers::{TestApp, person_json};
use crate::returns::{open_case, sheet, walk_to_arrival};
use drom_casework::CaseworkDb;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";

async fn user_id(app: &TestApp, name: &str) -> i64 {
    app.db.user_by_name(name).await.unwrap().id
}

async fn actions(app: &TestApp, case: i64) -> Vec<(String, Value)> {
    let (_, audit) = app.get("admin", &format!("/api/v1/audit?record_type=return_case&record_id={case}")).await;
    audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let detail = e["detail"].as_str().map(|d| serde_json::from_str(d).unwrap()).unwrap_or(e["detail"].clone());
            (e["action"].as_str().unwrap().to_string(), detail)
        })
        .collect()
}

async fn put(app: &TestApp, user: &str, path: &str, body: Value) -> (StatusCode, Value) {
    let r = app.call(Some(user), Method::PUT, path, Some(body)).await;
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

async fn attach(app: &TestApp, user: &str, case: i64, query: &str, body: &[u8]) -> (StatusCode, Value) {
    let r = app
        .client
        .post(format!("{}/api/v1/subjects/return-cases/{case}/attachments?{query}", app.addr))
        .bearer_auth(app.token(user))
        .body(body.to_vec())
        .send()
        .await
        .unwrap();
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

both_backends!(assignment_is_taken_or_given_by_a_supervisor);
async fn assignment_is_taken_or_given_by_a_supervisor(app: &TestApp) {
    let person = app.person("caseworker", person_json("Drita", "Gashi")).await;
    let case = open_case(app, json!({"person_id": person, "return_type": "voluntary", "host_country": "DE"})).await;
    let id = case["id"].as_i64().unwrap();
    let path = format!("/api/v1/subjects/return-cases/{id}/assignment");
    let (caseworker, plain, viewer) =
        (user_id(app, "caseworker").await, user_id(app, "plainworker").await, user_id(app, "viewer").await);
    // Nobody holds it; a caseworker may not give it to a colleague, but may take it.
    assert_eq!(app.get("caseworker", &path).await.1, Value::Null);
    assert_eq!(put(app, "caseworker", &path, json!({"user_id": plain})).await.0, StatusCode::FORBIDDEN);
    let (s, v) = put(app, "caseworker", &path, json!({"user_id": caseworker})).await;
    assert_eq!((s, v["user_id"].as_i64()), (StatusCode::OK, Some(caseworker)), "{v}");
    // Once held, taking it from its holder is a supervisor's.
    assert_eq!(put(app, "plainworker", &path, json!({"user_id": plain})).await.0, StatusCode::FORBIDDEN);
    let (s, v) = put(app, "supervisor", &path, json!({"user_id": plain})).await;
    assert_eq!((s, v["user_id"].as_i64()), (StatusCode::OK, Some(plain)), "{v}");
    // A viewer cannot hold cases; a user of another agency is not one of this agency's.
    let (s, v) = put(app, "supervisor", &path, json!({"user_id": viewer})).await;
    assert_eq!((s, v["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("not_caseworker")));
    let other = user_id(app, "other").await;
    let (s, v) = put(app, "supervisor", &path, json!({"user_id": other})).await;
    assert_eq!((s, v["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("not_agency_user")));
    // Every change is in the audit log with who it went from and to; refusals wrote nothing.
    let changes: Vec<Value> =
        actions(app, id).await.into_iter().filter(|(a, _)| a == "assignment.set").map(|(_, d)| d).collect();
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert!(changes.iter().any(|d| d["from"] == json!(caseworker) && d["to"] == json!(plain)), "{changes:?}");
    // The case list finds it by its holder.
    let (_, mine) = app.get("plainworker", "/api/v1/return-cases?assignee=me").await;
    assert_eq!(mine["items"].as_array().unwrap().iter().map(|k| k["id"].as_i64()).collect::<Vec<_>>(), [Some(id)]);
    let (_, none) = app.get("plainworker", "/api/v1/return-cases?assignee=none").await;
    assert!(none["items"].as_array().unwrap().iter().all(|k| k["id"].as_i64() != Some(id)));
    // A closed case stays assigned on record but no longer weighs on its holder's load.
    let load = |team: &Value| {
        team.as_array().unwrap().iter().find(|r| r["user_id"] == json!(plain)).unwrap()["assigned"].clone()
    };
    assert_eq!(load(&app.get("supervisor", "/api/v1/team").await.1), 1);
    let today = chrono::Utc::now().date_naive().to_string();
    let (s, v) = app
        .post(
            "plainworker",
            &format!("/api/v1/return-cases/{id}/closure"),
            json!({"closed_on": today, "reason": "The family stays"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(load(&app.get("supervisor", "/api/v1/team").await.1), 0);
}

both_backends!(monitoring_visits_become_tasks_that_follow_the_case);
async fn monitoring_visits_become_tasks_that_follow_the_case(app: &TestApp) {
    sheet(app, "Prizren").await;
    let person = app.person("caseworker", person_json("Sead", "Berisha")).await;
    let case = open_case(
        app,
        json!({"person_id": person, "return_type": "voluntary", "host_country": "AT", "registered_on": "2024-10-01", "entered_from_paper": true,
               "destination_municipality": "Prizren"}),
    )
    .await;
    let id = case["id"].as_i64().unwrap();
    walk_to_arrival(app, &case, "air", "2024-11-01").await;
    let caseworker = user_id(app, "caseworker").await;
    put(app, "supervisor", &format!("/api/v1/subjects/return-cases/{id}/assignment"), json!({"user_id": caseworker}))
        .await;
    let today: chrono::NaiveDate = "2025-02-10".parse().unwrap();
    let first = drom::tasks::sync_rules(&app.db, today, &|_, _| {}).await.unwrap();
    assert_eq!(first[0].1.created, 1, "{first:?}");
    // Running it again, as every server does, adds nothing.
    let again = drom::tasks::sync_rules(&app.db, today, &|_, _| {}).await.unwrap();
    assert_eq!((again[0].1.created, again[0].1.closed), (0, 0));
    let (_, work) = app.get("caseworker", "/api/v1/my-work").await;
    let task = &work["tasks"][0];
    assert_eq!(
        (task["rule"].as_str(), task["due_on"].as_str()),
        (Some("monitoring_visit"), Some("2025-02-01")),
        "{work}"
    );
    assert_eq!(work["return_cases"], json!([id]));
    // Reassigning the case moves its task.
    let plain = user_id(app, "plainworker").await;
    put(app, "supervisor", &format!("/api/v1/subjects/return-cases/{id}/assignment"), json!({"user_id": plain})).await;
    assert_eq!(app.get("caseworker", "/api/v1/my-work").await.1["tasks_total"], 0);
    assert_eq!(app.get("plainworker", "/api/v1/my-work").await.1["tasks_total"], 1);
    // The supervisor sees the load (the visit was due in 2025: overdue by now).
    let (_, team) = app.get("supervisor", "/api/v1/team").await;
    let row = team.as_array().unwrap().iter().find(|r| r["user_id"] == json!(plain)).unwrap().clone();
    assert_eq!(
        (row["assigned"].as_i64(), row["open_tasks"].as_i64(), row["overdue_tasks"].as_i64()),
        (Some(1), Some(1), Some(1))
    );
    // The visit is made: the next run closes the task.
    let answers = json!({
        "income_source": 2, "meets_basic_needs": 2, "debt": 1, "business_or_job": 1,
        "housing": 2, "health_care_access": 2, "children_in_school": 2, "civil_documents": 1,
        "sense_of_belonging": 3, "feels_safe": 2, "no_discrimination": 1, "wellbeing": 2, "no_wish_to_leave": 2
    });
    let visit = json!({"visited_on": "2025-02-05", "remigration": "stayed", "answers": answers});
    let (s, v) = app.post("caseworker", &format!("/api/v1/return-cases/{id}/visits"), visit).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let after = drom::tasks::sync_rules(&app.db, today, &|_, _| {}).await.unwrap();
    assert_eq!(after[0].1.closed, 1, "{after:?}");
    assert_eq!(app.get("plainworker", "/api/v1/my-work").await.1["tasks_total"], 0);
}

both_backends!(tasks_by_hand);
async fn tasks_by_hand(app: &TestApp) {
    let (s, v) = app.post("caseworker", "/api/v1/tasks", json!({"title": " ", "due_on": "5 March"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<_> = v["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["title", "due_on"]);
    // Only a supervisor writes a task for someone else.
    let plain = user_id(app, "plainworker").await;
    let body = json!({"title": "Call the school", "due_on": "2026-03-05", "assignee": plain});
    assert_eq!(app.post("caseworker", "/api/v1/tasks", body.clone()).await.0, StatusCode::FORBIDDEN);
    let (s, task) = app.post("supervisor", "/api/v1/tasks", body).await;
    assert_eq!(s, StatusCode::CREATED, "{task}");
    let (_, tasks) = app.get("plainworker", "/api/v1/tasks").await;
    assert_eq!(tasks[0]["title"], "Call the school");
    let done = format!("/api/v1/tasks/{}/completion", task["id"]);
    assert_eq!(app.post("caseworker", &done, json!(null)).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.post("plainworker", &done, json!(null)).await.0, StatusCode::OK);
    let (s, v) = app.post("plainworker", &done, json!(null)).await;
    assert_eq!((s, v["refusal"]["code"].as_str()), (StatusCode::CONFLICT, Some("task-done")), "{v}");
    assert_eq!(app.get("plainworker", "/api/v1/tasks").await.1, json!([]));
}

both_backends!(notes_and_files_keep_special_categories_behind_the_grant);
async fn notes_and_files_keep_special_categories_behind_the_grant(app: &TestApp) {
    let person = app.person("caseworker", person_json("Fatime", "Krasniqi")).await;
    let case = open_case(app, json!({"person_id": person, "return_type": "voluntary", "host_country": "DE"})).await;
    let id = case["id"].as_i64().unwrap();
    let notes = format!("/api/v1/subjects/return-cases/{id}/notes");
    // plainworker writes the registry but holds no special-categories grant.
    let (s, v) = app.post("plainworker", &notes, json!({"body": "Needs dialysis twice a week", "special": true})).await;
    assert_eq!(
        (s, v["errors"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("needs_special_categories"))
    );
    assert_eq!(
        app.post("caseworker", &notes, json!({"body": "Needs dialysis twice a week", "special": true})).await.0,
        StatusCode::CREATED
    );
    assert_eq!(
        app.post("plainworker", &notes, json!({"body": "Family met at the office"})).await.0,
        StatusCode::CREATED
    );
    let (_, plain) = app.get("plainworker", &notes).await;
    assert_eq!(plain["withheld"], 1);
    assert!(!plain.to_string().contains("dialysis"), "{plain}");
    let before = actions(app, id).await.iter().filter(|(a, _)| a == "note.read_special").count();
    let (_, granted) = app.get("caseworker", &notes).await;
    assert_eq!((granted["withheld"].as_i64(), granted["notes"].as_array().unwrap().len()), (Some(0), 2));
    let after = actions(app, id).await.iter().filter(|(a, _)| a == "note.read_special").count();
    assert_eq!(after, before + 1, "reading a special note is audited");

    // A script renamed .pdf is refused for what it is; nothing is stored.
    let (s, v) =
        attach(app, "caseworker", id, "kind=other&file_name=scan.pdf", b"<html><script>x</script></html>").await;
    assert_eq!((s, v["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("file_type")), "{v}");
    // A medical letter is special whatever the uploader says.
    let (s, v) = attach(app, "plainworker", id, "kind=medical_letter&file_name=letter.pdf", PDF).await;
    assert_eq!((s, v["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("special")), "{v}");
    let (s, letter) = attach(app, "caseworker", id, "kind=medical_letter&file_name=C:%5Cscans%5Cletter.pdf", PDF).await;
    assert_eq!(s, StatusCode::CREATED, "{letter}");
    assert_eq!(
        (letter["special"].as_bool(), letter["file_name"].as_str(), letter["media_type"].as_str()),
        (Some(true), Some("letter.pdf"), Some("application/pdf"))
    );
    let download = format!("/api/v1/attachments/{}", letter["id"]);
    assert_eq!(app.call(Some("plainworker"), Method::GET, &download, None).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.call(Some("other"), Method::GET, &download, None).await.status(), StatusCode::NOT_FOUND);
    let r = app.call(Some("caseworker"), Method::GET, &download, None).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-disposition"].to_str().unwrap().starts_with("attachment;"));
    assert_eq!(r.bytes().await.unwrap().as_ref(), PDF);
    assert!(actions(app, id).await.iter().any(|(a, d)| a == "attachment.download" && d["attachment"] == letter["id"]));
    // The list shows the plain worker only what they may see.
    let (_, files) = app.get("plainworker", &format!("/api/v1/subjects/return-cases/{id}/attachments")).await;
    assert_eq!((files["withheld"].as_i64(), files["attachments"].as_array().unwrap().len()), (Some(1), 0));
    // A file changed on disk no longer matches its checksum and is not served.
    let store = app.db.casework().file_store();
    let stored = walk(&store.dir);
    assert_eq!(stored.len(), 1, "{stored:?}");
    std::fs::write(&stored[0], b"%PDF-1.4 changed").unwrap();
    let (s, v) = app.get("caseworker", &download).await;
    assert_eq!((s, v["refusal"]["code"].as_str()), (StatusCode::CONFLICT, Some("attachment-damaged")), "{v}");
    // The timeline has the notes, the file and the case's opening, newest first.
    let (_, timeline) = app.get("caseworker", &format!("/api/v1/subjects/return-cases/{id}/timeline")).await;
    let kinds: Vec<&str> =
        timeline["entries"].as_array().unwrap().iter().map(|e| e["entry"].as_str().unwrap()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "note").count(), 2, "{timeline}");
    assert!(kinds.contains(&"attachment") && kinds.last() == Some(&"step"), "{kinds:?}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

both_backends!(a_counsellor_prints_the_consent_form_and_files_the_signed_scan);
async fn a_counsellor_prints_the_consent_form_and_files_the_signed_scan(app: &TestApp) {
    use crate::pages::{csrf_of, get, post, sign_in};
    sheet(app, "Prizren").await;
    let mut p = person_json("Merita", "Bajrami");
    p["languages"] = json!(["rom", "sq"]);
    let person = app.person("caseworker", p).await;
    let case = open_case(
        app,
        json!({"person_id": person, "return_type": "voluntary", "host_country": "DE", "destination_municipality": "Prizren"}),
    )
    .await;
    let id = case["id"].as_i64().unwrap();
    let (c, csrf) = sign_in(app, "caseworker").await;
    // The page is in English; the form in the person's first language that has a whole form.
    let (s, html) = get(&c, app, &format!("/return-cases/{id}/consent-form")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("<section class=\"consent-doc\" lang=\"sq\">"), "{html}");
    assert!(html.contains("Pëlqim i informuar për kthim vullnetar"), "Albanian title");
    assert!(html.contains("Centre for Social Work"), "the information sheet the consent rests on");
    let (_, sr) = get(&c, app, &format!("/return-cases/{id}/consent-form?lang=sr")).await;
    assert!(sr.contains("Informisana saglasnost"), "Serbian on request");
    // The municipality's information sheet prints on its own, in the language asked for.
    let (s, sheet) = get(&c, app, "/info-sheets/prizren/print?lang=sr").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        sheet.contains("<section class=\"sheet-doc\" lang=\"sr\">") && sheet.contains("Centre for Social Work"),
        "{sheet}"
    );
    // The signed scan goes back to the case through its page, and the timeline shows it.
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.clone())
        .text("kind", "signed_consent")
        .part("file", reqwest::multipart::Part::bytes(PDF.to_vec()).file_name("signed.pdf"));
    let r =
        c.post(format!("{}/subjects/return-cases/{id}/attachments", app.addr)).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = post(&c, app, &format!("/subjects/return-cases/{id}/notes"), &[("csrf", &csrf), ("body", "Signed today.")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = get(&c, app, &format!("/return-cases/{id}")).await;
    assert!(page.contains("signed.pdf") && page.contains("Signed today."), "the timeline shows both");
    // A file that is not a scan comes back with the reason, in the reader's language.
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf_of(&page))
        .text("kind", "other")
        .part("file", reqwest::multipart::Part::bytes(b"MZ\x90\x00".to_vec()).file_name("scan.pdf"));
    let r = c
        .post(format!("{}/subjects/return-cases/{id}/attachments", app.addr))
        .header("accept-language", "sq")
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("nuk është skedar i pranuar"));
}
