//! Reference data: municipalities, communities, countries. Anyone signed in reads them;
//! administrators add and correct them.

use crate::AppState;
use crate::auth::Auth;
use crate::extract::{ApiJson, Reason};
use crate::problem::{ApiError, Problem};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use drom_domain::reference::{Community, Country, Municipality};
use serde::Deserialize;
use utoipa::ToSchema;

#[utoipa::path(get, path = "/municipalities", tag = "reference", responses((status = 200, body = Vec<Municipality>)), security(("bearer" = [])))]
pub async fn municipalities(State(s): State<AppState>, _: Auth) -> Result<Json<Vec<Municipality>>, ApiError> {
    Ok(Json(s.db.reference().await?.municipalities.clone()))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMunicipality {
    pub name_sq: String,
    pub name_sr: String,
    pub district: String,
    #[serde(default)]
    pub northern: bool,
    pub majority_community: String,
}

#[utoipa::path(post, path = "/municipalities", tag = "reference", request_body = NewMunicipality,
    responses((status = 201, body = Municipality), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn add_municipality(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiJson(m): ApiJson<NewMunicipality>,
) -> Result<(StatusCode, Json<Municipality>), ApiError> {
    let m = Municipality {
        code: String::new(),
        name_sq: m.name_sq.trim().into(),
        name_sr: m.name_sr.trim().into(),
        district: m.district.trim().into(),
        northern: m.northern,
        majority_community: m.majority_community.trim().into(),
    };
    Ok((StatusCode::CREATED, Json(s.db.add_municipality(actor.administrator()?, m).await?)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityCorrection {
    pub district: String,
    /// A community code, or `contested`.
    pub majority_community: String,
}

/// Corrects a municipality's district or majority community (sources differ on some).
#[utoipa::path(put, path = "/municipalities/{code}", tag = "reference", request_body = MunicipalityCorrection,
    params(("code" = String, Path), ("X-Reason" = Option<String>, Header)),
    responses((status = 200, body = Municipality), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn correct_municipality(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Path(code): Path<String>,
    Reason(reason): Reason,
    ApiJson(c): ApiJson<MunicipalityCorrection>,
) -> Result<Json<Municipality>, ApiError> {
    let admin = actor.administrator()?;
    Ok(Json(s.db.update_municipality(admin, &code, &c.district, c.majority_community.trim(), reason.as_deref()).await?))
}

#[utoipa::path(get, path = "/communities", tag = "reference", responses((status = 200, body = Vec<Community>)), security(("bearer" = [])))]
pub async fn communities(State(s): State<AppState>, _: Auth) -> Result<Json<Vec<Community>>, ApiError> {
    Ok(Json(s.db.reference().await?.communities.clone()))
}

#[utoipa::path(post, path = "/communities", tag = "reference", request_body = Community,
    responses((status = 201, body = Community), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn add_community(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiJson(c): ApiJson<Community>,
) -> Result<(StatusCode, Json<Community>), ApiError> {
    Ok((StatusCode::CREATED, Json(s.db.add_community(actor.administrator()?, c).await?)))
}

#[utoipa::path(get, path = "/countries", tag = "reference", responses((status = 200, body = Vec<Country>)), security(("bearer" = [])))]
pub async fn countries(State(s): State<AppState>, _: Auth) -> Result<Json<Vec<Country>>, ApiError> {
    Ok(Json(s.db.reference().await?.countries.clone()))
}
