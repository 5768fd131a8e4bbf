//! Return and reintegration programmes: who funds them, for whom, with which assistance options
//! and ceilings, within which budget and period. Shared by all agencies; administrators add them.

use super::Returns;
use crate::domain::ReturnsReason;
use crate::domain::{AssistanceKind, CeilingBasis, Cents};
use chrono::NaiveDate;
use drom_domain::error::required_text;
use drom_domain::money::MAX_CENTS;
use drom_domain::permission::{Actor, Administrator, Permission};
use drom_domain::{Common, ValidationErrors};
use drom_store::audit;
use drom_store::db::{Conn, now};
use drom_store::error::StoreError;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProgramme {
    /// Short code, e.g. `VARRP` (letters, digits, `-`).
    pub code: String,
    pub name: String,
    pub donor: String,
    /// ISO 3166-1 alpha-2 codes of the host countries it serves; empty for any.
    #[serde(default)]
    pub host_countries: Vec<String>,
    #[serde(default)]
    pub target_groups: Vec<String>,
    /// Total budget in cents of EUR.
    #[schema(value_type = i64)]
    pub budget_cents: Cents,
    #[schema(value_type = String, format = Date)]
    pub starts_on: NaiveDate,
    #[schema(value_type = Option<String>, format = Date)]
    pub ends_on: Option<NaiveDate>,
    pub options: Vec<NewOption>,
    /// Disbursements above this many cents wait for a supervisor's approval (absent: none do).
    #[serde(default)]
    #[schema(value_type = Option<i64>)]
    pub approval_above_cents: Option<Cents>,
    /// Forced-return orders on the programme's cases wait for a supervisor's approval.
    #[serde(default)]
    pub orders_need_approval: bool,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOption {
    pub code: String,
    #[schema(value_type = String)]
    pub kind: AssistanceKind,
    pub description: String,
    #[schema(value_type = i64)]
    pub ceiling_cents: Cents,
    #[schema(value_type = String)]
    pub ceiling_basis: CeilingBasis,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Programme {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub donor: String,
    pub host_countries: Vec<String>,
    pub target_groups: Vec<String>,
    pub currency: String,
    #[schema(value_type = i64)]
    pub budget_cents: Cents,
    #[schema(value_type = i64)]
    pub committed_cents: Cents,
    #[schema(value_type = i64)]
    pub disbursed_cents: Cents,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub options: Vec<AssistanceOption>,
    /// Disbursements above this wait for a supervisor's approval.
    #[schema(value_type = Option<i64>)]
    pub approval_above_cents: Option<Cents>,
    /// Forced-return orders wait for a supervisor's approval.
    pub orders_need_approval: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssistanceOption {
    pub id: i64,
    pub code: String,
    #[schema(value_type = String)]
    pub kind: AssistanceKind,
    pub description: String,
    #[schema(value_type = i64)]
    pub ceiling_cents: Cents,
    #[schema(value_type = String)]
    pub ceiling_basis: CeilingBasis,
}

impl Programme {
    /// Whether returns from `country` are eligible.
    pub fn serves(&self, country: &str) -> bool {
        self.host_countries.is_empty() || self.host_countries.iter().any(|c| c == country)
    }

    pub fn option(&self, id: i64) -> Option<&AssistanceOption> {
        self.options.iter().find(|o| o.id == id)
    }
}

fn valid_code(s: &str) -> bool {
    (2..=20).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    code: String,
    name: String,
    donor: String,
    host_countries: String,
    target_groups: String,
    currency: String,
    budget_cents: i64,
    committed_cents: i64,
    disbursed_cents: i64,
    starts_on: String,
    ends_on: Option<String>,
    approval_above_cents: Option<i64>,
    orders_need_approval: i64,
}

#[derive(sqlx::FromRow)]
struct OptionRow {
    id: i64,
    programme_id: i64,
    code: String,
    kind: String,
    description: String,
    ceiling_cents: i64,
    ceiling_basis: String,
}

const COLUMNS: &str = "id, code, name, donor, host_countries, target_groups, currency, budget_cents, committed_cents, \
                       disbursed_cents, starts_on, ends_on, approval_above_cents, orders_need_approval";

/// Loads programmes (all, or one by id) with their options.
pub(crate) async fn load(c: &mut Conn<'_>, id: Option<i64>) -> Result<Vec<Programme>, StoreError> {
    let q = format!("SELECT {COLUMNS} FROM programme WHERE ($1 = 0 OR id = $1) ORDER BY code");
    let rows: Vec<Row> =
        sql!(c, fetch_all, sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(q.clone())).bind(id.unwrap_or(0)))?;
    let options: Vec<OptionRow> = sql!(
        c,
        fetch_all,
        sqlx::query_as::<_, OptionRow>(
            "SELECT id, programme_id, code, kind, description, ceiling_cents, ceiling_basis FROM programme_option \
             WHERE ($1 = 0 OR programme_id = $1) ORDER BY id"
        )
        .bind(id.unwrap_or(0))
    )?;
    rows.into_iter()
        .map(|r| {
            let options = options
                .iter()
                .filter(|o| o.programme_id == r.id)
                .map(|o| {
                    Ok(AssistanceOption {
                        id: o.id,
                        code: o.code.clone(),
                        kind: o.kind.parse().map_err(StoreError::corrupt)?,
                        description: o.description.clone(),
                        ceiling_cents: Cents(o.ceiling_cents),
                        ceiling_basis: o.ceiling_basis.parse().map_err(StoreError::corrupt)?,
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            Ok(Programme {
                id: r.id,
                code: r.code,
                name: r.name,
                donor: r.donor,
                host_countries: r.host_countries.split_whitespace().map(str::to_string).collect(),
                target_groups: serde_json::from_str(&r.target_groups)?,
                currency: r.currency,
                budget_cents: Cents(r.budget_cents),
                committed_cents: Cents(r.committed_cents),
                disbursed_cents: Cents(r.disbursed_cents),
                starts_on: r.starts_on,
                ends_on: r.ends_on,
                options,
                approval_above_cents: r.approval_above_cents.map(Cents),
                orders_need_approval: r.orders_need_approval != 0,
            })
        })
        .collect()
}

impl Returns<'_> {
    pub async fn programmes(&self, actor: &Actor) -> Result<Vec<Programme>, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut h = self.acquire().await?;
        load(&mut h.conn(), None).await
    }

    pub async fn programme(&self, actor: &Actor, id: i64) -> Result<Programme, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut h = self.acquire().await?;
        load(&mut h.conn(), Some(id)).await?.pop().ok_or(StoreError::NotFound)
    }

    /// Adds a programme with its catalogue of assistance options.
    pub async fn create_programme(&self, admin: Administrator<'_>, new: NewProgramme) -> Result<Programme, StoreError> {
        let reference = self.reference().await?;
        let mut e = ValidationErrors::default();
        let code = new.code.trim().to_string();
        if !valid_code(&code) {
            e.push("code", ReturnsReason::ProgrammeCode);
        }
        let name = required_text(&mut e, "name", &new.name, 200);
        let donor = required_text(&mut e, "donor", &new.donor, 200);
        for (i, c) in new.host_countries.iter().enumerate() {
            if reference.country(c).is_none() {
                e.push(format!("host_countries[{i}]"), Common::UnknownCountry { value: c.to_string() });
            }
        }
        for (i, g) in new.target_groups.iter().enumerate() {
            if g.trim().is_empty() || g.chars().count() > 200 {
                e.push(format!("target_groups[{i}]"), ReturnsReason::TargetGroup);
            }
        }
        let budget = new.budget_cents;
        if budget.0 <= 0 || budget.0 > MAX_CENTS {
            e.push("budget_cents", Common::AboveZero);
        }
        if let Some(end) = new.ends_on
            && end < new.starts_on
        {
            e.push(
                "ends_on",
                ReturnsReason::EndsBeforeStart { end: end.to_string(), start: new.starts_on.to_string() },
            );
        }
        if new.options.is_empty() {
            e.push("options", ReturnsReason::NoOptions);
        }
        for (i, o) in new.options.iter().enumerate() {
            if !valid_code(&o.code) {
                e.push(format!("options[{i}].code"), ReturnsReason::ProgrammeCode);
            }
            if new.options[..i].iter().any(|p| p.code == o.code) {
                e.push(format!("options[{i}].code"), Common::UsedTwice);
            }
            required_text(&mut e, &format!("options[{i}].description"), &o.description, 500);
            if o.ceiling_cents.0 <= 0 || o.ceiling_cents > budget {
                e.push(
                    format!("options[{i}].ceiling_cents"),
                    ReturnsReason::CeilingOverBudget { budget: budget.to_string() },
                );
            }
        }
        e.into_result(())?;
        let actor = admin.actor();
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let taken: Option<i64> = sql!(
            &mut c,
            fetch_optional,
            sqlx::query_scalar::<_, i64>("SELECT id FROM programme WHERE code = $1").bind(&code)
        )?;
        if taken.is_some() {
            return Err(ValidationErrors::single("code", Common::Exists { value: code }).into());
        }
        let id: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO programme (code, name, donor, host_countries, target_groups, currency, budget_cents, starts_on, ends_on, created_at, \
                 approval_above_cents, orders_need_approval) VALUES ($1, $2, $3, $4, $5, 'EUR', $6, $7, $8, $9, $10, $11) RETURNING id"
            )
            .bind(&code)
            .bind(&name)
            .bind(&donor)
            .bind(new.host_countries.join(" "))
            .bind(serde_json::to_string(&new.target_groups)?)
            .bind(budget.0)
            .bind(new.starts_on.to_string())
            .bind(new.ends_on.map(|d| d.to_string()))
            .bind(now())
            .bind(new.approval_above_cents.map(|c| c.0))
            .bind(i64::from(new.orders_need_approval))
        )?;
        for o in &new.options {
            sql!(
                &mut c,
                execute,
                sqlx::query(
                    "INSERT INTO programme_option (programme_id, code, kind, description, ceiling_cents, ceiling_basis) \
                     VALUES ($1, $2, $3, $4, $5, $6)"
                )
                .bind(id)
                .bind(&o.code)
                .bind(o.kind.code())
                .bind(o.description.trim())
                .bind(o.ceiling_cents.0)
                .bind(o.ceiling_basis.code())
            )?;
        }
        audit::append(
            &mut c,
            actor,
            "programme.create",
            "programme",
            Some(id),
            None,
            serde_json::json!({"code": code}),
        )
        .await?;
        let created = load(&mut c, Some(id)).await?.pop().ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(created)
    }
}

/// Which steps of a programme's cases wait for a supervisor.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalRule {
    /// Payments above this many cents wait for a supervisor's approval (absent: none do).
    #[serde(default)]
    #[schema(value_type = Option<i64>)]
    pub approval_above_cents: Option<Cents>,
    /// Forced-return orders wait for a supervisor's approval.
    #[serde(default)]
    pub orders_need_approval: bool,
}

impl Returns<'_> {
    /// Changes a programme's approval rule (administrators). It applies to steps recorded from
    /// now on; approvals already asked for are decided as they stand.
    pub async fn set_approval_rule(
        &self,
        admin: Administrator<'_>,
        id: i64,
        rule: ApprovalRule,
    ) -> Result<Programme, StoreError> {
        let actor = admin.actor();
        if rule.approval_above_cents.is_some_and(|c| c.0 < 0) {
            return Err(ValidationErrors::single("approval_above_cents", Common::AtLeast { min: 0 }).into());
        }
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let changed = sql!(
            &mut c,
            execute,
            sqlx::query("UPDATE programme SET approval_above_cents = $1, orders_need_approval = $2 WHERE id = $3")
                .bind(rule.approval_above_cents.map(|c| c.0))
                .bind(i64::from(rule.orders_need_approval))
                .bind(id)
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        audit::append(
            &mut c,
            actor,
            "programme.approval_rule",
            "programme",
            Some(id),
            None,
            serde_json::json!({"approval_above_cents": rule.approval_above_cents.map(|c| c.0), "orders_need_approval": rule.orders_need_approval}),
        )
        .await?;
        tx.commit().await?;
        self.programme(actor, id).await
    }
}
