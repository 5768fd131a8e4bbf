//! Supervisor approval configured per programme: a payment above the threshold waits for a
//! supervisor other than the one who asked, is recorded exactly as asked when approved, and a
//! refusal needs a reason.

use crate::both_backends;
use crate::helpers::{TestApp, person_json};
use crate::returns::{open_case, option_id, programme_body, sheet, step, walk_to_arrival};
use reqwest::StatusCode;
use serde_json::json;

both_backends!(large_payments_wait_for_a_supervisor);
async fn large_payments_wait_for_a_supervisor(app: &TestApp) {
    sheet(app, "Prizren").await;
    let mut body = programme_body("APPR", 1_000_000);
    body["approval_above_cents"] = json!(50_000);
    let (s, p) = app.post("admin", "/api/v1/programmes", body).await;
    assert_eq!((s, p["approval_above_cents"].as_i64()), (StatusCode::CREATED, Some(50_000)), "{p}");
    let person = app.person("caseworker", person_json("Arben", "Hoti")).await;
    let case = open_case(
        app,
        json!({"person_id": person, "return_type": "voluntary", "host_country": "DE", "registered_on": "2024-10-01", "entered_from_paper": true,
               "destination_municipality": "Prizren", "programme_id": p["id"]}),
    )
    .await;
    let id = case["id"].as_i64().unwrap();
    walk_to_arrival(app, &case, "air", "2024-11-05").await;
    let assessment = json!({"skills": "carpentry", "education": "primary school", "languages": ["sq"],
                            "housing": "with relatives", "children_schooling": "none"});
    step(app, id, "assessment", assessment).await;
    let plan = json!({"option_id": option_id(&p, "business"), "description": "Workshop", "amount_cents": 150_000,
                      "committed_on": "2025-02-10"});
    let item = step(app, id, "plan-items", plan).await["plan"][0]["id"].as_i64().unwrap();
    let large = json!({"plan_item_id": item, "amount_cents": 80_000, "paid_on": "2025-02-12"});
    let path = format!("/api/v1/return-cases/{id}/disbursements");
    // Above the threshold: refused until approved; at or below: paid at once.
    let (s, v) = app.post("caseworker", &path, large.clone()).await;
    assert_eq!((s, v["refusal"]["code"].as_str()), (StatusCode::CONFLICT, Some("approval-needed")), "{v}");
    let small = json!({"plan_item_id": item, "amount_cents": 50_000, "paid_on": "2025-02-12"});
    assert_eq!(app.post("caseworker", &path, small.clone()).await.0, StatusCode::OK);
    let approvals = format!("/api/v1/return-cases/{id}/approvals");
    let (s, v) = app.post("caseworker", &approvals, json!({"step": "disburse", "input": small})).await;
    assert_eq!((s, v["refusal"]["code"].as_str()), (StatusCode::CONFLICT, Some("approval-not-needed")));
    let (s, asked) = app.post("caseworker", &approvals, json!({"step": "disburse", "input": large})).await;
    assert_eq!(s, StatusCode::CREATED, "{asked}");
    let (_, waiting) = app.get("supervisor", "/api/v1/approvals").await;
    assert_eq!(waiting.as_array().unwrap().len(), 1);
    let decide = format!("/api/v1/approvals/{}/decision", asked["id"]);
    // A caseworker does not supervise.
    assert_eq!(app.post("caseworker", &decide, json!({"approve": true})).await.0, StatusCode::FORBIDDEN);
    let (s, v) = app.post("supervisor", &decide, json!({"approve": true})).await;
    assert_eq!((s, v["decision"].as_str()), (StatusCode::OK, Some("approved")), "{v}");
    let (_, k) = app.get("caseworker", &format!("/api/v1/return-cases/{id}")).await;
    assert_eq!(k["plan"][0]["disbursed_cents"], 130_000, "both payments recorded, the large one once");
    let (s, v) = app.post("admin", &decide, json!({"approve": true})).await;
    assert_eq!((s, v["refusal"]["code"].as_str()), (StatusCode::CONFLICT, Some("approval-decided")));
    assert_eq!(
        app.get("caseworker", &format!("/api/v1/return-cases/{id}")).await.1["plan"][0]["disbursed_cents"],
        130_000
    );
    // A supervisor does not approve their own request; a refusal needs a reason.
    let again = json!({"plan_item_id": item, "amount_cents": 60_000, "paid_on": "2025-02-13"});
    let (_, own) = app.post("supervisor", &approvals, json!({"step": "disburse", "input": again})).await;
    let own_decision = format!("/api/v1/approvals/{}/decision", own["id"]);
    let (s, v) = app.post("supervisor", &own_decision, json!({"approve": true})).await;
    assert_eq!((s, v["refusal"]["code"].as_str()), (StatusCode::CONFLICT, Some("approval-own")));
    let (s, v) = app.post("admin", &own_decision, json!({"approve": false})).await;
    assert_eq!((s, v["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("reason")));
    let (s, v) =
        app.post("admin", &own_decision, json!({"approve": false, "reason": "The commitment is nearly spent"})).await;
    assert_eq!(
        (s, v["decision"].as_str(), v["reason"].as_str()),
        (StatusCode::OK, Some("refused"), Some("The commitment is nearly spent"))
    );
    assert_eq!(
        app.get("caseworker", &format!("/api/v1/return-cases/{id}")).await.1["plan"][0]["disbursed_cents"],
        130_000
    );
    // The administrator changes the rule: a lower threshold holds a small payment, none lets it
    // through at once; the changes are audited on the programme.
    let rule = format!("/api/v1/programmes/{}/approval-rule", p["id"]);
    let set = |who: &'static str, body: serde_json::Value| {
        let rule = rule.clone();
        async move { app.call(Some(who), reqwest::Method::PUT, &rule, Some(body)).await.status() }
    };
    assert_eq!(set("caseworker", json!({"approval_above_cents": null})).await, StatusCode::FORBIDDEN);
    assert_eq!(set("admin", json!({"approval_above_cents": 5_000})).await, StatusCode::OK);
    let after = json!({"plan_item_id": item, "amount_cents": 10_000, "paid_on": "2025-02-14"});
    let (s, v) = app.post("caseworker", &path, after.clone()).await;
    assert_eq!((s, v["refusal"]["code"].as_str()), (StatusCode::CONFLICT, Some("approval-needed")));
    assert_eq!(set("admin", json!({"approval_above_cents": null})).await, StatusCode::OK);
    assert_eq!(app.post("caseworker", &path, after).await.0, StatusCode::OK);
    let (_, audit) = app.get("admin", &format!("/api/v1/audit?record_type=programme&record_id={}", p["id"])).await;
    assert!(audit.as_array().unwrap().iter().any(|e| e["action"] == "programme.approval_rule"), "{audit}");
    let (_, history) = app.get("caseworker", &approvals).await;
    assert_eq!(history.as_array().unwrap().len(), 2);
    // The audit log holds the request, the approved payment with its approval, and the refusal.
    let (_, audit) = app.get("admin", &format!("/api/v1/audit?record_type=return_case&record_id={id}")).await;
    let actions: Vec<&str> = audit.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions.iter().filter(|a| **a == "return_case.approval_request").count(), 2, "{actions:?}");
    assert!(actions.contains(&"return_case.approval_refuse"));
}
