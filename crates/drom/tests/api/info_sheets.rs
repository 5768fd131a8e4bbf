//! Information sheets, what informed consent rests on: only agency administrators write them,
//! a new version is dated the day it is written (never back-dated, never before the version it
//! replaces), and every agency sees who wrote each version and for which agency.

use crate::both_backends;
use crate::helpers::{PASSWORD, TestApp, day};
use crate::pages::{get, sign_in};
use drom_domain::permission::Role;
use drom_store::users::NewUser;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn body(services: &str, updated_on: Option<String>) -> Value {
    let mut v = json!({"services": services, "housing": "Social housing list at the municipal office",
        "schools": "Primary school; learning centres", "health_care": "Family medicine centre",
        "safety": "No incidents reported"});
    if let Some(day) = updated_on {
        v["updated_on"] = json!(day);
    }
    v
}

async fn put(app: &TestApp, token: &str, body: Value) -> (StatusCode, Value) {
    let r = app
        .client
        .request(Method::PUT, format!("{}/api/v1/info-sheets/prizren", app.addr))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

async fn sheets_are_written_by_administrators_dated_today_and_signed(app: &TestApp) {
    // Writers who do not keep sheets, of this agency or another, are refused; nothing is written.
    for user in ["caseworker", "plainworker", "viewer", "other"] {
        let (s, v) = put(app, app.token(user), body("Centre for social work", None)).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{user}: {v}");
    }
    assert_eq!(app.count("info_sheet").await, 0);

    // No back-dating, no future date: a coded reason each.
    let (s, v) = put(app, app.token("admin"), body("Centre for social work", Some(day(-30)))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(
        (v["errors"][0]["field"].as_str(), v["errors"][0]["code"].as_str()),
        (Some("updated_on"), Some("sheet_backdated"))
    );
    let (s, v) = put(app, app.token("admin"), body("Centre for social work", Some(day(1)))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["errors"][0]["code"], "in_future");
    assert_eq!(app.count("info_sheet").await, 0);

    let (s, first) = put(app, app.token("admin"), body("Centre for social work", None)).await;
    assert_eq!(s, StatusCode::OK, "{first}");
    assert_eq!((first["version"].as_i64(), first["updated_on"].as_str()), (Some(1), Some(day(0).as_str())));
    assert_eq!((first["updated_by_name"].as_str(), first["agency_name"].as_str()), (Some("admin"), Some("Agency A")));

    // Another agency's administrator writes the next version.
    let (_, agencies) = app.get("admin", "/api/v1/agencies").await;
    let b = agencies.as_array().unwrap().iter().find(|a| a["code"] == "agency-b").unwrap()["id"].as_i64().unwrap();
    let user = app
        .db
        .create_user(
            None,
            NewUser {
                agency_id: b,
                username: "admin-b".into(),
                display_name: "Besa Hoxha".into(),
                role: Role::Administrator,
                special_categories: false,
                protection_override: false,
                password: PASSWORD.into(),
            },
        )
        .await
        .unwrap();
    let token_b = app.db.issue_token(&user, "test").await.unwrap();
    let (s, second) = put(app, &token_b, body("Centre for social work; employment office", Some(day(0)))).await;
    assert_eq!(s, StatusCode::OK, "{second}");
    assert_eq!((second["version"].as_i64(), second["agency_name"].as_str()), (Some(2), Some("Agency B")));

    // A version is never dated before the one it replaces (here, one whose date a clock ahead
    // of this server's wrote).
    app.tamper(&format!("UPDATE info_sheet SET updated_on = '{}' WHERE version = 2", day(1))).await;
    let (s, v) = put(app, app.token("admin"), body("Closed on Fridays", None)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["errors"][0]["code"], "sheet_before_previous", "{v}");
    assert_eq!(app.count("info_sheet").await, 2);

    // Every agency sees who wrote each version, and for which agency.
    for user in ["viewer", "other"] {
        let (_, v) = app.get(user, "/api/v1/info-sheets/prizren?version=1").await;
        assert_eq!((v["updated_by_name"].as_str(), v["agency_name"].as_str()), (Some("admin"), Some("Agency A")));
    }
    let (c, _) = sign_in(app, "other").await;
    let (s, html) = get(&c, app, "/info-sheets/prizren").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("written by Besa Hoxha (Agency B)"), "the current version's writer");
    assert!(
        html.contains("<td>admin (Agency A)</td>") && html.contains("<td>Besa Hoxha (Agency B)</td>"),
        "each version's"
    );
    assert!(!html.contains("id=\"form-sheet\""), "a caseworker has no form");
}
both_backends!(sheets_are_written_by_administrators_dated_today_and_signed);
