//! Supervisor approval, configured per programme: a disbursement above the programme's
//! threshold, or a forced-return order on a programme that says so, is asked for (the step's
//! input kept as it was typed) and recorded only when a supervisor other than the one who asked
//! approves it. The approval is marked in the step's own transaction, so a step is never
//! recorded twice for one approval and an approval is never marked without its step. A
//! refusal is kept with its reason. Every request and decision is audited on the case.

use super::Returns;
use super::plan::DisbursementInput;
use super::steps::ForcedOrderInput;
use drom_domain::error::{Refusal, optional_text};
use drom_domain::permission::{Actor, Permission};
use drom_domain::{Common, ValidationErrors, code_enum};
use drom_store::audit;
use drom_store::db::{Conn, now};
use drom_store::error::StoreError;
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

code_enum! {
    /// The steps a programme can put behind a supervisor.
    pub enum ApprovalStep {
        Disburse = "disburse",
        OrderForcedReturn = "order_forced_return",
    }
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalRequest {
    pub step: ApprovalStep,
    /// The step's input, as its own route takes it (a disbursement, a forced-return order).
    #[schema(value_type = Object)]
    pub input: serde_json::Value,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalDecision {
    pub approve: bool,
    /// Why (required to refuse).
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Approval {
    pub id: i64,
    pub case_id: i64,
    pub person_name: String,
    pub step: String,
    #[schema(value_type = Object)]
    pub input: String,
    pub amount_cents: Option<i64>,
    pub requested_by: i64,
    pub requested_by_name: String,
    pub requested_at: String,
    /// `approved`, `refused`, or absent while it waits.
    pub decision: Option<String>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<String>,
    pub reason: Option<String>,
}

const COLUMNS: &str = "a.id, a.case_id, p.given_name || ' ' || p.family_name AS person_name, a.step, a.input, \
    a.amount_cents, a.requested_by, r.display_name AS requested_by_name, a.requested_at, a.decision, \
    d.display_name AS decided_by_name, a.decided_at, a.reason";
const FROM: &str = "approval a JOIN return_case k ON k.id = a.case_id JOIN person p ON p.id = k.person_id \
    JOIN app_user r ON r.id = a.requested_by LEFT JOIN app_user d ON d.id = a.decided_by";

/// Whether the programme (if any) puts forced-return orders behind a supervisor.
pub(crate) async fn orders_need_approval(c: &mut Conn<'_>, programme: Option<i64>) -> Result<bool, StoreError> {
    let Some(p) = programme else { return Ok(false) };
    let flag: Option<i64> = sql!(
        c,
        fetch_optional,
        sqlx::query_scalar::<_, i64>("SELECT orders_need_approval FROM programme WHERE id = $1").bind(p)
    )?;
    Ok(flag.unwrap_or(0) != 0)
}

/// In a step's transaction: refuses a step that needs approval and has none, and marks the
/// approval it carries out as approved by `actor` (who must not be the one who asked). Answers
/// the approval's id for the step's audit entry.
pub(crate) async fn carry_out(
    c: &mut Conn<'_>,
    actor: &Actor,
    case_id: i64,
    step: ApprovalStep,
    needed: bool,
    approval: Option<i64>,
) -> Result<Option<i64>, StoreError> {
    let Some(id) = approval else {
        return if needed { Err(StoreError::Conflict(Refusal::new("approval-needed"))) } else { Ok(None) };
    };
    let marked = sql!(
        c,
        execute,
        sqlx::query(
            "UPDATE approval SET decision = 'approved', decided_by = $1, decided_at = $2 \
             WHERE id = $3 AND case_id = $4 AND step = $5 AND decision IS NULL AND requested_by <> $1"
        )
        .bind(actor.user_id)
        .bind(now())
        .bind(id)
        .bind(case_id)
        .bind(step.code())
    )?;
    if marked == 0 {
        return Err(StoreError::Conflict(Refusal::new("approval-decided").text("id", id)));
    }
    Ok(Some(id))
}

impl Returns<'_> {
    /// Asks a supervisor to approve a step the case's programme puts behind one.
    pub async fn request_approval(
        &self,
        actor: &Actor,
        case_id: i64,
        request: ApprovalRequest,
    ) -> Result<Approval, StoreError> {
        actor.registry_writer()?;
        let malformed = |e: serde_json::Error| {
            StoreError::from(ValidationErrors::single("input", Common::Malformed { detail: e.to_string() }))
        };
        let amount = match request.step {
            ApprovalStep::Disburse => {
                let i: DisbursementInput = serde_json::from_value(request.input.clone()).map_err(malformed)?;
                Some(i.amount_cents)
            }
            ApprovalStep::OrderForcedReturn => {
                serde_json::from_value::<ForcedOrderInput>(request.input.clone()).map_err(malformed)?;
                None
            }
        };
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let scope = AgencyScope::of(actor);
        let programme: Option<(Option<i64>,)> = sql!(
            &mut c,
            fetch_optional,
            sqlx::query_as::<_, (Option<i64>,)>(sqlx::AssertSqlSafe(format!(
                "SELECT programme_id FROM return_case WHERE id = $2 AND {}",
                scope.owned("", 1)
            )))
            .bind(scope.agency())
            .bind(case_id)
        )?;
        let Some((programme,)) = programme else { return Err(StoreError::NotFound) };
        let needed = match (request.step, amount) {
            (ApprovalStep::Disburse, Some(amount)) => {
                let limit: Option<Option<i64>> = sql!(
                    &mut c,
                    fetch_optional,
                    sqlx::query_scalar::<_, Option<i64>>("SELECT approval_above_cents FROM programme WHERE id = $1")
                        .bind(programme.unwrap_or(0))
                )?;
                limit.flatten().is_some_and(|l| amount.0 > l)
            }
            _ => orders_need_approval(&mut c, programme).await?,
        };
        if !needed {
            return Err(StoreError::Conflict(Refusal::new("approval-not-needed")));
        }
        let id: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO approval (agency_id, case_id, step, input, amount_cents, requested_by, requested_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
            )
            .bind(actor.agency_id)
            .bind(case_id)
            .bind(request.step.code())
            .bind(request.input.to_string())
            .bind(amount.map(|a| a.0))
            .bind(actor.user_id)
            .bind(now())
        )?;
        audit::append(
            &mut c,
            actor,
            "return_case.approval_request",
            "return_case",
            Some(case_id),
            None,
            serde_json::json!({"approval": id, "step": request.step, "amount_cents": amount.map(|a| a.0)}),
        )
        .await?;
        tx.commit().await?;
        self.approval(actor, id).await
    }

    /// One approval of the actor's agency.
    pub async fn approval(&self, actor: &Actor, id: i64) -> Result<Approval, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let q = format!("SELECT {COLUMNS} FROM {FROM} WHERE a.id = $1 AND a.agency_id = $2");
        sql!(
            &mut c,
            fetch_optional,
            sqlx::query_as::<_, Approval>(sqlx::AssertSqlSafe(q)).bind(id).bind(actor.agency_id)
        )?
        .ok_or(StoreError::NotFound)
    }

    /// The agency's approvals: those still waiting (oldest first), or every one of a case.
    pub async fn approvals(&self, actor: &Actor, case_id: Option<i64>) -> Result<Vec<Approval>, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let q = match case_id {
            Some(_) => {
                format!("SELECT {COLUMNS} FROM {FROM} WHERE a.agency_id = $1 AND a.case_id = $2 ORDER BY a.id DESC")
            }
            None => format!(
                "SELECT {COLUMNS} FROM {FROM} WHERE a.agency_id = $1 AND a.decision IS NULL AND $2 = 0 ORDER BY a.id LIMIT 200"
            ),
        };
        Ok(sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, Approval>(sqlx::AssertSqlSafe(q)).bind(actor.agency_id).bind(case_id.unwrap_or(0))
        )?)
    }

    /// A supervisor's decision: approving records the step as asked (its own checks still
    /// apply: a budget spent meanwhile refuses it); refusing needs a reason.
    pub async fn decide_approval(
        &self,
        actor: &Actor,
        id: i64,
        decision: ApprovalDecision,
    ) -> Result<Approval, StoreError> {
        let writer = actor.registry_writer()?;
        actor.require(Permission::Supervise)?;
        let a = self.approval(actor, id).await?;
        if a.decision.is_some() {
            return Err(StoreError::Conflict(Refusal::new("approval-decided").text("id", id)));
        }
        if a.requested_by == actor.user_id {
            return Err(StoreError::Conflict(Refusal::new("approval-own")));
        }
        if decision.approve {
            let input: serde_json::Value = serde_json::from_str(&a.input)?;
            let step: ApprovalStep = a.step.parse().map_err(StoreError::corrupt)?;
            match step {
                ApprovalStep::Disburse => {
                    let i: DisbursementInput = serde_json::from_value(input)?;
                    self.disburse_with(writer, a.case_id, i, Some(id)).await?;
                }
                ApprovalStep::OrderForcedReturn => {
                    let i: ForcedOrderInput = serde_json::from_value(input)?;
                    self.order_forced_return_with(writer, a.case_id, i, Some(id)).await?;
                }
            }
            return self.approval(actor, id).await;
        }
        let mut e = ValidationErrors::default();
        let reason = optional_text(&mut e, "reason", decision.reason.as_deref(), 500);
        if reason.is_none() {
            e.push("reason", Common::Required);
        }
        e.into_result(())?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let refused = sql!(
            &mut c,
            execute,
            sqlx::query(
                "UPDATE approval SET decision = 'refused', decided_by = $1, decided_at = $2, reason = $3 \
                 WHERE id = $4 AND decision IS NULL"
            )
            .bind(actor.user_id)
            .bind(now())
            .bind(&reason)
            .bind(id)
        )?;
        if refused == 0 {
            return Err(StoreError::Conflict(Refusal::new("approval-decided").text("id", id)));
        }
        audit::append(
            &mut c,
            actor,
            "return_case.approval_refuse",
            "return_case",
            Some(a.case_id),
            reason.as_deref(),
            serde_json::json!({"approval": id, "step": a.step}),
        )
        .await?;
        tx.commit().await?;
        self.approval(actor, id).await
    }
}
