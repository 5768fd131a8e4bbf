//! Discrimination reports on both backends: the public form and API with tracking codes, two-way
//! messages and evidence; a body's handling to an outcome; scoping and special categories;
//! retention erasure that leaves nothing of the report's words or files; the limits under a
//! flood; statistics with small counts hidden.

use crate::both_backends;
use crate::helpers::{TestApp, day};
use drom_casework::CaseworkDb;
use drom_discrimination::DiscriminationDb;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

/// Agency A is the Ombudsperson Institution; agency B the municipal unit of Prizren.
pub(crate) async fn bodies(app: &TestApp) -> i64 {
    let b = app.db.agencies().await.unwrap().into_iter().find(|a| a.code == "agency-b").unwrap().id;
    let r = app
        .call(
            Some("sysadmin"),
            reqwest::Method::PUT,
            &format!("/api/v1/discrimination/bodies/{}", app.agency_a),
            Some(json!({"kind": "ombudsperson"})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let r = app
        .call(
            Some("sysadmin"),
            reqwest::Method::PUT,
            &format!("/api/v1/discrimination/bodies/{b}"),
            Some(json!({"kind": "municipal_unit", "municipality": "prizren", "ack_days": 3})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    b
}

/// A solved proof for the API.
pub(crate) async fn proof(app: &TestApp) -> Value {
    let v: Value = app
        .client
        .get(format!("{}/api/v1/discrimination/challenge", app.addr))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let challenge = v["challenge"].as_str().unwrap().to_string();
    let counter = drom_discrimination::domain::pow::solve(&challenge, v["bits"].as_u64().unwrap() as u32);
    json!({"challenge": challenge, "counter": counter})
}

pub(crate) fn report(description: &str) -> Value {
    json!({
        "description": description,
        "happened_period": "last_month",
        "municipality": "gjakove",
        "area": "goods_services",
        "grounds": ["ethnicity"],
        "perpetrator": "private_person",
        "reporter_role": "victim",
    })
}

/// Posts as the public (no token).
async fn public(app: &TestApp, path: &str, body: Value) -> (StatusCode, Value) {
    let r = app.call(None, reqwest::Method::POST, path, Some(body)).await;
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

/// Submits a report through the API; answers the tracking code.
pub(crate) async fn submit(app: &TestApp, report: Value) -> String {
    let p = proof(app).await;
    let (s, v) = public(app, "/api/v1/discrimination/reports", json!({"report": report, "proof": p})).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v["tracking_code"].as_str().unwrap().to_string()
}

async fn report_to_outcome(app: &TestApp) {
    bodies(app).await;
    let code = submit(app, report("The shop owner told us to leave because we are Roma.")).await;
    assert_eq!(code.len(), 19, "16 digits in four groups: {code}");
    assert!(code.replace(' ', "").bytes().all(|b| b.is_ascii_digit()));
    // Only a slow hash of the code is stored.
    let stored = app
        .db
        .discrimination()
        .reports(&app.db.user_by_name("caseworker").await.unwrap().actor(), &Default::default())
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    let id = stored[0].id;
    // The reporter follows it; the automatic acknowledgement is there.
    let (s, v) = public(app, "/api/v1/discrimination/tracking", json!({"code": code})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "received");
    assert_eq!(v["messages"][0]["author"], "system");
    // Bad codes: malformed, and well-formed but unknown; neither says whether a code exists.
    let (s, v) = public(app, "/api/v1/discrimination/tracking", json!({"code": "12 34"})).await;
    assert_eq!((s, v["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("code_format")), "{v}");
    let (s, v) = public(app, "/api/v1/discrimination/tracking", json!({"code": "0000 0000 0000 0000"})).await;
    assert_eq!((s, v["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("no_such_code")), "{v}");
    // The body acknowledges and asks a question; an internal note stays internal.
    let path = format!("/api/v1/discrimination/reports/{id}");
    let (s, v) = app.post("caseworker", &format!("{path}/acknowledgement"), json!({})).await;
    assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("acknowledged")), "{v}");
    let (s, v) = app
        .post("caseworker", &format!("{path}/messages"), json!({"body": "Which shop was it?", "question": true}))
        .await;
    assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("awaiting_reporter")), "{v}");
    let (s, _) = app
        .post(
            "caseworker",
            &format!("/api/v1/subjects/discrimination-reports/{id}/notes"),
            json!({"body": "INTERNAL-NOTE-7731"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    // The reporter answers with the code: the report goes back to the body.
    let (s, v) = public(
        app,
        "/api/v1/discrimination/tracking/messages",
        json!({"code": code, "body": "The bakery on the main street."}),
    )
    .await;
    assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("acknowledged")), "{v}");
    assert!(!v.to_string().contains("INTERNAL-NOTE-7731"), "the reporter never sees internal notes: {v}");
    let (s, v) = app
        .post(
            "caseworker",
            &format!("{path}/closure"),
            json!({"outcome": "inadmissible", "decision": "Outside our competence."}),
        )
        .await;
    assert_eq!(
        (s, v["errors"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("reason")),
        "inadmissible needs a reason: {v}"
    );
    let (s, v) = app
        .post("caseworker", &format!("{path}/closure"), json!({"outcome": "recommendation_issued", "decision": "We recommended that the shop serve everyone alike."}))
        .await;
    assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("closed")), "{v}");
    assert!(v["erase_after"].as_str().is_some());
    let (_, v) = public(app, "/api/v1/discrimination/tracking", json!({"code": code})).await;
    assert_eq!(v["outcome"], "recommendation_issued");
    assert!(v["messages"].as_array().unwrap().iter().any(|m| m["kind"] == "decision"));
    // A message to a closed report: refused, nothing added.
    let before = app.count("discrimination_message").await;
    let (s, v) =
        public(app, "/api/v1/discrimination/tracking/messages", json!({"code": code, "body": "One more thing"})).await;
    assert_eq!((s, v["refusal"]["code"].as_str()), (StatusCode::CONFLICT, Some("discrimination-closed")), "{v}");
    assert_eq!(app.count("discrimination_message").await, before);
    // History and audit.
    let (_, r) = app.get("caseworker", &path).await;
    let kinds: Vec<&str> = r["history"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["submitted", "acknowledged", "information_requested", "answered", "closed"]);
    assert!(app.count("audit_log WHERE action = 'discrimination.submit' AND user_id IS NULL").await == 1);
}
both_backends!(report_to_outcome);

async fn bad_reports_change_nothing(app: &TestApp) {
    bodies(app).await;
    let p = proof(app).await;
    let bad = json!({"description": " ", "happened_on": day(3), "municipality": "atlantis", "area": "education",
        "grounds": [], "perpetrator": "unknown", "reporter_role": "witness"});
    let (s, v) = public(app, "/api/v1/discrimination/reports", json!({"report": bad, "proof": p})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let fields: Vec<&str> = v["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["description", "happened_on", "municipality", "grounds"], "{v}");
    // A forged challenge, a filled honeypot.
    let (s, v) =
        public(app, "/api/v1/discrimination/reports", json!({"report": report("x"), "proof": {"challenge": "1.2.3"}}))
            .await;
    assert_eq!((s, v["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("form_expired")), "{v}");
    let mut p = proof(app).await;
    p["website"] = json!("http://spam.example");
    let (s, v) = public(app, "/api/v1/discrimination/reports", json!({"report": report("x"), "proof": p})).await;
    assert_eq!((s, v["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("not_a_person")), "{v}");
    // A challenge is good once.
    let p = proof(app).await;
    let (s, _) =
        public(app, "/api/v1/discrimination/reports", json!({"report": report("first"), "proof": p.clone()})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, v) = public(app, "/api/v1/discrimination/reports", json!({"report": report("again"), "proof": p})).await;
    assert_eq!((s, v["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("form_expired")), "{v}");
    assert_eq!(app.count("discrimination_report").await, 1);
    assert_eq!(app.count("discrimination_message").await, 1);
}
both_backends!(bad_reports_change_nothing);

async fn a_body_sees_only_its_reports_and_contacts_need_the_grant(app: &TestApp) {
    let b = bodies(app).await;
    let mut r = report("The municipal office in Prizren refused my application for social assistance.");
    r["municipality"] = json!("prizren");
    r["area"] = json!("social_assistance");
    r["perpetrator"] = json!("public_institution");
    r["contact_phone"] = json!("+383 44 123 456");
    r["community"] = json!("egyptian");
    submit(app, r).await;
    // Routed by the rules to the municipal unit of Prizren (agency B), not to A.
    let (_, list) = app.get("caseworker", "/api/v1/discrimination/reports").await;
    assert_eq!(list.as_array().unwrap().len(), 0);
    let (_, list) = app.get("other", "/api/v1/discrimination/reports").await;
    let id = list[0]["id"].as_i64().unwrap();
    let path = format!("/api/v1/discrimination/reports/{id}");
    assert_eq!(app.get("caseworker", &path).await.0, StatusCode::NOT_FOUND);
    let (_, v) = app.get("other", &path).await;
    assert_eq!(v["proposed_rule"], "municipal-service");
    assert_eq!(v["contact"]["phone"], "+383 44 123 456");
    assert_eq!(v["community"], "egyptian");
    assert_eq!(
        app.count(&format!("audit_log WHERE action = 'discrimination.read_special' AND record_id = {id}")).await,
        1
    );
    // Transfer to the Ombudsperson (A) with a reason: now A's, waiting for A's acknowledgement.
    let (s, v) = app.post("other", &format!("{path}/transfer"), json!({"agency_id": app.agency_a, "reason": ""})).await;
    assert_eq!((s, v["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("reason")), "{v}");
    let (s, _) = app
        .post(
            "other",
            &format!("{path}/transfer"),
            json!({"agency_id": app.agency_a, "reason": "a central-level service"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(app.get("other", &path).await.0, StatusCode::NOT_FOUND);
    // A reader without the grant sees neither contact nor community.
    let (_, v) = app.get("viewer", &path).await;
    assert!(v["contact"].is_null() && v["community"].is_null(), "{v}");
    assert_eq!(v["special_withheld"], true);
    assert_eq!(v["status"], "received");
    // The public statistics hide a single report, and never show the community.
    let (s, st) = app
        .call(None, reqwest::Method::GET, "/api/v1/discrimination/statistics", None)
        .await
        .json::<Value>()
        .await
        .map(|v| (StatusCode::OK, v))
        .unwrap();
    assert_eq!(s, StatusCode::OK);
    assert!(st["total"].is_null(), "one report is under the threshold: {st}");
    assert!(!st.to_string().contains("egyptian"), "{st}");
    let _ = b;
}
both_backends!(a_body_sees_only_its_reports_and_contacts_need_the_grant);

/// A PNG's signature with padding: enough for the type to be recognised from content.
fn png(bytes: usize) -> Vec<u8> {
    let mut v = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R'];
    v.resize(bytes, 0);
    v
}

/// The page's form as a browser without script sends it (the server waits out the delay,
/// which the test sets to zero).
async fn form_post(
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
    files: Vec<(&str, Vec<u8>)>,
) -> reqwest::Response {
    let mut form = Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for (name, content) in files {
        form = form.part("files", Part::bytes(content).file_name(name.to_string()));
    }
    app.client.post(format!("{}{path}", app.addr)).multipart(form).send().await.unwrap()
}

async fn page_challenge(app: &TestApp) -> String {
    let page = app.client.get(format!("{}/report", app.addr)).send().await.unwrap().text().await.unwrap();
    let at = page.find("name=\"challenge\" value=\"").unwrap() + "name=\"challenge\" value=\"".len();
    page[at..].split('"').next().unwrap().to_string()
}

async fn erasure_leaves_nothing_of_the_report(app: &TestApp) {
    bodies(app).await;
    let mut limits = app.db.discrimination().limits().await.unwrap();
    limits.nojs_delay_secs = 0;
    app.db.discrimination().set_limits(&app.db.user_by_name("sysadmin").await.unwrap().actor(), limits).await.unwrap();
    let challenge = page_challenge(app).await;
    let words = "UNIQUE-WORDS-4411 the guard at the pool turned us away";
    let fields = [
        ("challenge", challenge.as_str()),
        ("description", words),
        ("happened_period", "last_week"),
        ("municipality", "gjakove"),
        ("place", "PLACE-9921"),
        ("area", "goods_services"),
        ("grounds", "ethnicity"),
        ("grounds", "colour"),
        ("perpetrator", "private_person"),
        ("reporter_role", "victim"),
        ("contact_name", "NAME-5512"),
    ];
    let r = form_post(app, "/report", &fields, vec![("photo.png", png(2048))]).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["referrer-policy"], "no-referrer");
    assert_eq!(r.headers()["cache-control"], "no-store");
    let page = r.text().await.unwrap();
    let at = page.find("id=\"tracking-code\">").unwrap() + "id=\"tracking-code\">".len();
    let code = page[at..].split('<').next().unwrap().to_string();
    assert_eq!(code.len(), 19, "{code}");
    // The code is shown once and is not in the page's links or the database.
    assert!(!page.contains(&format!("href=\"/report/follow?{}", code.replace(' ', ""))));
    // A forbidden type (by content, whatever the name), then too many files: refused whole.
    let challenge = page_challenge(app).await;
    let mut f2 = fields.to_vec();
    f2[0] = ("challenge", challenge.as_str());
    let r = form_post(app, "/report", &f2, vec![("letter.pdf", b"PK\x03\x04 a zip archive".to_vec())]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("application/zip"));
    assert_eq!(app.count("discrimination_report").await, 1, "nothing half-saved");
    // The reporter follows it by the code in a POST body, and adds a file.
    let r = form_post(
        app,
        "/report/follow",
        &[("code", &code), ("action", "reply"), ("body", "ANSWER-3381")],
        vec![("more.png", png(1024))],
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let status = r.text().await.unwrap();
    assert!(status.contains("ANSWER-3381") && status.contains("UNIQUE-WORDS-4411"));
    assert_eq!(app.count("discrimination_evidence").await, 2);
    // Worked and closed with a note; then its time comes.
    let id = app
        .db
        .discrimination()
        .reports(&app.db.user_by_name("caseworker").await.unwrap().actor(), &Default::default())
        .await
        .unwrap()[0]
        .id;
    app.post(
        "caseworker",
        &format!("/api/v1/subjects/discrimination-reports/{id}/notes"),
        json!({"body": "NOTE-6621"}),
    )
    .await;
    let (s, _) = app
        .post(
            "caseworker",
            &format!("/api/v1/discrimination/reports/{id}/closure"),
            json!({"outcome": "withdrawn", "decision": "DECISION-7781"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let files_dir = app.db.casework().file_store().dir;
    let files_before = count_files(&files_dir);
    assert_eq!(files_before, 2);
    // Not yet due: nothing happens.
    let now = chrono::Utc::now().to_rfc3339();
    assert_eq!(app.db.discrimination().erase_due(&now, &|| {}).await.unwrap(), 0);
    // Its time comes (the rule that a late message postpones it is the domain's, tested there).
    app.tamper("UPDATE discrimination_report SET erase_after = '2000-01-01T00:00:00.000000Z'").await;
    assert_eq!(app.db.discrimination().erase_due(&now, &|| {}).await.unwrap(), 1);
    assert_eq!(count_files(&files_dir), 0, "evidence files are removed");
    // Nothing of the report's words, names, messages, notes or files is left in any table.
    let dump = dump_text(app).await;
    for secret in
        ["UNIQUE-WORDS-4411", "PLACE-9921", "NAME-5512", "ANSWER-3381", "NOTE-6621", "DECISION-7781", "photo.png"]
    {
        assert!(!dump.contains(secret), "{secret} is still stored");
    }
    // The statistical record stays; the code no longer opens anything.
    assert_eq!(app.count("discrimination_report WHERE erased_at IS NOT NULL AND area = 'goods_services'").await, 1);
    assert_eq!(app.count("discrimination_report_ground").await, 2);
    let (s, _) = public(app, "/api/v1/discrimination/tracking", json!({"code": code})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("audit_log WHERE action = 'discrimination.erase'").await, 1);
}
both_backends!(erasure_leaves_nothing_of_the_report);

fn count_files(dir: &std::path::Path) -> usize {
    walk(dir).len()
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
        }
    }
    out
}

/// Every table's rows as text, through the kernel's backup (all tables of one snapshot).
async fn dump_text(app: &TestApp) -> String {
    let mut out: Vec<u8> = Vec::new();
    app.db.backup(&mut out, &mut |_, _| {}).await.unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

async fn a_flood_is_refused_and_staff_pages_stay_up(app: &TestApp) {
    bodies(app).await;
    // Ten thousand submissions from loopback, 64 at a time; staff read their list meanwhile.
    let body = json!({"report": report("flood"), "proof": {"challenge": "x"}});
    let url = format!("{}/api/v1/discrimination/reports", app.addr);
    let mut statuses = std::collections::BTreeMap::new();
    let mut staff_ok = 0;
    for round in 0..(10_000 / 64 + 1) {
        let sends: Vec<_> = (0..64)
            .filter(|i| round * 64 + i < 10_000)
            .map(|_| {
                let (client, url, body) = (app.client.clone(), url.clone(), body.clone());
                tokio::spawn(async move { client.post(&url).json(&body).send().await.map(|r| r.status().as_u16()) })
            })
            .collect();
        let staff = app.get("caseworker", "/api/v1/discrimination/reports").await;
        for send in sends {
            *statuses.entry(send.await.unwrap().unwrap()).or_insert(0) += 1;
        }
        if staff.0 == StatusCode::OK {
            staff_ok += 1;
        }
    }
    let total: i32 = statuses.values().sum();
    assert_eq!(total, 10_000);
    // The first five from the address were admitted (and refused for their forged proof); the
    // rest were turned away before any work.
    assert_eq!(statuses.get(&422), Some(&5), "{statuses:?}");
    assert_eq!(statuses.get(&429), Some(&9_995), "{statuses:?}");
    assert_eq!(staff_ok, 10_000 / 64 + 1, "every staff read during the flood answered");
    assert_eq!(app.count("discrimination_report").await, 0);
    assert!(app.count("discrimination_bucket").await <= 2, "a flood does not grow the tables");
    // The daily cap on evidence: a file that would pass it is refused, naming the reason.
    let sysadmin = app.db.user_by_name("sysadmin").await.unwrap().actor();
    let mut limits = app.db.discrimination().limits().await.unwrap();
    limits.evidence_mb_per_day = 0;
    limits.per_address_per_hour = 100;
    limits.nojs_delay_secs = 0;
    limits.max_files = 1;
    limits.max_file_mb = 1;
    app.db.discrimination().set_limits(&sysadmin, limits).await.unwrap();
    app.tamper("DELETE FROM discrimination_bucket").await;
    let challenge = page_challenge(app).await;
    let fields = [
        ("challenge", challenge.as_str()),
        ("description", "with a photo"),
        ("happened_period", "last_week"),
        ("municipality", "gjakove"),
        ("area", "housing"),
        ("grounds", "ethnicity"),
        ("perpetrator", "private_person"),
        ("reporter_role", "victim"),
    ];
    // Too many files, a file too large, then the day's cap: each refused whole, with its reason.
    for (files, reason) in [
        (vec![("a.png", png(100)), ("b.png", png(100))], "at most 1 files can be sent at once"),
        (vec![("big.png", png(1024 * 1024 + 1))], "a file may be at most 1 MiB"),
        (vec![("p.png", png(4096))], "no more files can be received today"),
    ] {
        let r = form_post(app, "/report", &fields, files).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = r.text().await.unwrap();
        assert!(page.contains(reason), "{reason}: {page}");
        assert!(page.contains("with a photo"), "the form keeps what was typed");
    }
    assert_eq!(app.count("discrimination_report").await, 0);
    assert_eq!(app.count("discrimination_evidence").await, 0);
    assert_eq!(count_files(&app.db.casework().file_store().dir), 0);
}
both_backends!(a_flood_is_refused_and_staff_pages_stay_up);
