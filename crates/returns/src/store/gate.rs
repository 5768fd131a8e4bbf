//! The protection gate where the work happens: every step that would take a forced return past
//! its order (travel, arrival) asks `check` in the step's own transaction, and so does the
//! import. The decision itself is `drom_screening::gate::decide`; this module reads what it
//! decides on: the case's returnees, the newest forced-return screening of any of them (one
//! under the policy in force on the order date first), and that policy's answer today from the
//! screening's stored facts.
//!
//! An override needs the explicit `override_protection_gate` grant, a written reason, and a
//! second holder of the grant to confirm it; once confirmed it marks the case for good.

use super::Returns;
use super::cases::{CaseRow, ReturnCase};
use crate::domain::ReturnsReason;
use chrono::NaiveDate;
use drom_domain::ValidationErrors;
use drom_domain::error::Refusal;
use drom_domain::error::required_text;
use drom_domain::permission::{Actor, Permission};
use drom_screening::ScreeningDb;
use drom_screening::gate::{self, GateInput, GateStatus, MemberOutcome, ScreeningSeen};
use drom_screening::{PersonFacts, PolicySet, Screener};
use drom_store::audit;
use drom_store::db::{Conn, now};
use drom_store::error::StoreError;
use drom_store::reference::ReferenceData;
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use utoipa::ToSchema;

/// What the gate needs besides the database: the policies, the reference data the engine
/// resolves communities and municipalities against, and how long a screening stays valid.
pub struct GateContext {
    pub policies: Arc<PolicySet>,
    pub reference: Arc<ReferenceData>,
    pub valid_days: u32,
}

impl Returns<'_> {
    pub async fn gate_context(&self) -> Result<GateContext, StoreError> {
        Ok(GateContext {
            policies: self.screenings().policies(),
            reference: self.reference().await?,
            valid_days: self.screenings().valid_days(),
        })
    }
}

#[derive(sqlx::FromRow)]
struct ScreeningRow {
    id: i64,
    policy_id: String,
    return_type: String,
    facts: String,
    decisions: String,
    created_at: String,
}

/// The newest forced-return screening of any of `persons` (or of their households) in the
/// agency, preferring one under
/// `policy`: its id and outcome, for the order step to attach.
pub(crate) async fn screening_for(
    c: &mut Conn<'_>,
    scope: AgencyScope,
    persons: &[i64],
    policy: Option<&str>,
) -> Result<Option<(i64, String)>, StoreError> {
    Ok(load_screening(c, scope, persons, policy).await?.map(|s| {
        let outcome = MemberOutcome::from_stored(&s.decisions)
            .ok()
            .and_then(|d| worst(&d, persons))
            .unwrap_or_else(|| "needs_assessment".into());
        (s.id, outcome)
    }))
}

/// The least favourable outcome among `persons` (protected, then needs assessment).
fn worst(decisions: &[MemberOutcome], persons: &[i64]) -> Option<String> {
    let ids: Vec<String> = persons.iter().map(i64::to_string).collect();
    decisions.iter().filter(|d| ids.contains(&d.person)).map(|d| d.outcome).min().map(|o| o.code().to_string())
}

async fn load_screening(
    c: &mut Conn<'_>,
    scope: AgencyScope,
    persons: &[i64],
    policy: Option<&str>,
) -> Result<Option<ScreeningRow>, StoreError> {
    if persons.is_empty() {
        return Ok(None);
    }
    // The ids are integers the database gave: safe to write into the text.
    let list = persons.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let q = format!(
        "SELECT id, policy_id, return_type, facts, decisions, created_at FROM screening \
         WHERE {} AND return_type = 'forced' AND (person_id IN ({list}) \
         OR household_id IN (SELECT household_id FROM household_member WHERE person_id IN ({list}))) \
         ORDER BY CASE WHEN policy_id = $2 THEN 0 ELSE 1 END, id DESC LIMIT 1",
        scope.readable("", 1)
    );
    Ok(sql!(
        c,
        fetch_optional,
        sqlx::query_as::<_, ScreeningRow>(sqlx::AssertSqlSafe(q)).bind(scope.agency()).bind(policy.unwrap_or(""))
    )?)
}

/// The gate for these returnees of the agency, for an order on `order_on`, as of `today`.
pub(crate) async fn status_for(
    c: &mut Conn<'_>,
    ctx: &GateContext,
    scope: AgencyScope,
    persons: &[i64],
    order_on: NaiveDate,
    today: NaiveDate,
) -> Result<GateStatus, StoreError> {
    let policy = ctx.policies.in_force(order_on);
    let row = load_screening(c, scope, persons, policy.map(|p| p.id.as_str())).await?;
    let seen = match (row, policy) {
        (Some(r), Some(policy)) => {
            let facts: Vec<PersonFacts> = serde_json::from_str(&r.facts)?;
            let screener = Screener::new(policy, &ctx.reference.municipalities, &ctx.reference.communities)
                .map_err(|e| StoreError::Config(e.to_string()))?;
            let made_on = r.created_at.get(..10).and_then(|d| d.parse().ok()).unwrap_or(NaiveDate::MIN);
            Some(ScreeningSeen {
                id: r.id,
                policy_id: r.policy_id,
                return_type: r.return_type,
                made_on,
                stored: MemberOutcome::from_stored(&r.decisions)?,
                now: screener.screen_people(&facts).iter().map(MemberOutcome::of).collect(),
            })
        }
        _ => None,
    };
    let members: Vec<String> = persons.iter().map(i64::to_string).collect();
    Ok(gate::decide(&GateInput {
        members: &members,
        order_on,
        in_force: policy.map(|p| p.id.as_str()),
        screening: seen.as_ref(),
        today,
        max_age_days: ctx.valid_days,
    }))
}

/// A closed gate as the refusal of a step: code `protection_gate_closed`, each block as data.
pub(crate) fn refusal(gate: &GateStatus) -> StoreError {
    StoreError::Blocked(Box::new(drom_store::Blocked {
        code: "protection_gate_closed",
        detail: format!("protection gate closed: {}", gate.english()),
        reasons: gate.blocks.iter().filter_map(|b| serde_json::to_value(b).ok()).collect(),
    }))
}

/// The returnees of a case.
pub(crate) async fn members(c: &mut Conn<'_>, case_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(sql!(
        c,
        fetch_all,
        sqlx::query_scalar::<_, i64>("SELECT person_id FROM return_member WHERE case_id = $1 ORDER BY person_id")
            .bind(case_id)
    )?)
}

/// The gate of a case: for its order date, or today before the order.
pub(crate) async fn status(c: &mut Conn<'_>, ctx: &GateContext, row: &CaseRow) -> Result<GateStatus, StoreError> {
    let today = chrono::Utc::now().date_naive();
    let order_on = row.order_on.as_deref().and_then(|d| d.parse().ok()).unwrap_or(today);
    let persons = members(c, row.id).await?;
    status_for(c, ctx, AgencyScope::owner(row.agency_id), &persons, order_on, today).await
}

/// A request to let a forced return pass a closed gate, and its confirmation by a second person.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct GateOverride {
    pub id: i64,
    pub case_id: i64,
    pub reason: String,
    /// The gate's blocks when the override was asked for (JSON).
    pub blocks: String,
    pub requested_by: i64,
    pub requested_by_name: String,
    pub requested_at: String,
    pub confirmed_by: Option<i64>,
    pub confirmed_by_name: Option<String>,
    pub confirmed_at: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OverrideRequest {
    /// Why the return must go ahead although the policy's screening does not allow it.
    pub reason: String,
}

/// The newest override of a case (pending or confirmed).
pub(crate) async fn override_of(c: &mut Conn<'_>, case_id: i64) -> Result<Option<GateOverride>, StoreError> {
    Ok(sql!(
        c,
        fetch_optional,
        sqlx::query_as::<_, GateOverride>(
            "SELECT o.id, o.case_id, o.reason, o.blocks, o.requested_by, r.username AS requested_by_name, o.requested_at, \
             o.confirmed_by, u.username AS confirmed_by_name, o.confirmed_at FROM gate_override o \
             JOIN app_user r ON r.id = o.requested_by LEFT JOIN app_user u ON u.id = o.confirmed_by \
             WHERE o.case_id = $1 ORDER BY o.id DESC LIMIT 1"
        )
        .bind(case_id)
    )?)
}

impl Returns<'_> {
    /// Asks to override a closed gate. Needs the explicit grant and a reason; the case must be
    /// a forced return before arrival whose gate is closed, with no override pending.
    pub async fn request_gate_override(
        &self,
        actor: &Actor,
        id: i64,
        input: OverrideRequest,
    ) -> Result<ReturnCase, StoreError> {
        actor.require(Permission::OverrideProtectionGate)?;
        let mut e = ValidationErrors::default();
        let reason = required_text(&mut e, "reason", &input.reason, 2000);
        if reason.chars().count() < 20 {
            e.push("reason", ReturnsReason::OverrideReason { min: 20 });
        }
        e.into_result(())?;
        let ctx = self.gate_context().await?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let row = super::cases::load_row(&mut c, AgencyScope::of(actor), id).await?;
        overridable(&row)?;
        if let Some(o) = override_of(&mut c, id).await? {
            let code = if o.confirmed_at.is_some() { "overridden-already" } else { "override-waiting" };
            return Err(StoreError::Conflict(Refusal::new(code).text("id", id)));
        }
        let gate = status(&mut c, &ctx, &row).await?;
        if gate.open {
            return Err(StoreError::Conflict(Refusal::new("gate-open").text("id", id)));
        }
        let blocks = serde_json::to_string(&gate.blocks)?;
        let oid: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO gate_override (agency_id, case_id, reason, blocks, requested_by, requested_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
            )
            .bind(actor.agency_id)
            .bind(id)
            .bind(&reason)
            .bind(&blocks)
            .bind(actor.user_id)
            .bind(now())
        )?;
        audit::append(
            &mut c,
            actor,
            "return_case.gate_override_request",
            "return_case",
            Some(id),
            Some(&reason),
            serde_json::json!({"override": oid, "blocks": gate.blocks}),
        )
        .await?;
        tx.commit().await?;
        self.return_case_as_written(actor, id).await
    }

    /// Confirms a pending override: a second holder of the grant, never the one who asked. From
    /// then on the gate lets the case pass, and the case shows the override for good.
    pub async fn confirm_gate_override(&self, actor: &Actor, id: i64) -> Result<ReturnCase, StoreError> {
        actor.require(Permission::OverrideProtectionGate)?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let row = super::cases::load_row(&mut c, AgencyScope::of(actor), id).await?;
        overridable(&row)?;
        let pending = match override_of(&mut c, id).await? {
            Some(o) if o.confirmed_at.is_none() => o,
            Some(_) => return Err(StoreError::Conflict(Refusal::new("overridden-already").text("id", id))),
            None => return Err(StoreError::Conflict(Refusal::new("no-override-waiting").text("id", id))),
        };
        if pending.requested_by == actor.user_id {
            return Err(ValidationErrors::single("confirmed_by", ReturnsReason::SecondPerson).into());
        }
        let at = now();
        sql!(
            &mut c,
            execute,
            sqlx::query("UPDATE gate_override SET confirmed_by = $1, confirmed_at = $2 WHERE id = $3")
                .bind(actor.user_id)
                .bind(&at)
                .bind(pending.id)
        )?;
        let changed = sql!(
            &mut c,
            execute,
            sqlx::query(
                "UPDATE return_case SET gate_override_id = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4"
            )
            .bind(pending.id)
            .bind(&at)
            .bind(id)
            .bind(row.version)
        )?;
        if changed == 0 {
            return Err(StoreError::Conflict(
                Refusal::new("changed-meanwhile").text("what", "return_case").text("id", id),
            ));
        }
        audit::append(
            &mut c,
            actor,
            "return_case.gate_override_confirm",
            "return_case",
            Some(id),
            Some(&pending.reason),
            serde_json::json!({"override": pending.id, "requested_by": pending.requested_by}),
        )
        .await?;
        tx.commit().await?;
        self.return_case_as_written(actor, id).await
    }
}

/// An open forced return held at a closed gate, for the officer's list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BlockedCase {
    pub case_id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub stage: String,
    pub order_on: Option<String>,
    pub gate: GateStatus,
    /// The file the case was imported from: a forced return imported before its travel comes
    /// without a screening, and waits here for one.
    pub imported: Option<super::cases::ImportSource>,
}

/// How many blocked cases the list names; the rest are counted.
pub const BLOCKED_LISTED: usize = 50;

impl Returns<'_> {
    /// The agency's open forced returns before arrival whose gate is closed (and not
    /// overridden): after a policy change, the cases whose households it now protects are here.
    /// Answers how many there are and the first `BLOCKED_LISTED`, oldest case first.
    pub async fn blocked_forced_cases(&self, actor: &Actor) -> Result<(usize, Vec<BlockedCase>), StoreError> {
        actor.require(Permission::RegistryRead)?;
        let ctx = self.gate_context().await?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let q = format!(
            "SELECT {} FROM return_case WHERE {} AND return_type = 'forced' AND gate_override_id IS NULL \
             AND stage IN ('registered', 'counselled', 'forced_return_ordered', 'travel_arranged') ORDER BY id",
            super::cases::CASE_COLUMNS,
            AgencyScope::of(actor).readable("", 1)
        );
        let rows: Vec<CaseRow> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, CaseRow>(sqlx::AssertSqlSafe(q)).bind(AgencyScope::of(actor).agency())
        )?;
        let mut blocked = Vec::new();
        let mut count = 0;
        for row in rows {
            let gate = status(&mut c, &ctx, &row).await?;
            if gate.open {
                continue;
            }
            count += 1;
            if blocked.len() < BLOCKED_LISTED {
                let name: (String, String) = sql!(
                    &mut c,
                    fetch_one,
                    sqlx::query_as::<_, (String, String)>("SELECT given_name, family_name FROM person WHERE id = $1")
                        .bind(row.person_id)
                )?;
                blocked.push(BlockedCase {
                    case_id: row.id,
                    person_id: row.person_id,
                    person_name: format!("{} {}", name.0, name.1),
                    stage: row.stage.clone(),
                    order_on: row.order_on.clone(),
                    gate,
                    imported: super::cases::ImportSource::of(&row),
                });
            }
        }
        Ok((count, blocked))
    }
}

/// Only a forced return that has not arrived and is still open can have its gate overridden.
fn overridable(row: &CaseRow) -> Result<(), StoreError> {
    let stage = row.stage()?;
    if row.return_type != "forced" || stage.is_final() || stage.has_arrived() {
        return Err(StoreError::Transition(
            drom_domain::error::Refusal::new("no-gate")
                .code("return", "return", &row.return_type)
                .code("stage", "stage", stage),
        ));
    }
    Ok(())
}
