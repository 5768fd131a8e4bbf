//! Answers to the facts a screening policy needs, given by an officer with what each rests on
//! (an interview, a document, a medical report). The newest answer per person and fact is used
//! by every later screening of that person, so a household that needed assessment is finished
//! by answering what was unknown and screening it again. An answer to a fact that is a special
//! category (health, trafficking, ethnicity, minors) needs the special-categories permission.

use super::Screenings;
use super::screenings::{Screening, ScreeningRequest};
use crate::ScreeningReason;
use drom_domain::error::optional_text;
use drom_domain::permission::{Actor, Permission, RegistryWriter};
use drom_domain::{Common, ValidationErrors};
use drom_screening_engine::{AnswerBasis, Fact, PersonFacts, Tri};
use drom_store::audit;
use drom_store::db::{Conn, now};
use drom_store::error::StoreError;
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One answer as given.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FactAnswerInput {
    pub person_id: i64,
    /// A fact code of the policy (`mixed_marriage`, `severe_disability`, ...).
    pub fact: String,
    /// `yes`, `no` or `unknown`. Special category (health, trafficking, minors) when the fact
    /// reveals one: answering it needs the special-categories grant.
    pub answer: String,
    /// What a yes or no rests on: interview, document, medical_report, social_report, other.
    pub basis: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswersInput {
    pub answers: Vec<FactAnswerInput>,
}

/// A recorded answer, with who gave it.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct FactAnswer {
    pub person_id: i64,
    pub fact: String,
    pub answer: String,
    pub basis: Option<String>,
    pub note: Option<String>,
    pub answered_by: String,
    pub answered_at: String,
}

/// The newest answer per fact of each of `persons` in the agency.
pub(crate) async fn latest(
    c: &mut Conn<'_>,
    scope: AgencyScope,
    persons: &[i64],
) -> Result<Vec<FactAnswer>, StoreError> {
    if persons.is_empty() {
        return Ok(vec![]);
    }
    // The ids are integers the database gave: safe to write into the text.
    let list = persons.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let q = format!(
        "SELECT a.person_id, a.fact, a.answer, a.basis, a.note, u.username AS answered_by, a.answered_at \
         FROM fact_answer a JOIN app_user u ON u.id = a.answered_by \
         WHERE {} AND a.person_id IN ({list}) AND a.id = (SELECT MAX(b.id) FROM fact_answer b \
         WHERE b.agency_id = a.agency_id AND b.person_id = a.person_id AND b.fact = a.fact) ORDER BY a.person_id, a.fact",
        scope.readable("a", 1)
    );
    Ok(sql!(c, fetch_all, sqlx::query_as::<_, FactAnswer>(sqlx::AssertSqlSafe(q)).bind(scope.agency()))?)
}

/// Applies recorded answers to the facts of a screening.
pub(crate) fn apply(facts: &mut [PersonFacts], answers: &[FactAnswer]) {
    for a in answers {
        let (Ok(fact), Ok(tri)) = (a.fact.parse::<Fact>(), a.answer.parse::<Tri>()) else { continue };
        if let Some(f) = facts.iter_mut().find(|f| f.request_id == a.person_id.to_string()) {
            f.set_fact(fact, tri);
        }
    }
}

impl Screenings<'_> {
    /// The recorded answers of the members of a screening (withheld facts stay out: the
    /// screening itself needs the special-categories permission to be read).
    pub async fn fact_answers(&self, actor: &Actor, screening: &Screening) -> Result<Vec<FactAnswer>, StoreError> {
        actor.require(Permission::SpecialCategories)?;
        let persons: Vec<i64> = screening.facts.iter().filter_map(|f| f.request_id.parse().ok()).collect();
        let mut h = self.acquire().await?;
        latest(&mut h.conn(), AgencyScope::of(actor), &persons).await
    }

    /// Records that a screening's decision was printed for a host country: it discloses every
    /// member's special categories, so it leaves an audit entry like any such read.
    pub async fn record_decision_print(&self, actor: &Actor, screening: &Screening) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        audit::append(
            &mut tx.conn(),
            actor,
            "screening.print_decision",
            "person",
            Some(screening.person_id),
            None,
            serde_json::json!({"screening": screening.id}),
        )
        .await?;
        tx.commit().await
    }

    /// Records answers to the facts of a stored screening's household and screens it again
    /// with the same return type and date. Every answer is checked first; one bad answer
    /// refuses all, naming it, and nothing is written.
    pub async fn answer_facts(
        &self,
        writer: RegistryWriter<'_>,
        screening_id: i64,
        input: AnswersInput,
    ) -> Result<Screening, StoreError> {
        let actor = writer.actor();
        // Answering writes its own audit entry and shows nothing it did not take as input.
        let screening = self.load(actor, screening_id).await?;
        let mut e = ValidationErrors::default();
        let mut rows = Vec::new();
        if input.answers.is_empty() {
            e.push("answers", ScreeningReason::AnswerSomething);
        }
        for (i, a) in input.answers.iter().enumerate() {
            let field = |name: &str| format!("answers[{i}].{name}");
            if !screening.facts.iter().any(|f| f.request_id == a.person_id.to_string()) {
                e.push(
                    field("person_id"),
                    ScreeningReason::NotInScreening { person: a.person_id, screening: screening_id },
                );
            }
            let fact = match a.fact.parse::<Fact>() {
                Ok(f) => Some(f),
                Err(_) => {
                    e.push(field("fact"), Common::NotOneOf { value: a.fact.clone(), choices: Fact::codes() });
                    None
                }
            };
            if let Some(category) = fact.and_then(Fact::special_category)
                && !actor.can(Permission::SpecialCategories)
            {
                e.push(
                    field("fact"),
                    ScreeningReason::SpecialFact { category: format!("{category:?}").to_lowercase() },
                );
            }
            let answer = match a.answer.parse::<Tri>() {
                Ok(t) => t,
                Err(_) => {
                    e.push(field("answer"), Common::NotOneOf { value: a.answer.clone(), choices: Tri::codes() });
                    Tri::Unknown
                }
            };
            let basis = match a.basis.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
                None if answer != Tri::Unknown => {
                    e.push(field("basis"), ScreeningReason::BasisNeeded { choices: AnswerBasis::codes() });
                    None
                }
                None => None,
                Some(b) => match b.parse::<AnswerBasis>() {
                    Ok(b) => Some(b),
                    Err(_) => {
                        e.push(
                            field("basis"),
                            Common::NotOneOf { value: b.to_string(), choices: AnswerBasis::codes() },
                        );
                        None
                    }
                },
            };
            let note = optional_text(&mut e, &field("note"), a.note.as_deref(), 1000);
            rows.push((a.person_id, a.fact.clone(), answer, basis, note));
        }
        e.into_result(())?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let at = now();
        for (person, fact, answer, basis, note) in &rows {
            sql!(
                &mut c,
                execute,
                sqlx::query(
                    "INSERT INTO fact_answer (agency_id, person_id, fact, answer, basis, note, answered_by, answered_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                )
                .bind(actor.agency_id)
                .bind(person)
                .bind(fact)
                .bind(answer.code())
                .bind(basis.map(AnswerBasis::code))
                .bind(note)
                .bind(actor.user_id)
                .bind(&at)
            )?;
        }
        let detail: Vec<serde_json::Value> = rows
            .iter()
            .map(|(p, f, a, b, _)| serde_json::json!({"person": p, "fact": f, "answer": a.code(), "basis": b.map(AnswerBasis::code)}))
            .collect();
        audit::append(
            &mut c,
            actor,
            "screening.answer_facts",
            "person",
            Some(screening.person_id),
            None,
            serde_json::json!({"screening": screening_id, "answers": detail}),
        )
        .await?;
        tx.commit().await?;
        let request = ScreeningRequest {
            person_id: screening.person_id,
            return_type: screening.return_type.parse().map_err(StoreError::corrupt)?,
            informed_consent: screening
                .facts
                .iter()
                .find(|f| f.request_id == screening.person_id.to_string())
                .map(|f| f.informed_consent),
            as_of: screening.as_of.parse().ok(),
            policy: Some(screening.policy_id.clone()),
            facts: Default::default(),
        };
        self.screen_person(writer, &self.policies(), request).await
    }
}
