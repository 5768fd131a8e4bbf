//! `/api/v1/screenings` and `/api/v1/policies`: protection screening of registered persons
//! (stored and audited), its reproduction, re-screening under a new policy, and a readmission
//! list screened in one CSV upload.

use crate::batch::{BatchError, BatchOptions, screen_csv};
use crate::store::ScreeningDb;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use drom_domain::permission::Permission;
use drom_web::AppState;
use drom_web::auth::Auth;
use drom_web::extract::{ApiJson, ApiQuery, Id, date_param, require_csv};
use drom_web::problem::{ApiError, Problem};
use drom_web::streaming::{BlockingBody, JobSlot, batch_body_limit};

use crate::store::fact_answers::AnswersInput;
use crate::store::screenings::{ChangedOutcome, Screening, ScreeningRequest};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Screens a registered person with their household under the policy in force (or named), and
/// stores the decision with the facts used.
#[utoipa::path(post, path = "/screenings", tag = "screening", request_body = ScreeningRequest,
    responses((status = 201, body = Screening), (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiJson(request): ApiJson<ScreeningRequest>,
) -> Result<(StatusCode, Json<Screening>), ApiError> {
    let screening =
        s.db.screenings().screen_person(actor.registry_writer()?, &s.db.screenings().policies(), request).await?;
    Ok((StatusCode::CREATED, Json(screening)))
}

/// A stored screening (needs the special-category permission: the facts include them).
#[utoipa::path(get, path = "/screenings/{id}", tag = "screening", params(("id" = i64, Path)),
    responses((status = 200, body = Screening), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn get(State(s): State<AppState>, Auth(actor): Auth, Id(id): Id) -> Result<Json<Screening>, ApiError> {
    Ok(Json(s.db.screenings().screening(&actor, id).await?))
}

/// Records answers to the facts of a screening's household (yes, no or unknown, with what each
/// rests on) and screens the household again: answers the new screening. Special-category facts
/// need the special-categories permission.
#[utoipa::path(post, path = "/screenings/{id}/answers", tag = "screening", params(("id" = i64, Path)),
    request_body = AnswersInput,
    responses((status = 201, body = Screening), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn answers(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(input): ApiJson<AnswersInput>,
) -> Result<(StatusCode, Json<Screening>), ApiError> {
    Ok((StatusCode::CREATED, Json(s.db.screenings().answer_facts(actor.registry_writer()?, id, input).await?)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Reproduction {
    /// True when the stored facts give the stored decisions again under the stored policy.
    pub identical: bool,
    #[schema(value_type = Vec<Object>)]
    pub decisions: serde_json::Value,
}

/// Re-runs a stored screening from its stored facts.
#[utoipa::path(get, path = "/screenings/{id}/reproduction", tag = "screening", params(("id" = i64, Path)),
    responses((status = 200, body = Reproduction)), security(("bearer" = [])))]
pub async fn reproduce(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
) -> Result<Json<Reproduction>, ApiError> {
    let stored = s.db.screenings().screening(&actor, id).await?;
    let again = serde_json::to_value(s.db.screenings().reproduce(&actor, &s.db.screenings().policies(), id).await?)
        .unwrap_or_default();
    Ok(Json(Reproduction { identical: again == stored.decisions, decisions: again }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesQuery {
    /// The new policy (default: the one in force today).
    pub policy: Option<String>,
}

/// Open screenings whose outcome would change under a policy: what to review when one is added.
#[utoipa::path(get, path = "/screenings/changes", tag = "screening", params(ChangesQuery),
    responses((status = 200, body = Vec<ChangedOutcome>)), security(("bearer" = [])))]
pub async fn changes(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(q): ApiQuery<ChangesQuery>,
) -> Result<Json<Vec<ChangedOutcome>>, ApiError> {
    Ok(Json(s.db.screenings().rescreen(&actor, &s.db.screenings().policies(), q.policy.as_deref()).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BatchQuery {
    pub policy: Option<String>,
    /// YYYY-MM-DD; default today.
    pub as_of: Option<String>,
    /// Refuse the whole list at the first malformed row.
    pub strict: Option<bool>,
}

/// Screens a readmission list: `text/csv` in (columns in docs/screening.md), `text/csv` out, one
/// decision per row. Nothing is stored: the list is the host country's. The list is read as it
/// arrives (up to `DROM_BATCH_MAX_MB`, default 256 MiB); a user runs one list at a time, and
/// the server two at once (429 with `Retry-After` otherwise).
#[utoipa::path(post, path = "/screenings/batch", tag = "screening", params(BatchQuery),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = String, content_type = "text/csv"),
              (status = 413, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json"),
              (status = 429, body = Problem, content_type = "application/problem+json",
               description = "a list of this user is being screened, or the server screens two already")),
    security(("bearer" = [])))]
pub async fn batch(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(q): ApiQuery<BatchQuery>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Result<Response, ApiError> {
    actor.require(Permission::RegistryWrite)?;
    require_csv(&headers)?;
    let today = chrono::Utc::now().date_naive();
    let day = date_param("as_of", q.as_of.as_deref())?.unwrap_or(today);
    let screener = s.db.screenings().screener(&s.db.screenings().policies(), q.policy.as_deref(), day).await?;
    let opts = BatchOptions { strict: q.strict.unwrap_or(false), today };
    let slot = JobSlot::take(actor.user_id).ok_or_else(|| ApiError {
        retry_after: Some(5),
        ..ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "busy",
            "a list is being screened already (one per user, two on the server): try again when it is done",
        )
    })?;
    let limit = batch_body_limit();
    let input = BlockingBody::new(body, limit);
    let (result, out) = tokio::task::spawn_blocking(move || {
        let _slot = slot;
        let mut out = Vec::new();
        let r = screen_csv(&screener, input, &mut out, &opts, &mut |_| {});
        (r, out)
    })
    .await
    .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal_error", "the screening stopped"))?;
    if let Err(BatchError::Read { reason, .. }) = &result
        && reason.contains("larger than")
    {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "validation_failed",
            format!("the list is larger than {} MiB", limit / 1024 / 1024),
        ));
    }
    match result {
        Ok(_) => Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], out).into_response()),
        Err(BatchError::Row { row, field, reason, .. }) => Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            &format!("row {row}.{field}"),
            drom_domain::Common::Malformed { detail: reason },
        )),
        Err(e) => Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
            "body",
            drom_domain::Common::Malformed { detail: e.to_string() },
        )),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PolicyRule {
    pub id: String,
    pub summary: String,
    /// The sentence of the source the rule implements.
    pub quote: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PolicySummary {
    pub id: String,
    pub title: String,
    pub effective_from: String,
    pub effective_until: Option<String>,
    pub rules: Vec<PolicyRule>,
}

/// The policies Drom knows, with their rules and citations.
#[utoipa::path(get, path = "/policies", tag = "screening", responses((status = 200, body = Vec<PolicySummary>)), security(("bearer" = [])))]
pub async fn policies(State(s): State<AppState>, _: Auth) -> Json<Vec<PolicySummary>> {
    let policies = s.db.screenings().policies();
    Json(
        policies
            .ids()
            .into_iter()
            .filter_map(|id| policies.by_id(id))
            .map(|p| PolicySummary {
                id: p.id.clone(),
                title: p.title.clone(),
                effective_from: p.effective_from.to_string(),
                effective_until: p.effective_until.map(|d| d.to_string()),
                rules: p
                    .rules
                    .iter()
                    .map(|r| PolicyRule { id: r.id.clone(), summary: r.summary.clone(), quote: r.quote.clone() })
                    .collect(),
            })
            .collect(),
    )
}
