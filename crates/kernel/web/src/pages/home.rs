//! The public landing page, language choice, sign-in and sign-out. (The signed-in home page
//! gathers every capability's work: the binary composes it.)

use super::ctx::{Ctx, LANG_COOKIE, Lang, SESSION_COOKIE, cookies};
use super::error::{PageError, respond};
use super::forms::CsrfForm;
use super::{html, is_https, safe_next};
use crate::AppState;
use crate::auth::ClientAddress;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use drom_store::StoreError;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "landing.html")]
struct Landing<'a> {
    ctx: &'a Ctx,
    title: String,
}

pub async fn landing(ctx: Ctx) -> Response {
    respond(&ctx, html(Landing { ctx: &ctx, title: ctx.t("landing-title") }))
}

fn cookie(name: &str, value: &str, max_age: i64, headers: &HeaderMap) -> HeaderValue {
    let secure = if is_https(headers) { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"))
        .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Remembers the chosen language for a year and goes back to the page.
pub async fn set_language(headers: HeaderMap, CsrfForm(form): CsrfForm) -> Response {
    let lang = form.get("lang").and_then(|l| Lang::from_code(&l)).unwrap_or(Lang::En);
    let mut resp = Redirect::to(&safe_next(form.get("next"))).into_response();
    resp.headers_mut().append(header::SET_COOKIE, cookie(LANG_COOKIE, lang.code(), 365 * 24 * 3600, &headers));
    resp
}

#[derive(Template)]
#[template(path = "login.html")]
struct Login<'a> {
    ctx: &'a Ctx,
    title: String,
    next: String,
    username: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn login_form(ctx: Ctx, Query(q): Query<NextQuery>) -> Response {
    let page =
        Login { ctx: &ctx, title: ctx.t("login-title"), next: safe_next(q.next), username: String::new(), error: None };
    respond(&ctx, html(page))
}

pub async fn login(
    ctx: Ctx,
    State(s): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    CsrfForm(form): CsrfForm,
) -> Response {
    let username = form.text("username");
    let next = safe_next(form.get("next"));
    let outcome = s.db.authenticate(&username, &form.raw("password"), &address).await;
    let error = match outcome {
        Ok(user) => {
            return respond(
                &ctx,
                async {
                    let token = s.db.start_session(&user).await?;
                    let mut resp = Redirect::to(&next).into_response();
                    resp.headers_mut().append(
                        header::SET_COOKIE,
                        cookie(SESSION_COOKIE, &token, drom_store::users::SESSION_HOURS * 3600, &headers),
                    );
                    Ok(resp)
                }
                .await,
            );
        }
        Err(StoreError::BadCredentials) => ctx.t("login-failed"),
        Err(StoreError::TooManyAttempts { retry_after_secs }) => {
            ctx.t1("login-too-many", "minutes", retry_after_secs.div_ceil(60))
        }
        Err(other) => return PageError::from(other).page(&ctx),
    };
    let page = Login { ctx: &ctx, title: ctx.t("login-title"), next, username, error: Some(error) };
    let mut resp = respond(&ctx, html(page));
    *resp.status_mut() = axum::http::StatusCode::UNAUTHORIZED;
    resp
}

pub async fn logout(State(s): State<AppState>, headers: HeaderMap, CsrfForm(_): CsrfForm) -> Response {
    if let Some(token) = cookies(&headers).get(SESSION_COOKIE)
        && let Err(e) = s.db.end_session(token).await
    {
        tracing::warn!(error = %e, "could not end a session");
    }
    let mut resp = Redirect::to("/").into_response();
    resp.headers_mut().append(header::SET_COOKIE, cookie(SESSION_COOKIE, "", 0, &headers));
    resp
}
