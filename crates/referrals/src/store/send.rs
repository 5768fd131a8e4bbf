//! A new referral: from a person or a return case of the sender's agency to an active service of
//! the directory, with the person's consent and only the fields it names. Every refusal names
//! its field and nothing is written.

use super::outgoing::{Outgoing, enqueue};
use super::{Referrals, add_event, agency_name, display_name, new_uid};
use crate::ReferralsReason;
use crate::domain::{Consent, Field, Shared, Status, check_due, check_fields, need_text, wire};
use chrono::NaiveDate;
use drom_casework::domain::Subject;
use drom_directory::DirectoryDb;
use drom_directory::domain::Need;
use drom_domain::ValidationErrors;
use drom_domain::error::Refusal;
use drom_domain::permission::{Actor, Permission};
use drom_domain::vocab::ContactKind;
use drom_registry::RegistryDb;
use drom_store::audit;
use drom_store::db::now;
use drom_store::error::StoreError;
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::Deserialize;
use utoipa::ToSchema;

/// A referral as the sender writes it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReferral {
    /// The person it is about, or (instead) the return case it comes from.
    #[serde(default)]
    pub person_id: Option<i64>,
    #[serde(default)]
    pub return_case_id: Option<i64>,
    /// The directory service's UUID.
    pub service_id: String,
    /// The need's taxonomy code (employment, housing, health, ...).
    pub need: String,
    /// The need in the sender's words (shared when `fields` names `need`).
    pub need_text: String,
    #[schema(value_type = String, example = "2026-12-15")]
    pub due_on: NaiveDate,
    /// The person's consent to share; required.
    #[serde(default)]
    pub consent: Option<Consent>,
    /// The fields to share: each must be named by the consent.
    pub fields: Vec<Field>,
    /// Keep it as a draft instead of sending it.
    #[serde(default)]
    pub draft: bool,
    /// The Migrant Service Centre session it was made in.
    #[serde(default)]
    pub msc_session_id: Option<i64>,
}

impl Referrals<'_> {
    /// Writes a referral (sent, or a draft), its first history entry and its audit entry, and,
    /// for a peer server's service, the message for the exchange, in one transaction.
    pub async fn send(&self, actor: &Actor, input: NewReferral, today: NaiveDate) -> Result<i64, StoreError> {
        let writer = actor.registry_writer()?;
        let actor = writer.actor();
        let mut e = ValidationErrors::default();
        let need_text = need_text(&mut e, &input.need_text);
        if let Err(r) = input.need.trim().parse::<Need>() {
            e.push("need", r);
        }
        let consent = match &input.consent {
            Some(c) => Some(c.check(&mut e, today)),
            None => {
                e.push("consent", ReferralsReason::ConsentRequired);
                None
            }
        };
        let fields = check_fields(&mut e, consent.as_ref(), &input.fields, actor.can(Permission::SpecialCategories));
        check_due(&mut e, input.due_on, today);
        let service = match self.directory().service_ref(input.service_id.trim()).await {
            Ok(s) => Some(s),
            Err(StoreError::NotFound) => {
                e.push("service_id", ReferralsReason::NoService { id: input.service_id.clone() });
                None
            }
            Err(other) => return Err(other),
        };
        if let Some(s) = &service {
            if s.status != "active" {
                e.push("service_id", ReferralsReason::ServiceInactive { status: s.status.clone() });
            } else if s.agency_id.is_none() && s.peer_id.is_none() {
                e.push("service_id", ReferralsReason::NoReceiver);
            }
        }
        // The subject: a person, or a return case and its person, of the sender's agency.
        let (subject, subject_id, person_id) = match (input.person_id, input.return_case_id) {
            (Some(p), None) => (Subject::Person, p, Some(p)),
            (None, Some(k)) => {
                let mut h = self.acquire().await?;
                let mut c = h.conn();
                let scope = AgencyScope::of(actor);
                let person: Option<i64> = sql!(
                    &mut c,
                    fetch_optional,
                    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
                        "SELECT person_id FROM return_case WHERE id = $2 AND {}",
                        scope.owned("", 1)
                    )))
                    .bind(scope.agency())
                    .bind(k)
                )?;
                if person.is_none() {
                    e.push("return_case_id", drom_domain::Common::NoSuch { value: format!("return case {k}") });
                }
                (Subject::ReturnCase, k, person)
            }
            _ => {
                e.push("person_id", drom_domain::Common::Together { other: "return_case_id (one of the two)".into() });
                (Subject::Person, 0, None)
            }
        };
        let person = match person_id {
            Some(p) => match self.registry().person(actor, p).await {
                Ok(person) => Some(person),
                Err(StoreError::NotFound) => {
                    e.push("person_id", drom_domain::Common::NoPerson { id: p });
                    None
                }
                Err(other) => return Err(other),
            },
            None => None,
        };
        e.into_result(())?;
        let (Some(service), Some(person), Some(consent)) = (service, person, consent) else {
            return Err(StoreError::NotFound);
        };
        let d = &person.data;
        let phone = d.contacts.iter().find(|c| c.kind == ContactKind::Phone).map(|c| c.value.clone());
        let shared = Shared {
            given_name: Some(d.given_name.clone()),
            family_name: Some(d.family_name.clone()),
            date_of_birth: d.date_of_birth.map(|x| x.to_string()),
            sex: Some(d.sex.code().to_string()),
            phone,
            languages: Some(d.languages.clone()),
            municipality: d.municipality_of_origin.clone(),
            need: Some(need_text.clone()),
            vulnerabilities: Some(d.vulnerabilities.iter().map(|v| v.code().to_string()).collect()),
            community: d.community.clone(),
        }
        .only(&fields);
        if person.consent_withdrawn_at.is_some() {
            return Err(StoreError::Conflict(Refusal::new("referral-consent-withdrawn").text("id", person.id)));
        }
        let status = if input.draft { Status::Draft } else { Status::Requested };
        let uid = new_uid();
        let at = now();
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let sender_name = agency_name(&mut c, actor.agency_id).await?;
        let by = display_name(&mut c, actor.user_id).await?;
        let id: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO referral (uid, sender_agency_id, sender_agency_name, receiver_agency_id, receiver_peer_id, \
                 service_id, service_name, organization_name, subject, subject_id, person_id, status, need, \
                 municipality_code, due_on, consent, fields, shared, version, created_at, created_by, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 1, $19, $20, $19) \
                 RETURNING id"
            )
            .bind(&uid)
            .bind(actor.agency_id)
            .bind(&sender_name)
            .bind(service.agency_id)
            .bind(service.peer_id)
            .bind(&service.id)
            .bind(&service.name)
            .bind(&service.organization_name)
            .bind(subject.code())
            .bind(subject_id)
            .bind(person.id)
            .bind(status.code())
            .bind(input.need.trim())
            .bind(d.municipality_of_origin.as_deref())
            .bind(input.due_on.to_string())
            .bind(serde_json::to_string(&consent)?)
            .bind(serde_json::to_string(&fields)?)
            .bind(serde_json::to_string(&shared)?)
            .bind(&at)
            .bind(actor.user_id)
        )?;
        if let Some(session) = input.msc_session_id {
            let n = sql!(
                &mut c,
                execute,
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "UPDATE referral SET msc_session_id = $1 WHERE id = $2 AND EXISTS \
                     (SELECT 1 FROM msc_session s WHERE s.id = $1 AND {})",
                    AgencyScope::of(actor).owned("s", 3)
                )))
                .bind(session)
                .bind(id)
                .bind(actor.agency_id)
            )?;
            if n == 0 {
                return Err(ValidationErrors::single(
                    "msc_session_id",
                    drom_domain::Common::NoSuch { value: format!("session {session}") },
                )
                .into());
            }
        }
        add_event(&mut c, id, status, None, None, &by, Some(actor.user_id), Some(actor.agency_id), None, &at).await?;
        audit::append(
            &mut c,
            actor,
            if input.draft { "referral.draft" } else { "referral.send" },
            "referral",
            Some(id),
            None,
            serde_json::json!({"uid": uid, "service": service.id, "subject": subject.code(), "subject_id": subject_id,
                "person": person.id, "fields": fields, "receiver_agency": service.agency_id, "receiver_peer": service.peer_id}),
        )
        .await?;
        if let (Some(peer), false) = (service.peer_id, input.draft) {
            let request = wire::ReferralRequest {
                version: wire::VERSION,
                uid: uid.clone(),
                service_id: service.id.clone(),
                sender_agency: sender_name,
                due_on: input.due_on,
                need: input.need.trim().to_string(),
                consent,
                shared,
                sent_at: at.clone(),
            };
            enqueue(self.0, &mut c, peer, &Outgoing::Request(Box::new(request))).await?;
        }
        tx.commit().await?;
        Ok(id)
    }
}
