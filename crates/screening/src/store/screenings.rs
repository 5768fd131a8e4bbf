//! Protection screening of registered persons: the facts are taken from the registry (the
//! household, communities, origins and recorded vulnerabilities) and from what the officer
//! states, the policy in force decides, and the whole is stored and audited so it can be shown,
//! reproduced from the stored facts, and re-screened when a new policy takes effect.

use super::Screenings;
use crate::ScreeningReason;
use chrono::NaiveDate;
use drom_domain::permission::{Actor, Permission, RegistryWriter};
use drom_domain::vocab::Relation;
use drom_domain::{Common, ValidationErrors};
use drom_registry::RegistryDb;
use drom_screening_engine::{Decision, Fact, PersonFacts, PolicySet, ReturnType, Screener, Tri};
use drom_store::audit;
use drom_store::db::now;
use drom_store::error::StoreError;
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;

/// What an officer asks: whom, which kind of return, and facts the registry does not hold.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScreeningRequest {
    /// The person; their household (if any) is screened with them.
    pub person_id: i64,
    #[schema(value_type = String, example = "forced")]
    pub return_type: ReturnType,
    /// For a voluntary return: the person's informed consent (yes, no, unknown).
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub informed_consent: Option<Tri>,
    /// The policy in force on this date decides (default today).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub as_of: Option<NaiveDate>,
    /// Or this policy, whatever the date.
    #[serde(default)]
    pub policy: Option<String>,
    /// Facts per person id (as text): `{"12": {"severe_disability": "yes"}}`.
    /// Special category (health, trafficking, minors) for most facts: screening needs the
    /// special-categories grant.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub facts: HashMap<String, HashMap<String, String>>,
}

/// A stored screening.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Screening {
    pub id: i64,
    pub person_id: i64,
    pub household_id: Option<i64>,
    pub policy_id: String,
    pub as_of: String,
    pub return_type: String,
    /// The outcome for the person screened.
    pub outcome: String,
    pub created_at: String,
    pub created_by: i64,
    /// The facts as used, one entry per household member (`request_id` is the person id).
    /// Special category (ethnicity, health, trafficking, minors): a screening is read only with
    /// the special-categories grant, and each read is audited.
    #[schema(value_type = Vec<Object>)]
    pub facts: Vec<PersonFacts>,
    /// The decisions with the rules that fired and their citations.
    #[schema(value_type = Vec<Object>)]
    pub decisions: serde_json::Value,
}

/// A screening whose outcome would change under another policy.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChangedOutcome {
    pub screening_id: i64,
    pub person_id: i64,
    pub stored_policy: String,
    pub stored_outcome: String,
    pub new_outcome: String,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    person_id: i64,
    household_id: Option<i64>,
    policy_id: String,
    as_of: String,
    return_type: String,
    facts: String,
    decisions: String,
    outcome: String,
    created_at: String,
    created_by: i64,
}

const COLUMNS: &str =
    "id, person_id, household_id, policy_id, as_of, return_type, facts, decisions, outcome, created_at, created_by";

impl Row {
    fn into_screening(self) -> Result<Screening, StoreError> {
        Ok(Screening {
            id: self.id,
            person_id: self.person_id,
            household_id: self.household_id,
            policy_id: self.policy_id,
            as_of: self.as_of,
            return_type: self.return_type,
            outcome: self.outcome,
            created_at: self.created_at,
            created_by: self.created_by,
            facts: serde_json::from_str(&self.facts)?,
            decisions: serde_json::from_str(&self.decisions)?,
        })
    }
}

impl Screenings<'_> {
    /// The screener for a policy chosen by id or date, over this database's reference data.
    pub async fn screener(
        &self,
        policies: &PolicySet,
        policy: Option<&str>,
        day: NaiveDate,
    ) -> Result<Screener, StoreError> {
        let chosen = match policy {
            Some(id) => policies.by_id(id).ok_or_else(|| {
                ValidationErrors::single(
                    "policy",
                    ScreeningReason::NoPolicy { id: id.to_string(), known: policies.ids().join(", ") },
                )
            })?,
            None => policies.in_force(day).ok_or_else(|| {
                ValidationErrors::single("as_of", ScreeningReason::NoPolicyInForce { day: day.to_string() })
            })?,
        };
        let reference = self.reference().await?;
        Screener::new(chosen, &reference.municipalities, &reference.communities)
            .map_err(|e| StoreError::Config(e.to_string()))
    }

    /// Screens a registered person with their household, stores and audits the result.
    pub async fn screen_person(
        &self,
        writer: RegistryWriter<'_>,
        policies: &PolicySet,
        request: ScreeningRequest,
    ) -> Result<Screening, StoreError> {
        let actor = writer.actor();
        // A screening stores every member's community and health: refused before anything is
        // read or written without the grant (it could not be read back).
        actor.require(Permission::SpecialCategories)?;
        let person = self.registry().person(actor, request.person_id).await?;
        let members: Vec<(i64, Relation)> = match person.household_id {
            Some(h) => {
                self.registry().household(actor, h).await?.members.iter().map(|m| (m.person_id, m.relation)).collect()
            }
            None => vec![(person.id, Relation::Head)],
        };
        let mut e = ValidationErrors::default();
        let mut facts = Vec::new();
        for (id, relation) in &members {
            // Reading the member through `person` applies the special-category rule: without the
            // permission, community and health stay unknown and the outcome says so.
            let p = if *id == person.id { person.clone() } else { self.registry().person(actor, *id).await? };
            // A voluntary return rests on consent: not for a person who withdrew it.
            if request.return_type == ReturnType::Voluntary && p.consent_withdrawn_at.is_some() {
                e.push("person_id", ScreeningReason::ConsentWithdrawn { person: *id });
            }
            let mut f = PersonFacts {
                request_id: id.to_string(),
                household_id: person.household_id.map(|h| h.to_string()),
                relation: Some(*relation),
                given_name: p.data.given_name.clone(),
                family_name: p.data.family_name.clone(),
                date_of_birth: p.data.date_of_birth,
                sex: Some(p.data.sex),
                community: p.data.community.clone(),
                municipality_of_origin: p.data.municipality_of_origin.clone(),
                return_type: Some(request.return_type),
                ..Default::default()
            };
            for v in &p.data.vulnerabilities {
                if let Some(fact) = Fact::of_vulnerability(*v) {
                    f.set_fact(fact, Tri::Yes);
                }
            }
            if *id == person.id
                && let Some(c) = request.informed_consent
            {
                f.informed_consent = c;
            }
            facts.push(f);
        }
        // What officers answered since (the newest answer per fact), then what this request states.
        let answers = {
            let ids: Vec<i64> = members.iter().map(|(id, _)| *id).collect();
            let mut h = self.acquire().await?;
            super::fact_answers::latest(&mut h.conn(), AgencyScope::of(actor), &ids).await?
        };
        super::fact_answers::apply(&mut facts, &answers);
        for (key, stated) in &request.facts {
            let Some(f) = facts.iter_mut().find(|f| &f.request_id == key) else {
                e.push(format!("facts.{key}"), ScreeningReason::NotPersonOrMember);
                continue;
            };
            for (name, value) in stated {
                let field = format!("facts.{key}.{name}");
                if name == "caregiver_for" {
                    if members.iter().any(|(id, _)| id.to_string() == *value) {
                        f.caregiver_for = Some(value.clone());
                    } else {
                        e.push(field, ScreeningReason::NotMember { value: value.clone() });
                    }
                    continue;
                }
                match (name.parse::<Fact>(), Tri::parse_lenient(value)) {
                    (Ok(fact), Ok(tri)) => f.set_fact(fact, tri),
                    (Err(_), _) => e.push(field, Common::NotOneOf { value: name.clone(), choices: Fact::codes() }),
                    (_, Err(_)) => e.push(field, Common::NotOneOf { value: value.clone(), choices: Tri::codes() }),
                }
            }
        }
        e.into_result(())?;
        let as_of = request.as_of.unwrap_or_else(|| chrono::Utc::now().date_naive());
        let screener = self.screener(policies, request.policy.as_deref(), as_of).await?;
        let decisions = screener.screen_people(&facts);
        let outcome = decisions
            .iter()
            .find(|d| d.request_id == person.id.to_string())
            .map(|d| d.outcome.code().to_string())
            .unwrap_or_else(|| "needs_assessment".into());
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let at = now();
        let id: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO screening (agency_id, person_id, household_id, policy_id, as_of, return_type, facts, decisions, outcome, \
                 closed, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, FALSE, $10, $11) RETURNING id"
            )
            .bind(actor.agency_id)
            .bind(person.id)
            .bind(person.household_id)
            .bind(&screener.policy().id)
            .bind(as_of.to_string())
            .bind(request.return_type.code())
            .bind(serde_json::to_string(&facts)?)
            .bind(serde_json::to_string(&decisions)?)
            .bind(&outcome)
            .bind(&at)
            .bind(actor.user_id)
        )?;
        audit::append(
            &mut c,
            actor,
            "screening.create",
            "person",
            Some(person.id),
            None,
            serde_json::json!({"screening": id, "policy": screener.policy().id, "outcome": outcome, "members": members.len()}),
        )
        .await?;
        tx.commit().await?;
        self.load(actor, id).await
    }

    /// A stored screening, for a holder of the special-categories grant: its facts hold every
    /// household member's community and health, so each read leaves an audit entry.
    pub async fn screening(&self, actor: &Actor, id: i64) -> Result<Screening, StoreError> {
        let s = self.load(actor, id).await?;
        audit::append_read(
            self,
            actor,
            "screening.read_special",
            "person",
            Some(s.person_id),
            serde_json::json!({"screening": s.id, "fields": ["facts"]}),
        )
        .await?;
        Ok(s)
    }

    /// A stored screening without an audit entry of its own, for work whose own entry covers
    /// the read (a screening just written, a printed decision, a re-screening) or that shows
    /// nothing of the facts. The grant is needed all the same.
    pub(crate) async fn load(&self, actor: &Actor, id: i64) -> Result<Screening, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let row: Option<Row> = sql!(
            &mut c,
            fetch_optional,
            sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM screening WHERE id = $1 AND {}",
                AgencyScope::of(actor).readable("", 2)
            )))
            .bind(id)
            .bind(AgencyScope::of(actor).agency())
        )?;
        let s = row.ok_or(StoreError::NotFound)?.into_screening()?;
        // The stored facts hold the community and health of every member.
        if !actor.can(Permission::SpecialCategories) {
            return Err(drom_domain::permission::Denied(Permission::SpecialCategories).into());
        }
        Ok(s)
    }

    /// The screenings of a person, newest first (outcome and policy only).
    pub async fn screenings_of(
        &self,
        actor: &Actor,
        person_id: i64,
    ) -> Result<Vec<(i64, String, String, String)>, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        Ok(sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, (i64, String, String, String)>(sqlx::AssertSqlSafe(format!(
                "SELECT id, policy_id, outcome, created_at FROM screening WHERE {} AND person_id = $2 ORDER BY id DESC",
                AgencyScope::of(actor).readable("", 1)
            )))
            .bind(AgencyScope::of(actor).agency())
            .bind(person_id)
        )?)
    }

    /// Re-runs a stored screening's facts under its own policy: the same decisions prove it
    /// reproducible.
    pub async fn reproduce(&self, actor: &Actor, policies: &PolicySet, id: i64) -> Result<Vec<Decision>, StoreError> {
        let s = self.load(actor, id).await?;
        let day: NaiveDate = s.as_of.parse().map_err(|_| StoreError::Corrupt(format!("screening {id}: as_of")))?;
        let screener = self.screener(policies, Some(&s.policy_id), day).await?;
        Ok(screener.screen_people(&s.facts))
    }

    /// The agency's open screenings whose outcome would change under `policy` (or the policy in
    /// force today), from their stored facts. Open means: the newest screening of a person who is
    /// in a return case that is neither closed nor stopped.
    pub async fn rescreen(
        &self,
        actor: &Actor,
        policies: &PolicySet,
        policy: Option<&str>,
    ) -> Result<Vec<ChangedOutcome>, StoreError> {
        actor.require(Permission::SpecialCategories)?;
        let today = chrono::Utc::now().date_naive();
        let screener = self.screener(policies, policy, today).await?;
        let scope = AgencyScope::of(actor);
        let rows: Vec<Row> = {
            let mut h = self.acquire().await?;
            let mut c = h.conn();
            sql!(
                &mut c,
                fetch_all,
                sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
                    "SELECT {COLUMNS} FROM screening s WHERE {own_s} \
                     AND s.id IN (SELECT MAX(id) FROM screening WHERE {own} GROUP BY person_id) \
                     AND EXISTS (SELECT 1 FROM return_member m JOIN return_case k ON k.id = m.case_id \
                     WHERE m.person_id = s.person_id AND {own_k} AND k.stage NOT IN ('closed', 'stopped')) \
                     ORDER BY s.id",
                    own_s = scope.owned("s", 1),
                    own = scope.owned("", 1),
                    own_k = scope.owned("k", 1),
                )))
                .bind(scope.agency())
            )?
        };
        let mut changed = Vec::new();
        for r in rows {
            let s = r.into_screening()?;
            let key = s.person_id.to_string();
            let new = screener
                .screen_people(&s.facts)
                .into_iter()
                .find(|d| d.request_id == key)
                .map(|d| d.outcome.code().to_string())
                .unwrap_or_default();
            if new != s.outcome {
                changed.push(ChangedOutcome {
                    screening_id: s.id,
                    person_id: s.person_id,
                    stored_policy: s.policy_id,
                    stored_outcome: s.outcome,
                    new_outcome: new,
                });
            }
        }
        Ok(changed)
    }

    /// Screens again, under `policy` (or the one in force today), every open screening whose
    /// outcome it changes: one new stored screening each, with the registry's facts and answers
    /// as they are now. Answers the new screenings.
    pub async fn rescreen_changed(
        &self,
        writer: RegistryWriter<'_>,
        policies: &PolicySet,
        policy: Option<&str>,
    ) -> Result<Vec<Screening>, StoreError> {
        let actor = writer.actor();
        let mut done = Vec::new();
        for change in self.rescreen(actor, policies, policy).await? {
            let old = self.load(actor, change.screening_id).await?;
            let request = ScreeningRequest {
                person_id: old.person_id,
                return_type: old.return_type.parse().map_err(StoreError::corrupt)?,
                informed_consent: old
                    .facts
                    .iter()
                    .find(|f| f.request_id == change.person_id.to_string())
                    .map(|f| f.informed_consent),
                as_of: None,
                policy: policy.map(str::to_string),
                facts: Default::default(),
            };
            done.push(self.screen_person(writer, policies, request).await?);
        }
        Ok(done)
    }
}
