//! Web pages over real HTTP with a cookie jar: sign-in, CSRF, languages, forms that keep input
//! and name errors, and the same permissions as the API.

use crate::both_backends;
use crate::helpers::{PASSWORD, TestApp, person_json};
use reqwest::{Client, StatusCode, redirect};
use serde_json::json;

/// A browser-like client: keeps cookies, does not follow redirects (so tests can see them).
pub fn browser() -> Client {
    Client::builder().cookie_store(true).redirect(redirect::Policy::none()).build().unwrap()
}

pub fn csrf_of(html: &str) -> String {
    let start = html.find("name=\"csrf\" value=\"").expect("a form with a CSRF field") + 19;
    html[start..].split('"').next().unwrap().to_string()
}

pub async fn get(c: &Client, app: &TestApp, path: &str) -> (StatusCode, String) {
    let r = c.get(format!("{}{}", app.addr, path)).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

pub async fn post(c: &Client, app: &TestApp, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    c.post(format!("{}{}", app.addr, path)).form(form).send().await.unwrap()
}

/// Signs in through the form; returns the client and its CSRF token.
pub async fn sign_in(app: &TestApp, user: &str) -> (Client, String) {
    let c = browser();
    let (_, html) = get(&c, app, "/login").await;
    let csrf = csrf_of(&html);
    let r = post(&c, app, "/login", &[("csrf", &csrf), ("username", user), ("password", PASSWORD), ("next", "/home")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "sign-in of {user}");
    let cookie = r.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect::<Vec<_>>();
    assert!(
        cookie.iter().any(|c| c.starts_with("drom_session=") && c.contains("HttpOnly") && c.contains("SameSite=Lax"))
    );
    // Signed in, the forms carry a token bound to the session, not the one before sign-in.
    let (_, html) = get(&c, app, "/home").await;
    let signed_in = csrf_of(&html);
    assert_ne!(signed_in, csrf, "the token changes with the session");
    (c, signed_in)
}

async fn public_pages_and_headers(app: &TestApp) {
    let c = browser();
    let r = c.get(format!("{}/", app.addr)).header("accept-language", "sq-AL,sq;q=0.9,en;q=0.5").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("default-src 'self'") && csp.contains("script-src 'self'"), "{csp}");
    assert_eq!(r.headers()["x-frame-options"], "DENY");
    let html = r.text().await.unwrap();
    assert!(html.contains("<html lang=\"sq\">"));
    assert!(html.contains("Mbështetje për njerëzit që kthehen në shtëpi"), "Albanian from Accept-Language");
    // Signed-out visitors are sent to sign in, then back.
    let r = c.get(format!("{}/persons?q=x", app.addr)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/login?next=%2Fpersons%3Fq%3Dx");
    // Assets come from the binary.
    let (s, css) = get(&c, app, "/static/app.css").await;
    assert_eq!(s, StatusCode::OK);
    assert!(css.contains(":focus-visible"));
    let (s, html) = get(&c, app, "/nowhere").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(html.contains("Nuk u gjet") || html.contains("Not found"));
}
both_backends!(public_pages_and_headers);

async fn sign_in_csrf_and_language(app: &TestApp) {
    let c = browser();
    let (_, html) = get(&c, app, "/login").await;
    let csrf = csrf_of(&html);
    // Without the token, or with a wrong one: a clear page, no session.
    let r = post(&c, app, "/login", &[("username", "caseworker"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("The form has expired"));
    let r = post(&c, app, "/login", &[("csrf", "0000"), ("username", "caseworker"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Wrong password: the form again, the user name kept.
    let r = post(&c, app, "/login", &[("csrf", &csrf), ("username", "caseworker"), ("password", "nope")]).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let html = r.text().await.unwrap();
    assert!(html.contains("Wrong user name or password") && html.contains("value=\"caseworker\""));

    let (c, csrf) = sign_in(app, "caseworker").await;
    let (s, home) = get(&c, app, "/home").await;
    assert_eq!(s, StatusCode::OK);
    assert!(home.contains("Agency A"));
    // Switch to Serbian: remembered in a cookie.
    let r = post(&c, app, "/language", &[("csrf", &csrf), ("lang", "sr"), ("next", "/persons")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/persons");
    let (_, html) = get(&c, app, "/persons").await;
    assert!(html.contains("<html lang=\"sr\">") && html.contains("Upiši osobu"), "Serbian page");
    // An open redirect is refused.
    let r = post(&c, app, "/language", &[("csrf", &csrf), ("lang", "sq"), ("next", "//evil.example/")]).await;
    assert_eq!(r.headers()["location"], "/home");
    // Sign out ends the session on the server.
    let r = post(&c, app, "/logout", &[("csrf", &csrf)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (s, _) = get(&c, app, "/home").await;
    assert_eq!(s, StatusCode::SEE_OTHER);
}
both_backends!(sign_in_csrf_and_language);

async fn forms_keep_input_and_name_errors(app: &TestApp) {
    let (c, csrf) = sign_in(app, "caseworker").await;
    let persons = app.count("person").await;
    let r = post(
        &c,
        app,
        "/persons/new",
        &[
            ("csrf", &csrf),
            ("given_name", ""),
            ("family_name", "Gashi <script>"),
            ("date_of_birth", "1985-02-30"),
            ("sex", "female"),
            ("legal_basis.kind", "consent"),
            ("legal_basis.consent_date", "2026-01-10"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"date_of_birth-error\""), "error next to the field");
    assert!(
        html.contains("value=\"Gashi &#60;script&#62;\"") || html.contains("value=\"Gashi &lt;script&gt;\""),
        "input kept, escaped"
    );
    assert!(!html.contains("<script>"));
    assert_eq!(app.count("person").await, persons, "nothing saved");

    // Date fixed, name still missing: storage's errors land next to their fields too.
    let r = post(
        &c,
        app,
        "/persons/new",
        &[("csrf", &csrf), ("family_name", "Gashi"), ("date_of_birth", "1985-02"), ("legal_basis.kind", "consent")],
    )
    .await;
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"given_name-error\""));
    assert!(html.contains("is required when the basis is consent"));

    let r = post(
        &c,
        app,
        "/persons/new",
        &[
            ("csrf", &csrf),
            ("given_name", "Drita"),
            ("family_name", "Gashi"),
            ("date_of_birth", "1985-02"),
            ("sex", "female"),
            ("municipality_of_origin", "peje"),
            ("vulnerabilities", "single_parent_with_children"),
            ("legal_basis.kind", "consent"),
            ("legal_basis.consent_date", "2026-01-10"),
            ("legal_basis.consent_scope", "registration"),
            ("legal_basis.consent_language", "sq"),
            ("contact_email", "not-an-address"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("id=\"contact_email-error\""), "contact error mapped to its field");

    // The same refusals, from the form and from storage, in the reader's language.
    let r = post(&c, app, "/language", &[("csrf", &csrf), ("lang", "sq"), ("next", "/persons/new")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = post(
        &c,
        app,
        "/persons/new",
        &[
            ("csrf", &csrf),
            ("given_name", "Drita"),
            ("family_name", "Gashi"),
            ("date_of_birth", "1985-13"),
            ("legal_basis.kind", "consent"),
            ("contact_email", "not-an-address"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("nuk është VVVV, VVVV-MM ose VVVV-MM-DD"), "a form error in Albanian");
    // The summary names each field and links to it.
    let summary = html.split("error-summary").nth(1).expect("an error summary").split("</div>").next().unwrap();
    assert!(summary.contains("href=\"#date_of_birth\""), "{summary}");
    assert!(summary.contains("nuk është VVVV"), "{summary}");
    assert!(!html.contains("is not YYYY"), "and not in English");
    let r = post(
        &c,
        app,
        "/persons/new",
        &[
            ("csrf", &csrf),
            ("given_name", "Drita"),
            ("family_name", "Gashi"),
            ("legal_basis.kind", "consent"),
            ("legal_basis.consent_date", "2026-01-10"),
            ("legal_basis.consent_scope", "registration"),
            ("legal_basis.consent_language", "sq"),
            ("contact_email", "not-an-address"),
        ],
    )
    .await;
    let html = r.text().await.unwrap();
    assert!(html.contains("nuk është adresë e-maili"), "a storage error in Albanian");
    assert!(!html.contains("is not an e-mail address"));
}
both_backends!(forms_keep_input_and_name_errors);

async fn pages_follow_api_permissions(app: &TestApp) {
    let mut p = person_json("Nurije", "Zymeri");
    p["community"] = json!("roma");
    let id = app.person("caseworker", p).await;
    let path = format!("/persons/{id}");
    let (c, _) = sign_in(app, "caseworker").await;
    let (s, html) = get(&c, app, &path).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("<dt>Community</dt><dd>Roma</dd>"));
    let (viewer, _) = sign_in(app, "viewer").await;
    let (s, html) = get(&viewer, app, &path).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!html.contains("<dt>Community</dt>") && html.contains("special-category data is not shown"));
    let (s, _) = get(&viewer, app, "/persons/new").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = get(&viewer, app, "/admin/users").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (other, _) = sign_in(app, "other").await;
    let (s, html) = get(&other, app, &path).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(!html.contains("Zymeri"));
    let (s, html) = get(&other, app, "/persons?q=zymeri").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!html.contains("Zymeri"));
    let (admin, _) = sign_in(app, "admin").await;
    let (s, html) = get(&admin, app, "/admin/users").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("plainworker"));
    let (_, html) = get(&admin, app, &path).await;
    assert!(html.contains("person.create"), "administrators see the audit trail");
}
both_backends!(pages_follow_api_permissions);

async fn household_of_three_through_pages(app: &TestApp) {
    let (c, csrf) = sign_in(app, "caseworker").await;
    let consent = [
        ("legal_basis.kind", "consent"),
        ("legal_basis.consent_date", "2026-01-10"),
        ("legal_basis.consent_scope", "registration"),
        ("legal_basis.consent_language", "sq"),
    ];
    let mut head =
        vec![("csrf", csrf.as_str()), ("given_name", "Shpëtim"), ("family_name", "Hajdini"), ("sex", "male")];
    head.extend(consent);
    let r = post(&c, app, "/persons/new", &head).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let person_page = r.headers()["location"].to_str().unwrap().to_string();
    let head_id = person_page.rsplit('/').next().unwrap().to_string();
    let r = post(&c, app, "/households", &[("csrf", &csrf), ("head", &head_id)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let household_page = r.headers()["location"].to_str().unwrap().to_string();
    let household_id = household_page.rsplit('/').next().unwrap().to_string();
    for (name, relation) in [("Mirvete", "spouse"), ("Kujtim", "child")] {
        let mut member = vec![
            ("csrf", csrf.as_str()),
            ("given_name", name),
            ("family_name", "Hajdini"),
            ("household", household_id.as_str()),
            ("relation", relation),
        ];
        member.extend(consent);
        let r = post(&c, app, "/persons/new", &member).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(r.headers()["location"], household_page.as_str());
    }
    let (_, html) = get(&c, app, &household_page).await;
    for name in ["Shpëtim", "Mirvete", "Kujtim"] {
        assert!(html.contains(name), "{name} in the household");
    }
    // Found by a search without diacritics.
    let (_, html) = get(&c, app, "/persons?q=shpetim&partial=1").await;
    assert!(html.contains("Hajdini, Shpëtim"));
    assert!(!html.contains("<html"), "the partial answer is a fragment");
}
both_backends!(household_of_three_through_pages);

async fn a_withdrawal_of_consent_is_confirmed(app: &TestApp) {
    let id = app.person("caseworker", person_json("Teuta", "Hoxha")).await;
    let (c, csrf) = sign_in(app, "caseworker").await;
    let path = format!("/persons/{id}/withdraw-consent");
    let r = post(&c, app, &path, &[("csrf", &csrf), ("reason", "by phone")]).await;
    assert_eq!(r.headers()["location"], format!("/persons/{id}?withdraw=confirm#consent").as_str());
    let (_, html) = get(&c, app, &format!("/persons/{id}?withdraw=confirm")).await;
    assert!(html.contains("Nothing was recorded: tick the confirmation"), "the refusal is said");
    let (_, p) = app.get("caseworker", &format!("/api/v1/persons/{id}")).await;
    assert!(p["consent_withdrawn_at"].is_null(), "one click records nothing");
    let r = post(&c, app, &path, &[("csrf", &csrf), ("reason", "by phone"), ("confirm", "on")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, p) = app.get("caseworker", &format!("/api/v1/persons/{id}")).await;
    assert!(p["consent_withdrawn_at"].is_string());
}
both_backends!(a_withdrawal_of_consent_is_confirmed);
