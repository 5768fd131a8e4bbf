//! `/api/v1/persons`: the registry of persons.

use crate::domain::person::PersonData;
use crate::store::RegistryDb;
use crate::store::persons::{Person, PersonQuery, PersonSummary, PersonVersion};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use drom_store::query::Page;
use drom_web::AppState;
use drom_web::auth::Auth;
use drom_web::extract::{ApiJson, ApiQuery, Id, IfMatch, Reason, etag};
use drom_web::problem::{ApiError, Problem};
use serde::Deserialize;
use utoipa::ToSchema;

/// Registers a person in the caller's agency.
#[utoipa::path(post, path = "/persons", tag = "registry", request_body = PersonData,
    params(("X-Reason" = Option<String>, Header, description = "why; kept in the audit log")),
    responses(
        (status = 201, body = Person),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Reason(reason): Reason,
    ApiJson(data): ApiJson<PersonData>,
) -> Result<(StatusCode, HeaderMap, Json<Person>), ApiError> {
    let p = s.db.registry().create_person(actor.registry_writer()?, data, reason.as_deref()).await?;
    Ok((StatusCode::CREATED, etag(p.version), Json(p)))
}

/// Lists and searches persons (names in any case, diacritics or script).
#[utoipa::path(get, path = "/persons", tag = "registry", params(PersonQuery),
    responses((status = 200, body = Page<PersonSummary>), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(q): ApiQuery<PersonQuery>,
) -> Result<Json<Page<PersonSummary>>, ApiError> {
    Ok(Json(s.db.registry().search_persons(&actor, &q).await?))
}

/// One person. Special categories are left out without the permission.
#[utoipa::path(get, path = "/persons/{id}", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, body = Person), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn get(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
) -> Result<(HeaderMap, Json<Person>), ApiError> {
    let p = s.db.registry().person(&actor, id).await?;
    Ok((etag(p.version), Json(p)))
}

/// Replaces a person's data. Send `If-Match` with the version you read to avoid overwriting
/// someone else's change.
#[utoipa::path(put, path = "/persons/{id}", tag = "registry", request_body = PersonData,
    params(("id" = i64, Path), ("If-Match" = Option<String>, Header), ("X-Reason" = Option<String>, Header)),
    responses(
        (status = 200, body = Person),
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
    ApiJson(data): ApiJson<PersonData>,
) -> Result<(HeaderMap, Json<Person>), ApiError> {
    let w = actor.registry_writer()?;
    let p = s.db.registry().update_person(w, id, version, data, reason.as_deref()).await?;
    Ok((etag(p.version), Json(p)))
}

/// Every version of the record, newest first.
#[utoipa::path(get, path = "/persons/{id}/history", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<PersonVersion>), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn history(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
) -> Result<Json<Vec<PersonVersion>>, ApiError> {
    Ok(Json(s.db.registry().person_history(&actor, id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    /// In the person's words where possible.
    pub reason: String,
}

/// Records that the person withdrew their consent.
#[utoipa::path(post, path = "/persons/{id}/consent-withdrawal", tag = "registry", request_body = Withdrawal,
    params(("id" = i64, Path)),
    responses((status = 200, body = Person), (status = 409, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn withdraw_consent(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(w): ApiJson<Withdrawal>,
) -> Result<Json<Person>, ApiError> {
    let writer = actor.registry_writer()?;
    Ok(Json(s.db.registry().withdraw_consent(writer, id, &w.reason).await?))
}
