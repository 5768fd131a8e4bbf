//! The protection gate on both backends: a forced return of a protected household cannot reach
//! travel through the API, the import or an unscreened or stale screening; a household that
//! needs assessment passes only once its facts are answered and it is screened again; an
//! override needs the grant, a reason and a second person; conversion to a voluntary return
//! starts counselling and consent afresh.

use crate::both_backends;
use crate::helpers::{PASSWORD, TestApp, person_json};
use crate::returns::clear_for_forced_return;
use drom_domain::permission::Role;
use drom_screening::ScreeningDb;
use drom_store::users::NewUser;
use reqwest::StatusCode;
use serde_json::{Value, json};

const ORDERED: &str = "2026-11-02";

fn travel() -> Value {
    json!({"transport": "air", "route": "Munich - Prishtinë", "departure_on": "2026-11-20",
           "destination_municipality": "Fushë Kosovë"})
}

async fn forced_case(app: &TestApp, person: i64) -> i64 {
    let (s, v) = app
        .post(
            "caseworker",
            "/api/v1/return-cases",
            json!({"person_id": person, "return_type": "forced", "host_country": "DE", "registered_on": "2026-11-01", "entered_from_paper": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["id"].as_i64().unwrap();
    let (s, v) = app
        .post(
            "caseworker",
            &format!("/api/v1/return-cases/{id}/forced-return-order"),
            json!({"ordered_on": ORDERED, "reference": "RA-2026-7"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    id
}

/// Posts travel for a case; the problem or the case, with the status.
async fn try_travel(app: &TestApp, case: i64) -> (StatusCode, Value) {
    app.post("caseworker", &format!("/api/v1/return-cases/{case}/travel"), travel()).await
}

fn block_codes(problem: &Value) -> Vec<String> {
    problem["blocks"]
        .as_array()
        .map(|b| b.iter().map(|x| x["code"].as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

/// Asserts a refusal by the gate that wrote nothing.
async fn refused_by_gate(app: &TestApp, case: i64, expected: &[&str]) -> Value {
    let audit = app.count("audit_log").await;
    let (_, before) = app.get("viewer", &format!("/api/v1/return-cases/{case}")).await;
    let (s, v) = try_travel(app, case).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert_eq!(v["code"], "protection_gate_closed", "{v}");
    for code in expected {
        assert!(block_codes(&v).iter().any(|c| c == code), "{code} in {v}");
    }
    let (_, after) = app.get("viewer", &format!("/api/v1/return-cases/{case}")).await;
    assert_eq!(after["version"], before["version"], "nothing written");
    assert_eq!(after["stage"], "forced_return_ordered");
    assert_eq!(app.count("audit_log").await, audit, "no audit entry for a refused step");
    v
}

/// A Roma family of three in one household (the caseworker holds the special-category grant).
async fn roma_family(app: &TestApp) -> Vec<i64> {
    let mut ids = Vec::new();
    for (given, sex) in [("Ramiz", "male"), ("Sanije", "female"), ("Elvis", "male")] {
        let mut p = person_json(given, "Berisha");
        p["community"] = json!("roma");
        p["sex"] = json!(sex);
        ids.push(app.person("caseworker", p).await);
    }
    let members = json!([{"person_id": ids[0], "relation": "head"}, {"person_id": ids[1], "relation": "spouse"},
                         {"person_id": ids[2], "relation": "child"}]);
    let (s, v) = app.post("caseworker", "/api/v1/households", json!({"members": members})).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    ids
}

async fn a_protected_household_cannot_travel(app: &TestApp) {
    let family = roma_family(app).await;
    let facts: serde_json::Map<String, Value> =
        family.iter().flat_map(|id| crate::screenings::all_no(*id).as_object().unwrap().clone()).collect();
    let (s, v) = app
        .post(
            "caseworker",
            "/api/v1/screenings",
            json!({"person_id": family[0], "return_type": "forced", "as_of": ORDERED, "facts": facts}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["outcome"], "protected");
    // The import is no way round it: a member of the same family, forced, with a departure date.
    let rows = format!(
        "case_ref,person_id,host_country,return_type,transport,departure_date\nF-1,{},DE,forced,air,2026-11-20\n",
        family[1]
    );
    let dir = crate::helpers::TempDir::new();
    let file = dir.0.join("forced.csv");
    std::fs::write(&file, rows).unwrap();
    let (ok, _, err) = crate::cli::drom(
        &["import", "returns", file.to_str().unwrap(), "--user", "caseworker", "--database", &app.url],
        &[],
        None,
    );
    assert!(!ok, "the import went past the gate");
    assert!(err.contains("row 2, return_type: protection gate closed") && err.contains("serb-roma"), "{err}");

    let case = forced_case(app, family[0]).await;
    let (_, c) = app.get("caseworker", &format!("/api/v1/return-cases/{case}")).await;
    assert_eq!(c["gate"]["open"], false, "{c}");
    assert_eq!(c["gate"]["policy_in_force"], "unhcr-2006");
    assert_eq!(c["screening_outcome"], "protected");
    let v = refused_by_gate(app, case, &["protected"]).await;
    assert_eq!(block_codes(&v).len(), 3, "one block per member: {v}");
    assert!(v["detail"].as_str().unwrap().contains("serb-roma"), "cites the rule: {v}");

    // What remains: converting to a voluntary return, which needs counselling and consent.
    let (s, v) = app
        .post(
            "caseworker",
            &format!("/api/v1/return-cases/{case}/conversion"),
            json!({"converted_on": "2026-11-05", "reason": "The family may not be returned by force"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!((v["return_type"].as_str(), v["stage"].as_str()), (Some("voluntary"), Some("registered")));
    assert_eq!(v["order_reference"], "RA-2026-7", "the order stays on record");
    assert!(v["gate"].is_null());
    let (s, v) = try_travel(app, case).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::CONFLICT, Some("invalid_transition")), "{v}");
}
both_backends!(a_protected_household_cannot_travel);

async fn unscreened_stale_and_unknown_facts_block(app: &TestApp) {
    let mut p = person_json("Arta", "Hoxha");
    p["community"] = json!("albanian");
    let person = app.person("caseworker", p).await;
    let case = forced_case(app, person).await;
    refused_by_gate(app, case, &["not_screened"]).await;

    // Screened with the facts unknown: needs assessment, and the missing facts are named.
    let (s, v) = app
        .post(
            "caseworker",
            "/api/v1/screenings",
            json!({"person_id": person, "return_type": "forced", "as_of": ORDERED}),
        )
        .await;
    assert_eq!((s, v["outcome"].as_str()), (StatusCode::CREATED, Some("needs_assessment")), "{v}");
    let v = refused_by_gate(app, case, &["needs_assessment"]).await;
    assert!(v["blocks"][0]["unknown"].as_array().unwrap().iter().any(|u| u == "mixed_marriage"), "{v}");

    // Under another policy than the one in force on the order date: refused.
    let (s, _) = app
        .post(
            "caseworker",
            "/api/v1/screenings",
            json!({"person_id": person, "return_type": "forced", "as_of": "2005-01-01",
                   "facts": crate::screenings::all_no(person)}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    refused_by_gate(app, case, &["needs_assessment"]).await;

    // The facts answered and the household screened again: the gate opens.
    clear_for_forced_return(app, person, ORDERED).await;
    let (s, v) = try_travel(app, case).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["gate"]["open"], true);

    // A screening older than the valid period is stale.
    app.tamper("UPDATE screening SET created_at = '2025-01-01T00:00:00.000000Z'").await;
    let (s, v) = app
        .post("caseworker", &format!("/api/v1/return-cases/{case}/arrival"), json!({"arrived_on": "2026-11-20"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert!(block_codes(&v).contains(&"stale".to_string()), "{v}");
}
both_backends!(unscreened_stale_and_unknown_facts_block);

/// Creates a user of agency A holding the override grant; its bearer token.
async fn overrider(app: &TestApp, name: &str) -> String {
    let u = app
        .db
        .create_user(
            None,
            NewUser {
                agency_id: app.agency_a,
                username: name.into(),
                display_name: name.into(),
                role: Role::ProtectionOfficer,
                special_categories: false,
                protection_override: true,
                password: PASSWORD.into(),
            },
        )
        .await
        .unwrap();
    app.db.issue_token(&u, "test").await.unwrap()
}

async fn post_as(app: &TestApp, token: &str, path: &str, body: Value) -> (StatusCode, Value) {
    let r = app.client.post(format!("{}/api/v1{path}", app.addr)).bearer_auth(token).json(&body).send().await.unwrap();
    (r.status(), r.json().await.unwrap_or(Value::Null))
}

async fn an_override_needs_two_people(app: &TestApp) {
    let mut p = person_json("Bajram", "Gashi");
    p["community"] = json!("roma");
    let person = app.person("caseworker", p).await;
    let (s, _) = app
        .post(
            "caseworker",
            "/api/v1/screenings",
            json!({"person_id": person, "return_type": "forced", "as_of": ORDERED,
                   "facts": crate::screenings::all_no(person)}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let case = forced_case(app, person).await;
    let path = format!("/return-cases/{case}/gate-override");
    let reason = json!({"reason": "Court order of 2026-11-03 lifts the protection in this case, file 12/2026"});
    // No demo role holds the grant, not even an administrator.
    for user in ["caseworker", "admin"] {
        let (s, v) = app.post(user, &format!("/api/v1{path}"), reason.clone()).await;
        assert_eq!((s, v["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")), "{v}");
    }
    let first = overrider(app, "officer1").await;
    let second = overrider(app, "officer2").await;
    let (s, v) = post_as(app, &first, &path, json!({"reason": "  "})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["errors"][0]["field"], "reason");
    let (s, v) = post_as(app, &first, &format!("{path}/confirmation"), json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT, "nothing to confirm yet: {v}");
    let (s, v) = post_as(app, &first, &path, reason.clone()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(v["gate_override"]["confirmed_at"].is_null());
    refused_by_gate(app, case, &["protected"]).await;
    let (s, v) = post_as(app, &first, &format!("{path}/confirmation"), json!({})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "the same person cannot confirm: {v}");
    assert!(v["detail"].as_str().unwrap().contains("second person"), "{v}");
    let (s, v) = post_as(app, &second, &format!("{path}/confirmation"), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["gate_override"]["confirmed_by_name"], "officer2");
    assert_eq!(v["gate_override"]["requested_by_name"], "officer1");
    let (s, v) = try_travel(app, case).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = app
        .post("caseworker", &format!("/api/v1/return-cases/{case}/arrival"), json!({"arrived_on": "2026-11-20"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["gate_override"]["reason"], reason["reason"], "the mark stays after arrival");
    let (_, audit) = app.get("admin", &format!("/api/v1/audit?record_type=return_case&record_id={case}")).await;
    let actions: Vec<&str> = audit.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"return_case.gate_override_request"), "{actions:?}");
    assert!(actions.contains(&"return_case.gate_override_confirm"), "{actions:?}");
}
both_backends!(an_override_needs_two_people);

async fn answered_facts_finish_a_screening(app: &TestApp) {
    let mut p = person_json("Valon", "Krasniqi");
    p["community"] = json!("albanian");
    let person = app.person("caseworker", p).await;
    let (s, first) = app
        .post(
            "caseworker",
            "/api/v1/screenings",
            json!({"person_id": person, "return_type": "forced", "as_of": ORDERED}),
        )
        .await;
    assert_eq!((s, first["outcome"].as_str()), (StatusCode::CREATED, Some("needs_assessment")), "{first}");
    let id = first["id"].as_i64().unwrap();
    let unknown: Vec<String> = first["decisions"][0]["unknown"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap().to_string())
        .filter(|u| u != "informed_consent")
        .collect();
    let all = |basis: Option<&str>| {
        let answers: Vec<Value> =
            unknown.iter().map(|f| json!({"person_id": person, "fact": f, "answer": "no", "basis": basis})).collect();
        json!({ "answers": answers })
    };
    // Bad answers: each named, nothing written.
    let before = app.count("fact_answer").await;
    let (s, v) = app.post("caseworker", &format!("/api/v1/screenings/{id}/answers"), all(None)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["errors"][0]["field"], "answers[0].basis", "{v}");
    let bad =
        json!({"answers": [{"person_id": 999_999, "fact": "mixed_marriage", "answer": "perhaps", "basis": "rumour"}]});
    let (s, v) = app.post("caseworker", &format!("/api/v1/screenings/{id}/answers"), bad).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let fields: Vec<&str> = v["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["answers[0].person_id", "answers[0].answer", "answers[0].basis"], "{v}");
    assert_eq!(app.count("fact_answer").await, before);
    // Answered, with what each answer rests on: the household is screened again and cleared.
    let (s, v) = app.post("caseworker", &format!("/api/v1/screenings/{id}/answers"), all(Some("interview"))).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["outcome"], "no_bar_found", "{v}");
    assert_eq!(v["as_of"], ORDERED);
    assert_eq!(app.count("fact_answer").await, before + unknown.len() as i64);
    // A later screening of the person uses the answers without being told them again.
    let (_, again) = app
        .post(
            "caseworker",
            "/api/v1/screenings",
            json!({"person_id": person, "return_type": "forced", "as_of": ORDERED}),
        )
        .await;
    assert_eq!(again["outcome"], "no_bar_found", "{again}");
}
both_backends!(answered_facts_finish_a_screening);

async fn special_category_facts_need_the_grant(app: &TestApp) {
    let person = app.person("caseworker", person_json("Mimoza", "Berisha")).await;
    let (s, first) =
        app.post("caseworker", "/api/v1/screenings", json!({"person_id": person, "return_type": "forced"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let id = first["id"].as_i64().unwrap();
    // The plain caseworker may not even read the screening (its facts hold special categories).
    let body =
        json!({"answers": [{"person_id": person, "fact": "severe_disability", "answer": "no", "basis": "interview"}]});
    let (s, _) = app.post("plainworker", &format!("/api/v1/screenings/{id}/answers"), body).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(app.count("fact_answer").await, 0);
}
both_backends!(special_category_facts_need_the_grant);

/// The officer's walk on the pages: a closed gate, the screening with its unknown facts asked as
/// questions, the answers given, the household screened again, the gate open, and the decision
/// printed in Albanian and English.
async fn an_officer_finishes_a_screening_on_the_pages(app: &TestApp) {
    use crate::pages::{get, post, sign_in};
    let mut p = person_json("Drita", "Hoxha");
    p["community"] = json!("albanian");
    let person = app.person("caseworker", p).await;
    let case = forced_case(app, person).await;
    let (c, csrf) = sign_in(app, "caseworker").await;
    let r = post(&c, app, &format!("/return-cases/{case}/gate/rescreen"), &[("csrf", &csrf)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let screening = r.headers()["location"].to_str().unwrap().to_string();
    assert!(screening.ends_with(&format!("?case={case}")), "{screening}");
    let (s, html) = get(&c, app, &screening).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("The decision is not complete"), "household first: {html}");
    assert!(html.contains("<legend>Is the person a victim of trafficking?</legend>"), "questions: {html}");
    let id: String = screening.trim_start_matches("/screenings/").split('?').next().unwrap().to_string();
    let facts = drom_screening::Fact::ALL.iter().map(|f| f.code());
    let case_text = case.to_string();
    let mut form: Vec<(String, String)> = vec![("csrf".into(), csrf.clone()), ("case".into(), case_text)];
    for f in facts {
        if html.contains(&format!("name=\"answer.{person}.{f}\"")) {
            form.push((format!("answer.{person}.{f}"), "no".into()));
            form.push((format!("basis.{person}.{f}"), "interview".into()));
        }
    }
    // One answer without its basis: refused, named, nothing saved.
    let missing: Vec<(String, String)> = form.iter().filter(|(k, _)| !k.starts_with("basis.")).cloned().collect();
    let refs = |f: &[(String, String)]| f.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>();
    let r = c.post(format!("{}/screenings/{id}/answers", app.addr)).form(&refs(&missing)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("basis: say what the answer rests on"));
    assert_eq!(app.count("fact_answer").await, 0);
    let r = c.post(format!("{}/screenings/{id}/answers", app.addr)).form(&refs(&form)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let next = r.headers()["location"].to_str().unwrap().to_string();
    let (_, html) = get(&c, app, &next).await;
    assert!(html.contains("No rule of the policy bars the return"), "{html}");
    assert!(html.contains("by caseworker on"), "who answered, on what basis");
    let (_, html) = get(&c, app, &format!("/return-cases/{case}")).await;
    assert!(html.contains("Protection gate: open") && html.contains("id=\"form-travel\""));
    // The decision, printed in Albanian, carries the English version too.
    let r = post(&c, app, "/language", &[("csrf", &csrf), ("lang", "sq"), ("next", "/home")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let decision = next.split('?').next().unwrap().to_string() + "/decision";
    let audit = app.count("audit_log").await;
    let (s, html) = get(&c, app, &decision).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Shqyrtimi i mbrojtjes: vendimi") && html.contains("Protection screening: decision"));
    assert!(html.contains("Nënshkruar nga caseworker") && html.contains("Signed off by caseworker"));
    assert_eq!(app.count("audit_log").await, audit + 1, "printing is audited");
}
both_backends!(an_officer_finishes_a_screening_on_the_pages);

/// A policy added later that protects the household closes the gate of its open forced case,
/// and the case is listed as held for the officer.
async fn a_new_policy_closes_the_gate_and_lists_the_case(app: &TestApp) {
    let mut p = person_json("Besnik", "Morina");
    p["community"] = json!("albanian");
    let person = app.person("caseworker", p).await;
    clear_for_forced_return(app, person, ORDERED).await;
    let case = forced_case(app, person).await;
    let (_, held) = app.get("caseworker", "/api/v1/return-cases/held").await;
    assert_eq!(held["total"], 0, "{held}");
    let (s, v) = try_travel(app, case).await;
    assert_eq!(s, StatusCode::OK, "{v}");

    let text = r#"
id = "test-2026"
title = "A later policy that protects every Kosovo Albanian"
effective_from = 2026-01-01
[source]
document = "A test policy"
location = "tests"
quotation = "paraphrase"
[[rule]]
id = "albanians"
summary = "Kosovo Albanians are not returned by force"
quote = "Kosovo Albanians are not returned by force."
when.community_in = ["albanian"]
"#;
    let mut policies = drom_screening::PolicySet::shipped(None).unwrap();
    policies.add(drom_screening::policy::parse_policy("test-2026.toml", text, None).unwrap(), false).unwrap();
    app.db.screenings().set_policies(policies);
    let (_, c) = app.get("caseworker", &format!("/api/v1/return-cases/{case}")).await;
    assert_eq!(c["gate"]["open"], false, "{c}");
    assert_eq!(c["gate"]["policy_in_force"], "test-2026");
    let codes: Vec<&str> =
        c["gate"]["blocks"].as_array().unwrap().iter().map(|b| b["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["other_policy", "policy_changed", "protected"], "{c}");
    let (s, v) = app
        .post("caseworker", &format!("/api/v1/return-cases/{case}/arrival"), json!({"arrived_on": "2026-11-20"}))
        .await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::CONFLICT, Some("protection_gate_closed")), "{v}");
    let (_, held) = app.get("caseworker", "/api/v1/return-cases/held").await;
    assert_eq!(held["total"], 1, "{held}");
    assert_eq!(held["items"][0]["case_id"], case);
    let (_, held) = app.get("other", "/api/v1/return-cases/held").await;
    assert_eq!(held["total"], 0, "another agency sees none of it");
}
both_backends!(a_new_policy_closes_the_gate_and_lists_the_case);
