//! `/api/v1/return-cases` and `/api/v1/reports`: return cases from registration to closure, and
//! the period and sustainability reports over them. Every step is a `POST` to a sub-resource of
//! the case and answers 200 with the whole updated case (its `stage` and `next_steps` included);
//! opening a case answers 201. The lifecycle refuses a step out of order with 409
//! `invalid_transition`; the storage layer decides it, not these handlers.

use crate::store::ReturnsDb;
use crate::store::approvals::{Approval, ApprovalDecision, ApprovalRequest};
use crate::store::cases::{CaseQuery, CaseSummary, NewCase, ReturnCase};
use crate::store::export;
use crate::store::gate::OverrideRequest;
use crate::store::monitoring::{SustainabilityDashboard, VisitInput};
use crate::store::plan::{AssessmentInput, DisbursementInput, PlanItemInput};
use crate::store::report::{ReturnsReport, Scope};
use crate::store::steps::{
    ArrivalInput, CloseInput, ConsentInput, ConversionInput, CounsellingInput, ForcedOrderInput, TravelInput,
    WithdrawalInput,
};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use drom_store::query::Page;
use drom_web::AppState;
use drom_web::auth::Auth;
use drom_web::extract::{ApiJson, ApiQuery, Id, date_param, required_date_param};
use drom_web::problem::{ApiError, Problem};
use serde::Deserialize;
use utoipa::IntoParams;

/// Opens a return case for a person and, unless `whole_household` is false, their household.
#[utoipa::path(post, path = "/return-cases", tag = "returns", request_body = NewCase,
    responses((status = 201, body = ReturnCase), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiJson(new): ApiJson<NewCase>,
) -> Result<(StatusCode, Json<ReturnCase>), ApiError> {
    Ok((StatusCode::CREATED, Json(s.db.returns().create_case(actor.registry_writer()?, new).await?)))
}

/// The agency's return cases, newest first.
#[utoipa::path(get, path = "/return-cases", tag = "returns", params(CaseQuery),
    responses((status = 200, body = Page<CaseSummary>), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(q): ApiQuery<CaseQuery>,
) -> Result<Json<Page<CaseSummary>>, ApiError> {
    Ok(Json(s.db.returns().return_cases(&actor, &q).await?))
}

/// A case with everything recorded on it. Health needs and special transport needs are withheld
/// without the special-category permission (`special_categories_withheld`); with it, the read is
/// audited.
#[utoipa::path(get, path = "/return-cases/{id}", tag = "returns", params(("id" = i64, Path)),
    responses((status = 200, body = ReturnCase), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn get(State(s): State<AppState>, Auth(actor): Auth, Id(id): Id) -> Result<Json<ReturnCase>, ApiError> {
    Ok(Json(s.db.returns().return_case(&actor, id).await?))
}

/// Records a counselling session with the current information sheet of the destination (its
/// version is kept with the session).
#[utoipa::path(post, path = "/return-cases/{id}/counselling", tag = "returns", request_body = CounsellingInput,
    params(("id" = i64, Path)),
    responses((status = 200, body = ReturnCase), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn counsel(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(input): ApiJson<CounsellingInput>,
) -> Result<Json<ReturnCase>, ApiError> {
    Ok(Json(s.db.returns().counsel(actor.registry_writer()?, id, input).await?))
}

/// Records the informed consent of a voluntary returnee (free, without coercion, informed).
#[utoipa::path(post, path = "/return-cases/{id}/consent", tag = "returns", request_body = ConsentInput,
    params(("id" = i64, Path)),
    responses((status = 200, body = ReturnCase), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn consent(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(input): ApiJson<ConsentInput>,
) -> Result<Json<ReturnCase>, ApiError> {
    Ok(Json(s.db.returns().record_consent(actor.registry_writer()?, id, input).await?))
}

/// Records that the returnee withdrew their consent before arrival: the case stops, and the
/// reason goes to the audit log.
#[utoipa::path(post, path = "/return-cases/{id}/consent/withdrawal", tag = "returns", request_body = WithdrawalInput,
    params(("id" = i64, Path)),
    responses((status = 200, body = ReturnCase), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn withdraw_consent(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(input): ApiJson<WithdrawalInput>,
) -> Result<Json<ReturnCase>, ApiError> {
    Ok(Json(s.db.returns().withdraw_return_consent(actor.registry_writer()?, id, input).await?))
}

/// Records a host country's forced-return order; the person's latest protection screening and
/// its outcome are attached.
#[utoipa::path(post, path = "/return-cases/{id}/forced-return-order", tag = "returns", request_body = ForcedOrderInput,
    params(("id" = i64, Path)),
    responses((status = 200, body = ReturnCase), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn order_forced_return(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(input): ApiJson<ForcedOrderInput>,
) -> Result<Json<ReturnCase>, ApiError> {
    Ok(Json(s.db.returns().order_forced_return(actor.registry_writer()?, id, input).await?))
}

/// Turns a forced return into a voluntary one: the order stays on record, and counselling and
/// informed consent must follow before travel.
#[utoipa::path(post, path = "/return-cases/{id}/conversion", tag = "returns", request_body = ConversionInput,
    params(("id" = i64, Path)),
    responses((status = 200, body = ReturnCase), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn conversion(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(input): ApiJson<ConversionInput>,
) -> Result<Json<ReturnCase>, ApiError> {
    Ok(Json(s.db.returns().convert_to_voluntary(actor.registry_writer()?, id, input).await?))
}

/// Asks to let a forced return pass its closed protection gate. Needs the explicit
/// `override_protection_gate` grant and a written reason; a second holder must confirm.
#[utoipa::path(post, path = "/return-cases/{id}/gate-override", tag = "returns", request_body = OverrideRequest,
    params(("id" = i64, Path)),
    responses((status = 200, body = ReturnCase), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn gate_override(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(input): ApiJson<OverrideRequest>,
) -> Result<Json<ReturnCase>, ApiError> {
    Ok(Json(s.db.returns().request_gate_override(&actor, id, input).await?))
}

/// Confirms a pending override of the protection gate: a second holder of the grant, never the
/// one who asked. The case is marked for good.
#[utoipa::path(post, path = "/return-cases/{id}/gate-override/confirmation", tag = "returns",
    params(("id" = i64, Path)),
    responses((status = 200, body = ReturnCase), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn gate_override_confirmation(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
) -> Result<Json<ReturnCase>, ApiError> {
    Ok(Json(s.db.returns().confirm_gate_override(&actor, id).await?))
}

/// Records (or changes) the travel: transport, route, departure, special needs, destination.
/// Special needs are a special category: only a holder of the special-categories grant gives
/// them; another writer leaves them empty and the recorded ones stay.
#[utoipa::path(post, path = "/return-cases/{id}/travel", tag = "returns", request_body = TravelInput,
    params(("id" = i64, Path)),
    responses((status = 200, body = ReturnCase), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn travel(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(input): ApiJson<TravelInput>,
) -> Result<Json<ReturnCase>, ApiError> {
    Ok(Json(s.db.returns().arrange_travel(actor.registry_writer()?, id, input).await?))
}

/// Confirms arrival at the destination municipality.
#[utoipa::path(post, path = "/return-cases/{id}/arrival", tag = "returns", request_body = ArrivalInput,
    params(("id" = i64, Path)),
    responses((status = 200, body = ReturnCase), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn arrival(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(input): ApiJson<ArrivalInput>,
) -> Result<Json<ReturnCase>, ApiError> {
    Ok(Json(s.db.returns().confirm_arrival(actor.registry_writer()?, id, input).await?))
}

/// Records (or replaces) the individual assessment. `health_needs` is a special category: only
/// a writer with the permission may record it.
#[utoipa::path(post, path = "/return-cases/{id}/assessment", tag = "returns", request_body = AssessmentInput,
    params(("id" = i64, Path)),
    responses((status = 200, body = ReturnCase), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn assessment(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(input): ApiJson<AssessmentInput>,
) -> Result<Json<ReturnCase>, ApiError> {
    Ok(Json(s.db.returns().assess(actor.registry_writer()?, id, input).await?))
}

/// Adds an item of the programme's catalogue to the plan and commits its amount, within the
/// option's ceiling and the programme's budget.
#[utoipa::path(post, path = "/return-cases/{id}/plan-items", tag = "returns", request_body = PlanItemInput,
    params(("id" = i64, Path)),
    responses((status = 200, body = ReturnCase), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn plan_item(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(input): ApiJson<PlanItemInput>,
) -> Result<Json<ReturnCase>, ApiError> {
    Ok(Json(s.db.returns().add_plan_item(actor.registry_writer()?, id, input).await?))
}

/// Pays out on a plan item, within its commitment, the option's ceiling and the budget.
#[utoipa::path(post, path = "/return-cases/{id}/disbursements", tag = "returns", request_body = DisbursementInput,
    params(("id" = i64, Path)),
    responses((status = 200, body = ReturnCase), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn disbursement(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(input): ApiJson<DisbursementInput>,
) -> Result<Json<ReturnCase>, ApiError> {
    Ok(Json(s.db.returns().disburse(actor.registry_writer()?, id, input).await?))
}

/// Records a monitoring visit: where the returnee is now and the answers to the indicators of
/// `/sustainability-config`, from which the scores are computed.
#[utoipa::path(post, path = "/return-cases/{id}/visits", tag = "returns", request_body = VisitInput,
    params(("id" = i64, Path)),
    responses((status = 200, body = ReturnCase), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn visit(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(input): ApiJson<VisitInput>,
) -> Result<Json<ReturnCase>, ApiError> {
    Ok(Json(s.db.returns().record_visit(actor.registry_writer()?, id, input).await?))
}

/// Closes a case: after monitoring, or before departure when the return will not happen.
#[utoipa::path(post, path = "/return-cases/{id}/closure", tag = "returns", request_body = CloseInput,
    params(("id" = i64, Path)),
    responses((status = 200, body = ReturnCase), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn closure(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(input): ApiJson<CloseInput>,
) -> Result<Json<ReturnCase>, ApiError> {
    Ok(Json(s.db.returns().close_case(actor.registry_writer()?, id, input).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// First day of arrival counted, YYYY-MM-DD.
    pub from: Option<String>,
    /// Last day of arrival counted, YYYY-MM-DD.
    pub to: Option<String>,
    /// `json` (default), `csv` (columns `section,key,label,persons,cases,disbursements,disbursed_eur,committed_eur`)
    /// or `xlsx`.
    pub format: Option<String>,
}

/// The agency's returns that arrived in a period (both days included): counts by host country,
/// transport, return type, district, municipality, programme, sex, age group and (with the
/// permission) community, and the assistance paid. Counts only, no person is named.
#[utoipa::path(get, path = "/reports/returns", tag = "returns", params(PeriodQuery),
    responses((status = 200, body = ReturnsReport), (status = 200, body = String, content_type = "text/csv"),
              (status = 200, body = Vec<u8>, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn returns_report(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(q): ApiQuery<PeriodQuery>,
) -> Result<Response, ApiError> {
    let from = required_date_param("from", q.from.as_deref())?;
    let to = required_date_param("to", q.to.as_deref())?;
    let format = q.format.as_deref().unwrap_or("json");
    if !["json", "csv", "xlsx"].contains(&format) {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            "format",
            drom_domain::Common::OneOf { choices: "json, csv, xlsx".into() },
        ));
    }
    let report = s.db.returns().returns_report(Scope::Agency(&actor), from, to).await?;
    Ok(match format {
        "csv" => ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], export::to_csv(&report)?).into_response(),
        "xlsx" => ([(header::CONTENT_TYPE, export::XLSX_MEDIA_TYPE)], export::to_xlsx(&report)?).into_response(),
        _ => Json(report).into_response(),
    })
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    /// Cases that arrived on or after this day (YYYY-MM-DD; default: all).
    pub from: Option<String>,
    /// Cases that arrived on or before this day (YYYY-MM-DD; default: all).
    pub to: Option<String>,
    /// The day the milestones are counted on (YYYY-MM-DD; default today).
    pub as_of: Option<String>,
}

/// Forced against voluntary returns: at each scheduled visit, the share still in place and the
/// average sustainability scores.
#[utoipa::path(get, path = "/reports/sustainability", tag = "returns", params(DashboardQuery),
    responses((status = 200, body = SustainabilityDashboard), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn sustainability(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(q): ApiQuery<DashboardQuery>,
) -> Result<Json<SustainabilityDashboard>, ApiError> {
    let from = date_param("from", q.from.as_deref())?;
    let to = date_param("to", q.to.as_deref())?;
    let as_of = date_param("as_of", q.as_of.as_deref())?.unwrap_or_else(|| chrono::Utc::now().date_naive());
    Ok(Json(s.db.returns().sustainability_dashboard(&actor, from, to, as_of).await?))
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct HeldCases {
    /// How many forced returns are held.
    pub total: usize,
    /// The first of them, oldest case first.
    pub items: Vec<crate::store::gate::BlockedCase>,
}

/// Open forced returns held at a closed protection gate, with the gate's reasons.
#[utoipa::path(get, path = "/return-cases/held", tag = "returns",
    responses((status = 200, body = HeldCases)), security(("bearer" = [])))]
pub async fn held(State(s): State<AppState>, Auth(actor): Auth) -> Result<Json<HeldCases>, ApiError> {
    let (total, items) = s.db.returns().blocked_forced_cases(&actor).await?;
    Ok(Json(HeldCases { total, items }))
}

/// Asks a supervisor to approve a step the case's programme puts behind one (a disbursement
/// above its threshold, a forced-return order); the step is recorded when one approves it.
#[utoipa::path(post, path = "/return-cases/{id}/approvals", tag = "returns", request_body = ApprovalRequest,
    params(("id" = i64, Path)),
    responses((status = 201, body = Approval), (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn request_approval(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(input): ApiJson<ApprovalRequest>,
) -> Result<(StatusCode, Json<Approval>), ApiError> {
    Ok((StatusCode::CREATED, Json(s.db.returns().request_approval(&actor, id, input).await?)))
}

/// Every approval asked for on a case, newest first, with its decision.
#[utoipa::path(get, path = "/return-cases/{id}/approvals", tag = "returns", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Approval>)), security(("bearer" = [])))]
pub async fn case_approvals(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
) -> Result<Json<Vec<Approval>>, ApiError> {
    s.db.returns().return_case(&actor, id).await?;
    Ok(Json(s.db.returns().approvals(&actor, Some(id)).await?))
}

/// The agency's approvals still waiting, oldest first.
#[utoipa::path(get, path = "/approvals", tag = "returns",
    responses((status = 200, body = Vec<Approval>)), security(("bearer" = [])))]
pub async fn waiting_approvals(State(s): State<AppState>, Auth(actor): Auth) -> Result<Json<Vec<Approval>>, ApiError> {
    Ok(Json(s.db.returns().approvals(&actor, None).await?))
}

/// A supervisor (never the one who asked) approves, recording the step, or refuses with a reason.
#[utoipa::path(post, path = "/approvals/{id}/decision", tag = "returns", request_body = ApprovalDecision,
    params(("id" = i64, Path)),
    responses((status = 200, body = Approval), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn decide_approval(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(input): ApiJson<ApprovalDecision>,
) -> Result<Json<Approval>, ApiError> {
    Ok(Json(s.db.returns().decide_approval(&actor, id, input).await?))
}
