//! Reintegration: the individual assessment, the plan of assistance items chosen from the
//! programme's catalogue, and the append-only ledger of commitments and disbursements that never
//! passes an option's ceiling or the programme's budget.

use super::Returns;
use super::approvals::ApprovalStep;
use super::cases::{CaseRow, ReturnCase, StepWrite, not_future};
use super::programmes::{self, Programme};
use crate::domain::ReturnsReason;
use crate::domain::ledger::{case_ceiling, check_entry};
use crate::domain::lifecycle::Step;
use crate::domain::{Cents, LedgerKind};
use chrono::NaiveDate;
use drom_domain::error::{optional_text, required_text};
use drom_domain::language::parse_language;
use drom_domain::permission::{Actor, Permission, RegistryWriter};
use drom_domain::{Common, ValidationErrors};
use drom_store::db::{Conn, now};
use drom_store::error::StoreError;
use drom_store::query::Param;
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What the caseworker learns of the returnee to choose assistance that fits.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentInput {
    #[serde(default)]
    pub skills: String,
    #[serde(default)]
    pub education: String,
    #[serde(default)]
    pub work_experience: String,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub housing: String,
    #[serde(default)]
    pub children_schooling: String,
    /// Health needs. Special category (health): only with the special-categories grant; without
    /// it, leave it out and the needs recorded before are kept. Stored apart from the rest of
    /// the assessment, which is kept without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_needs: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanItemInput {
    /// An option of the case's programme.
    pub option_id: i64,
    pub description: String,
    /// The amount committed, in cents.
    #[schema(value_type = i64)]
    pub amount_cents: Cents,
    #[schema(value_type = String, format = Date)]
    pub committed_on: NaiveDate,
    /// Persons who benefit directly (default: the case's returnees).
    pub direct_beneficiaries: Option<i64>,
    /// Others who benefit, e.g. family members or employees of a supported business.
    #[serde(default)]
    pub indirect_beneficiaries: i64,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisbursementInput {
    pub plan_item_id: i64,
    #[schema(value_type = i64)]
    pub amount_cents: Cents,
    #[schema(value_type = String, format = Date)]
    pub paid_on: NaiveDate,
    pub note: Option<String>,
}

/// The programme of a case, or a field error saying it has none.
async fn case_programme(c: &mut Conn<'_>, row: &CaseRow) -> Result<Programme, StoreError> {
    let Some(p) = row.programme_id else {
        return Err(ValidationErrors::single("programme_id", ReturnsReason::CaseWithoutProgramme).into());
    };
    programmes::load(c, Some(p)).await?.pop().ok_or(StoreError::NotFound)
}

/// The sum of a case's ledger entries of one kind on one option.
async fn option_sum(c: &mut Conn<'_>, case_id: i64, option_id: i64, kind: LedgerKind) -> Result<Cents, StoreError> {
    let sum: Option<i64> = sql!(
        c,
        fetch_one,
        sqlx::query_scalar::<_, Option<i64>>(
            "SELECT CAST(SUM(l.amount_cents) AS BIGINT) FROM ledger_entry l JOIN plan_item i ON i.id = l.plan_item_id \
             WHERE l.case_id = $1 AND i.option_id = $2 AND l.kind = $3"
        )
        .bind(case_id)
        .bind(option_id)
        .bind(kind.code())
    )?;
    Ok(Cents(sum.unwrap_or(0)))
}

/// Appends a ledger entry and raises the programme's running sum in one conditional update, so
/// that the budget holds even when two caseworkers spend at once.
#[allow(clippy::too_many_arguments)]
async fn append_entry(
    c: &mut Conn<'_>,
    actor: &Actor,
    row: &CaseRow,
    programme: &Programme,
    item_id: i64,
    assistance_kind: &str,
    kind: LedgerKind,
    amount: Cents,
    on: NaiveDate,
    note: Option<String>,
) -> Result<(), StoreError> {
    let column = match kind {
        LedgerKind::Commitment => "committed_cents",
        LedgerKind::Disbursement => "disbursed_cents",
    };
    let q = format!("UPDATE programme SET {column} = {column} + $1 WHERE id = $2 AND {column} + $1 <= budget_cents");
    if sql!(c, execute, sqlx::query(sqlx::AssertSqlSafe(q)).bind(amount.0).bind(programme.id))? == 0 {
        return Err(ValidationErrors::single(
            "amount_cents",
            ReturnsReason::OverBudget {
                amount: amount.to_string(),
                programme: programme.code.clone(),
                budget: programme.budget_cents.to_string(),
            },
        )
        .into());
    }
    sql!(
        c,
        execute,
        sqlx::query(
            "INSERT INTO ledger_entry (case_id, agency_id, programme_id, plan_item_id, assistance_kind, kind, amount_cents, entry_on, note, created_at, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        )
        .bind(row.id)
        .bind(actor.agency_id)
        .bind(programme.id)
        .bind(item_id)
        .bind(assistance_kind)
        .bind(kind.code())
        .bind(amount.0)
        .bind(on.to_string())
        .bind(&note)
        .bind(now())
        .bind(actor.user_id)
    )?;
    if kind == LedgerKind::Disbursement {
        sql!(
            c,
            execute,
            sqlx::query("UPDATE plan_item SET first_paid_on = $1 WHERE id = $2 AND first_paid_on IS NULL")
                .bind(on.to_string())
                .bind(item_id)
        )?;
    }
    super::tally::refresh(c, AgencyScope::of(actor), &on.to_string()).await?;
    Ok(())
}

impl Returns<'_> {
    /// Records (or replaces) the individual assessment; the case moves to planning.
    pub async fn assess(
        &self,
        writer: RegistryWriter<'_>,
        id: i64,
        input: AssessmentInput,
    ) -> Result<ReturnCase, StoreError> {
        let actor = writer.actor();
        let mut e = ValidationErrors::default();
        let mut clean = AssessmentInput::default();
        for (field, value, target) in [
            ("skills", &input.skills, &mut clean.skills),
            ("education", &input.education, &mut clean.education),
            ("work_experience", &input.work_experience, &mut clean.work_experience),
            ("housing", &input.housing, &mut clean.housing),
            ("children_schooling", &input.children_schooling, &mut clean.children_schooling),
        ] {
            *target = optional_text(&mut e, field, Some(value), 2000).unwrap_or_default();
        }
        for (i, l) in input.languages.iter().enumerate() {
            match parse_language(l) {
                Ok(l) if !clean.languages.contains(&l) => clean.languages.push(l),
                Ok(_) => {}
                Err(_) if l.trim().is_empty() => e.push(format!("languages[{i}]"), ReturnsReason::EmptyEntry),
                Err(reason) => e.push(format!("languages[{i}]"), reason),
            }
        }
        let health = optional_text(&mut e, "health_needs", input.health_needs.as_deref(), 2000);
        let special = actor.can(Permission::SpecialCategories);
        if health.is_some() && !special {
            e.push("health_needs", Common::NeedsSpecialCategories);
        }
        e.into_result(())?;
        let mut sets = vec![("assessment", Param::S(serde_json::to_string(&clean)?))];
        // A writer without the permission keeps the recorded health needs as they are.
        if special {
            sets.push(("health_needs", health.clone().into()));
        }
        let detail = serde_json::json!({"assessment": true, "health_needs": special && health.is_some()});
        self.step_case(actor, id, async |_, _| Ok(StepWrite::new(Step::PlanReintegration, sets, detail))).await
    }

    /// Adds an item to the plan and commits its amount in the ledger.
    pub async fn add_plan_item(
        &self,
        writer: RegistryWriter<'_>,
        id: i64,
        input: PlanItemInput,
    ) -> Result<ReturnCase, StoreError> {
        let actor = writer.actor();
        self.step_case(actor, id, async |c, row| {
        if row.assessment.is_none() {
            return Err(StoreError::Transition(drom_domain::error::Refusal::new("plan-needs-assessment")));
        }
        let programme = case_programme(c, row).await?;
        let mut e = ValidationErrors::default();
        let description = required_text(&mut e, "description", &input.description, 500);
        not_future(&mut e, "committed_on", input.committed_on);
        let direct = input.direct_beneficiaries.unwrap_or(row.individuals);
        if !(0..=10_000).contains(&direct) {
            e.push("direct_beneficiaries", Common::Between { min: 0, max: 10_000 });
        }
        if !(0..=10_000).contains(&input.indirect_beneficiaries) {
            e.push("indirect_beneficiaries", Common::Between { min: 0, max: 10_000 });
        }
        let Some(option) = programme.option(input.option_id).cloned() else {
            let known: Vec<String> = programme.options.iter().map(|o| format!("{} ({})", o.id, o.code)).collect();
            e.push(
                "option_id",
                ReturnsReason::NotAnOption {
                    option: input.option_id,
                    programme: programme.code.clone(),
                    options: known.join(", "),
                },
            );
            return Err(e.into());
        };
        let so_far = option_sum(c, id, option.id, LedgerKind::Commitment).await?;
        let ceiling = case_ceiling(option.ceiling_cents, option.ceiling_basis, row.individuals);
        if let Err(m) = check_entry(
            false,
            input.amount_cents,
            (&option.code, so_far, ceiling),
            (&programme.code, programme.committed_cents, programme.budget_cents),
        ) {
            e.push("amount_cents", m);
        }
        e.into_result(())?;
        let item_id: i64 = sql!(
            c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO plan_item (case_id, option_id, description, direct_beneficiaries, indirect_beneficiaries, created_at, created_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
            )
            .bind(id)
            .bind(option.id)
            .bind(&description)
            .bind(direct)
            .bind(input.indirect_beneficiaries)
            .bind(now())
            .bind(actor.user_id)
        )?;
        append_entry(
            c,
            actor,
            row,
            &programme,
            item_id,
            option.kind.code(),
            LedgerKind::Commitment,
            input.amount_cents,
            input.committed_on,
            None,
        )
        .await?;
        Ok(StepWrite::new(Step::PlanReintegration, vec![], serde_json::json!({"option": option.code, "committed_cents": input.amount_cents.0})))
        })
        .await
    }

    /// Pays out on a plan item, within its commitment, the option's ceiling and the budget. An
    /// amount above the programme's approval threshold is refused (`approval-needed`): it is
    /// asked for as an approval, and paid when a supervisor approves it.
    pub async fn disburse(
        &self,
        writer: RegistryWriter<'_>,
        id: i64,
        input: DisbursementInput,
    ) -> Result<ReturnCase, StoreError> {
        self.disburse_with(writer, id, input, None).await
    }

    /// `disburse`, with the approval it carries out (marked approved in the same transaction).
    pub(crate) async fn disburse_with(
        &self,
        writer: RegistryWriter<'_>,
        id: i64,
        input: DisbursementInput,
        approval: Option<i64>,
    ) -> Result<ReturnCase, StoreError> {
        let actor = writer.actor();
        self.step_case(actor, id, async |c, row| {
            let programme = case_programme(c, row).await?;
            let needed = programme.approval_above_cents.is_some_and(|limit| input.amount_cents > limit);
            let approved = super::approvals::carry_out(c, actor, id, ApprovalStep::Disburse, needed, approval).await?;
            let mut e = ValidationErrors::default();
            not_future(&mut e, "paid_on", input.paid_on);
            if let Some(arrived) = row.arrived_on.as_deref()
                && input.paid_on < row.date(Some(arrived))
            {
                e.push(
                    "paid_on",
                    ReturnsReason::PaidBeforeArrival { day: input.paid_on.to_string(), arrived: arrived.to_string() },
                );
            }
            let note = optional_text(&mut e, "note", input.note.as_deref(), 500);
            let item: Option<i64> = sql!(
                c,
                fetch_optional,
                sqlx::query_scalar::<_, i64>("SELECT option_id FROM plan_item WHERE id = $1 AND case_id = $2")
                    .bind(input.plan_item_id)
                    .bind(id)
            )?;
            let Some(option) = item.and_then(|o| programme.option(o)).cloned() else {
                e.push("plan_item_id", ReturnsReason::NotAPlanItem { item: input.plan_item_id });
                return Err(e.into());
            };
            let sums: (Option<i64>, Option<i64>) = sql!(
                c,
                fetch_one,
                sqlx::query_as::<_, (Option<i64>, Option<i64>)>(
                    "SELECT CAST(SUM(CASE WHEN kind = 'commitment' THEN amount_cents ELSE 0 END) AS BIGINT), \
                 CAST(SUM(CASE WHEN kind = 'disbursement' THEN amount_cents ELSE 0 END) AS BIGINT) \
                 FROM ledger_entry WHERE plan_item_id = $1"
                )
                .bind(input.plan_item_id)
            )?;
            let (committed, paid) = (Cents(sums.0.unwrap_or(0)), Cents(sums.1.unwrap_or(0)));
            let on_option = option_sum(c, id, option.id, LedgerKind::Disbursement).await?;
            let ceiling = case_ceiling(option.ceiling_cents, option.ceiling_basis, row.individuals);
            let amount = input.amount_cents;
            if amount.0 > 0 && paid.0 + amount.0 > committed.0 {
                e.push(
                    "amount_cents",
                    ReturnsReason::OverCommitment {
                        amount: amount.to_string(),
                        item: input.plan_item_id,
                        after: Cents(paid.0 + amount.0).to_string(),
                        committed: committed.to_string(),
                        paid: paid.to_string(),
                    },
                );
            } else if let Err(m) = check_entry(
                true,
                amount,
                (&option.code, on_option, ceiling),
                (&programme.code, programme.disbursed_cents, programme.budget_cents),
            ) {
                e.push("amount_cents", m);
            }
            e.into_result(())?;
            append_entry(
                c,
                actor,
                row,
                &programme,
                input.plan_item_id,
                option.kind.code(),
                LedgerKind::Disbursement,
                amount,
                input.paid_on,
                note,
            )
            .await?;
            Ok(StepWrite::new(
                Step::Disburse,
                vec![],
                serde_json::json!({"plan_item_id": input.plan_item_id, "amount_cents": amount.0, "approval": approved}),
            ))
        })
        .await
    }
}
