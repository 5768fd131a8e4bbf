//! Bad input: a clear 4xx naming the field, nothing written.

use crate::both_backends;
use crate::helpers::{TestApp, person_json};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn refused(app: &TestApp, body: Value, field: &str) {
    let persons = app.count("person").await;
    let audit = app.count("audit_log").await;
    let (s, v) = app.post("caseworker", "/api/v1/persons", body).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["code"], "validation_failed");
    let fields: Vec<&str> = v["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&field), "expected {field} in {fields:?}");
    assert!(v["errors"][0]["reason"].as_str().is_some_and(|r| !r.is_empty()));
    assert_eq!(app.count("person").await, persons, "nothing written");
    assert_eq!(app.count("audit_log").await, audit, "nothing audited");
}

fn with(field: &str, value: Value) -> Value {
    let mut p = person_json("Valon", "Hoxha");
    p[field] = value;
    p
}

async fn person_fields(app: &TestApp) {
    refused(app, with("municipality_of_origin", json!("Atlantis")), "municipality_of_origin").await;
    refused(app, with("community", json!("martian")), "community").await;
    refused(app, with("date_of_birth", json!("1985-02-30")), "date_of_birth").await;
    refused(app, with("date_of_birth", json!("2999")), "date_of_birth").await;
    refused(app, with("given_name", json!("x".repeat(101))), "given_name").await;
    refused(app, with("given_name", json!("   ")), "given_name").await;
    refused(app, with("sex", json!("F")), "sex").await;
    refused(app, with("current_country", json!("QQ")), "current_country").await;
    refused(app, with("languages", json!(["klingon"])), "languages[0]").await;
    refused(app, with("documents", json!([{"kind": "passport", "number": ""}])), "documents[0].number").await;
    refused(app, with("documents", json!([{"kind": "visa", "number": "1"}])), "documents[0].kind").await;
    refused(app, with("vulnerabilities", json!(["sad"])), "vulnerabilities[0]").await;
    refused(app, with("ethnicity", json!("roma")), "ethnicity").await;
    let mut no_consent_date = person_json("Valon", "Hoxha");
    no_consent_date["legal_basis"] =
        json!({"kind": "consent", "consent_scope": "registration", "consent_language": "sq"});
    refused(app, no_consent_date, "legal_basis.consent_date").await;
    let mut missing = person_json("Valon", "Hoxha");
    missing.as_object_mut().unwrap().remove("family_name");
    refused(app, missing, "body").await;
    // Without the permission, special categories cannot be written.
    let (s, v) = app.post("plainworker", "/api/v1/persons", with("community", json!("roma"))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["errors"][0]["field"], "community");
}
both_backends!(person_fields);

async fn malformed_requests(app: &TestApp) {
    let url = format!("{}/api/v1/persons", app.addr);
    let r = app
        .client
        .post(&url)
        .bearer_auth(app.token("caseworker"))
        .header("content-type", "application/json")
        .body("{\"given_name\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["code"], "malformed_json");

    let r = app
        .client
        .post(&url)
        .bearer_auth(app.token("caseworker"))
        .header("content-type", "text/plain")
        .body(person_json("A", "B").to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["errors"][0]["field"], "Content-Type");

    // An oversized body is refused: with 413, or by closing the connection before reading it all.
    // A client of its own: the server may close the connection, which must not break the next
    // requests of the shared one.
    let big = "x".repeat(3 * 1024 * 1024);
    let sent = reqwest::Client::new()
        .post(&url)
        .bearer_auth(app.token("caseworker"))
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await;
    if let Ok(r) = sent {
        assert!(r.status().is_client_error(), "{}", r.status());
    }

    for path in ["/api/v1/persons/abc", "/api/v1/persons/99999999", "/api/v1/persons/-1", "/api/v1/nothing"] {
        let (s, v) = app.get("caseworker", path).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(v["code"], "not_found");
    }
    assert_eq!(app.count("person").await, 0);
}
both_backends!(malformed_requests);

async fn household_members(app: &TestApp) {
    let mine = app.person("caseworker", person_json("Sabrije", "Demiri")).await;
    let theirs = app.person("other", person_json("Nexhat", "Demiri")).await;
    let households = app.count("household").await;
    for (members, field) in [
        (
            json!([{"person_id": mine, "relation": "head"}, {"person_id": theirs, "relation": "spouse"}]),
            "members[1].person_id",
        ),
        (json!([{"person_id": mine, "relation": "spouse"}]), "members"),
        (json!([{"person_id": mine, "relation": "cousin"}]), "members[0].relation"),
        (json!([]), "members"),
    ] {
        let (s, v) = app.post("caseworker", "/api/v1/households", json!({"members": members})).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert_eq!(v["errors"][0]["field"], field, "{v}");
        // The other agency's person is described exactly like a person that does not exist.
        assert!(!v.to_string().contains("Nexhat"));
    }
    assert_eq!(app.count("household").await, households);
}
both_backends!(household_members);
