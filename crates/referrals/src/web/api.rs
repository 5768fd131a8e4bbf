//! `/api/v1/referrals` (the sent and received boxes, one referral, sending, status changes,
//! revocation, the receiver's own case) and `/api/v1/persons/{id}/referrals` (a person's
//! referrals, and the withdrawal of their consent to share).

use crate::domain::Change;
use crate::store::Referral;
use crate::store::ReferralsDb;
use crate::store::change::{Revocation, Withdrawal, Withdrawn};
use crate::store::read::{ListQuery, ReferralLine};
use crate::store::send::NewReferral;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use drom_web::AppState;
use drom_web::auth::Auth;
use drom_web::extract::{ApiJson, ApiQuery, Id};
use drom_web::problem::{ApiError, Problem};
use serde::Serialize;
use utoipa::ToSchema;

/// The referrals the agency sent (`box=sent`, the default) or received (`box=received`),
/// newest first, with filters by status (or `open`), need and overdue.
#[utoipa::path(get, path = "/referrals", tag = "referrals", params(ListQuery),
    responses((status = 200, body = Vec<ReferralLine>), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Vec<ReferralLine>>, ApiError> {
    Ok(Json(s.db.referrals().list(&actor, &q).await?))
}

/// Sends a referral (or keeps it as a draft) from a person or a return case of the agency to an
/// active service of the directory, with the person's consent and only the fields it names.
#[utoipa::path(post, path = "/referrals", tag = "referrals", request_body = NewReferral,
    responses((status = 201, body = Referral), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiJson(input): ApiJson<NewReferral>,
) -> Result<(StatusCode, Json<Referral>), ApiError> {
    let r = s.db.referrals();
    let id = r.send(&actor, input, chrono::Utc::now().date_naive()).await?;
    Ok((StatusCode::CREATED, Json(r.get(&actor, id).await?)))
}

/// One referral as the reader's side sees it: the receiver sees the shared values only.
#[utoipa::path(get, path = "/referrals/{id}", tag = "referrals", params(("id" = i64, Path)),
    responses((status = 200, body = Referral), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn get(State(s): State<AppState>, Auth(actor): Auth, Id(id): Id) -> Result<Json<Referral>, ApiError> {
    Ok(Json(s.db.referrals().get(&actor, id).await?))
}

/// Moves a referral to another status, as the reader's side may (FHIR Task codes): rejected and
/// failed need a reason, completed an outcome.
#[utoipa::path(post, path = "/referrals/{id}/status", tag = "referrals", params(("id" = i64, Path)), request_body = Change,
    responses((status = 200, body = Referral), (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn change_status(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(change): ApiJson<Change>,
) -> Result<Json<Referral>, ApiError> {
    Ok(Json(s.db.referrals().change_status(&actor, id, change).await?))
}

/// A supervisor of the sending agency revokes an open referral, with the reason.
#[utoipa::path(post, path = "/referrals/{id}/revocation", tag = "referrals", params(("id" = i64, Path)),
    request_body = Revocation,
    responses((status = 200, body = Referral), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn revoke(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(input): ApiJson<Revocation>,
) -> Result<Json<Referral>, ApiError> {
    Ok(Json(s.db.referrals().revoke(&actor, id, input).await?))
}

/// The person made in the receiver's registry from a referral.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseMade {
    pub person_id: i64,
}

/// The receiver turns an accepted referral into a case of its own: a person in its registry from
/// the shared values, linked to the referral.
#[utoipa::path(post, path = "/referrals/{id}/case", tag = "referrals", params(("id" = i64, Path)),
    responses((status = 201, body = CaseMade), (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn to_case(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
) -> Result<(StatusCode, Json<CaseMade>), ApiError> {
    Ok((StatusCode::CREATED, Json(CaseMade { person_id: s.db.referrals().to_case(&actor, id).await? })))
}

/// The referrals made for a person of the agency, with their status.
#[utoipa::path(get, path = "/persons/{id}/referrals", tag = "referrals", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<ReferralLine>), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn of_person(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
) -> Result<Json<Vec<ReferralLine>>, ApiError> {
    Ok(Json(s.db.referrals().of_person(&actor, id).await?))
}

/// The person withdraws consent to share: every open referral of theirs is cancelled and every
/// referral's shared values are removed at once, audited for both agencies.
#[utoipa::path(post, path = "/persons/{id}/referrals/consent-withdrawal", tag = "referrals",
    params(("id" = i64, Path)), request_body = Withdrawal,
    responses((status = 200, body = Withdrawn), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn withdraw_consent(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(input): ApiJson<Withdrawal>,
) -> Result<Json<Withdrawn>, ApiError> {
    Ok(Json(s.db.referrals().withdraw_consent(&actor, id, input).await?))
}

/// Records a Migrant Service Centre session: a registered person, or an anonymous visitor's sex,
/// age group and municipality only.
#[utoipa::path(post, path = "/msc-sessions", tag = "referrals", request_body = crate::store::msc::NewSession,
    responses((status = 201, body = crate::store::msc::Session), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn record_session(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiJson(input): ApiJson<crate::store::msc::NewSession>,
) -> Result<(StatusCode, Json<crate::store::msc::Session>), ApiError> {
    let r = s.db.referrals();
    let id = r.record_session(&actor, input, chrono::Utc::now().date_naive()).await?;
    let session = r.sessions(&actor).await?.into_iter().find(|x| x.id == id).ok_or_else(ApiError::not_found)?;
    Ok((StatusCode::CREATED, Json(session)))
}

/// The agency's latest Migrant Service Centre sessions, newest first.
#[utoipa::path(get, path = "/msc-sessions", tag = "referrals",
    responses((status = 200, body = Vec<crate::store::msc::Session>)), security(("bearer" = [])))]
pub async fn sessions(
    State(s): State<AppState>,
    Auth(actor): Auth,
) -> Result<Json<Vec<crate::store::msc::Session>>, ApiError> {
    Ok(Json(s.db.referrals().sessions(&actor).await?))
}

/// The period of a report.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Period {
    /// First day, YYYY-MM-DD.
    #[param(value_type = String)]
    pub from: chrono::NaiveDate,
    /// Last day (included), YYYY-MM-DD.
    #[param(value_type = String)]
    pub to: chrono::NaiveDate,
}

/// The referral report of a period for the reader's agency (referrals it sent or received,
/// sessions it held); counts under the small-cell threshold are hidden.
#[utoipa::path(get, path = "/reports/referrals", tag = "referrals", params(Period),
    responses((status = 200, body = crate::store::report::ReferralsReport),
              (status = 400, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn report(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(p): ApiQuery<Period>,
) -> Result<Json<crate::store::report::ReferralsReport>, ApiError> {
    let today = chrono::Utc::now().date_naive();
    Ok(Json(s.db.referrals().referrals_report(Some(&actor), p.from, p.to, today).await?))
}
