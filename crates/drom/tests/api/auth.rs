//! Sign-in, tokens and the limit on failed attempts.

use crate::both_backends;
use crate::helpers::{PASSWORD, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn sign_in(app: &TestApp, username: &str, password: &str) -> reqwest::Response {
    app.call(None, Method::POST, "/api/v1/auth/token", Some(json!({"username": username, "password": password}))).await
}

async fn tokens_and_rate_limit(app: &TestApp) {
    let r = sign_in(app, "viewer", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::OK);
    let token = r.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_string();
    let r = app.client.get(format!("{}/api/v1/me", app.addr)).bearer_auth(&token).send().await.unwrap();
    let me: Value = r.json().await.unwrap();
    assert_eq!(me["username"], "viewer");
    assert_eq!(me["permissions"], json!(["registry_read"]));

    let r = app.client.get(format!("{}/api/v1/me", app.addr)).bearer_auth("drom_not_a_token").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(r.headers()["www-authenticate"], "Bearer");
    let r =
        app.client.get(format!("{}/api/v1/me", app.addr)).header("authorization", "Basic eDp5").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    // Unknown user and wrong password answer alike.
    let a: Value = sign_in(app, "nobody", "whatever").await.json().await.unwrap();
    let b: Value = sign_in(app, "caseworker", "wrong").await.json().await.unwrap();
    assert_eq!(a["detail"], b["detail"]);
    for _ in 0..4 {
        assert_eq!(sign_in(app, "caseworker", "wrong").await.status(), StatusCode::UNAUTHORIZED);
    }
    // Five failures: now even the right password is refused for a while.
    let r = sign_in(app, "caseworker", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    // Other users are not affected.
    assert_eq!(sign_in(app, "admin", PASSWORD).await.status(), StatusCode::OK);
}
both_backends!(tokens_and_rate_limit);
