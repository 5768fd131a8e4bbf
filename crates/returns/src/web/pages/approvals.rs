//! Supervisor approval on the case page: a step the programme puts behind a supervisor is asked
//! for as it was typed; a supervisor other than the one who asked approves (and the step is
//! recorded) or refuses with a reason.

use super::return_forms::StepInput;
use crate::store::ReturnsDb;
use crate::store::approvals::{ApprovalDecision, ApprovalRequest, ApprovalStep};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use drom_store::StoreError;
use drom_web::AppState;
use drom_web::pages::ctx::Ctx;
use drom_web::pages::error::{PageError, respond};
use drom_web::pages::forms::CsrfForm;
use drom_web::pages::{see_other, signed_in};

/// The approval a step's input would ask for, if it is a step a programme can put behind a
/// supervisor.
pub fn request_of(input: &StepInput) -> Option<ApprovalRequest> {
    let (step, value) = match input {
        StepInput::Disburse(i) => (ApprovalStep::Disburse, serde_json::to_value(i).ok()?),
        StepInput::Order(i) => (ApprovalStep::OrderForcedReturn, serde_json::to_value(i).ok()?),
        _ => return None,
    };
    Some(ApprovalRequest { step, input: value })
}

/// Approves or refuses from the case page.
pub async fn decide(
    ctx: Ctx,
    State(s): State<AppState>,
    Path((id, approval)): Path<(String, String)>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let approval: i64 = approval.parse().map_err(|_| PageError::NotFound)?;
        let decision = ApprovalDecision { approve: form.text("decision") == "approve", reason: form.get("reason") };
        let refusal = match s.db.returns().decide_approval(&user.actor, approval, decision).await {
            Ok(_) => return see_other(&format!("/return-cases/{id}#approvals")),
            Err(StoreError::Conflict(r) | StoreError::Transition(r)) => ctx.refusal(&r),
            Err(StoreError::Invalid(e)) => ctx.summary(&e),
            Err(e) => return Err(e.into()),
        };
        let heading = ctx.t("approval-not-done");
        super::returns::case_page(&ctx, &s, id, None, Some((heading, refusal)), StatusCode::CONFLICT).await
    }
    .await;
    respond(&ctx, result)
}
