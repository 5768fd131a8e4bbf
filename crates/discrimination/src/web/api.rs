//! `/api/v1/discrimination/...`: the public side (a challenge, a report, following it by
//! tracking code and writing to the body; no account) and a body's side (its reports, their
//! handling, outreach), the public statistics, the bodies and the limits.

use crate::domain::NewReport;
use crate::store::DiscriminationDb;
use crate::store::bodies::{Body, BodySettings};
use crate::store::handle::{Acknowledgement, Closure, ListQuery, Report, ReportLine, StaffMessage, ToPerson, Transfer};
use crate::store::outreach::{NewActivity, OutreachReport, Period};
use crate::store::public::{Attempt, Proof, ReporterView, Submitted};
use crate::store::settings::Limits;
use crate::store::stats::Statistics;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use drom_web::AppState;
use drom_web::auth::{Auth, ClientAddress};
use drom_web::extract::{ApiJson, ApiQuery, Id};
use drom_web::problem::{ApiError, Problem};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// A challenge for the proof of work.
#[derive(Debug, Serialize, ToSchema)]
pub struct Challenge {
    pub challenge: String,
    /// Zero bits SHA-256 of `challenge:counter` must start with.
    pub bits: i64,
}

/// A new challenge for a report (public).
#[utoipa::path(get, path = "/discrimination/challenge", tag = "discrimination",
    responses((status = 200, body = Challenge)), security(()))]
pub async fn challenge(State(s): State<AppState>) -> Result<Json<Challenge>, ApiError> {
    let (challenge, bits) = s.db.discrimination().challenge().await?;
    Ok(Json(Challenge { challenge, bits }))
}

/// A report as the public API takes it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicReport {
    pub report: NewReport,
    pub proof: Proof,
}

/// Submits a report (public, anonymous allowed; evidence files go through the form at
/// `/report`). The tracking code is in the answer once and never again.
#[utoipa::path(post, path = "/discrimination/reports", tag = "discrimination", request_body = PublicReport,
    responses((status = 201, body = Submitted), (status = 422, body = Problem, content_type = "application/problem+json"),
              (status = 429, body = Problem, content_type = "application/problem+json")),
    security(()))]
pub async fn submit(
    State(s): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(r): ApiJson<PublicReport>,
) -> Result<(StatusCode, [(axum::http::HeaderName, &'static str); 1], Json<Submitted>), ApiError> {
    let d = s.db.discrimination();
    d.admit(&address, Attempt::Report).await?;
    let done = d.submit(&r.proof, r.report, Vec::new(), today()).await?;
    Ok((StatusCode::CREATED, [(axum::http::header::REFERRER_POLICY, "no-referrer")], Json(done)))
}

/// A tracking code, in the body (never in a URL).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Tracking {
    pub code: String,
}

/// The report of a tracking code, as its reporter sees it (public).
#[utoipa::path(post, path = "/discrimination/tracking", tag = "discrimination", request_body = Tracking,
    responses((status = 200, body = ReporterView), (status = 422, body = Problem, content_type = "application/problem+json"),
              (status = 429, body = Problem, content_type = "application/problem+json")),
    security(()))]
pub async fn follow(
    State(s): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(t): ApiJson<Tracking>,
) -> Result<Json<ReporterView>, ApiError> {
    let d = s.db.discrimination();
    d.admit(&address, Attempt::Lookup).await?;
    Ok(Json(d.follow(&t.code).await?))
}

/// A reporter's message.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReporterMessage {
    pub code: String,
    pub body: String,
}

/// The reporter writes to the body handling the report (public; refused once closed).
#[utoipa::path(post, path = "/discrimination/tracking/messages", tag = "discrimination", request_body = ReporterMessage,
    responses((status = 200, body = ReporterView), (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json"),
              (status = 429, body = Problem, content_type = "application/problem+json")),
    security(()))]
pub async fn reporter_message(
    State(s): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(m): ApiJson<ReporterMessage>,
) -> Result<Json<ReporterView>, ApiError> {
    let d = s.db.discrimination();
    d.admit(&address, Attempt::Lookup).await?;
    Ok(Json(d.reporter_message(&m.code, &m.body, Vec::new()).await?))
}

/// The reports routed to the reader's body, newest first.
#[utoipa::path(get, path = "/discrimination/reports", tag = "discrimination", params(ListQuery),
    responses((status = 200, body = Vec<ReportLine>)), security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Vec<ReportLine>>, ApiError> {
    Ok(Json(s.db.discrimination().reports(&actor, &q).await?))
}

/// One report of the reader's body (contact details and community with the special-categories
/// grant only; that read is audited).
#[utoipa::path(get, path = "/discrimination/reports/{id}", tag = "discrimination", params(("id" = i64, Path)),
    responses((status = 200, body = Report), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn get(State(s): State<AppState>, Auth(actor): Auth, Id(id): Id) -> Result<Json<Report>, ApiError> {
    Ok(Json(s.db.discrimination().report(&actor, id).await?))
}

/// Acknowledges a report (a person of the body has it; confirms the routing).
#[utoipa::path(post, path = "/discrimination/reports/{id}/acknowledgement", tag = "discrimination",
    params(("id" = i64, Path)), request_body = Acknowledgement,
    responses((status = 200, body = Report), (status = 409, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn acknowledge(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(a): ApiJson<Acknowledgement>,
) -> Result<Json<Report>, ApiError> {
    Ok(Json(s.db.discrimination().acknowledge(&actor, id, a).await?))
}

/// A message to the reporter; `question: true` asks for information and waits for the answer.
#[utoipa::path(post, path = "/discrimination/reports/{id}/messages", tag = "discrimination",
    params(("id" = i64, Path)), request_body = StaffMessage,
    responses((status = 200, body = Report), (status = 409, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn message(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(m): ApiJson<StaffMessage>,
) -> Result<Json<Report>, ApiError> {
    Ok(Json(s.db.discrimination().message(&actor, id, m).await?))
}

/// The answer of a transfer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Transferred {
    pub agency_id: i64,
}

/// Transfers a report to another competent body, with the reason (audited).
#[utoipa::path(post, path = "/discrimination/reports/{id}/transfer", tag = "discrimination",
    params(("id" = i64, Path)), request_body = Transfer,
    responses((status = 200, body = Transferred), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn transfer(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(t): ApiJson<Transfer>,
) -> Result<Json<Transferred>, ApiError> {
    Ok(Json(Transferred { agency_id: s.db.discrimination().transfer(&actor, id, t).await? }))
}

/// Closes a report with a decision (sent to the reporter) and an outcome.
#[utoipa::path(post, path = "/discrimination/reports/{id}/closure", tag = "discrimination",
    params(("id" = i64, Path)), request_body = Closure,
    responses((status = 200, body = Report), (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn close(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(k): ApiJson<Closure>,
) -> Result<Json<Report>, ApiError> {
    Ok(Json(s.db.discrimination().close(&actor, id, k).await?))
}

/// The person made from a report.
#[derive(Debug, Serialize, ToSchema)]
pub struct MadePerson {
    pub person_id: i64,
}

/// With the reporter's consent, registers the reporter as a person of the body.
#[utoipa::path(post, path = "/discrimination/reports/{id}/person", tag = "discrimination",
    params(("id" = i64, Path)), request_body = ToPerson,
    responses((status = 201, body = MadePerson), (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn to_person(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(p): ApiJson<ToPerson>,
) -> Result<(StatusCode, Json<MadePerson>), ApiError> {
    let person_id = s.db.discrimination().to_person(&actor, id, p).await?;
    Ok((StatusCode::CREATED, Json(MadePerson { person_id })))
}

/// The statistics of a period, with small counts hidden (public; never the community).
#[utoipa::path(get, path = "/discrimination/statistics", tag = "discrimination", params(Period),
    responses((status = 200, body = Statistics)), security(()))]
pub async fn statistics(
    State(s): State<AppState>,
    ApiQuery(p): ApiQuery<Period>,
) -> Result<Json<Statistics>, ApiError> {
    Ok(Json(s.db.discrimination().statistics(&p, today(), false).await?))
}

/// The agency's outreach activities of a period, with the summary.
#[utoipa::path(get, path = "/discrimination/outreach", tag = "discrimination", params(Period),
    responses((status = 200, body = OutreachReport)), security(("bearer" = [])))]
pub async fn outreach(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(p): ApiQuery<Period>,
) -> Result<Json<OutreachReport>, ApiError> {
    Ok(Json(s.db.discrimination().outreach(&actor, &p, today()).await?))
}

/// The id of a recorded activity.
#[derive(Debug, Serialize, ToSchema)]
pub struct Recorded {
    pub id: i64,
}

/// Records an outreach activity of the agency.
#[utoipa::path(post, path = "/discrimination/outreach", tag = "discrimination", request_body = NewActivity,
    responses((status = 201, body = Recorded), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn record_activity(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiJson(a): ApiJson<NewActivity>,
) -> Result<(StatusCode, Json<Recorded>), ApiError> {
    let id = s.db.discrimination().record_activity(&actor, a, today()).await?;
    Ok((StatusCode::CREATED, Json(Recorded { id })))
}

/// The competent bodies (public: who handles reports).
#[utoipa::path(get, path = "/discrimination/bodies", tag = "discrimination",
    responses((status = 200, body = Vec<Body>)), security(()))]
pub async fn bodies(State(s): State<AppState>) -> Result<Json<Vec<Body>>, ApiError> {
    Ok(Json(s.db.discrimination().bodies().await?))
}

/// Sets whether and how an agency receives reports (its administrator, or a system administrator).
#[utoipa::path(put, path = "/discrimination/bodies/{agency_id}", tag = "discrimination",
    params(("agency_id" = i64, Path)), request_body = BodySettings,
    responses((status = 200, body = Body), (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn set_body(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Path(agency_id): Path<i64>,
    ApiJson(b): ApiJson<BodySettings>,
) -> Result<Json<Body>, ApiError> {
    Ok(Json(s.db.discrimination().set_body(&actor, agency_id, b).await?))
}

/// The limits of the public form (system administrators).
#[utoipa::path(get, path = "/discrimination/limits", tag = "discrimination",
    responses((status = 200, body = Limits), (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn limits(State(s): State<AppState>, Auth(actor): Auth) -> Result<Json<Limits>, ApiError> {
    actor.administrator().map_err(drom_store::StoreError::from)?.system().map_err(drom_store::StoreError::from)?;
    Ok(Json(s.db.discrimination().limits().await?))
}

/// Sets the limits of the public form (system administrators; audited).
#[utoipa::path(put, path = "/discrimination/limits", tag = "discrimination", request_body = Limits,
    responses((status = 200, body = Limits), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn set_limits(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiJson(l): ApiJson<Limits>,
) -> Result<Json<Limits>, ApiError> {
    Ok(Json(s.db.discrimination().set_limits(&actor, l).await?))
}
