//! Return cases: opening one for a person or their household, reading it with everything that
//! happened to it, and listing an agency's cases. The steps of its lifecycle are in `steps`,
//! `plan` and `monitoring`; they all go through `step_case` and the kernel's `cases::advance`,
//! which asks the domain's lifecycle
//! table whether the step is allowed and writes the step with its audit entry.

use super::Returns;
use super::programmes;
use crate::domain::ReturnsReason;
use crate::domain::lifecycle::{self, ReturnLifecycle, Stage, Step};
use crate::domain::{Cents, Remigration, ReturnType, SpecialNeed, Transport};
use chrono::{Months, NaiveDate};
use drom_domain::lifecycle::Lifecycle;
use drom_domain::permission::{Actor, Permission, RegistryWriter};
use drom_domain::{Common, ValidationErrors};
use drom_store::audit;
use drom_store::cases::CaseHead;
use drom_store::db::{Conn, now};
use drom_store::error::StoreError;
use drom_store::query::{Page, Param, bind_params, paging};
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCase {
    /// The returnee, or the head of the returning household.
    pub person_id: i64,
    /// Include every member of the person's household (default true).
    #[serde(default = "yes")]
    pub whole_household: bool,
    #[schema(value_type = String)]
    pub return_type: ReturnType,
    /// ISO 3166-1 alpha-2 code of the country returned from.
    pub host_country: String,
    pub programme_id: Option<i64>,
    pub destination_municipality: Option<String>,
    /// The day the case was registered (default today). Without `entered_from_paper` it is at
    /// most 30 days ago.
    #[schema(value_type = Option<String>, format = Date)]
    pub registered_on: Option<NaiveDate>,
    /// The case is typed in from paper records: any past `registered_on` is accepted, and the
    /// case keeps who entered it and when.
    #[serde(default)]
    pub entered_from_paper: bool,
}

fn yes() -> bool {
    true
}

/// A return case with everything recorded on it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReturnCase {
    pub id: i64,
    pub agency_id: i64,
    pub version: i64,
    pub person_id: i64,
    pub person_name: String,
    pub household_id: Option<i64>,
    #[schema(value_type = String)]
    pub return_type: ReturnType,
    #[schema(value_type = String)]
    pub stage: Stage,
    pub programme_id: Option<i64>,
    pub programme_code: Option<String>,
    pub host_country: String,
    pub destination_municipality: Option<String>,
    pub individuals: i64,
    pub registered_on: String,
    pub members: Vec<CaseMember>,
    pub counselling: Vec<Counselling>,
    #[schema(value_type = Option<Object>)]
    pub consent: Option<serde_json::Value>,
    pub consent_on: Option<String>,
    pub consent_withdrawn_on: Option<String>,
    pub consent_withdrawal_reason: Option<String>,
    pub order_on: Option<String>,
    pub order_reference: Option<String>,
    /// The protection screening attached to a forced-return order, and its outcome.
    pub screening_id: Option<i64>,
    pub screening_outcome: Option<String>,
    #[schema(value_type = Option<String>)]
    pub transport: Option<Transport>,
    pub route: Option<String>,
    pub departure_on: Option<String>,
    /// Transport suited to special needs: wheelchair, stretcher, medical escort,
    /// unaccompanied-minor escort. Special category (health, minors): empty for a reader
    /// without the special-categories grant, with `special_categories_withheld` true.
    #[schema(value_type = Vec<String>)]
    pub special_needs: Vec<SpecialNeed>,
    pub airport_assistance: Option<bool>,
    pub arrived_on: Option<String>,
    pub arrival_note: Option<String>,
    #[schema(value_type = Option<Object>)]
    pub assessment: Option<serde_json::Value>,
    /// Health needs from the assessment. Special category (health): absent for a reader
    /// without the special-categories grant, with `special_categories_withheld` true.
    pub health_needs: Option<String>,
    /// True when special-category fields (`health_needs`, `special_needs`) were left out
    /// because the reader lacks the special-categories grant.
    pub special_categories_withheld: bool,
    pub plan: Vec<PlanItem>,
    pub ledger: Vec<LedgerEntry>,
    pub visits: Vec<Visit>,
    pub visits_due: Vec<DueVisit>,
    #[schema(value_type = String)]
    pub remigration: Remigration,
    pub closed_on: Option<String>,
    pub close_reason: Option<String>,
    /// The steps the lifecycle allows from here.
    #[schema(value_type = Vec<String>)]
    pub next_steps: Vec<Step>,
    /// For a forced return before arrival: whether it may go past its order, and why not.
    pub gate: Option<drom_screening::gate::GateStatus>,
    /// An override of the protection gate, asked for or confirmed: shown for good.
    pub gate_override: Option<super::gate::GateOverride>,
    /// Where the case came from when it was imported (`drom import returns`) instead of recorded
    /// step by step: what happened before it was imported, a consent included, was recorded
    /// outside Drom.
    pub imported: Option<ImportSource>,
    /// The case was typed in from paper records (its dates are the paper's).
    pub entered_from_paper: bool,
    /// Who typed a paper case in, and when.
    pub paper: Option<PaperEntry>,
}

/// Who entered a case from paper records, and when.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PaperEntry {
    pub entered_by: i64,
    pub entered_by_name: String,
    /// RFC 3339 UTC.
    pub entered_at: String,
}

/// The file an imported case came from.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportSource {
    /// The file's name; absent for a case imported before Drom kept it.
    pub file: Option<String>,
    /// The file's row (counting the header as row 1) of the case's first line.
    pub row: Option<i64>,
}

impl ImportSource {
    /// The source of a stored case, if it was imported.
    pub(crate) fn of(row: &CaseRow) -> Option<ImportSource> {
        row.import_file
            .as_ref()
            .map(|f| ImportSource { file: Some(f.clone()).filter(|f| !f.is_empty()), row: row.import_row })
    }
}

#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct CaseMember {
    pub person_id: i64,
    pub given_name: String,
    pub family_name: String,
    pub sex: String,
    pub age_at_return: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Counselling {
    pub id: i64,
    pub held_on: String,
    pub language: String,
    pub interpreter: Option<String>,
    pub info_municipality: Option<String>,
    pub info_version: Option<i64>,
    /// JSON list of the information-sheet topics covered.
    pub topics: String,
    pub notes: Option<String>,
    pub created_by: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanItem {
    pub id: i64,
    pub option_id: i64,
    pub option_code: String,
    pub assistance_kind: String,
    pub description: String,
    pub direct_beneficiaries: i64,
    pub indirect_beneficiaries: i64,
    #[schema(value_type = i64)]
    pub committed_cents: Cents,
    #[schema(value_type = i64)]
    pub disbursed_cents: Cents,
}

#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct LedgerEntry {
    pub id: i64,
    pub plan_item_id: i64,
    pub assistance_kind: String,
    pub kind: String,
    pub amount_cents: i64,
    pub entry_on: String,
    pub note: Option<String>,
    pub created_at: String,
    pub created_by: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Visit {
    pub id: i64,
    pub visited_on: String,
    pub months_after_arrival: i64,
    pub remigration: String,
    pub config_id: String,
    /// JSON object of indicator answers.
    pub answers: String,
    pub economic: Option<i64>,
    pub social: Option<i64>,
    pub psychosocial: Option<i64>,
    pub composite: Option<i64>,
    pub note: Option<String>,
}

/// A visit the monitoring schedule asks for.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DueVisit {
    pub months: u32,
    pub due_on: String,
    pub done: bool,
}

/// A line of a case list.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct CaseSummary {
    pub id: i64,
    pub person_id: i64,
    pub given_name: String,
    pub family_name: String,
    pub return_type: String,
    pub stage: String,
    pub host_country: String,
    pub destination_municipality: Option<String>,
    pub individuals: i64,
    pub programme_code: Option<String>,
    pub arrived_on: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseQuery {
    pub stage: Option<String>,
    pub return_type: Option<String>,
    pub programme_id: Option<i64>,
    pub person_id: Option<i64>,
    /// Whose cases: `me`, `none` (nobody holds them) or a user id of the agency.
    pub assignee: Option<String>,
    /// Only cases neither closed nor stopped.
    pub open: Option<bool>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// The stored case row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct CaseRow {
    pub id: i64,
    pub agency_id: i64,
    pub version: i64,
    pub person_id: i64,
    pub household_id: Option<i64>,
    pub return_type: String,
    pub stage: String,
    pub programme_id: Option<i64>,
    pub host_country: String,
    pub destination_municipality: Option<String>,
    pub individuals: i64,
    pub registered_on: String,
    pub consent: Option<String>,
    pub consent_on: Option<String>,
    pub consent_withdrawn_on: Option<String>,
    pub consent_withdrawal_reason: Option<String>,
    pub order_on: Option<String>,
    pub order_reference: Option<String>,
    pub screening_id: Option<i64>,
    pub screening_outcome: Option<String>,
    pub transport: Option<String>,
    pub route: Option<String>,
    pub departure_on: Option<String>,
    pub special_needs: Option<String>,
    pub airport_assistance: Option<bool>,
    pub arrived_on: Option<String>,
    pub arrival_note: Option<String>,
    pub assessment: Option<String>,
    pub health_needs: Option<String>,
    pub remigration: String,
    pub closed_on: Option<String>,
    pub close_reason: Option<String>,
    pub gate_override_id: Option<i64>,
    pub import_file: Option<String>,
    pub import_row: Option<i64>,
    pub paper_entered_by: Option<i64>,
    pub paper_entered_at: Option<String>,
}

impl CaseRow {
    pub fn stage(&self) -> Result<Stage, StoreError> {
        self.stage.parse().map_err(StoreError::corrupt)
    }

    pub fn return_type(&self) -> Result<ReturnType, StoreError> {
        self.return_type.parse().map_err(StoreError::corrupt)
    }

    /// A stored date column, or the case's registration day.
    pub fn date(&self, value: Option<&str>) -> NaiveDate {
        value.or(Some(&self.registered_on)).and_then(|d| d.parse().ok()).unwrap_or(NaiveDate::MIN)
    }
}

pub(crate) const CASE_COLUMNS: &str = "id, agency_id, version, person_id, household_id, return_type, stage, programme_id, host_country, \
    destination_municipality, individuals, registered_on, consent, consent_on, consent_withdrawn_on, consent_withdrawal_reason, \
    order_on, order_reference, screening_id, screening_outcome, transport, route, departure_on, special_needs, airport_assistance, \
    arrived_on, arrival_note, assessment, health_needs, remigration, closed_on, close_reason, gate_override_id, import_file, import_row, \
    paper_entered_by, paper_entered_at";

pub(crate) async fn load_row(c: &mut Conn<'_>, scope: AgencyScope, id: i64) -> Result<CaseRow, StoreError> {
    let q = format!("SELECT {CASE_COLUMNS} FROM return_case WHERE id = $1 AND {}", scope.readable("", 2));
    sql!(c, fetch_optional, sqlx::query_as::<_, CaseRow>(sqlx::AssertSqlSafe(q)).bind(id).bind(scope.agency()))?
        .ok_or(StoreError::NotFound)
}

/// What one step writes on a case: the kernel's step write, and a day whose month of report
/// tallies the step changes.
pub(crate) struct StepWrite {
    pub write: drom_store::cases::StepWrite<ReturnLifecycle>,
    pub recount: Option<String>,
}

impl StepWrite {
    pub fn new(step: Step, sets: Vec<(&'static str, Param)>, detail: serde_json::Value) -> Self {
        StepWrite { write: drom_store::cases::StepWrite::new(step, sets, detail), recount: None }
    }

    /// With the reason the audit log keeps.
    pub fn because(mut self, reason: String) -> Self {
        self.write.reason = Some(reason);
        self
    }

    /// Recounting the report tallies of `day`'s month after the step.
    pub fn recount(mut self, day: String) -> Self {
        self.recount = Some(day);
        self
    }
}

impl CaseRow {
    /// What the kernel's case machinery needs of the case.
    pub(crate) fn head(&self) -> Result<CaseHead<ReturnLifecycle>, StoreError> {
        Ok(CaseHead { id: self.id, version: self.version, stage: self.stage()?, kind: self.return_type()? })
    }
}

impl Returns<'_> {
    /// Runs one step of a case in one transaction: loads the case of the actor's agency, lets
    /// `prepare` check the input against it (and write records of its own), advances the
    /// lifecycle with its audit entry, recounts the report tallies the step changes, commits,
    /// and answers the case as written. Whatever `prepare` wrote is rolled back if the
    /// lifecycle refuses the step.
    pub(crate) async fn step_case(
        &self,
        actor: &Actor,
        id: i64,
        prepare: impl AsyncFnOnce(&mut Conn<'_>, &CaseRow) -> Result<StepWrite, StoreError>,
    ) -> Result<ReturnCase, StoreError> {
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let row = load_row(&mut c, AgencyScope::of(actor), id).await?;
        let w = prepare(&mut c, &row).await?;
        let return_type = row.return_type()?;
        if lifecycle::needs_protection_gate(return_type, w.write.step)
            && lifecycle::apply(row.stage()?, return_type, w.write.step).is_ok()
            && row.gate_override_id.is_none()
        {
            let ctx = self.gate_context().await?;
            let gate = super::gate::status(&mut c, &ctx, &row).await?;
            if !gate.open {
                return Err(super::gate::refusal(&gate));
            }
        }
        drom_store::cases::advance(&mut c, actor, &row.head()?, w.write).await?;
        if let Some(day) = &w.recount {
            super::tally::refresh(&mut c, AgencyScope::of(actor), day).await?;
        }
        tx.commit().await?;
        self.return_case_as_written(actor, id).await
    }
}

/// The open return case (neither closed nor stopped) a person is a returnee of, if any: a person
/// is in one open case at a time.
pub(crate) async fn open_case_of(c: &mut Conn<'_>, scope: AgencyScope, person: i64) -> Result<Option<i64>, StoreError> {
    Ok(sql!(
        c,
        fetch_optional,
        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
            "SELECT r.case_id FROM return_member r JOIN return_case k ON k.id = r.case_id \
             WHERE r.person_id = $1 AND {} AND k.stage NOT IN ('closed', 'stopped') LIMIT 1",
            scope.readable("k", 2)
        )))
        .bind(person)
        .bind(scope.agency())
    )?)
}

/// Whole months from `from` to `to` (0 if `to` is earlier).
pub fn months_between(from: NaiveDate, to: NaiveDate) -> i64 {
    let mut m = 0;
    while from.checked_add_months(Months::new(m + 1)).is_some_and(|d| d <= to) {
        m += 1;
    }
    i64::from(m)
}

/// Refuses a date after today.
/// Those of `persons` whose consent is withdrawn (and not given again).
async fn withdrawn_consents(c: &mut Conn<'_>, persons: &[i64]) -> Result<Vec<i64>, StoreError> {
    let mut out = Vec::new();
    for p in persons {
        let withdrawn: Option<i64> = sql!(
            c,
            fetch_optional,
            sqlx::query_scalar::<_, i64>("SELECT id FROM person WHERE id = $1 AND consent_withdrawn_at IS NOT NULL")
                .bind(*p)
        )?;
        out.extend(withdrawn);
    }
    Ok(out)
}

pub(crate) fn not_future(e: &mut ValidationErrors, field: &str, day: NaiveDate) {
    let today = chrono::Utc::now().date_naive();
    if day > today {
        e.push(field, Common::InFuture { day: day.to_string() });
    }
}

impl Returns<'_> {
    /// Opens a return case for a person (with their household, unless asked otherwise).
    pub async fn create_case(&self, writer: RegistryWriter<'_>, new: NewCase) -> Result<ReturnCase, StoreError> {
        let actor = writer.actor();
        let reference = self.reference().await?;
        let mut e = ValidationErrors::default();
        let host = new.host_country.trim().to_ascii_uppercase();
        if reference.country(&host).is_none() {
            e.push("host_country", Common::UnknownCountry { value: new.host_country.clone() });
        }
        let destination = match new.destination_municipality.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
            None => None,
            Some(m) => match reference.municipality(m) {
                Some(m) => Some(m.code.clone()),
                None => {
                    e.push("destination_municipality", Common::UnknownMunicipality { value: m.to_string() });
                    None
                }
            },
        };
        let today = chrono::Utc::now().date_naive();
        let registered_on = new.registered_on.unwrap_or(today);
        not_future(&mut e, "registered_on", registered_on);
        if !new.entered_from_paper && (today - registered_on).num_days() > crate::domain::RECENT_REGISTRATION_DAYS {
            e.push(
                "registered_on",
                ReturnsReason::RegisteredLongAgo {
                    day: registered_on.to_string(),
                    days: crate::domain::RECENT_REGISTRATION_DAYS,
                },
            );
        }
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        if let Some(p) = new.programme_id {
            match programmes::load(&mut c, Some(p)).await?.pop() {
                None => e.push("programme_id", ReturnsReason::NoProgramme { programme: p.to_string() }),
                Some(p) if !p.serves(&host) => {
                    e.push("programme_id", ReturnsReason::ProgrammeElsewhere { programme: p.code, host: host.clone() })
                }
                Some(_) => {}
            }
        }
        let person: Option<(i64, Option<i64>)> = sql!(
            &mut c,
            fetch_optional,
            sqlx::query_as::<_, (i64, Option<i64>)>(sqlx::AssertSqlSafe(format!(
                "SELECT p.id, m.household_id FROM person p LEFT JOIN household_member m ON m.person_id = p.id \
                 WHERE p.id = $1 AND {}",
                AgencyScope::of(actor).readable("p", 2)
            )))
            .bind(new.person_id)
            .bind(AgencyScope::of(actor).agency())
        )?;
        let Some((person_id, household_id)) = person else {
            e.push("person_id", Common::NoPerson { id: new.person_id });
            return Err(e.into());
        };
        let household_id = household_id.filter(|_| new.whole_household);
        let members: Vec<i64> = match household_id {
            Some(h) => sql!(
                &mut c,
                fetch_all,
                sqlx::query_scalar::<_, i64>(
                    "SELECT person_id FROM household_member WHERE household_id = $1 ORDER BY position"
                )
                .bind(h)
            )?,
            None => vec![person_id],
        };
        for m in &members {
            if let Some(other) = open_case_of(&mut c, AgencyScope::of(actor), *m).await? {
                e.push("person_id", ReturnsReason::InOpenCase { person: *m, case: other });
            }
        }
        // A voluntary return rests on the person's consent: not for anyone who withdrew it.
        if new.return_type == ReturnType::Voluntary {
            for m in withdrawn_consents(&mut c, &members).await? {
                e.push("person_id", ReturnsReason::ConsentWithdrawn { person: m });
            }
        }
        e.into_result(())?;
        let at = now();
        let id: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO return_case (agency_id, version, person_id, household_id, return_type, stage, programme_id, host_country, \
                 destination_municipality, individuals, registered_on, remigration, created_at, updated_at, \
                 paper_entered_by, paper_entered_at) \
                 VALUES ($1, 1, $2, $3, $4, 'registered', $5, $6, $7, $8, $9, 'unknown', $10, $10, $11, $12) RETURNING id"
            )
            .bind(actor.agency_id)
            .bind(person_id)
            .bind(household_id)
            .bind(new.return_type.code())
            .bind(new.programme_id)
            .bind(&host)
            .bind(&destination)
            .bind(members.len() as i64)
            .bind(registered_on.to_string())
            .bind(&at)
            .bind(new.entered_from_paper.then_some(actor.user_id))
            .bind(new.entered_from_paper.then_some(&at))
        )?;
        for m in &members {
            sql!(
                &mut c,
                execute,
                sqlx::query(
                    "INSERT INTO return_member (case_id, person_id, sex, birth_year, community_code, agency_id) \
                     SELECT $1, id, sex, birth_year, community_code, agency_id FROM person WHERE id = $2"
                )
                .bind(id)
                .bind(m)
            )?;
        }
        audit::append(
            &mut c,
            actor,
            "return_case.create",
            "return_case",
            Some(id),
            None,
            serde_json::json!({"person_id": person_id, "members": members, "return_type": new.return_type.code(),
                "registered_on": registered_on.to_string(), "entered_from_paper": new.entered_from_paper}),
        )
        .await?;
        tx.commit().await?;
        self.return_case_as_written(actor, id).await
    }

    /// A case with everything recorded on it. Health needs and special transport needs are
    /// withheld without the special-category permission; with it, reading them is audited.
    pub async fn return_case(&self, actor: &Actor, id: i64) -> Result<ReturnCase, StoreError> {
        self.load_case(actor, id, true).await
    }

    pub(crate) async fn return_case_as_written(&self, actor: &Actor, id: i64) -> Result<ReturnCase, StoreError> {
        self.load_case(actor, id, false).await
    }

    async fn load_case(&self, actor: &Actor, id: i64, audit_read: bool) -> Result<ReturnCase, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let row = load_row(&mut c, AgencyScope::of(actor), id).await?;
        let members: Vec<CaseMember> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, CaseMember>(
                "SELECT r.person_id, p.given_name, p.family_name, r.sex, r.age_at_return FROM return_member r \
                 JOIN person p ON p.id = r.person_id WHERE r.case_id = $1 ORDER BY r.person_id"
            )
            .bind(id)
        )?;
        let counselling: Vec<Counselling> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, Counselling>(
                "SELECT id, held_on, language, interpreter, info_municipality, info_version, topics, notes, created_by \
                 FROM counselling_session WHERE case_id = $1 ORDER BY held_on, id"
            )
            .bind(id)
        )?;
        let ledger: Vec<LedgerEntry> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, LedgerEntry>(
                "SELECT id, plan_item_id, assistance_kind, kind, amount_cents, entry_on, note, created_at, created_by \
                 FROM ledger_entry WHERE case_id = $1 ORDER BY id"
            )
            .bind(id)
        )?;
        let items: Vec<(i64, i64, String, i64, i64)> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, (i64, i64, String, i64, i64)>(
                "SELECT id, option_id, description, direct_beneficiaries, indirect_beneficiaries FROM plan_item \
                 WHERE case_id = $1 ORDER BY id"
            )
            .bind(id)
        )?;
        let visits: Vec<Visit> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, Visit>(
                "SELECT id, visited_on, months_after_arrival, remigration, config_id, answers, economic, social, psychosocial, \
                 composite, note FROM monitoring_visit WHERE case_id = $1 ORDER BY visited_on, id"
            )
            .bind(id)
        )?;
        let programme = match row.programme_id {
            Some(p) => programmes::load(&mut c, Some(p)).await?.pop(),
            None => None,
        };
        let stage = row.stage()?;
        let return_type = row.return_type()?;
        let gate = if return_type == ReturnType::Forced && !stage.is_final() && !stage.has_arrived() {
            let ctx = self.gate_context().await?;
            Some(super::gate::status(&mut c, &ctx, &row).await?)
        } else {
            None
        };
        let gate_override = super::gate::override_of(&mut c, id).await?;
        let paper = match (row.paper_entered_by, &row.paper_entered_at) {
            (Some(by), Some(at)) => Some(PaperEntry {
                entered_by: by,
                entered_by_name: sql!(
                    &mut c,
                    fetch_one,
                    sqlx::query_scalar::<_, String>("SELECT display_name FROM app_user WHERE id = $1").bind(by)
                )?,
                entered_at: at.clone(),
            }),
            _ => None,
        };
        let person_name = members
            .iter()
            .find(|m| m.person_id == row.person_id)
            .map(|m| format!("{} {}", m.given_name, m.family_name))
            .unwrap_or_default();
        let sum = |item: i64, kind: &str| {
            Cents(ledger.iter().filter(|l| l.plan_item_id == item && l.kind == kind).map(|l| l.amount_cents).sum())
        };
        let plan = items
            .into_iter()
            .map(|(item, option_id, description, direct, indirect)| {
                let option = programme.as_ref().and_then(|p| p.option(option_id));
                PlanItem {
                    id: item,
                    option_id,
                    option_code: option.map(|o| o.code.clone()).unwrap_or_default(),
                    assistance_kind: option.map(|o| o.kind.code().to_string()).unwrap_or_default(),
                    description,
                    direct_beneficiaries: direct,
                    indirect_beneficiaries: indirect,
                    committed_cents: sum(item, "commitment"),
                    disbursed_cents: sum(item, "disbursement"),
                }
            })
            .collect();
        drop(h);
        let special_needs: Vec<SpecialNeed> =
            row.special_needs.as_deref().map(serde_json::from_str).transpose()?.unwrap_or_default();
        // Health needs and special transport needs (health, minors) are special categories:
        // they leave storage only for a holder of the grant, and that reader's access is
        // audited, both fields in one entry.
        let special: Vec<&str> =
            [("health_needs", row.health_needs.is_some()), ("special_needs", !special_needs.is_empty())]
                .into_iter()
                .filter_map(|(field, present)| present.then_some(field))
                .collect();
        let granted = actor.can(Permission::SpecialCategories);
        let withheld = !special.is_empty() && !granted;
        let (health_needs, special_needs) =
            if granted { (row.health_needs.clone(), special_needs) } else { (None, Vec::new()) };
        if audit_read && granted && !special.is_empty() {
            audit::append_read(
                self,
                actor,
                "return_case.read_special",
                "return_case",
                Some(id),
                serde_json::json!({"fields": special}),
            )
            .await?;
        }
        let visits_due = match row.arrived_on.as_deref().and_then(|d| d.parse::<NaiveDate>().ok()) {
            None => vec![],
            Some(arrived) => self
                .sustainability_months()
                .iter()
                .map(|m| DueVisit {
                    months: *m,
                    due_on: arrived.checked_add_months(Months::new(*m)).unwrap_or(arrived).to_string(),
                    done: visits.iter().any(|v| v.months_after_arrival >= i64::from(*m)),
                })
                .collect(),
        };
        Ok(ReturnCase {
            id: row.id,
            agency_id: row.agency_id,
            version: row.version,
            person_id: row.person_id,
            person_name,
            household_id: row.household_id,
            return_type,
            stage,
            programme_id: row.programme_id,
            programme_code: programme.map(|p| p.code),
            host_country: row.host_country.clone(),
            destination_municipality: row.destination_municipality.clone(),
            individuals: row.individuals,
            registered_on: row.registered_on.clone(),
            members,
            counselling,
            consent: row.consent.as_deref().map(serde_json::from_str).transpose()?,
            consent_on: row.consent_on.clone(),
            consent_withdrawn_on: row.consent_withdrawn_on.clone(),
            consent_withdrawal_reason: row.consent_withdrawal_reason.clone(),
            order_on: row.order_on.clone(),
            order_reference: row.order_reference.clone(),
            screening_id: row.screening_id,
            screening_outcome: row.screening_outcome.clone(),
            transport: row.transport.as_deref().map(str::parse).transpose().map_err(StoreError::corrupt)?,
            route: row.route.clone(),
            departure_on: row.departure_on.clone(),
            special_needs,
            airport_assistance: row.airport_assistance,
            arrived_on: row.arrived_on.clone(),
            arrival_note: row.arrival_note.clone(),
            assessment: row.assessment.as_deref().map(serde_json::from_str).transpose()?,
            health_needs,
            special_categories_withheld: withheld,
            plan,
            ledger,
            visits,
            visits_due,
            remigration: row.remigration.parse().map_err(StoreError::corrupt)?,
            closed_on: row.closed_on.clone(),
            close_reason: row.close_reason.clone(),
            next_steps: ReturnLifecycle::next_steps(stage, return_type),
            gate,
            gate_override,
            imported: ImportSource::of(&row),
            entered_from_paper: paper.is_some(),
            paper,
        })
    }

    /// The agency's cases, newest first, filtered.
    pub async fn return_cases(&self, actor: &Actor, q: &CaseQuery) -> Result<Page<CaseSummary>, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let (page, per_page) = paging(q.page, q.per_page)?;
        let mut e = ValidationErrors::default();
        let scope = AgencyScope::of(actor);
        let mut params = vec![Param::I(scope.agency())];
        let mut filter = scope.readable("k", 1);
        if let Some(s) = q.stage.as_deref().filter(|s| !s.is_empty()) {
            match s.parse::<Stage>() {
                Ok(s) => {
                    params.push(Param::S(s.code().into()));
                    filter.push_str(&format!(" AND k.stage = ${}", params.len()));
                }
                Err(m) => e.push("stage", m),
            }
        }
        if let Some(t) = q.return_type.as_deref().filter(|s| !s.is_empty()) {
            match t.parse::<ReturnType>() {
                Ok(t) => {
                    params.push(Param::S(t.code().into()));
                    filter.push_str(&format!(" AND k.return_type = ${}", params.len()));
                }
                Err(m) => e.push("return_type", m),
            }
        }
        if let Some(p) = q.programme_id {
            params.push(Param::I(p));
            filter.push_str(&format!(" AND k.programme_id = ${}", params.len()));
        }
        if let Some(p) = q.person_id {
            params.push(Param::I(p));
            filter.push_str(&format!(
                " AND k.id IN (SELECT case_id FROM return_member WHERE person_id = ${})",
                params.len()
            ));
        }
        if let Some(a) = q.assignee.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            let held_by =
                drom_casework::store::assignments::assignee_sql(drom_casework::domain::Subject::ReturnCase, "k");
            match a {
                "none" => filter.push_str(&format!(" AND {held_by} IS NULL")),
                "me" => {
                    params.push(Param::I(actor.user_id));
                    filter.push_str(&format!(" AND {held_by} = ${}", params.len()));
                }
                other => match other.parse::<i64>() {
                    Ok(user) => {
                        params.push(Param::I(user));
                        filter.push_str(&format!(" AND {held_by} = ${}", params.len()));
                    }
                    Err(_) => e.push(
                        "assignee",
                        Common::NotOneOf { value: other.into(), choices: "me, none, a user id".into() },
                    ),
                },
            }
        }
        if q.open == Some(true) {
            filter.push_str(" AND k.stage NOT IN ('closed', 'stopped')");
        }
        e.into_result(())?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let count_q = format!("SELECT COUNT(*) FROM (SELECT 1 FROM return_case k WHERE {filter} LIMIT 10000) x");
        let (total,): (i64,) =
            sql!(&mut c, fetch_one, bind_params(sqlx::query_as::<_, (i64,)>(sqlx::AssertSqlSafe(count_q)), &params))?;
        let list_q = format!(
            "SELECT k.id, k.person_id, p.given_name, p.family_name, k.return_type, k.stage, k.host_country, \
             k.destination_municipality, k.individuals, g.code AS programme_code, k.arrived_on, k.updated_at \
             FROM return_case k JOIN person p ON p.id = k.person_id LEFT JOIN programme g ON g.id = k.programme_id \
             WHERE {filter} ORDER BY k.id DESC LIMIT {per_page} OFFSET {}",
            (page - 1) * per_page
        );
        let items: Vec<CaseSummary> = sql!(
            &mut c,
            fetch_all,
            bind_params(sqlx::query_as::<_, CaseSummary>(sqlx::AssertSqlSafe(list_q)), &params)
        )?;
        Ok(Page { items, total, total_is_exact: total < 10000, page, per_page })
    }
}
