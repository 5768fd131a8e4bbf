//! A competent body's work on a report, to its outcome: the list of the body's reports (only
//! those routed to it), one report (the reporter's contact details and community only with the
//! special-categories grant, and that read audited), the human acknowledgement (which confirms
//! the routing), messages and questions to the reporter, a transfer to another body with a
//! reason, the closure with a decision and an outcome, and, with the reporter's consent, a
//! registered person made from the report. Every change is audited in its transaction.

use super::evidence::{self, Evidence};
use super::public::{Message, event, insert_message, messages};
use super::{Discrimination, parse_time};
use crate::DiscriminationReason;
use crate::domain::retention::erase_after;
use crate::domain::{Outcome, SHORT_MAX, Status, TEXT_MAX};
use drom_casework::CaseworkDb;
use drom_casework::store::attachments::path_of;
use drom_domain::error::{Refusal, optional_text, required_text};
use drom_domain::permission::{Actor, Permission};
use drom_domain::vocab::Sex;
use drom_domain::{Common, ValidationErrors};
use drom_registry::RegistryDb;
use drom_store::audit;
use drom_store::db::{Conn, now};
use drom_store::error::StoreError;
use drom_store::query::{Param, bind_params};
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A report in the body's list.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct ReportLine {
    pub id: i64,
    pub submitted_at: String,
    pub status: String,
    pub area: String,
    pub municipality_code: String,
    pub ack_due_on: String,
    pub anonymous: bool,
    pub outcome: Option<String>,
    /// Not acknowledged by its deadline.
    pub overdue: bool,
}

/// Filters of the list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// A status, or `open` for every status but closed.
    pub status: Option<String>,
    /// Only reports not acknowledged by their deadline.
    pub overdue: Option<bool>,
}

/// The reporter's contact details.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Contact {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// One entry of a report's history.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Event {
    pub kind: String,
    pub at: String,
    pub by: Option<String>,
    pub from_agency: Option<String>,
    pub to_agency: Option<String>,
    pub reason: Option<String>,
}

/// A report as its body's staff see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Report {
    pub id: i64,
    pub agency_id: i64,
    pub body: String,
    pub status: Status,
    pub submitted_at: String,
    pub language: String,
    /// Absent once erased.
    pub description: Option<String>,
    pub happened_on: Option<String>,
    pub happened_period: Option<String>,
    pub municipality_code: String,
    pub place: Option<String>,
    pub area: String,
    pub grounds: Vec<String>,
    pub perpetrator: String,
    pub reporter_role: String,
    pub anonymous: bool,
    /// With the special-categories grant only.
    pub contact: Option<Contact>,
    /// With the special-categories grant only.
    pub community: Option<String>,
    /// Contact details or community exist but are withheld from this reader.
    pub special_withheld: bool,
    pub proposed_body: String,
    pub proposed_rule: String,
    /// Why the rule proposed the body (from the rules in use).
    pub proposed_because: Option<String>,
    pub routing_confirmed: bool,
    pub ack_due_on: String,
    pub acknowledged_at: Option<String>,
    pub overdue: bool,
    pub closed_at: Option<String>,
    pub outcome: Option<String>,
    pub erase_after: Option<String>,
    pub erased_at: Option<String>,
    pub person_id: Option<i64>,
    pub messages: Vec<Message>,
    pub evidence: Vec<Evidence>,
    pub history: Vec<Event>,
    pub version: i64,
}

/// The human acknowledgement, with an optional message to the reporter.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Acknowledgement {
    #[serde(default)]
    pub message: Option<String>,
}

/// A message to the reporter; a question asks for information and waits for the answer.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffMessage {
    pub body: String,
    #[serde(default)]
    pub question: bool,
}

/// A transfer to another competent body.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    /// The receiving body's agency.
    pub agency_id: i64,
    pub reason: String,
}

/// The decision that closes a report.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Closure {
    pub outcome: Outcome,
    /// The decision in words, sent to the reporter.
    pub decision: String,
    /// Required when inadmissible.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A registered person made from the report, with the reporter's consent.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ToPerson {
    pub given_name: String,
    pub family_name: String,
    pub sex: Sex,
    /// The reporter agreed to be registered (recorded with the day).
    pub consent: bool,
    #[schema(value_type = String)]
    pub consent_given_on: chrono::NaiveDate,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    agency_id: i64,
    body: String,
    status: String,
    submitted_at: String,
    language: String,
    description: Option<String>,
    happened_on: Option<String>,
    happened_period: Option<String>,
    municipality_code: String,
    place: Option<String>,
    area: String,
    perpetrator: String,
    reporter_role: String,
    anonymous: bool,
    contact_name: Option<String>,
    contact_phone: Option<String>,
    contact_email: Option<String>,
    community: Option<String>,
    proposed_body: String,
    proposed_rule: String,
    routing_confirmed_at: Option<String>,
    ack_due_on: String,
    acknowledged_at: Option<String>,
    closed_at: Option<String>,
    outcome: Option<String>,
    retention_days: i64,
    last_reporter_at: Option<String>,
    erase_after: Option<String>,
    erased_at: Option<String>,
    person_id: Option<i64>,
    version: i64,
}

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

/// The report row, if the actor's agency handles it (else "not found").
async fn load(c: &mut Conn<'_>, actor: &Actor, id: i64) -> Result<Row, StoreError> {
    let scope = AgencyScope::of(actor);
    sql!(
        c,
        fetch_optional,
        sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
            "SELECT r.id, r.agency_id, a.name AS body, r.status, r.submitted_at, r.language, r.description, r.happened_on, \
             r.happened_period, r.municipality_code, r.place, r.area, r.perpetrator, r.reporter_role, \
             (r.anonymous <> 0) AS anonymous, r.contact_name, r.contact_phone, r.contact_email, r.community, \
             p.name AS proposed_body, r.proposed_rule, r.routing_confirmed_at, r.ack_due_on, r.acknowledged_at, \
             r.closed_at, r.outcome, r.retention_days, r.last_reporter_at, r.erase_after, r.erased_at, r.person_id, r.version \
             FROM discrimination_report r JOIN agency a ON a.id = r.agency_id JOIN agency p ON p.id = r.proposed_agency_id \
             WHERE r.id = $2 AND {}",
            scope.owned("r", 1)
        )))
        .bind(scope.agency())
        .bind(id)
    )?
    .ok_or(StoreError::NotFound)
}

fn open(row: &Row) -> Result<Status, StoreError> {
    let status: Status = row.status.parse().map_err(StoreError::corrupt)?;
    if !status.is_open() {
        return Err(StoreError::Conflict(Refusal::new("discrimination-closed")));
    }
    Ok(status)
}

/// Updates the report (`set` uses `$1`.. for `params`) and raises its version.
async fn bump(c: &mut Conn<'_>, id: i64, set: &str, mut params: Vec<Param>) -> Result<(), StoreError> {
    let text =
        format!("UPDATE discrimination_report SET {set}, version = version + 1 WHERE id = ${}", params.len() + 1);
    params.push(Param::I(id));
    sql!(c, execute, bind_params(sqlx::query(sqlx::AssertSqlSafe(text.clone())), &params))?;
    Ok(())
}

fn text(s: impl Into<String>) -> Param {
    Param::S(s.into())
}

impl Discrimination<'_> {
    /// The reports routed to the actor's body, newest first (at most 200).
    pub async fn reports(&self, actor: &Actor, q: &ListQuery) -> Result<Vec<ReportLine>, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let scope = AgencyScope::of(actor);
        let mut filter = String::new();
        match q.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => {}
            Some("open") => filter.push_str(" AND status <> 'closed'"),
            Some(s) => {
                let s: Status = s.parse().map_err(|r| ValidationErrors::single("status", r))?;
                filter.push_str(&format!(" AND status = '{}'", s.code()));
            }
        }
        if q.overdue == Some(true) {
            filter.push_str(" AND status = 'received' AND ack_due_on < $2");
        } else {
            filter.push_str(" AND $2 = $2");
        }
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        Ok(sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, ReportLine>(sqlx::AssertSqlSafe(format!(
                "SELECT id, submitted_at, status, area, municipality_code, ack_due_on, (anonymous <> 0) AS anonymous, outcome, \
                 (status = 'received' AND ack_due_on < $2) AS overdue \
                 FROM discrimination_report WHERE {}{filter} ORDER BY submitted_at DESC, id DESC LIMIT 200",
                scope.owned("", 1)
            )))
            .bind(scope.agency())
            .bind(today())
        )?)
    }

    /// How many of the body's reports wait for a human acknowledgement past their deadline.
    pub async fn overdue(&self, actor: &Actor) -> Result<i64, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let scope = AgencyScope::of(actor);
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        Ok(sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM discrimination_report WHERE {} AND status = 'received' AND ack_due_on < $2",
                scope.owned("", 1)
            )))
            .bind(scope.agency())
            .bind(today())
        )?)
    }

    /// One report of the actor's body. A reader with the special-categories grant sees the
    /// reporter's contact details and community, and that read is audited before the answer.
    pub async fn report(&self, actor: &Actor, id: i64) -> Result<Report, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let r = load(&mut c, actor, id).await?;
        let special = actor.can(Permission::SpecialCategories);
        let has_special =
            r.contact_name.is_some() || r.contact_phone.is_some() || r.contact_email.is_some() || r.community.is_some();
        if special && has_special {
            audit::append(
                &mut c,
                actor,
                "discrimination.read_special",
                "discrimination_report",
                Some(id),
                None,
                serde_json::json!({"contact": !r.anonymous, "community": r.community.is_some()}),
            )
            .await?;
        }
        let grounds: Vec<String> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_scalar::<_, String>(
                "SELECT ground FROM discrimination_report_ground WHERE report_id = $1 ORDER BY ground"
            )
            .bind(id)
        )?;
        let history: Vec<Event> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, Event>(
                "SELECT e.kind, e.at, u.display_name AS by, f.name AS from_agency, t.name AS to_agency, e.reason \
                 FROM discrimination_event e LEFT JOIN app_user u ON u.id = e.user_id \
                 LEFT JOIN agency f ON f.id = e.from_agency_id LEFT JOIN agency t ON t.id = e.to_agency_id \
                 WHERE e.report_id = $1 ORDER BY e.at, e.id"
            )
            .bind(id)
        )?;
        let messages = messages(&mut c, id).await?;
        let evidence = evidence::of_report(&mut c, id).await?;
        tx.commit().await?;
        let status: Status = r.status.parse().map_err(StoreError::corrupt)?;
        let rules = self.rules();
        let overdue = status == Status::Received && r.ack_due_on < today();
        Ok(Report {
            id: r.id,
            agency_id: r.agency_id,
            body: r.body,
            status,
            submitted_at: r.submitted_at,
            language: r.language,
            description: r.description,
            happened_on: r.happened_on,
            happened_period: r.happened_period,
            municipality_code: r.municipality_code,
            place: r.place,
            area: r.area,
            grounds,
            perpetrator: r.perpetrator,
            reporter_role: r.reporter_role,
            anonymous: r.anonymous,
            contact: (special && !r.anonymous).then(|| Contact {
                name: r.contact_name.clone(),
                phone: r.contact_phone.clone(),
                email: r.contact_email.clone(),
            }),
            community: if special { r.community.clone() } else { None },
            special_withheld: !special && has_special,
            proposed_body: r.proposed_body,
            proposed_because: rules.rules.iter().find(|x| x.id == r.proposed_rule).map(|x| x.because.clone()),
            proposed_rule: r.proposed_rule,
            routing_confirmed: r.routing_confirmed_at.is_some(),
            ack_due_on: r.ack_due_on,
            acknowledged_at: r.acknowledged_at,
            overdue,
            closed_at: r.closed_at,
            outcome: r.outcome,
            erase_after: r.erase_after,
            erased_at: r.erased_at,
            person_id: r.person_id,
            messages,
            evidence,
            history,
            version: r.version,
        })
    }

    /// A person of the body acknowledges the report (which confirms that it is theirs to
    /// treat); the reporter reads the acknowledgement.
    pub async fn acknowledge(&self, actor: &Actor, id: i64, a: Acknowledgement) -> Result<Report, StoreError> {
        let writer = actor.registry_writer()?;
        let mut e = ValidationErrors::default();
        let message = optional_text(&mut e, "message", a.message.as_deref(), TEXT_MAX);
        e.into_result(())?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let r = load(&mut c, writer.actor(), id).await?;
        if open(&r)? != Status::Received {
            return Err(StoreError::Conflict(Refusal::new("discrimination-acknowledged")));
        }
        let at = now();
        bump(
            &mut c,
            id,
            "status = 'acknowledged', acknowledged_at = $1, routing_confirmed_at = COALESCE(routing_confirmed_at, $1)",
            vec![text(at)],
        )
        .await?;
        insert_message(&mut c, id, "staff", "acknowledgement", message.as_deref().unwrap_or(""), Some(actor.user_id))
            .await?;
        event(&mut c, id, "acknowledged", Some(actor.user_id), None, None, None).await?;
        audit::append(
            &mut c,
            actor,
            "discrimination.acknowledge",
            "discrimination_report",
            Some(id),
            None,
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        self.report(actor, id).await
    }

    /// A message to the reporter; a question sets the report waiting for their answer.
    pub async fn message(&self, actor: &Actor, id: i64, m: StaffMessage) -> Result<Report, StoreError> {
        let writer = actor.registry_writer()?;
        let mut e = ValidationErrors::default();
        let body = crate::domain::message_body(&mut e, &m.body);
        e.into_result(())?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let r = load(&mut c, writer.actor(), id).await?;
        open(&r)?;
        let kind = if m.question { "question" } else { "message" };
        insert_message(&mut c, id, "staff", kind, &body, Some(actor.user_id)).await?;
        if m.question {
            bump(
                &mut c,
                id,
                "status = 'awaiting_reporter', acknowledged_at = COALESCE(acknowledged_at, $1), \
                 routing_confirmed_at = COALESCE(routing_confirmed_at, $1)",
                vec![text(now())],
            )
            .await?;
            event(&mut c, id, "information_requested", Some(actor.user_id), None, None, None).await?;
        }
        audit::append(
            &mut c,
            actor,
            "discrimination.message",
            "discrimination_report",
            Some(id),
            None,
            serde_json::json!({"question": m.question}),
        )
        .await?;
        tx.commit().await?;
        self.report(actor, id).await
    }

    /// Transfers the report to another competent body, with the reason: it becomes theirs,
    /// waiting for their acknowledgement by their deadline. The reporter keeps the same code.
    pub async fn transfer(&self, actor: &Actor, id: i64, t: Transfer) -> Result<i64, StoreError> {
        let writer = actor.registry_writer()?;
        let mut e = ValidationErrors::default();
        let reason = required_text(&mut e, "reason", &t.reason, SHORT_MAX);
        let bodies = self.bodies().await?;
        let target = bodies.iter().find(|b| b.agency_id == t.agency_id && b.active);
        if target.is_none() {
            e.push("agency_id", DiscriminationReason::NotABody { id: t.agency_id });
        }
        if t.agency_id == actor.agency_id {
            e.push("agency_id", Common::Together { other: "another body than your own".into() });
        }
        e.into_result(())?;
        let target = target.expect("checked above");
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let r = load(&mut c, writer.actor(), id).await?;
        open(&r)?;
        let due = (chrono::Utc::now().date_naive() + chrono::Duration::days(target.ack_days)).to_string();
        bump(
            &mut c,
            id,
            "agency_id = $1, status = 'received', ack_due_on = $2, acknowledged_at = NULL, routing_confirmed_at = NULL",
            vec![Param::I(t.agency_id), text(due)],
        )
        .await?;
        sql!(
            &mut c,
            execute,
            sqlx::query("DELETE FROM assignment WHERE subject = 'discrimination_report' AND subject_id = $1").bind(id)
        )?;
        event(&mut c, id, "transferred", Some(actor.user_id), Some(actor.agency_id), Some(t.agency_id), Some(&reason))
            .await?;
        audit::append(
            &mut c,
            actor,
            "discrimination.transfer",
            "discrimination_report",
            Some(id),
            Some(&reason),
            serde_json::json!({"from": actor.agency_id, "to": t.agency_id}),
        )
        .await?;
        tx.commit().await?;
        Ok(t.agency_id)
    }

    /// Closes the report with a decision (sent to the reporter) and an outcome; from then its
    /// retention period runs.
    pub async fn close(&self, actor: &Actor, id: i64, k: Closure) -> Result<Report, StoreError> {
        let writer = actor.registry_writer()?;
        let mut e = ValidationErrors::default();
        let decision = required_text(&mut e, "decision", &k.decision, TEXT_MAX);
        let reason = optional_text(&mut e, "reason", k.reason.as_deref(), SHORT_MAX);
        if k.outcome.needs_reason() && reason.is_none() {
            e.push("reason", Common::Required);
        }
        e.into_result(())?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let r = load(&mut c, writer.actor(), id).await?;
        open(&r)?;
        let closed = chrono::Utc::now();
        let after = erase_after(Some(closed), r.retention_days, r.last_reporter_at.as_deref().and_then(parse_time))
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true));
        bump(
            &mut c,
            id,
            "status = 'closed', outcome = $1, closed_at = $2, erase_after = $3, \
             acknowledged_at = COALESCE(acknowledged_at, $2), routing_confirmed_at = COALESCE(routing_confirmed_at, $2)",
            vec![
                text(k.outcome.code()),
                text(closed.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)),
                after.map(Param::S).unwrap_or(Param::Null),
            ],
        )
        .await?;
        let text = match &reason {
            Some(reason) => format!("{decision}\n\n{reason}"),
            None => decision,
        };
        insert_message(&mut c, id, "staff", "decision", &text, Some(actor.user_id)).await?;
        event(&mut c, id, "closed", Some(actor.user_id), None, None, Some(k.outcome.code())).await?;
        audit::append(
            &mut c,
            actor,
            "discrimination.close",
            "discrimination_report",
            Some(id),
            None,
            serde_json::json!({"outcome": k.outcome}),
        )
        .await?;
        tx.commit().await?;
        self.report(actor, id).await
    }

    /// With the reporter's consent, a registered person of the body made from the report, so
    /// that casework and referrals (to legal aid, for example) can follow.
    pub async fn to_person(&self, actor: &Actor, id: i64, p: ToPerson) -> Result<i64, StoreError> {
        let writer = actor.registry_writer()?;
        if !p.consent {
            return Err(ValidationErrors::single("consent", DiscriminationReason::ReporterConsentRequired).into());
        }
        let language = {
            let mut h = self.acquire().await?;
            let mut c = h.conn();
            let r = load(&mut c, writer.actor(), id).await?;
            if let Some(person) = r.person_id {
                return Err(StoreError::Conflict(Refusal::new("discrimination-person-exists").text("person", person)));
            }
            if r.erased_at.is_some() {
                return Err(StoreError::Conflict(Refusal::new("discrimination-erased")));
            }
            r.language
        };
        let mut data: drom_registry::domain::person::PersonData = serde_json::from_value(serde_json::json!({
            "given_name": p.given_name,
            "family_name": p.family_name,
            "sex": p.sex,
            "legal_basis": {"kind": "consent"},
        }))?;
        data.legal_basis.consent_date = Some(p.consent_given_on);
        // Consent was given in the language the reporter wrote in.
        data.legal_basis.consent_language = Some(language);
        data.legal_basis.consent_scope = Some(format!("discrimination report {id}"));
        let person = self.registry().create_person(writer, data, Some("from a discrimination report")).await?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let n = sql!(
            &mut c,
            execute,
            sqlx::query(
                "UPDATE discrimination_report SET person_id = $1, version = version + 1 WHERE id = $2 AND person_id IS NULL"
            )
            .bind(person.id)
            .bind(id)
        )?;
        if n == 0 {
            return Err(StoreError::Conflict(Refusal::new("discrimination-person-exists").text("person", person.id)));
        }
        event(&mut c, id, "registered", Some(actor.user_id), None, None, None).await?;
        audit::append(
            &mut c,
            actor,
            "discrimination.to_person",
            "discrimination_report",
            Some(id),
            None,
            serde_json::json!({"person": person.id}),
        )
        .await?;
        tx.commit().await?;
        Ok(person.id)
    }

    /// An evidence file of a report of the actor's body, with its content; the download is
    /// audited (evidence may show anything, so it is read as a special category).
    pub async fn evidence_file(&self, actor: &Actor, id: i64, file: i64) -> Result<(Evidence, Vec<u8>), StoreError> {
        actor.require(Permission::SpecialCategories)?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        load(&mut c, actor, id).await?;
        let found: Option<(String, String, String, i64, String)> = sql!(
            &mut c,
            fetch_optional,
            sqlx::query_as(
                "SELECT stored_as, file_name, media_type, size_bytes, at FROM discrimination_evidence WHERE id = $1 AND report_id = $2"
            )
            .bind(file)
            .bind(id)
        )?;
        let (stored_as, file_name, media_type, size_bytes, at) = found.ok_or(StoreError::NotFound)?;
        let content = tokio::fs::read(path_of(&self.casework().file_store(), &stored_as)).await.map_err(|e| {
            tracing::error!(error = %e, "cannot read an evidence file");
            StoreError::NotFound
        })?;
        audit::append(
            &mut c,
            actor,
            "discrimination.evidence_download",
            "discrimination_report",
            Some(id),
            None,
            serde_json::json!({"evidence": file}),
        )
        .await?;
        tx.commit().await?;
        Ok((Evidence { id: file, file_name, media_type, size_bytes, at }, content))
    }
}
