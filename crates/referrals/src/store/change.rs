//! Changing a referral: a status change by either side (the table in `domain::allowed`), a
//! supervisor's revocation, the receiver's own case made from the shared values, and the
//! person's withdrawal of consent, which cancels and blanks every open referral of theirs.

use super::outgoing::{Outgoing, enqueue};
use super::read::view;
use super::{COLUMNS, Referral, Referrals, Row, add_event, display_name, load_party};
use crate::domain::{Change, ChangeRefused, Shared, Side, Status, check_change, wire};
use drom_domain::audit::NewAuditEntry;
use drom_domain::error::Refusal;
use drom_domain::permission::{Actor, Permission};
use drom_domain::{Common, ValidationErrors};
use drom_registry::RegistryDb;
use drom_registry::domain::person::PersonData;
use drom_store::Db;
use drom_store::audit;
use drom_store::db::{Conn, now};
use drom_store::error::StoreError;
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A supervisor's revocation: the reason is required.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Revocation {
    pub reason: String,
}

/// The person withdraws their consent to share: why (optional).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    #[serde(default)]
    pub reason: Option<String>,
}

/// What a withdrawal did.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Withdrawn {
    /// Referrals whose shared values were removed.
    pub referrals: Vec<i64>,
    /// Of those, the ones still open and now cancelled.
    pub cancelled: Vec<i64>,
}

fn refused(r: ChangeRefused) -> StoreError {
    match r {
        ChangeRefused::Invalid(e) => StoreError::Invalid(e),
        ChangeRefused::NotAllowed { from, to, side } => StoreError::Transition(
            Refusal::new("referral-step")
                .code("from", "referral-status", from.code())
                .code("to", "referral-status", to.code())
                .code("side", "referral-side", side.code()),
        ),
    }
}

/// Writes a checked status onto a row (version-checked), its history entry and its message to
/// the peer that must hear of it.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn apply(
    db: &Db,
    c: &mut Conn<'_>,
    row: &Row,
    side: Side,
    status: Status,
    reason: Option<&str>,
    outcome: Option<&str>,
    by_name: &str,
    by_user: Option<i64>,
    agency_id: Option<i64>,
    peer_id: Option<i64>,
    at: &str,
    notify: bool,
) -> Result<(), StoreError> {
    let n = sql!(
        c,
        execute,
        sqlx::query(
            "UPDATE referral SET status = $1, reason = COALESCE($2, reason), outcome = COALESCE($3, outcome), \
             version = version + 1, updated_at = $4, \
             answered_at = CASE WHEN $5 = 1 AND answered_at IS NULL THEN $4 ELSE answered_at END, \
             accepted_at = CASE WHEN $1 = 'accepted' AND accepted_at IS NULL THEN $4 ELSE accepted_at END, \
             completed_at = CASE WHEN $1 = 'completed' THEN $4 ELSE completed_at END \
             WHERE id = $6 AND version = $7"
        )
        .bind(status.code())
        .bind(reason)
        .bind(outcome)
        .bind(at)
        .bind(i64::from(side == Side::Receiver))
        .bind(row.id)
        .bind(row.version)
    )?;
    if n == 0 {
        return Err(ValidationErrors::single("status", Common::ChangedMeanwhile).into());
    }
    add_event(c, row.id, status, reason, outcome, by_name, by_user, agency_id, peer_id, at).await?;
    // The peer on the other side hears of it (a draft sent is the request itself).
    let other_peer = if side == Side::Sender { row.receiver_peer_id } else { row.sender_peer_id };
    if let (Some(peer), true) = (other_peer, notify) {
        let message = if row.status() == Status::Draft && status == Status::Requested {
            Outgoing::Request(Box::new(wire::ReferralRequest {
                version: wire::VERSION,
                uid: row.uid.clone(),
                service_id: row.service_id.clone(),
                sender_agency: row.sender_agency_name.clone(),
                due_on: row.due_on.parse().map_err(|_| StoreError::NotFound)?,
                need: row.need.clone(),
                consent: serde_json::from_str(&row.consent)?,
                shared: row.shared.as_deref().map(serde_json::from_str).transpose()?.unwrap_or_default(),
                sent_at: at.to_string(),
            }))
        } else {
            Outgoing::Status(wire::StatusUpdate {
                version: wire::VERSION,
                uid: row.uid.clone(),
                status: status.code().into(),
                reason: reason.map(str::to_string),
                outcome: outcome.map(str::to_string),
                at: at.to_string(),
                by: by_name.to_string(),
            })
        };
        enqueue(db, c, peer, &message).await?;
    }
    Ok(())
}

impl Referrals<'_> {
    /// Moves a referral to another status, as the actor's side may (`domain::allowed`); a
    /// sender's caseworker cancels only a referral they wrote (a supervisor revokes any).
    pub async fn change_status(&self, actor: &Actor, id: i64, change: Change) -> Result<Referral, StoreError> {
        let writer = actor.registry_writer()?;
        let actor = writer.actor();
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let (row, side) = load_party(&mut c, actor, id).await?;
        let checked = check_change(row.status(), side, &change).map_err(refused)?;
        if side == Side::Sender
            && checked.status == Status::Cancelled
            && row.created_by != Some(actor.user_id)
            && !actor.can(Permission::Supervise)
        {
            return Err(drom_domain::permission::Denied(Permission::Supervise).into());
        }
        let at = now();
        let by = display_name(&mut c, actor.user_id).await?;
        apply(
            self.0,
            &mut c,
            &row,
            side,
            checked.status,
            checked.reason.as_deref(),
            checked.outcome.as_deref(),
            &by,
            Some(actor.user_id),
            Some(actor.agency_id),
            None,
            &at,
            true,
        )
        .await?;
        audit::append(
            &mut c,
            actor,
            "referral.status",
            "referral",
            Some(id),
            checked.reason.as_deref(),
            serde_json::json!({"uid": row.uid, "from": row.status, "to": checked.status, "side": side}),
        )
        .await?;
        let (row, side) = load_party(&mut c, actor, id).await?;
        let out = view(&mut c, actor, row, side).await?;
        tx.commit().await?;
        Ok(out)
    }

    /// A supervisor of the sending agency revokes an open referral (cancelled, with the reason).
    pub async fn revoke(&self, actor: &Actor, id: i64, input: Revocation) -> Result<Referral, StoreError> {
        actor.require(Permission::Supervise)?;
        let writer = actor.registry_writer()?;
        let actor = writer.actor();
        let mut e = ValidationErrors::default();
        let reason = drom_domain::error::required_text(&mut e, "reason", &input.reason, crate::domain::TEXT_MAX);
        e.into_result(())?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let (row, side) = load_party(&mut c, actor, id).await?;
        if side != Side::Sender {
            return Err(StoreError::NotFound);
        }
        if !crate::domain::allowed(row.status(), Status::Cancelled, Side::Sender) {
            return Err(refused(ChangeRefused::NotAllowed {
                from: row.status(),
                to: Status::Cancelled,
                side: Side::Sender,
            }));
        }
        let at = now();
        let by = display_name(&mut c, actor.user_id).await?;
        apply(
            self.0,
            &mut c,
            &row,
            side,
            Status::Cancelled,
            Some(&reason),
            None,
            &by,
            Some(actor.user_id),
            Some(actor.agency_id),
            None,
            &at,
            true,
        )
        .await?;
        audit::append(
            &mut c,
            actor,
            "referral.revoke",
            "referral",
            Some(id),
            Some(&reason),
            serde_json::json!({"uid": row.uid, "from": row.status}),
        )
        .await?;
        let (row, side) = load_party(&mut c, actor, id).await?;
        let out = view(&mut c, actor, row, side).await?;
        tx.commit().await?;
        Ok(out)
    }

    /// The receiver turns an accepted referral into a case of its own: a person in its own
    /// registry made from the shared values (the name and sex must have been shared), linked to
    /// the referral. Returns the new person's id.
    pub async fn to_case(&self, actor: &Actor, id: i64) -> Result<i64, StoreError> {
        let writer = actor.registry_writer()?;
        let row = {
            let mut h = self.acquire().await?;
            let mut c = h.conn();
            let (row, side) = load_party(&mut c, writer.actor(), id).await?;
            if side != Side::Receiver {
                return Err(StoreError::NotFound);
            }
            row
        };
        if !matches!(row.status(), Status::Accepted | Status::InProgress | Status::OnHold) {
            return Err(StoreError::Transition(Refusal::new("referral-case-not-accepted").code(
                "status",
                "referral-status",
                row.status.clone(),
            )));
        }
        if let Some(p) = row.case_person_id {
            return Err(StoreError::Conflict(Refusal::new("referral-case-exists").text("person", p)));
        }
        let shared: Shared = row.shared.as_deref().map(serde_json::from_str).transpose()?.unwrap_or_default();
        let consent: crate::domain::Consent = serde_json::from_str(&row.consent)?;
        let mut e = ValidationErrors::default();
        let (Some(given), Some(family)) = (shared.given_name.clone(), shared.family_name.clone()) else {
            e.push("shared.name", crate::ReferralsReason::NotInConsent { field: "name".into() });
            return Err(e.into());
        };
        let Some(sex) = shared.sex.as_deref().and_then(|s| s.parse().ok()) else {
            e.push("shared.sex", crate::ReferralsReason::NotInConsent { field: "sex".into() });
            return Err(e.into());
        };
        let mut data: PersonData = serde_json::from_value(serde_json::json!({
            "given_name": given,
            "family_name": family,
            "sex": "female",
            "legal_basis": {"kind": "consent"},
        }))?;
        data.sex = sex;
        data.date_of_birth = shared.date_of_birth.as_deref().and_then(|d| d.parse().ok());
        data.languages = shared.languages.clone().unwrap_or_default();
        data.municipality_of_origin = shared.municipality.clone();
        if let Some(phone) = &shared.phone {
            data.contacts.push(serde_json::from_value(serde_json::json!({"kind": "phone", "value": phone}))?);
        }
        data.legal_basis.consent_date = Some(consent.given_on);
        data.legal_basis.consent_language = Some(consent.language.clone());
        data.legal_basis.consent_scope = Some(format!("referral {}", row.uid));
        let person = self.registry().create_person(writer, data, Some("from a referral")).await?;
        let actor = writer.actor();
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let n = sql!(
            &mut c,
            execute,
            sqlx::query(
                "UPDATE referral SET case_person_id = $1, version = version + 1, updated_at = $2 \
                 WHERE id = $3 AND case_person_id IS NULL"
            )
            .bind(person.id)
            .bind(now())
            .bind(id)
        )?;
        if n == 0 {
            return Err(StoreError::Conflict(Refusal::new("referral-case-exists").text("person", person.id)));
        }
        audit::append(
            &mut c,
            actor,
            "referral.to_case",
            "referral",
            Some(id),
            None,
            serde_json::json!({"uid": row.uid, "person": person.id}),
        )
        .await?;
        tx.commit().await?;
        Ok(person.id)
    }

    /// The person withdraws consent to share: every referral of theirs that still holds shared
    /// values loses them at once (it keeps only that it existed and was withdrawn), each open
    /// one is cancelled, and the withdrawal is audited for the sending agency and for each
    /// receiving agency on this server; peers hear of it through the exchange.
    pub async fn withdraw_consent(
        &self,
        actor: &Actor,
        person_id: i64,
        input: Withdrawal,
    ) -> Result<Withdrawn, StoreError> {
        let writer = actor.registry_writer()?;
        let actor = writer.actor();
        let mut e = ValidationErrors::default();
        let reason =
            drom_domain::error::optional_text(&mut e, "reason", input.reason.as_deref(), crate::domain::TEXT_MAX);
        e.into_result(())?;
        let scope = AgencyScope::of(actor);
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        super::require_person(&mut c, &scope, person_id, true).await?;
        let rows: Vec<Row> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM referral r WHERE r.person_id = $1 AND r.sender_agency_id = $2 \
                 AND r.withdrawn_at IS NULL ORDER BY r.id"
            )))
            .bind(person_id)
            .bind(scope.agency())
        )?;
        let at = now();
        let by = display_name(&mut c, actor.user_id).await?;
        let mut out = Withdrawn::default();
        let mut by_peer: Vec<(i64, Vec<String>)> = Vec::new();
        for row in rows {
            if row.status().is_open() {
                let r = Some("consent withdrawn");
                let (user, agency) = (Some(actor.user_id), Some(actor.agency_id));
                apply(
                    self.0,
                    &mut c,
                    &row,
                    Side::Sender,
                    Status::Cancelled,
                    r,
                    None,
                    &by,
                    user,
                    agency,
                    None,
                    &at,
                    false,
                )
                .await?;
                out.cancelled.push(row.id);
            }
            blank(&mut c, row.id, &at).await?;
            out.referrals.push(row.id);
            if let Some(peer) = row.receiver_peer_id {
                match by_peer.iter_mut().find(|(p, _)| *p == peer) {
                    Some((_, uids)) => uids.push(row.uid.clone()),
                    None => by_peer.push((peer, vec![row.uid.clone()])),
                }
            }
            let detail = serde_json::json!({"uid": row.uid, "person": person_id, "cancelled": row.status().is_open()});
            audit::append(
                &mut c,
                actor,
                "referral.consent_withdrawn",
                "referral",
                Some(row.id),
                reason.as_deref(),
                detail.clone(),
            )
            .await?;
            if let Some(receiver) = row.receiver_agency_id {
                audit::append_entry(
                    &mut c,
                    NewAuditEntry {
                        user_id: Some(actor.user_id),
                        agency_id: Some(receiver),
                        action: "referral.consent_withdrawn_received".into(),
                        record_type: "referral".into(),
                        record_id: Some(row.id),
                        reason: None,
                        detail: serde_json::json!({"uid": row.uid, "sender_agency": actor.agency_id}).to_string(),
                    },
                )
                .await?;
            }
        }
        for (peer, uids) in by_peer {
            let m = wire::ConsentWithdrawn { version: wire::VERSION, uids, at: at.clone() };
            enqueue(self.0, &mut c, peer, &Outgoing::Withdrawn(m)).await?;
        }
        tx.commit().await?;
        Ok(out)
    }
}

/// Removes a referral's shared values and marks it withdrawn.
pub(crate) async fn blank(c: &mut Conn<'_>, id: i64, at: &str) -> Result<(), StoreError> {
    sql!(
        c,
        execute,
        sqlx::query(
            "UPDATE referral SET shared = NULL, withdrawn_at = $1, version = version + 1, updated_at = $1 WHERE id = $2"
        )
        .bind(at)
        .bind(id)
    )?;
    Ok(())
}
