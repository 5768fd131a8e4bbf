//! `/api/v1/households`: households and their members.

use crate::domain::household::HouseholdData;
use crate::store::RegistryDb;
use crate::store::households::{Household, HouseholdQuery};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use drom_store::query::Page;
use drom_web::AppState;
use drom_web::auth::Auth;
use drom_web::extract::{ApiJson, ApiQuery, Id, IfMatch, Reason, etag};
use drom_web::problem::{ApiError, Problem};

/// Creates a household of persons registered in the caller's agency.
#[utoipa::path(post, path = "/households", tag = "registry", request_body = HouseholdData,
    params(("X-Reason" = Option<String>, Header)),
    responses((status = 201, body = Household), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Reason(reason): Reason,
    ApiJson(data): ApiJson<HouseholdData>,
) -> Result<(StatusCode, HeaderMap, Json<Household>), ApiError> {
    let h = s.db.registry().create_household(actor.registry_writer()?, data, reason.as_deref()).await?;
    Ok((StatusCode::CREATED, etag(h.version), Json(h)))
}

/// Lists households; `q` finds them by their members' names.
#[utoipa::path(get, path = "/households", tag = "registry", params(HouseholdQuery),
    responses((status = 200, body = Page<Household>)), security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(q): ApiQuery<HouseholdQuery>,
) -> Result<Json<Page<Household>>, ApiError> {
    Ok(Json(s.db.registry().search_households(&actor, &q).await?))
}

#[utoipa::path(get, path = "/households/{id}", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, body = Household), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn get(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
) -> Result<(HeaderMap, Json<Household>), ApiError> {
    let h = s.db.registry().household(&actor, id).await?;
    Ok((etag(h.version), Json(h)))
}

/// Replaces the household's label, municipality and members.
#[utoipa::path(put, path = "/households/{id}", tag = "registry", request_body = HouseholdData,
    params(("id" = i64, Path), ("If-Match" = Option<String>, Header), ("X-Reason" = Option<String>, Header)),
    responses(
        (status = 200, body = Household),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 412, body = Problem, content_type = "application/problem+json",
         description = "If-Match names a version that is no longer the stored one"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn update(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    IfMatch(version): IfMatch,
    Reason(reason): Reason,
    ApiJson(data): ApiJson<HouseholdData>,
) -> Result<(HeaderMap, Json<Household>), ApiError> {
    let h = s.db.registry().update_household(actor.registry_writer()?, id, version, data, reason.as_deref()).await?;
    Ok((etag(h.version), Json(h)))
}
