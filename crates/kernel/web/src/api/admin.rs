//! Agencies, users and the audit log.

use crate::AppState;
use crate::auth::Auth;
use crate::extract::{ApiJson, ApiQuery, Id, Reason};
use crate::problem::{ApiError, Problem};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use drom_domain::Common;
use drom_domain::audit::AuditEntry;
use drom_store::accounts::{TokenInfo, UserChange};
use drom_store::users::{Agency, NewAgency, NewUser, User};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

/// Every agency (names are not confidential: referrals need them).
#[utoipa::path(get, path = "/agencies", tag = "admin", responses((status = 200, body = Vec<Agency>)), security(("bearer" = [])))]
pub async fn agencies(State(s): State<AppState>, _: Auth) -> Result<Json<Vec<Agency>>, ApiError> {
    Ok(Json(s.db.agencies().await?))
}

#[utoipa::path(post, path = "/agencies", tag = "admin", request_body = NewAgency,
    responses((status = 201, body = Agency), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn create_agency(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiJson(a): ApiJson<NewAgency>,
) -> Result<(StatusCode, Json<Agency>), ApiError> {
    Ok((StatusCode::CREATED, Json(s.db.create_agency(Some(actor.administrator()?), a).await?)))
}

#[utoipa::path(get, path = "/users", tag = "admin",
    responses((status = 200, body = Vec<User>), (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn users(State(s): State<AppState>, Auth(actor): Auth) -> Result<Json<Vec<User>>, ApiError> {
    Ok(Json(s.db.users(Some(actor.administrator()?)).await?))
}

#[utoipa::path(post, path = "/users", tag = "admin", request_body = NewUser,
    responses((status = 201, body = User), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn create_user(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiJson(u): ApiJson<NewUser>,
) -> Result<(StatusCode, Json<User>), ApiError> {
    Ok((StatusCode::CREATED, Json(s.db.create_user(Some(actor.administrator()?), u).await?)))
}

/// Changes a user's name, role or grants, or disables or enables them (a disabled user's
/// sessions and tokens stop working at once). An administrator changes the users of its own
/// agency only.
#[utoipa::path(patch, path = "/users/{id}", tag = "admin", request_body = UserChange,
    params(("id" = i64, Path), ("X-Reason" = Option<String>, Header, description = "why; kept in the audit log")),
    responses((status = 200, body = User), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn change_user(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    Reason(reason): Reason,
    ApiJson(change): ApiJson<UserChange>,
) -> Result<Json<User>, ApiError> {
    Ok(Json(s.db.change_user(Some(actor.administrator()?), id, change, reason.as_deref()).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordReset {
    pub password: String,
}

/// Sets a new password for a user; their sessions end and their tokens are revoked.
#[utoipa::path(post, path = "/users/{id}/password", tag = "admin", request_body = PasswordReset,
    params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn reset_password(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(body): ApiJson<PasswordReset>,
) -> Result<StatusCode, ApiError> {
    s.db.reset_password(Some(actor.administrator()?), id, &body.password).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// Changes the caller's own password.
#[utoipa::path(post, path = "/me/password", tag = "auth", request_body = PasswordChange,
    responses((status = 204), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn change_own_password(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiJson(body): ApiJson<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    s.db.change_own_password(&actor, &body.current_password, &body.new_password, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's own API tokens (never their secrets).
#[utoipa::path(get, path = "/me/tokens", tag = "auth", responses((status = 200, body = Vec<TokenInfo>)),
    security(("bearer" = [])))]
pub async fn own_tokens(State(s): State<AppState>, Auth(actor): Auth) -> Result<Json<Vec<TokenInfo>>, ApiError> {
    Ok(Json(s.db.tokens_of(actor.user_id).await?))
}

/// Revokes a token: one's own, or one of a user the caller administers.
#[utoipa::path(delete, path = "/tokens/{id}", tag = "auth", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn revoke_token(State(s): State<AppState>, Auth(actor): Auth, Id(id): Id) -> Result<StatusCode, ApiError> {
    s.db.revoke_token(&actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// With `record_id`: only entries about this record (`person`, `household`, ...).
    pub record_type: Option<String>,
    pub record_id: Option<i64>,
    /// Entries before this sequence number (for paging back).
    pub before: Option<i64>,
    /// 1 to 500, default 100.
    pub limit: Option<i64>,
}

/// The agency's audit entries, newest first.
#[utoipa::path(get, path = "/audit", tag = "admin", params(AuditQuery),
    responses((status = 200, body = Vec<AuditEntry>), (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn audit(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    let limit = q.limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            "limit",
            Common::Between { min: 1, max: 500 },
        ));
    }
    let record = match (q.record_type.as_deref(), q.record_id) {
        (Some(t), Some(id)) => Some((t, id)),
        (None, None) => None,
        _ => {
            return Err(ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                "record_id",
                Common::Together { other: "record_type".into() },
            ));
        }
    };
    Ok(Json(s.db.audit_entries(&actor, record, limit, q.before).await?))
}
