//! The protection gate on a forced return's page: whether the return may go past its order and,
//! when it may not, why in the reader's language, with what can still be done: screen the
//! household again (after answering the unknown facts), close, convert to a voluntary return,
//! or, for holders of the override grant, ask for an override that a second holder confirms.

use crate::store::ReturnsDb;
use crate::store::cases::ReturnCase;
use crate::store::gate::OverrideRequest;
use axum::extract::{Path, State};
use axum::response::Response;
use drom_domain::permission::Permission;
use drom_screening::ScreeningDb;
use drom_screening::gate::Block;
use drom_screening::store::screenings::ScreeningRequest;
use drom_screening::web::pages::screenings::{fact_question, rule_summary};
use drom_screening::{PolicySet, ReturnType};
use drom_store::StoreError;
use drom_web::AppState;
use drom_web::pages::ctx::Ctx;
use drom_web::pages::error::{PageError, respond};
use drom_web::pages::forms::CsrfForm;
use drom_web::pages::{see_other, signed_in};

/// An override as the page shows it.
pub struct OverrideView {
    pub reason: String,
    pub requested_by: String,
    pub requested_at: String,
    pub confirmed_by: Option<String>,
    pub confirmed_at: String,
}

/// The gate as the page shows it.
pub struct GateView {
    pub open: bool,
    /// The policy in force on the order date: its id and title.
    pub policy: String,
    pub screening_id: Option<i64>,
    /// Why it is closed, one sentence a reason, in the reader's language.
    pub reasons: Vec<String>,
    /// Whether screening the household again could open it.
    pub rescreen: bool,
    pub override_: Option<OverrideView>,
    /// The reader may ask for an override (holds the grant, none asked yet, gate closed).
    pub may_request: bool,
    /// The reader may confirm the pending override (holds the grant and did not ask).
    pub may_confirm: bool,
}

/// One reason the gate is closed, in words; `who` names the people it is about.
pub fn block_text(ctx: &Ctx, policies: &PolicySet, policy: &str, b: &Block, who: &str) -> String {
    let s = |v: &str| v.to_string();
    let who = s(who);
    match b {
        Block::NoPolicy { order_on } => ctx.ta("gate-no-policy", &[("date", ctx.datetime(order_on))]),
        Block::NotScreened => ctx.t("gate-not-screened"),
        Block::OtherPolicy { screened_under, in_force, .. } => {
            ctx.ta("gate-other-policy", &[("screened", s(screened_under)), ("policy", s(in_force))])
        }
        Block::Stale { made_on, max_age_days, .. } => {
            ctx.ta("gate-stale", &[("date", ctx.datetime(made_on)), ("days", max_age_days.to_string())])
        }
        Block::PolicyChanged { stored, now, .. } => ctx.ta(
            "gate-policy-changed",
            &[("person", who), ("stored", ctx.code("outcome", stored)), ("now", ctx.code("outcome", now))],
        ),
        Block::NotInScreening { .. } => ctx.ta("gate-not-in-screening", &[("person", who)]),
        Block::Protected { rules, .. } => {
            let rules: Vec<String> = rules.iter().map(|r| rule_summary(ctx, policies, policy, r)).collect();
            ctx.ta("gate-protected", &[("person", who), ("rules", rules.join("; "))])
        }
        Block::NeedsAssessment { unknown, .. } => {
            let facts: Vec<String> = unknown.iter().map(|f| fact_question(ctx, f)).collect();
            ctx.ta("gate-needs-assessment", &[("person", who), ("facts", facts.join(" "))])
        }
    }
}

/// The reasons of a gate in words, one for each group of blocks alike but for the person.
pub fn reasons(
    ctx: &Ctx,
    policies: &PolicySet,
    policy: &str,
    blocks: &[Block],
    name: impl Fn(&str) -> String,
) -> Vec<String> {
    Block::grouped(blocks)
        .into_iter()
        .map(|(b, people)| {
            let mut names: Vec<String> = people.iter().map(|p| name(p)).collect();
            names.dedup();
            let who = names.join(", ");
            block_text(ctx, policies, policy, b, &who)
        })
        .collect()
}

/// The gate of a case for its page, if the case has one or was overridden.
pub fn view(ctx: &Ctx, policies: &PolicySet, c: &ReturnCase) -> Option<GateView> {
    if c.gate.is_none() && c.gate_override.is_none() {
        return None;
    }
    let policy_id = c.gate.as_ref().and_then(|g| g.policy_in_force.clone()).unwrap_or_default();
    let policy = policies.by_id(&policy_id).map(|p| format!("{} — {}", p.id, p.title)).unwrap_or(policy_id.clone());
    let blocks = c.gate.as_ref().map(|g| g.blocks.as_slice()).unwrap_or_default();
    let user_id = ctx.user.as_ref().map(|u| u.actor.user_id);
    let granted = ctx.can(Permission::OverrideProtectionGate);
    let override_ = c.gate_override.as_ref().map(|o| OverrideView {
        reason: o.reason.clone(),
        requested_by: o.requested_by_name.clone(),
        requested_at: ctx.datetime(&o.requested_at),
        confirmed_by: o.confirmed_by_name.clone(),
        confirmed_at: o.confirmed_at.as_deref().map(|d| ctx.datetime(d)).unwrap_or_default(),
    });
    let open = c.gate.as_ref().is_none_or(|g| g.open);
    Some(GateView {
        open,
        policy,
        screening_id: c.gate.as_ref().and_then(|g| g.screening_id),
        reasons: reasons(ctx, policies, &policy_id, blocks, |id| {
            c.members
                .iter()
                .find(|m| m.person_id.to_string() == id)
                .map(|m| format!("{} {}", m.given_name, m.family_name))
                .unwrap_or_else(|| id.to_string())
        }),
        rescreen: blocks.iter().any(Block::rescreen_helps),
        may_request: granted && !open && c.gate_override.is_none(),
        may_confirm: granted
            && c.gate_override.as_ref().is_some_and(|o| o.confirmed_at.is_none() && Some(o.requested_by) != user_id),
        override_,
    })
}

/// Screens the case's household again for a forced return as of the order date, with every
/// answer recorded since, and shows the new screening.
pub async fn rescreen(ctx: Ctx, State(s): State<AppState>, Path(id): Path<String>, CsrfForm(_): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let writer = user.actor.registry_writer()?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let c = s.db.returns().return_case(&user.actor, id).await?;
        let request = ScreeningRequest {
            person_id: c.person_id,
            return_type: ReturnType::Forced,
            informed_consent: None,
            as_of: c.order_on.as_deref().and_then(|d| d.parse().ok()),
            policy: None,
            facts: Default::default(),
        };
        let screening = s.db.screenings().screen_person(writer, &s.db.screenings().policies(), request).await?;
        see_other(&format!("/screenings/{}?case={id}", screening.id))
    }
    .await;
    respond(&ctx, result)
}

/// Back to the case's gate after an override was asked for or confirmed, with a notice when it
/// was refused: `invalid` for refused input, `not-possible` when the case does not allow it.
fn back_to_gate(id: i64, outcome: Result<ReturnCase, StoreError>, invalid: &str) -> Result<Response, PageError> {
    match outcome {
        Ok(_) => see_other(&format!("/return-cases/{id}#gate")),
        Err(StoreError::Invalid(_)) => see_other(&format!("/return-cases/{id}?gate={invalid}#gate")),
        Err(StoreError::Conflict(_) | StoreError::Transition(_)) => {
            see_other(&format!("/return-cases/{id}?gate=not-possible#gate"))
        }
        Err(e) => Err(e.into()),
    }
}

/// Asks for an override (the grant and a reason); a refusal comes back on the case page.
pub async fn request_override(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let input = OverrideRequest { reason: form.text("reason") };
        let outcome = s.db.returns().request_gate_override(&user.actor, id, input).await;
        back_to_gate(id, outcome, "reason-needed")
    }
    .await;
    respond(&ctx, result)
}

/// Confirms a pending override (a second holder of the grant).
pub async fn confirm_override(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let outcome = s.db.returns().confirm_gate_override(&user.actor, id).await;
        back_to_gate(id, outcome, "second-person")
    }
    .await;
    respond(&ctx, result)
}
