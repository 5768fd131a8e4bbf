//! Trust in accounts: administrators act within their own agency; accounts can be changed,
//! disabled and reset, with effect at once; sign-in limits that nobody can turn against
//! someone else; API sign-in tokens that do not pile up; local redirects only; CSRF tokens
//! bound to the session; concurrent writers get conflicts, never an outage.

use crate::both_backends;
use crate::helpers::{PASSWORD, TestApp, person_json};
use crate::pages::{browser, csrf_of, get, post, sign_in};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn status(app: &TestApp, user: &str, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    let r = app.call(Some(user), method, path, body).await;
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

async fn administrators_act_within_their_own_agency(app: &TestApp) {
    let other_agency = app.db.agencies().await.unwrap().into_iter().find(|a| a.code == "agency-b").unwrap().id;
    let in_b = json!({"agency_id": other_agency, "username": "planted", "display_name": "P", "role": "caseworker",
                      "special_categories": true, "password": "long enough password"});
    let (s, v) = app.post("admin", "/api/v1/users", in_b.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "an agency's administrator may not add a user to another agency: {v}");
    assert!(app.db.user_by_name("planted").await.is_err(), "nothing was created");
    let system = json!({"agency_id": app.agency_a, "username": "root2", "display_name": "R",
                        "role": "system_administrator", "password": "long enough password"});
    let (s, _) = app.post("admin", "/api/v1/users", system.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "nor make a system administrator");
    let (_, users) = app.get("admin", "/api/v1/users").await;
    let names: Vec<&str> = users.as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap()).collect();
    assert!(names.contains(&"viewer") && !names.contains(&"other"), "its own agency's users only: {names:?}");
    let other = app.db.user_by_name("other").await.unwrap();
    let (s, _) =
        status(app, "admin", Method::PATCH, &format!("/api/v1/users/{}", other.id), Some(json!({"disabled": true})))
            .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "another agency's user is not the administrator's to see");
    let (s, _) = app.post("admin", "/api/v1/agencies", json!({"code": "c-agency", "name": "C", "kind": "ngo"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "agencies are the system administrator's");

    // The system administrator does all of it.
    let (s, v) = app.post("sysadmin", "/api/v1/users", in_b).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (s, _) = app.post("sysadmin", "/api/v1/users", system).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) =
        app.post("sysadmin", "/api/v1/agencies", json!({"code": "c-agency", "name": "C", "kind": "ngo"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, users) = app.get("sysadmin", "/api/v1/users").await;
    assert!(users.as_array().unwrap().iter().any(|u| u["username"] == "other"));
}
both_backends!(administrators_act_within_their_own_agency);

async fn an_account_is_changed_disabled_and_reset_with_effect_at_once(app: &TestApp) {
    let viewer = app.db.user_by_name("viewer").await.unwrap();
    let path = format!("/api/v1/users/{}", viewer.id);
    let (c, _) = sign_in(app, "viewer").await;
    assert_eq!(get(&c, app, "/persons").await.0, StatusCode::OK);

    // A role and a grant change at once for the open session and the token.
    let (s, v) =
        status(app, "admin", Method::PATCH, &path, Some(json!({"role": "caseworker", "special_categories": true})))
            .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!((v["role"].as_str(), v["special_categories"].as_bool()), (Some("caseworker"), Some(true)));
    let (_, me) = app.get("viewer", "/api/v1/me").await;
    assert!(me["permissions"].as_array().unwrap().contains(&json!("registry_write")), "{me}");
    assert_eq!(app.post("viewer", "/api/v1/persons", person_json("Bekim", "Rexha")).await.0, StatusCode::CREATED);

    // Disabled: the session and the token stop working at once, and sign-in is refused.
    let (s, _) = status(app, "admin", Method::PATCH, &path, Some(json!({"disabled": true}))).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(app.get("viewer", "/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
    let (s, _) = get(&c, app, "/persons").await;
    assert_eq!(s, StatusCode::SEE_OTHER, "the open session goes to sign-in");
    let r = app
        .call(None, Method::POST, "/api/v1/auth/token", Some(json!({"username": "viewer", "password": PASSWORD})))
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // Enabled again: the old token stays revoked; a new sign-in works.
    status(app, "admin", Method::PATCH, &path, Some(json!({"disabled": false}))).await;
    assert_eq!(app.get("viewer", "/api/v1/me").await.0, StatusCode::UNAUTHORIZED, "revoked for good");
    let r = app
        .call(None, Method::POST, "/api/v1/auth/token", Some(json!({"username": "viewer", "password": PASSWORD})))
        .await;
    assert_eq!(r.status(), StatusCode::OK);

    // An administrator cannot lock themselves out.
    let admin = app.db.user_by_name("admin").await.unwrap();
    let (s, v) =
        status(app, "admin", Method::PATCH, &format!("/api/v1/users/{}", admin.id), Some(json!({"disabled": true})))
            .await;
    assert_eq!((s, v["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("not_yourself")), "{v}");

    // A reset password: the old one fails, the new one works.
    let (s, _) =
        status(app, "admin", Method::POST, &format!("{path}/password"), Some(json!({"password": "short"}))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _) = status(
        app,
        "admin",
        Method::POST,
        &format!("{path}/password"),
        Some(json!({"password": "a brand new password"})),
    )
    .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let sign = |password: &'static str| async move {
        app.call(None, Method::POST, "/api/v1/auth/token", Some(json!({"username": "viewer", "password": password})))
            .await
            .status()
    };
    assert_eq!(sign(PASSWORD).await, StatusCode::UNAUTHORIZED);
    assert_eq!(sign("a brand new password").await, StatusCode::OK);

    // Every change is in the audit log.
    let (_, audit) = app.get("admin", &format!("/api/v1/audit?record_type=user&record_id={}", viewer.id)).await;
    let actions: Vec<&str> = audit.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for a in ["user.update", "user.disable", "user.enable", "user.password_reset"] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
}
both_backends!(an_account_is_changed_disabled_and_reset_with_effect_at_once);

async fn a_user_keeps_their_own_password_and_tokens(app: &TestApp) {
    // API sign-ins do not pile up tokens: five live at most, the oldest revoked.
    let mut tokens = Vec::new();
    for _ in 0..7 {
        let r = app
            .call(
                None,
                Method::POST,
                "/api/v1/auth/token",
                Some(json!({"username": "caseworker", "password": PASSWORD})),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        tokens.push(r.json::<Value>().await.unwrap()["token"].as_str().unwrap().to_string());
    }
    let me = |t: String| async move {
        app.client.get(format!("{}/api/v1/me", app.addr)).bearer_auth(t).send().await.unwrap().status()
    };
    assert_eq!(me(tokens[0].clone()).await, StatusCode::UNAUTHORIZED, "the oldest sign-in token was revoked");
    assert_eq!(me(tokens[6].clone()).await, StatusCode::OK);
    let (_, list) = app.get("caseworker", "/api/v1/me/tokens").await;
    let live = list.as_array().unwrap().iter().filter(|t| t["label"] == "api sign-in" && t["revoked"] == false).count();
    assert_eq!(live, 5, "{list}");
    assert!(list.as_array().unwrap().iter().all(|t| t.get("token_hash").is_none()), "never the secret");

    // Revoking one's own token; not another user's.
    let newest = list[0]["id"].as_i64().unwrap();
    let (s, _) = status(app, "viewer", Method::DELETE, &format!("/api/v1/tokens/{newest}"), None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = status(app, "caseworker", Method::DELETE, &format!("/api/v1/tokens/{newest}"), None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(me(tokens[6].clone()).await, StatusCode::UNAUTHORIZED);

    // A password change needs the current one, and ends the user's other sessions.
    let (other_session, _) = sign_in(app, "caseworker").await;
    let (c, csrf) = sign_in(app, "caseworker").await;
    let r = post(
        &c,
        app,
        "/account/password",
        &[("csrf", &csrf), ("current_password", "wrong"), ("new_password", "a new long password")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = post(
        &c,
        app,
        "/account/password",
        &[("csrf", &csrf), ("current_password", PASSWORD), ("new_password", "a new long password")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(get(&c, app, "/account").await.0, StatusCode::OK, "this session stays");
    assert_eq!(get(&other_session, app, "/account").await.0, StatusCode::SEE_OTHER, "the other one ended");
}
both_backends!(a_user_keeps_their_own_password_and_tokens);

async fn sign_in_limits_lock_an_address_never_a_name_for_everyone(app: &TestApp) {
    let db = &app.db;
    for _ in 0..5 {
        assert!(db.authenticate("caseworker", "wrong", "203.0.113.7").await.is_err());
    }
    let locked = db.authenticate("caseworker", PASSWORD, "203.0.113.7").await;
    assert!(matches!(locked, Err(drom_store::StoreError::TooManyAttempts { .. })), "that address and name are locked");
    // The same name from another address still signs in (slowed down, not locked).
    assert!(db.authenticate("caseworker", PASSWORD, "198.51.100.2").await.is_ok());
    // An address failing on many names is refused for every name.
    for i in 0..25 {
        let _ = db.authenticate(&format!("guess{i}"), "wrong", "203.0.113.9").await;
    }
    for _ in 0..5 {
        let _ = db.authenticate("viewer", "wrong", "203.0.113.9").await;
    }
    let from_guesser = db.authenticate("admin", PASSWORD, "203.0.113.9").await;
    assert!(matches!(from_guesser, Err(drom_store::StoreError::TooManyAttempts { .. })));
    assert!(db.authenticate("admin", PASSWORD, "198.51.100.2").await.is_ok());
    // Old failures are purged.
    app.tamper("UPDATE login_failure SET at = '2000-01-01T00:00:00.000000Z'").await;
    assert!(db.purge_expired().await.unwrap().failures >= 35);
    assert!(db.authenticate("caseworker", PASSWORD, "203.0.113.7").await.is_ok());
}
both_backends!(sign_in_limits_lock_an_address_never_a_name_for_everyone);

async fn redirects_stay_on_this_site(app: &TestApp) {
    let c = browser();
    let (_, html) = get(&c, app, "/login").await;
    let csrf = csrf_of(&html);
    for next in [
        "/\t/evil.example",
        "/%09/evil.example",
        "//evil.example",
        "/\\evil.example",
        "/\n/evil.example",
        "https://evil.example",
        "/ok\u{7}",
    ] {
        let next = next.replace("%09", "\t");
        let r = post(&c, app, "/language", &[("csrf", &csrf), ("lang", "sq"), ("next", &next)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next:?}");
        assert_eq!(r.headers()["location"], "/home", "{next:?}");
    }
    let r = post(&c, app, "/language", &[("csrf", &csrf), ("lang", "en"), ("next", "/persons?q=a%20b")]).await;
    assert_eq!(r.headers()["location"], "/persons?q=a%20b", "a local path is kept");
    let r = post(
        &c,
        app,
        "/login",
        &[("csrf", &csrf), ("username", "viewer"), ("password", PASSWORD), ("next", "/\t/evil.example")],
    )
    .await;
    assert_eq!(r.headers()["location"], "/home");
}
both_backends!(redirects_stay_on_this_site);

async fn a_planted_csrf_cookie_does_not_pass(app: &TestApp) {
    let c = browser();
    let (_, html) = get(&c, app, "/login").await;
    let csrf = csrf_of(&html);
    let r = post(
        &c,
        app,
        "/login",
        &[("csrf", &csrf), ("username", "caseworker"), ("password", PASSWORD), ("next", "/home")],
    )
    .await;
    let session = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("drom_session="))
        .map(|v| v.split(';').next().unwrap().to_string())
        .unwrap();
    // An attacker who can set cookies (a sibling subdomain) plants a cookie and field pair.
    let planted = "a".repeat(64);
    let forged = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let r = forged
        .post(format!("{}/persons/new", app.addr))
        .header("cookie", format!("drom_session={session}; drom_csrf={planted}"))
        .form(&[("csrf", planted.as_str()), ("given_name", "Forged"), ("family_name", "Entry")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "the token is bound to the session");
    // The page's own token, bound to the session, passes.
    let (_, html) = get(&c, app, "/persons/new").await;
    let bound = csrf_of(&html);
    let r = forged
        .post(format!("{}/language", app.addr))
        .header("cookie", format!("drom_session={session}; drom_csrf={planted}"))
        .form(&[("csrf", bound.as_str()), ("lang", "sq"), ("next", "/home")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}
both_backends!(a_planted_csrf_cookie_does_not_pass);

/// Sends one request per body, all at once, and answers their statuses.
async fn at_once(app: &TestApp, user: &str, method: Method, path: &str, bodies: Vec<Value>) -> Vec<StatusCode> {
    let mut set = tokio::task::JoinSet::new();
    for body in bodies {
        let req =
            app.client.request(method.clone(), format!("{}{path}", app.addr)).bearer_auth(app.token(user)).json(&body);
        set.spawn(async move { req.send().await.map(|r| r.status()) });
    }
    let mut statuses = Vec::new();
    while let Some(r) = set.join_next().await {
        statuses.push(r.unwrap().unwrap());
    }
    statuses
}

async fn concurrent_writers_get_conflicts_never_an_outage(app: &TestApp) {
    let id = app.person("caseworker", person_json("Vjosa", "Berisha")).await;
    let path = format!("/api/v1/persons/{id}");
    let bodies = (0..8).map(|i| {
        let mut p = person_json("Vjosa", "Berisha");
        p["current_place"] = json!(format!("Place {i}"));
        p
    });
    let statuses = at_once(app, "caseworker", Method::PUT, &path, bodies.collect()).await;
    assert!(statuses.iter().all(|s| *s == StatusCode::OK || *s == StatusCode::CONFLICT), "{statuses:?}");
    let ok = statuses.iter().filter(|s| **s == StatusCode::OK).count() as i64;
    let (_, p) = app.get("caseworker", &path).await;
    assert_eq!(p["version"].as_i64().unwrap(), 1 + ok, "every accepted write is one version: {statuses:?}");

    // Two administrators adding the same user name at once: one wins, the other is told why.
    let user = json!({"agency_id": app.agency_a, "username": "twin", "display_name": "T", "role": "viewer", "password": "long enough password"});
    let statuses = at_once(app, "admin", Method::POST, "/api/v1/users", vec![user; 6]).await;
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CREATED).count(), 1, "{statuses:?}");
    assert!(
        statuses.iter().all(|s| *s == StatusCode::CREATED || *s == StatusCode::UNPROCESSABLE_ENTITY),
        "{statuses:?}"
    );
}
both_backends!(concurrent_writers_get_conflicts_never_an_outage);
