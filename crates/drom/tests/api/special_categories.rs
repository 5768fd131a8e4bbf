//! Special categories beyond the registry: a return case's special transport needs (health,
//! minors) and a stored screening's facts leave storage only for a holder of the grant, are
//! written only by one, and every read by one is audited; the OpenAPI document names each
//! special-category field.

use crate::both_backends;
use crate::helpers::{TestApp, person_json};
use crate::pages::{get, sign_in};
use crate::returns::{consent, open_case, sheet, step};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The audit entries of a record, oldest first: (action, detail).
async fn audit(app: &TestApp, record_type: &str, id: i64) -> Vec<(String, String)> {
    let (s, v) = app.get("admin", &format!("/api/v1/audit?record_type={record_type}&record_id={id}")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let mut out: Vec<(String, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap().to_string(), e["detail"].as_str().unwrap_or_default().to_string()))
        .collect();
    out.reverse();
    out
}

fn travel(needs: Value) -> Value {
    json!({"transport": "air", "route": "Vienna VIE - Prishtinë PRN", "departure_on": "2024-11-05",
           "destination_municipality": "Prizren", "special_needs": needs})
}

async fn special_transport_needs_need_the_grant(app: &TestApp) {
    sheet(app, "Prizren").await;
    let person = app.person("caseworker", person_json("Drita", "Berisha")).await;
    let case = open_case(
        app,
        json!({"person_id": person, "return_type": "voluntary", "host_country": "DE",
               "destination_municipality": "Prizren", "registered_on": "2024-10-01", "entered_from_paper": true}),
    )
    .await;
    let id = case["id"].as_i64().unwrap();
    step(app, id, "counselling", json!({"held_on": "2024-10-02", "language": "sq", "topics": ["housing"]})).await;
    step(app, id, "consent", consent("2024-10-03")).await;
    let path = format!("/api/v1/return-cases/{id}");

    // A writer without the grant cannot record special needs: a coded refusal, nothing written.
    let (s, v) = app.post("plainworker", &format!("{path}/travel"), travel(json!(["wheelchair"]))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["errors"][0]["field"], "special_needs", "{v}");
    assert_eq!(v["errors"][0]["code"], "needs_special_categories", "{v}");
    let (_, v) = app.get("viewer", &path).await;
    assert_eq!(v["stage"], "consent_recorded");

    let v = step(app, id, "travel", travel(json!(["stretcher", "unaccompanied_minor_escort"]))).await;
    assert_eq!(v["special_needs"], json!(["stretcher", "unaccompanied_minor_escort"]));

    // Readers without the grant get no special needs, and are told something is withheld; their
    // reads leave no audit entry.
    let entries = audit(app, "return_case", id).await.len();
    for user in ["plainworker", "viewer"] {
        let (s, v) = app.get(user, &path).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(v["special_needs"], json!([]), "{user}: {v}");
        assert_eq!(v["special_categories_withheld"], true, "{user}");
        assert!(!v.to_string().contains("stretcher"), "{user}: {v}");
    }
    let (_, list) = app.get("viewer", "/api/v1/return-cases").await;
    assert!(!list.to_string().contains("stretcher"), "{list}");
    assert_eq!(audit(app, "return_case", id).await.len(), entries);

    // A writer without the grant may still change the travel; the needs recorded stay.
    let (s, v) = app.post("plainworker", &format!("{path}/travel"), travel(json!([]))).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["special_needs"], json!([]));
    assert_eq!(v["special_categories_withheld"], true);

    // A holder of the grant reads them, and the read is audited with the field's name only.
    let (_, v) = app.get("caseworker", &path).await;
    assert_eq!(v["special_needs"], json!(["stretcher", "unaccompanied_minor_escort"]));
    assert_eq!(v["special_categories_withheld"], false);
    let entries = audit(app, "return_case", id).await;
    let (action, detail) = entries.last().unwrap();
    assert_eq!(action, "return_case.read_special");
    assert_eq!(detail, "{\"fields\":[\"special_needs\"]}");

    // The case page: the needs for the holder of the grant, a note for everyone else.
    let (c, _) = sign_in(app, "plainworker").await;
    let (s, html) = get(&c, app, &format!("/return-cases/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!html.contains("stretcher") && !html.contains("unaccompanied minor"), "withheld on the page");
    assert!(html.contains("not shown: your account does not have the special-categories permission"));
    assert!(!html.contains("name=\"special_needs\""), "no special-needs field in the travel form");
    let (c, _) = sign_in(app, "caseworker").await;
    let (_, html) = get(&c, app, &format!("/return-cases/{id}")).await;
    assert!(html.contains(">stretcher</span>") && html.contains(">escort for an unaccompanied minor</span>"));
}
both_backends!(special_transport_needs_need_the_grant);

async fn screening_reads_are_audited(app: &TestApp) {
    let mut p = person_json("Sabrije", "Gashi");
    p["community"] = json!("roma");
    let person = app.person("caseworker", p).await;
    let (s, v) =
        app.post("caseworker", "/api/v1/screenings", json!({"person_id": person, "return_type": "forced"})).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let screening = v["id"].as_i64().unwrap();
    let path = format!("/api/v1/screenings/{screening}");
    let reads = |entries: &[(String, String)]| entries.iter().filter(|(a, _)| a == "screening.read_special").count();
    // Writing a screening is audited as such, not as a read.
    assert_eq!(reads(&audit(app, "person", person).await), 0);

    // Without the grant the facts are refused, and nothing is read.
    for user in ["plainworker", "viewer"] {
        let (s, v) = app.get(user, &path).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{user}: {v}");
        assert!(!v.to_string().contains("roma"), "{v}");
    }
    assert_eq!(reads(&audit(app, "person", person).await), 0);

    // Every read by a holder of the grant is audited: the API, the reproduction, the page.
    let (s, v) = app.get("caseworker", &path).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["facts"][0]["community"], "roma");
    let entries = audit(app, "person", person).await;
    assert_eq!(reads(&entries), 1);
    let (action, detail) = entries.last().unwrap();
    assert_eq!(action, "screening.read_special");
    assert_eq!(detail, &format!("{{\"fields\":[\"facts\"],\"screening\":{screening}}}"));
    assert!(!detail.contains("roma"));
    let (s, _) = app.get("caseworker", &format!("{path}/reproduction")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(reads(&audit(app, "person", person).await), 2);
    let (c, _) = sign_in(app, "caseworker").await;
    let (s, _) = get(&c, app, &format!("/screenings/{screening}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(reads(&audit(app, "person", person).await), 3);
}
both_backends!(screening_reads_are_audited);

/// The description of `property` of the schema `schema` (following `allOf`).
fn description<'a>(doc: &'a Value, schema: &str, property: &str) -> Option<&'a str> {
    fn find<'a>(doc: &'a Value, s: &'a Value, property: &str) -> Option<&'a Value> {
        if let Some(p) = s["properties"].get(property) {
            return Some(p);
        }
        if let Some(r) = s["$ref"].as_str() {
            return find(doc, &doc["components"]["schemas"][r.rsplit('/').next().unwrap()], property);
        }
        s["allOf"].as_array()?.iter().find_map(|part| find(doc, part, property))
    }
    find(doc, &doc["components"]["schemas"][schema], property)?["description"].as_str()
}

async fn openapi_names_special_categories(app: &TestApp) {
    let r = app.client.get(format!("{}/api/v1/openapi.json", app.addr)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let doc: Value = r.json().await.unwrap();
    for (schema, property) in [
        ("ReturnCase", "special_needs"),
        ("ReturnCase", "health_needs"),
        ("TravelInput", "special_needs"),
        ("AssessmentInput", "health_needs"),
        ("ReturnsReport", "by_community"),
        ("Person", "community"),
        ("Person", "vulnerabilities"),
        ("PersonData", "community"),
        ("Screening", "facts"),
        ("ScreeningRequest", "facts"),
        ("FactAnswerInput", "answer"),
    ] {
        let text =
            description(&doc, schema, property).unwrap_or_else(|| panic!("{schema}.{property} has no description"));
        assert!(text.contains("Special category ("), "{schema}.{property} is not marked: {text}");
    }
    // The flag that something was withheld names what it covers.
    let withheld = description(&doc, "ReturnCase", "special_categories_withheld").unwrap();
    assert!(withheld.contains("special_needs") && withheld.contains("health_needs"), "{withheld}");
}
both_backends!(openapi_names_special_categories);
