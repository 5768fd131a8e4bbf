//! Web pages for people: server-rendered HTML that works without JavaScript, in Albanian,
//! Serbian (Latin), English and (partly) Romani. Pages call the same storage functions as the
//! API, so a page never shows what the API would refuse.

pub mod accounts;
pub mod admin;
pub mod assets;
pub mod chart;
pub mod choices;
pub mod countries;
pub mod ctx;
pub mod error;
pub mod fields;
pub mod formats;
pub mod forms;
pub mod home;

use crate::AppState;
use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use ctx::{Ctx, PageUser};
use error::PageError;

/// The page routes: the kernel's (sign-in, language, administration, assets) and the
/// registry's and screening's (until they are capabilities of their own), with `capabilities`
/// merged in, behind the CSRF cookie and the security headers.
pub fn router(capabilities: Router<AppState>) -> Router<AppState> {
    Router::new()
        .route("/", get(home::landing))
        .route("/language", post(home::set_language))
        .route("/login", get(home::login_form).post(home::login))
        .route("/logout", post(home::logout))
        .route("/admin/agencies", get(admin::agencies).post(admin::add_agency))
        .route("/admin/users", get(admin::users).post(admin::add_user))
        .route("/admin/users/{id}", get(accounts::user).post(accounts::change_user))
        .route("/admin/users/{id}/password", post(accounts::reset_password))
        .route("/account", get(accounts::account))
        .route("/account/password", post(accounts::change_password))
        .route("/tokens/{id}/revoke", post(accounts::revoke_token))
        .route("/admin/reference", get(admin::reference))
        .route("/admin/reference/communities", post(admin::add_community))
        .route("/admin/reference/municipalities/{code}", post(admin::correct_municipality))
        .route("/static/{file}", get(assets::serve))
        .merge(capabilities)
        .fallback(not_found)
        .layer(middleware::from_fn(forms::ensure_csrf_cookie))
        .layer(middleware::from_fn(security_headers))
}

async fn not_found(ctx: Ctx) -> Response {
    PageError::NotFound.page(&ctx)
}

/// Whether the request reached us over TLS (directly or through a proxy that says so).
pub fn is_https(headers: &HeaderMap) -> bool {
    headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()).is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// A strict Content-Security-Policy: every script, style and image comes from Drom itself.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

async fn security_headers(req: Request<Body>, next: Next) -> Response {
    let https = is_https(req.headers());
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    if https {
        // Served over TLS: browsers keep to it for a year.
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // A page may ask for less (the public report flow sends no referrer at all).
    if !h.contains_key(header::REFERRER_POLICY) {
        h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

/// The signed-in user, or a redirect to the sign-in page that comes back here.
pub fn signed_in(ctx: &Ctx) -> Result<&PageUser, PageError> {
    ctx.user.as_ref().ok_or_else(|| PageError::SignIn(ctx.here.clone()))
}

/// Renders a template into a response.
pub fn html(t: impl askama::Template) -> Result<Response, PageError> {
    t.render().map(|h| Html(h).into_response()).map_err(|e| {
        tracing::error!(error = %e, "template failed");
        PageError::Internal
    })
}

/// A redirect after a successful post (post/redirect/get).
pub fn see_other(to: &str) -> Result<Response, PageError> {
    Ok(Redirect::to(to).into_response())
}

/// A local path to go back to: only paths on this site, never another host.
pub fn safe_next(next: Option<String>) -> String {
    match next {
        Some(n) if is_local_path(&n) => n,
        _ => "/home".to_string(),
    }
}

/// A path on this site: it starts with one `/`, and has no control character, no whitespace
/// and no backslash anywhere (browsers drop tabs and newlines and read `\` as `/`, so
/// `/<tab>/evil.example` and `/\evil.example` would lead off-site).
fn is_local_path(n: &str) -> bool {
    n.starts_with('/')
        && !n.starts_with("//")
        && !n.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\')
        && n.len() <= 2000
}
