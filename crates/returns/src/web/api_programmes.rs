//! `/api/v1/programmes`, `/api/v1/info-sheets` and `/api/v1/sustainability-config`: what return
//! and reintegration cases rest on — the programmes and their assistance catalogues, the
//! information sheets counsellors give, and the sustainability scoring in use.

use crate::domain::sustainability::SustainabilityConfig;
use crate::store::ReturnsDb;
use crate::store::info_sheets::{InfoSheet, InfoSheetInput};
use crate::store::programmes::{ApprovalRule, NewProgramme, Programme};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use drom_web::AppState;
use drom_web::auth::Auth;
use drom_web::extract::{ApiJson, ApiQuery, Id};
use drom_web::problem::{ApiError, Problem};
use serde::Deserialize;
use utoipa::IntoParams;

/// Every programme with its assistance options, ceilings and running sums (shared by all
/// agencies).
#[utoipa::path(get, path = "/programmes", tag = "returns",
    responses((status = 200, body = Vec<Programme>)), security(("bearer" = [])))]
pub async fn list(State(s): State<AppState>, Auth(actor): Auth) -> Result<Json<Vec<Programme>>, ApiError> {
    Ok(Json(s.db.returns().programmes(&actor).await?))
}

/// Adds a programme with its catalogue of assistance options (administrators only).
#[utoipa::path(post, path = "/programmes", tag = "returns", request_body = NewProgramme,
    responses((status = 201, body = Programme), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiJson(new): ApiJson<NewProgramme>,
) -> Result<(StatusCode, Json<Programme>), ApiError> {
    Ok((StatusCode::CREATED, Json(s.db.returns().create_programme(actor.administrator()?, new).await?)))
}

#[utoipa::path(get, path = "/programmes/{id}", tag = "returns", params(("id" = i64, Path)),
    responses((status = 200, body = Programme), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn get(State(s): State<AppState>, Auth(actor): Auth, Id(id): Id) -> Result<Json<Programme>, ApiError> {
    Ok(Json(s.db.returns().programme(&actor, id).await?))
}

/// The current information sheet of every municipality that has one.
#[utoipa::path(get, path = "/info-sheets", tag = "returns",
    responses((status = 200, body = Vec<InfoSheet>)), security(("bearer" = [])))]
pub async fn sheets(State(s): State<AppState>, Auth(actor): Auth) -> Result<Json<Vec<InfoSheet>>, ApiError> {
    Ok(Json(s.db.returns().info_sheets(&actor).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SheetQuery {
    /// An earlier version, e.g. the one a counselling session recorded (default: the current).
    pub version: Option<i64>,
}

/// A municipality's information sheet (by code or name).
#[utoipa::path(get, path = "/info-sheets/{municipality}", tag = "returns",
    params(("municipality" = String, Path), SheetQuery),
    responses((status = 200, body = InfoSheet), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn sheet(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Path(municipality): Path<String>,
    ApiQuery(q): ApiQuery<SheetQuery>,
) -> Result<Json<InfoSheet>, ApiError> {
    s.db.returns().info_sheet(&actor, &municipality, q.version).await?.map(Json).ok_or_else(ApiError::not_found)
}

/// Writes a new version of a municipality's information sheet, dated today, on behalf of a user
/// with `edit_info_sheets` (agency administrators); earlier versions are kept, each with who
/// wrote it and for which agency.
#[utoipa::path(put, path = "/info-sheets/{municipality}", tag = "returns", request_body = InfoSheetInput,
    params(("municipality" = String, Path)),
    responses((status = 200, body = InfoSheet), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn update_sheet(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Path(municipality): Path<String>,
    ApiJson(input): ApiJson<InfoSheetInput>,
) -> Result<Json<InfoSheet>, ApiError> {
    Ok(Json(s.db.returns().update_info_sheet(&actor, &municipality, input).await?))
}

/// The sustainability scoring in use: indicators, weights, thresholds and visit months.
#[utoipa::path(get, path = "/sustainability-config", tag = "returns",
    responses((status = 200, body = SustainabilityConfig)), security(("bearer" = [])))]
pub async fn sustainability_config(State(s): State<AppState>, _: Auth) -> Json<SustainabilityConfig> {
    Json(s.db.returns().sustainability().as_ref().clone())
}

/// Changes which steps of a programme's cases wait for a supervisor (administrators).
#[utoipa::path(put, path = "/programmes/{id}/approval-rule", tag = "returns", request_body = ApprovalRule,
    params(("id" = i64, Path)),
    responses((status = 200, body = Programme), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn approval_rule(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(rule): ApiJson<ApprovalRule>,
) -> Result<Json<Programme>, ApiError> {
    Ok(Json(s.db.returns().set_approval_rule(actor.administrator()?, id, rule).await?))
}
