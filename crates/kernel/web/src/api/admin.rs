//! Agencies, users and the audit log.

use crate::AppState;
use crate::auth::Auth;
use crate::extract::{ApiJson, ApiQuery};
use crate::problem::{ApiError, Problem};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use drom_domain::Common;
use drom_domain::audit::AuditEntry;
use drom_store::users::{Agency, NewAgency, NewUser, User};
use serde::Deserialize;
use utoipa::IntoParams;

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
    actor.administrator()?;
    Ok(Json(s.db.users().await?))
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
