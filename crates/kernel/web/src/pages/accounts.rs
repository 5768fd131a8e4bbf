//! An account after it is created: an administrator's page of one user (name, role, grants,
//! disabling, a new password, the user's tokens) and everyone's own account page (their
//! password, their tokens). The storage functions make every check, as for the API.

use super::ctx::{Ctx, SESSION_COOKIE, cookies};
use super::error::{PageError, respond};
use super::forms::CsrfForm;
use super::{html, safe_next, see_other, signed_in};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use drom_domain::FieldError;
use drom_domain::permission::Role;
use drom_store::StoreError;
use drom_store::accounts::{TokenInfo, UserChange};
use drom_store::users::User;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// The message of a `?done=` key the page itself sets after a change.
fn done_message(ctx: &Ctx, done: Option<String>) -> Option<String> {
    match done.as_deref() {
        Some("saved") => Some(ctx.t("account-saved")),
        Some("password") => Some(ctx.t("account-password-changed")),
        Some("revoked") => Some(ctx.t("account-token-was-revoked")),
        _ => None,
    }
}

#[derive(Template)]
#[template(path = "admin_user.html")]
struct AdminUser<'a> {
    ctx: &'a Ctx,
    title: String,
    u: User,
    agency: String,
    roles: Vec<(&'static str, String)>,
    tokens: Vec<TokenInfo>,
    errors: Vec<FieldError>,
    done: Option<String>,
}

async fn user_page(
    ctx: &Ctx,
    s: &AppState,
    id: i64,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Result<Response, PageError> {
    let admin = signed_in(ctx)?.actor.administrator()?;
    let u = s.db.managed_user(Some(admin), id).await?;
    let roles =
        Role::ALL.iter().filter(|r| admin.may_give(**r)).map(|r| (r.code(), ctx.code("role", r.code()))).collect();
    let tokens = s.db.tokens_of(u.id).await?;
    let agency = s.db.agency(u.agency_id).await.map(|a| a.name).unwrap_or_default();
    let title = ctx.t1("account-user-title", "name", &u.display_name);
    let mut resp = html(AdminUser { ctx, title, u, agency, roles, tokens, done, errors: errors.clone() })?;
    if !errors.is_empty() {
        *resp.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(resp)
}

pub async fn user(ctx: Ctx, State(s): State<AppState>, Path(id): Path<i64>, Query(q): Query<Done>) -> Response {
    let done = done_message(&ctx, q.done);
    let r = user_page(&ctx, &s, id, vec![], done).await;
    respond(&ctx, r)
}

pub async fn change_user(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let result = async {
        let admin = signed_in(&ctx)?.actor.administrator()?;
        let role = match form.text("role").parse::<Role>() {
            Ok(r) => r,
            Err(_) => {
                let e = ctx.field_error("role", drom_domain::Common::NotAChoice { value: form.text("role") });
                return user_page(&ctx, &s, id, vec![e], None).await;
            }
        };
        let change = UserChange {
            display_name: Some(form.text("display_name")),
            role: Some(role),
            special_categories: Some(form.checked("special_categories")),
            protection_override: Some(form.checked("protection_override")),
            disabled: Some(form.checked("disabled")),
        };
        match s.db.change_user(Some(admin), id, change, form.get("reason").as_deref()).await {
            Ok(_) => see_other(&format!("/admin/users/{id}?done=saved")),
            Err(StoreError::Invalid(e)) => user_page(&ctx, &s, id, ctx.localise(e.0), None).await,
            Err(e) => Err(e.into()),
        }
    }
    .await;
    respond(&ctx, result)
}

pub async fn reset_password(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let result = async {
        let admin = signed_in(&ctx)?.actor.administrator()?;
        match s.db.reset_password(Some(admin), id, &form.raw("password")).await {
            Ok(()) => see_other(&format!("/admin/users/{id}?done=password")),
            Err(StoreError::Invalid(e)) => user_page(&ctx, &s, id, ctx.localise(e.0), None).await,
            Err(e) => Err(e.into()),
        }
    }
    .await;
    respond(&ctx, result)
}

#[derive(Template)]
#[template(path = "account.html")]
struct Account<'a> {
    ctx: &'a Ctx,
    title: String,
    tokens: Vec<TokenInfo>,
    errors: Vec<FieldError>,
    done: Option<String>,
}

async fn account_page(
    ctx: &Ctx,
    s: &AppState,
    errors: Vec<FieldError>,
    done: Option<String>,
) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    let tokens = s.db.tokens_of(user.actor.user_id).await?;
    let failed = !errors.is_empty();
    let mut resp = html(Account { ctx, title: ctx.t("account-title"), tokens, errors, done })?;
    if failed {
        *resp.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(resp)
}

pub async fn account(ctx: Ctx, State(s): State<AppState>, Query(q): Query<Done>) -> Response {
    let done = done_message(&ctx, q.done);
    let r = account_page(&ctx, &s, vec![], done).await;
    respond(&ctx, r)
}

/// Changes the reader's password; their other sessions end, this one stays.
pub async fn change_password(
    ctx: Ctx,
    State(s): State<AppState>,
    headers: HeaderMap,
    CsrfForm(form): CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let jar = cookies(&headers);
        let session = jar.get(SESSION_COOKIE).map(String::as_str);
        match s
            .db
            .change_own_password(&user.actor, &form.raw("current_password"), &form.raw("new_password"), session)
            .await
        {
            Ok(()) => see_other("/account?done=password"),
            Err(StoreError::Invalid(e)) => account_page(&ctx, &s, ctx.localise(e.0), None).await,
            Err(e) => Err(e.into()),
        }
    }
    .await;
    respond(&ctx, result)
}

/// Revokes a token (one's own, or of a user one administers) and goes back to the page.
pub async fn revoke_token(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(id): Path<i64>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        s.db.revoke_token(&user.actor, id).await?;
        let back = safe_next(form.get("next"));
        let back = back.split('?').next().unwrap_or("/account").to_string();
        see_other(&format!("{back}?done=revoked"))
    }
    .await;
    respond(&ctx, result)
}
