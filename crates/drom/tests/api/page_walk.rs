//! Every page route, walked as a writer with the special-categories grant, a viewer without it,
//! a user of another agency and someone signed out: who gets what, no special category shown
//! without the grant, nothing of one agency shown to another, and no page write without its
//! CSRF token. The routes are read from the source, so a page added without being walked fails.

use crate::both_backends;
use crate::helpers::{TestApp, person_json};
use crate::pages::{browser, get, sign_in};
use reqwest::StatusCode;
use serde_json::json;
use std::collections::BTreeSet;

/// Every `.route("PATH", get(` or `post(` of the page routers, as (method, path).
fn page_routes() -> BTreeSet<(String, String)> {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    collect(&root.join("crates/kernel/web/src/pages"), &mut files);
    // Every capability's web folder, so a new capability's pages are walked without a list here.
    for capability in std::fs::read_dir(root.join("crates")).unwrap().flatten() {
        let web = capability.path().join("src/web");
        if web.is_dir() {
            collect(&web, &mut files);
        }
    }
    files.push(root.join("crates/drom/src/server.rs"));
    let mut routes = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for part in text.split(".route(").skip(1) {
            let part = part.trim_start();
            let Some(rest) = part.strip_prefix('"') else { continue };
            let path = rest.split('"').next().unwrap().to_string();
            let handlers = &rest[path.len()..rest.find(")\n").unwrap_or(rest.len()).min(rest.len())];
            for method in ["get", "post"] {
                if handlers.contains(&format!("{method}(")) || handlers.contains(&format!(".{method}(")) {
                    routes.insert((method.to_uppercase(), path.clone()));
                }
            }
        }
    }
    routes
}

fn collect(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

async fn every_page_every_role(app: &TestApp) {
    let mut p = person_json("Mimoza", "Kelmendi");
    p["community"] = json!("egyptian");
    p["vulnerabilities"] = json!(["victim_of_trafficking"]);
    let person = app.person("caseworker", p).await;
    let (_, h) = app
        .post("caseworker", "/api/v1/households", json!({"members": [{"person_id": person, "relation": "head"}]}))
        .await;
    let household = h["id"].as_i64().unwrap();
    let (_, case) = app
        .post(
            "caseworker",
            "/api/v1/return-cases",
            json!({"person_id": person, "return_type": "voluntary", "host_country": "DE",
            "destination_municipality": "Prizren", "registered_on": "2024-10-01", "entered_from_paper": true}),
        )
        .await;
    let case = case["id"].as_i64().unwrap();
    let (_, s) =
        app.post("caseworker", "/api/v1/screenings", json!({"person_id": person, "return_type": "forced"})).await;
    let screening = s["id"].as_i64().unwrap();
    let viewer_id = app.db.user_by_name("viewer").await.unwrap().id;
    let (_, prog) = app.post("admin", "/api/v1/programmes", json!({"code": "WALK", "name": "P", "donor": "D", "budget_cents": 100_000,
        "starts_on": "2024-01-01", "options": [{"code": "kit", "kind": "toolkit", "description": "Tools", "ceiling_cents": 10_000, "ceiling_basis": "per_person"}]})).await;
    let programme = prog["id"].as_i64().unwrap();

    let file = app
        .client
        .post(format!("{}/api/v1/subjects/return-cases/{case}/attachments?kind=other&file_name=a.pdf", app.addr))
        .bearer_auth(app.token("caseworker"))
        .body(b"%PDF-1.4\n%%EOF\n".to_vec())
        .send()
        .await
        .unwrap();
    let attachment = file.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();

    // A referral to agency B that shares the need only: B reads it, and nothing of the person.
    crate::referrals::directory(app).await;
    let (_, r) = app
        .post(
            "caseworker",
            "/api/v1/referrals",
            crate::referrals::referral(person, crate::referrals::ACTIVE, json!(["need"])),
        )
        .await;
    let referral = r["id"].as_i64().unwrap();

    // A discrimination report to the Ombudsperson (agency A).
    crate::discrimination::bodies(app).await;
    crate::discrimination::submit(app, crate::discrimination::report("They would not serve us.")).await;
    let (_, reports) = app.get("caseworker", "/api/v1/discrimination/reports").await;
    let report = reports[0]["id"].as_i64().unwrap();

    use StatusCode as S;
    const SIGN_IN: S = S::SEE_OTHER;
    // (path as routed, path walked, [caseworker, viewer, other agency, signed out])
    let walked: Vec<(&str, String, [S; 4])> = vec![
        ("/", "/".into(), [S::OK, S::OK, S::OK, S::OK]),
        ("/login", "/login".into(), [S::OK, S::OK, S::OK, S::OK]),
        ("/static/{file}", "/static/app.css".into(), [S::OK, S::OK, S::OK, S::OK]),
        ("/home", "/home".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        ("/account", "/account".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        ("/persons", "/persons".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        ("/persons/new", "/persons/new".into(), [S::OK, S::FORBIDDEN, S::OK, SIGN_IN]),
        ("/persons/{id}", format!("/persons/{person}"), [S::OK, S::OK, S::NOT_FOUND, SIGN_IN]),
        ("/persons/{id}/edit", format!("/persons/{person}/edit"), [S::OK, S::FORBIDDEN, S::NOT_FOUND, SIGN_IN]),
        ("/households", "/households".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        ("/households/{id}", format!("/households/{household}"), [S::OK, S::OK, S::NOT_FOUND, SIGN_IN]),
        ("/return-cases", "/return-cases".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        (
            "/return-cases/new",
            format!("/return-cases/new?person_id={person}"),
            [S::OK, S::FORBIDDEN, S::NOT_FOUND, SIGN_IN],
        ),
        ("/return-cases/{id}", format!("/return-cases/{case}"), [S::OK, S::OK, S::NOT_FOUND, SIGN_IN]),
        (
            "/return-cases/{id}/consent-form",
            format!("/return-cases/{case}/consent-form?lang=sq"),
            [S::OK, S::OK, S::NOT_FOUND, SIGN_IN],
        ),
        ("/referrals", "/referrals".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        ("/referrals/new", format!("/referrals/new?person_id={person}"), [S::OK, S::FORBIDDEN, S::NOT_FOUND, SIGN_IN]),
        ("/referrals/{id}", format!("/referrals/{referral}"), [S::OK, S::OK, S::OK, SIGN_IN]),
        ("/msc-sessions", "/msc-sessions".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        ("/reports/referrals", "/reports/referrals".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        (
            "/reports/referrals.csv",
            "/reports/referrals.csv?from=2026-01-01&to=2026-12-31".into(),
            [S::OK, S::OK, S::OK, SIGN_IN],
        ),
        (
            "/reports/referrals.xlsx",
            "/reports/referrals.xlsx?from=2026-01-01&to=2026-12-31".into(),
            [S::OK, S::OK, S::OK, SIGN_IN],
        ),
        ("/tasks", "/tasks".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        ("/team", "/team".into(), [S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, SIGN_IN]),
        ("/attachments/{id}", format!("/attachments/{attachment}"), [S::OK, S::OK, S::NOT_FOUND, SIGN_IN]),
        ("/screenings", "/screenings".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        ("/screenings/rescreen", "/screenings/rescreen".into(), [S::OK, S::FORBIDDEN, S::OK, SIGN_IN]),
        ("/screenings/{id}", format!("/screenings/{screening}"), [S::OK, S::FORBIDDEN, S::NOT_FOUND, SIGN_IN]),
        (
            "/screenings/{id}/decision",
            format!("/screenings/{screening}/decision"),
            [S::OK, S::FORBIDDEN, S::NOT_FOUND, SIGN_IN],
        ),
        (
            "/screenings/lists/{id}",
            "/screenings/lists/999999".into(),
            [S::NOT_FOUND, S::FORBIDDEN, S::NOT_FOUND, SIGN_IN],
        ),
        (
            "/screenings/lists/{id}/summary",
            "/screenings/lists/999999/summary".into(),
            [S::NOT_FOUND, S::FORBIDDEN, S::NOT_FOUND, SIGN_IN],
        ),
        (
            "/screenings/lists/{id}/decisions.csv",
            "/screenings/lists/999999/decisions.csv".into(),
            [S::NOT_FOUND, S::FORBIDDEN, S::NOT_FOUND, SIGN_IN],
        ),
        (
            "/screenings/lists/{id}/decisions.xlsx",
            "/screenings/lists/999999/decisions.xlsx".into(),
            [S::NOT_FOUND, S::FORBIDDEN, S::NOT_FOUND, SIGN_IN],
        ),
        ("/programmes", "/programmes".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        ("/programmes/new", "/programmes/new".into(), [S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, SIGN_IN]),
        ("/programmes/{id}", format!("/programmes/{programme}"), [S::OK, S::OK, S::OK, SIGN_IN]),
        ("/info-sheets", "/info-sheets".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        ("/info-sheets/{municipality}", "/info-sheets/prizren".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        (
            "/info-sheets/{municipality}/print",
            "/info-sheets/prizren/print?lang=sr".into(),
            [S::OK, S::OK, S::OK, SIGN_IN],
        ),
        ("/reports/returns", "/reports/returns".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        (
            "/reports/returns.csv",
            "/reports/returns.csv?from=2024-01-01&to=2024-12-31".into(),
            [S::OK, S::OK, S::OK, SIGN_IN],
        ),
        (
            "/reports/returns.xlsx",
            "/reports/returns.xlsx?from=2024-01-01&to=2024-12-31".into(),
            [S::OK, S::OK, S::OK, SIGN_IN],
        ),
        ("/reports/sustainability", "/reports/sustainability".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        ("/admin/users", "/admin/users".into(), [S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, SIGN_IN]),
        ("/admin/users/{id}", format!("/admin/users/{viewer_id}"), [S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, SIGN_IN]),
        ("/admin/agencies", "/admin/agencies".into(), [S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, SIGN_IN]),
        ("/admin/reference", "/admin/reference".into(), [S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, SIGN_IN]),
        ("/admin/directory", "/admin/directory".into(), [S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, SIGN_IN]),
        // The service directory is public.
        ("/services", "/services?need=health&open_now=1".into(), [S::OK, S::OK, S::OK, S::OK]),
        (
            "/services/{id}",
            "/services/0b9c2f0e-3f4a-4c53-9d5e-ffffffffffff".into(),
            [S::NOT_FOUND, S::NOT_FOUND, S::NOT_FOUND, S::NOT_FOUND],
        ),
        ("/admin/peers", "/admin/peers".into(), [S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, SIGN_IN]),
        // Reporting discrimination is public; a body's pages are its own.
        ("/report", "/report".into(), [S::OK; 4]),
        ("/report/pow.js", "/report/pow.js".into(), [S::OK; 4]),
        ("/report/follow", "/report/follow".into(), [S::OK; 4]),
        ("/report/statistics", "/report/statistics".into(), [S::OK; 4]),
        ("/report/statistics.csv", "/report/statistics.csv".into(), [S::OK; 4]),
        ("/report/statistics.hxl.csv", "/report/statistics.hxl.csv".into(), [S::OK; 4]),
        ("/report/statistics.xlsx", "/report/statistics.xlsx".into(), [S::OK; 4]),
        ("/discrimination", "/discrimination".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        (
            "/discrimination/reports/{id}",
            format!("/discrimination/reports/{report}"),
            [S::OK, S::OK, S::NOT_FOUND, SIGN_IN],
        ),
        (
            "/discrimination/reports/{id}/evidence/{file}",
            format!("/discrimination/reports/{report}/evidence/999999"),
            [S::NOT_FOUND, S::FORBIDDEN, S::NOT_FOUND, SIGN_IN],
        ),
        ("/discrimination/outreach", "/discrimination/outreach".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        ("/discrimination/statistics", "/discrimination/statistics".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        ("/discrimination/statistics.csv", "/discrimination/statistics.csv".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        (
            "/discrimination/statistics.hxl.csv",
            "/discrimination/statistics.hxl.csv".into(),
            [S::OK, S::OK, S::OK, SIGN_IN],
        ),
        ("/discrimination/statistics.xlsx", "/discrimination/statistics.xlsx".into(), [S::OK, S::OK, S::OK, SIGN_IN]),
        ("/admin/discrimination", "/admin/discrimination".into(), [S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, SIGN_IN]),
    ];
    let routed: BTreeSet<String> = page_routes().into_iter().filter(|(m, _)| m == "GET").map(|(_, p)| p).collect();
    assert!(routed.len() > 30, "the routes were read from the source: {routed:?}");
    let covered: BTreeSet<String> = walked.iter().map(|(r, _, _)| r.to_string()).collect();
    let unwalked: Vec<&String> = routed.difference(&covered).collect();
    assert!(unwalked.is_empty(), "page routes not walked: {unwalked:?}");

    let (caseworker, _) = sign_in(app, "caseworker").await;
    let (viewer, _) = sign_in(app, "viewer").await;
    let (other, _) = sign_in(app, "other").await;
    let anonymous = browser();
    let clients = [&caseworker, &viewer, &other, &anonymous];
    let names = ["caseworker", "viewer", "other agency", "signed out"];
    let mut wrong = Vec::new();
    for (route, path, expected) in &walked {
        for ((client, name), want) in clients.iter().zip(names).zip(expected) {
            let (status, body) = get(client, app, path).await;
            if status != *want {
                wrong.push(format!("GET {path} ({route}) as {name}: {status}, not {want}"));
            }
            if name == "other agency" || name == "signed out" {
                assert!(!body.contains("Kelmendi"), "GET {path} as {name} shows the person");
            }
            // The public directory names needs such as counter-trafficking, and no person.
            // The public report form lists the communities a reporter may name as their own.
            if name == "viewer" && !path.starts_with("/services") && !path.starts_with("/report") {
                for special in ["Egyptian", "trafficking", "Trafficking"] {
                    assert!(!body.contains(special), "GET {path} as a viewer shows '{special}'");
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    // The grant shows what it grants.
    let (_, html) = get(&caseworker, app, &format!("/persons/{person}")).await;
    assert!(html.contains("Egyptian"), "the caseworker with the grant sees the community");

    // No page changes anything without its CSRF token, whoever sends it.
    let posts: Vec<String> = page_routes().into_iter().filter(|(m, _)| m == "POST").map(|(_, p)| p).collect();
    assert!(posts.len() > 15, "{posts:?}");
    for route in posts {
        let path = route
            .replace("{id}", &person.to_string())
            .replace("{person}", &person.to_string())
            .replace("{code}", "prizren")
            .replace("{step}", "counselling")
            .replace("{municipality}", "prizren");
        for (client, name) in clients.iter().zip(names) {
            let r = client.post(format!("{}{path}", app.addr)).form(&[("x", "1")]).send().await.unwrap();
            // Refused before any handler runs: the token is missing (403), or an upload's body
            // is not a multipart form (400).
            let refused = [StatusCode::FORBIDDEN, StatusCode::BAD_REQUEST];
            assert!(refused.contains(&r.status()), "POST {path} without a token as {name}: {}", r.status());
        }
    }
}
both_backends!(every_page_every_role);
