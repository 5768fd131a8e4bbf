//! `/api/v1/screening-lists`: readmission lists screened and kept for the uploading agency
//! (the page's upload, for other systems), `/api/v1/screenings/rescreen` to screen again what a
//! policy changes.

use crate::store::ScreeningDb;
use crate::store::screening_lists::{ListRow, ListRowQuery, ScreeningList};
use crate::store::screenings::Screening;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use drom_store::query::Page;
use drom_web::AppState;
use drom_web::auth::Auth;
use drom_web::extract::{ApiQuery, Id, date_param, require_csv};
use drom_web::problem::{ApiError, Problem};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// A name for the list (the file's name).
    pub name: Option<String>,
    /// The policy in force on this day (YYYY-MM-DD) decides; default today.
    pub as_of: Option<String>,
}

/// Screens a readmission list (`text/csv`, the columns of docs/screening.md) and keeps its
/// decisions for the agency: answers 202 with the list while its rows are stored; its `status`
/// becomes `done` when they all are.
#[utoipa::path(post, path = "/screening-lists", tag = "screening", params(UploadQuery),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 202, body = ScreeningList), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 415, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn upload(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(q): ApiQuery<UploadQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<ScreeningList>), ApiError> {
    require_csv(&headers)?;
    let as_of = date_param("as_of", q.as_of.as_deref())?;
    let name = q.name.unwrap_or_else(|| "list.csv".into());
    let list = s.db.screenings().upload_screening_list(actor.registry_writer()?, &name, body.to_vec(), as_of).await?;
    Ok((StatusCode::ACCEPTED, Json(list)))
}

/// The agency's screened lists, newest first (the last 100).
#[utoipa::path(get, path = "/screening-lists", tag = "screening",
    responses((status = 200, body = Vec<ScreeningList>), (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn list(State(s): State<AppState>, Auth(actor): Auth) -> Result<Json<Vec<ScreeningList>>, ApiError> {
    Ok(Json(s.db.screenings().screening_lists(&actor).await?))
}

/// One screened list with its counts and progress.
#[utoipa::path(get, path = "/screening-lists/{id}", tag = "screening", params(("id" = i64, Path)),
    responses((status = 200, body = ScreeningList), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn get(State(s): State<AppState>, Auth(actor): Auth, Id(id): Id) -> Result<Json<ScreeningList>, ApiError> {
    Ok(Json(s.db.screenings().screening_list(&actor, id).await?))
}

/// A list's decided rows, filtered by outcome and household (the read is audited).
#[utoipa::path(get, path = "/screening-lists/{id}/rows", tag = "screening", params(("id" = i64, Path), ListRowQuery),
    responses((status = 200, body = Page<ListRow>), (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn rows(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiQuery(q): ApiQuery<ListRowQuery>,
) -> Result<Json<Page<ListRow>>, ApiError> {
    Ok(Json(s.db.screenings().screening_list_rows(&actor, id, &q).await?))
}

/// Deletes a list and its decisions (audited).
#[utoipa::path(delete, path = "/screening-lists/{id}", tag = "screening", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn delete(State(s): State<AppState>, Auth(actor): Auth, Id(id): Id) -> Result<StatusCode, ApiError> {
    s.db.screenings().delete_screening_list(actor.registry_writer()?, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RescreenQuery {
    /// The policy to screen under (default: the one in force today).
    pub policy: Option<String>,
}

/// Screens again every open screening whose outcome the policy changes (see
/// `/screenings/changes`); answers the new screenings.
#[utoipa::path(post, path = "/screenings/rescreen", tag = "screening", params(RescreenQuery),
    responses((status = 201, body = Vec<Screening>), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn rescreen(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(q): ApiQuery<RescreenQuery>,
) -> Result<(StatusCode, Json<Vec<Screening>>), ApiError> {
    let done =
        s.db.screenings()
            .rescreen_changed(actor.registry_writer()?, &s.db.screenings().policies(), q.policy.as_deref())
            .await?;
    Ok((StatusCode::CREATED, Json(done)))
}
