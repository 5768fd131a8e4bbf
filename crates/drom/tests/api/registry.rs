//! Persons and households: create, read, update with versions, history, consent withdrawal.

use crate::both_backends;
use crate::helpers::{TestApp, person_json};
use drom_registry::RegistryDb;
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn person_lifecycle(app: &TestApp) {
    let mut body = person_json("Shpresa", "Berisha");
    body["given_name_other_script"] = json!("Шпреса");
    body["community"] = json!("ashkali");
    body["vulnerabilities"] = json!(["single_parent_with_children", "severe_disability"]);
    body["documents"] = json!([{"kind": "passport", "number": "P1234567", "issuing_country": "xk"}]);
    let id = app.person("caseworker", body.clone()).await;

    let (s, p) = app.get("caseworker", &format!("/api/v1/persons/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(p["municipality_of_origin"], "fushe-kosove", "stored by code");
    assert_eq!(p["municipality_of_origin_name"], "Fushë Kosovë/Kosovo Polje");
    assert_eq!(p["documents"][0]["issuing_country"], "XK");
    assert_eq!(p["community"], "ashkali");
    assert_eq!(p["version"], 1);

    // Update with the version read: accepted; with a stale version: refused, nothing written.
    body["current_place"] = json!("Dortmund");
    let r = app
        .client
        .put(format!("{}/api/v1/persons/{id}", app.addr))
        .bearer_auth(app.token("caseworker"))
        .header("If-Match", "\"1\"")
        .header("X-Reason", "moved")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["etag"], "\"2\"");
    let r = app
        .client
        .put(format!("{}/api/v1/persons/{id}", app.addr))
        .bearer_auth(app.token("caseworker"))
        .header("If-Match", "\"1\"")
        .json(&person_json("Other", "Name"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PRECONDITION_FAILED);
    let (_, p) = app.get("caseworker", &format!("/api/v1/persons/{id}")).await;
    assert_eq!(p["given_name"], "Shpresa");
    assert_eq!(p["current_place"], "Dortmund");

    let (s, h) = app.get("caseworker", &format!("/api/v1/persons/{id}/history")).await;
    assert_eq!(s, StatusCode::OK);
    let versions: Vec<i64> = h.as_array().unwrap().iter().map(|v| v["version"].as_i64().unwrap()).collect();
    assert_eq!(versions, vec![2, 1]);
    assert_eq!(h[1]["data"]["current_place"], serde_json::Value::Null);
    assert_eq!(h[0]["change"], "update");

    // A writer without the special-category permission changes a name and keeps what it cannot see.
    let mut plain = person_json("Shpresë", "Berisha");
    plain["current_place"] = json!("Dortmund");
    let r = app.call(Some("plainworker"), Method::PUT, &format!("/api/v1/persons/{id}"), Some(plain)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["special_categories_withheld"], true);
    let (_, p) = app.get("caseworker", &format!("/api/v1/persons/{id}")).await;
    assert_eq!(p["given_name"], "Shpresë");
    assert_eq!(p["community"], "ashkali");
    // The health vulnerability it could not see stays; the other one it did not send is gone.
    assert_eq!(p["vulnerabilities"], json!(["severe_disability"]));
}
both_backends!(person_lifecycle);

async fn consent_withdrawal(app: &TestApp) {
    let id = app.person("caseworker", person_json("Arta", "Gashi")).await;
    let path = format!("/api/v1/persons/{id}/consent-withdrawal");
    let withdrawn = counts(app).await.consent_withdrawn;
    let (s, v) = app.post("caseworker", &path, json!({"reason": "asked in person at the office"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(v["consent_withdrawn_at"].is_string());
    assert_eq!(counts(app).await.consent_withdrawn, withdrawn + 1);
    let (s, _) = app.post("caseworker", &path, json!({"reason": "again"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, v) = app.post("caseworker", &path, json!({"reason": " "})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["errors"][0]["field"], "reason");
    let (_, audit) = app.get("admin", &format!("/api/v1/audit?record_type=person&record_id={id}")).await;
    let entry = audit.as_array().unwrap().iter().find(|e| e["action"] == "person.consent_withdraw").expect("audited");
    assert_eq!(entry["reason"], "asked in person at the office");

    // Withdrawn consent stops new voluntary work for the person, not what rests on a legal
    // obligation or protects them.
    let voluntary = json!({"person_id": id, "return_type": "voluntary", "host_country": "DE"});
    let (s, v) = app.post("caseworker", "/api/v1/return-cases", voluntary.clone()).await;
    assert_eq!(
        (s, v["errors"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("case_consent_withdrawn")),
        "{v}"
    );
    let (s, v) =
        app.post("caseworker", "/api/v1/screenings", json!({"person_id": id, "return_type": "voluntary"})).await;
    assert_eq!(
        (s, v["errors"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("screening_consent_withdrawn")),
        "{v}"
    );
    let (s, v) = app.post("caseworker", "/api/v1/screenings", json!({"person_id": id, "return_type": "forced"})).await;
    assert_eq!(s, StatusCode::CREATED, "a protection screening goes on: {v}");
    // A new consent, dated after the withdrawal, lifts it.
    let mut renewed = person_json("Arta", "Gashi");
    renewed["legal_basis"]["consent_date"] = json!(chrono::Utc::now().date_naive().to_string());
    let r = app.call(Some("caseworker"), reqwest::Method::PUT, &format!("/api/v1/persons/{id}"), Some(renewed)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let (_, p) = app.get("caseworker", &format!("/api/v1/persons/{id}")).await;
    assert!(p["consent_withdrawn_at"].is_null(), "{p}");
    let (s, v) = app.post("caseworker", "/api/v1/return-cases", voluntary).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
}
both_backends!(consent_withdrawal);

/// The home page's registry counts, as the viewer sees them.
async fn counts(app: &TestApp) -> drom_registry::store::counts::RegistryCounts {
    let viewer = app.db.user_by_name("viewer").await.unwrap().actor();
    app.db.registry().registry_counts(&viewer).await.unwrap()
}

async fn households(app: &TestApp) {
    let before = counts(app).await;
    let head = app.person("caseworker", person_json("Sabit", "Bajrami")).await;
    let spouse = app.person("caseworker", person_json("Hava", "Bajrami")).await;
    let child = app.person("caseworker", person_json("Ferat", "Bajrami")).await;
    let now = counts(app).await;
    assert_eq!(now.persons, before.persons + 3);
    assert_eq!(now.persons_without_household, before.persons_without_household + 3);
    assert!(now.changed_last_7_days >= 3);
    let (s, h) = app
        .post(
            "caseworker",
            "/api/v1/households",
            json!({"label": "Bajrami family", "municipality": "prizren", "members": [
                {"person_id": head, "relation": "head"},
                {"person_id": spouse, "relation": "spouse"},
                {"person_id": child, "relation": "child"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{h}");
    let hid = h["id"].as_i64().unwrap();
    assert_eq!(h["members"].as_array().unwrap().len(), 3);
    assert_eq!(h["municipality_name"], "Prizren");
    let (_, p) = app.get("caseworker", &format!("/api/v1/persons/{child}")).await;
    assert_eq!(p["household_id"], hid);
    let now = counts(app).await;
    assert_eq!(now.households, before.households + 1);
    assert_eq!(now.persons_without_household, before.persons_without_household);

    // A person can be in one household only.
    let (s, v) = app
        .post("caseworker", "/api/v1/households", json!({"members": [{"person_id": child, "relation": "head"}]}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["errors"][0]["field"], "members[0].person_id");

    // Update: the child leaves.
    let r = app
        .call(
            Some("caseworker"),
            Method::PUT,
            &format!("/api/v1/households/{hid}"),
            Some(json!({"label": "Bajrami family", "members": [
                {"person_id": head, "relation": "head"}, {"person_id": spouse, "relation": "spouse"}]})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let (_, p) = app.get("caseworker", &format!("/api/v1/persons/{child}")).await;
    assert!(p["household_id"].is_null());
    assert_eq!(counts(app).await.persons_without_household, before.persons_without_household + 1);

    let (s, list) = app.get("viewer", "/api/v1/households?q=bajrami").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["version"], 2);
}
both_backends!(households);
