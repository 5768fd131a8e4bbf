//! What a peer server's messages do here, once the exchange has verified who sent them: a
//! referral request to a service of a local agency (idempotent by its UUID), a status change
//! of a referral between this server and that peer, a consent withdrawal. Each is checked as a
//! local one would be, writes nothing when refused, and is audited for the local agency.

use super::change::{apply, blank};
use super::{Referrals, Row, add_event, load_uid};
use crate::ReferralsReason;
use crate::domain::wire::{self, ConsentWithdrawn, ReferralRequest, StatusUpdate};
use crate::domain::{Change, ChangeRefused, Side, Status, check_change, check_fields, is_uuid};
use drom_directory::DirectoryDb;
use drom_domain::audit::NewAuditEntry;
use drom_domain::error::Refusal;
use drom_domain::{Common, ValidationErrors};
use drom_store::audit;
use drom_store::db::{Conn, now};
use drom_store::error::StoreError;
use drom_store::sql;

fn check_version(e: &mut ValidationErrors, version: u32) {
    if version != wire::VERSION {
        e.push("version", ReferralsReason::WireVersion { version });
    }
}

async fn audit_for(
    c: &mut Conn<'_>,
    agency: Option<i64>,
    action: &str,
    id: i64,
    detail: serde_json::Value,
) -> Result<(), StoreError> {
    audit::append_entry(
        c,
        NewAuditEntry {
            user_id: None,
            agency_id: agency,
            action: action.into(),
            record_type: "referral".into(),
            record_id: Some(id),
            reason: None,
            detail: detail.to_string(),
        },
    )
    .await
}

impl Referrals<'_> {
    /// A referral a peer server sends to a service of a local agency. The same UUID from the same
    /// peer answers the referral already received (the exchange may deliver twice); from another
    /// peer it is refused.
    pub async fn receive_request(&self, peer_id: i64, m: &ReferralRequest) -> Result<i64, StoreError> {
        let mut e = ValidationErrors::default();
        check_version(&mut e, m.version);
        if !is_uuid(&m.uid) {
            e.push("uid", ReferralsReason::NotAUuid { value: m.uid.clone() });
        }
        let today = chrono::Utc::now().date_naive();
        // A consent given "today" on a server whose clock runs a little ahead is still today.
        let consent = m.consent.check(&mut e, today.succ_opt().unwrap_or(today));
        // Special categories arrive only when the peer's sender held the grant: the consent must
        // name every field that carries a value.
        check_fields(&mut e, Some(&consent), &m.shared.fields(), true);
        if let Err(r) = m.need.parse::<drom_directory::domain::Need>() {
            e.push("need", r);
        }
        let service = match self.directory().service_ref(&m.service_id).await {
            Ok(s) => Some(s),
            Err(StoreError::NotFound) => {
                e.push("service_id", ReferralsReason::NoService { id: m.service_id.clone() });
                None
            }
            Err(other) => return Err(other),
        };
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        if let Some(existing) = load_uid(&mut c, &m.uid).await? {
            return if existing.sender_peer_id == Some(peer_id) {
                Ok(existing.id)
            } else {
                Err(StoreError::Conflict(Refusal::new("referral-uid-taken").text("uid", &m.uid)))
            };
        }
        let receiver = match &service {
            Some(s) if s.status != "active" => {
                e.push("service_id", ReferralsReason::ServiceInactive { status: s.status.clone() });
                None
            }
            Some(s) if s.agency_id.is_none() => {
                e.push("service_id", ReferralsReason::NoReceiver);
                None
            }
            Some(s) => Some(s.clone()),
            None => None,
        };
        e.into_result(())?;
        let service = receiver.ok_or(StoreError::NotFound)?;
        let at = now();
        let fields = m.shared.fields();
        let id: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO referral (uid, sender_peer_id, sender_agency_name, receiver_agency_id, service_id, \
                 service_name, organization_name, status, need, municipality_code, due_on, consent, fields, shared, \
                 version, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'requested', $8, $9, $10, $11, $12, $13, 1, $14, $14) RETURNING id"
            )
            .bind(&m.uid)
            .bind(peer_id)
            .bind(&m.sender_agency)
            .bind(service.agency_id)
            .bind(&service.id)
            .bind(&service.name)
            .bind(&service.organization_name)
            .bind(&m.need)
            .bind(m.shared.municipality.as_deref())
            .bind(m.due_on.to_string())
            .bind(serde_json::to_string(&consent)?)
            .bind(serde_json::to_string(&fields)?)
            .bind(serde_json::to_string(&m.shared)?)
            .bind(&at)
        )?;
        add_event(&mut c, id, Status::Requested, None, None, &m.sender_agency, None, None, Some(peer_id), &at).await?;
        audit_for(
            &mut c,
            service.agency_id,
            "referral.receive",
            id,
            serde_json::json!({"uid": m.uid, "peer": peer_id, "service": service.id, "fields": fields}),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A status change a peer made to a referral between it and this server: the receiver's
    /// answers for one sent from here, the sender's (cancelled, entered-in-error) for one
    /// received. The same update twice changes nothing more.
    pub async fn apply_status(&self, peer_id: i64, m: &StatusUpdate) -> Result<(), StoreError> {
        let mut e = ValidationErrors::default();
        check_version(&mut e, m.version);
        e.into_result(())?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let row = peer_row(&mut c, peer_id, &m.uid).await?;
        let side = if row.receiver_peer_id == Some(peer_id) { Side::Receiver } else { Side::Sender };
        if row.status == m.status && already(&mut c, row.id, &m.status, peer_id).await? {
            return Ok(());
        }
        let change = Change { status: m.status.clone(), reason: m.reason.clone(), outcome: m.outcome.clone() };
        let checked = check_change(row.status(), side, &change).map_err(|r| match r {
            ChangeRefused::Invalid(e) => StoreError::Invalid(e),
            ChangeRefused::NotAllowed { from, to, side } => StoreError::Transition(
                Refusal::new("referral-step")
                    .code("from", "referral-status", from.code())
                    .code("to", "referral-status", to.code())
                    .code("side", "referral-side", side.code()),
            ),
        })?;
        let mut e = ValidationErrors::default();
        let by = drom_domain::error::required_text(&mut e, "by", &m.by, crate::domain::NAME_MAX);
        e.into_result(())?;
        let at = now();
        apply(
            self.0,
            &mut c,
            &row,
            side,
            checked.status,
            checked.reason.as_deref(),
            checked.outcome.as_deref(),
            &by,
            None,
            None,
            Some(peer_id),
            &at,
            false,
        )
        .await?;
        let local = if side == Side::Receiver { row.sender_agency_id } else { row.receiver_agency_id };
        audit_for(
            &mut c,
            local,
            "referral.status_received",
            row.id,
            serde_json::json!({"uid": row.uid, "peer": peer_id, "from": row.status, "to": checked.status, "at": m.at}),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A peer's sender tells that the person withdrew consent: each referral received from it
    /// loses its shared values at once, the open ones are cancelled. Unknown UUIDs are refused
    /// before anything is written.
    pub async fn apply_withdrawal(&self, peer_id: i64, m: &ConsentWithdrawn) -> Result<Vec<i64>, StoreError> {
        let mut e = ValidationErrors::default();
        check_version(&mut e, m.version);
        if m.uids.is_empty() {
            e.push("uids", Common::Required);
        }
        e.into_result(())?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let mut rows = Vec::new();
        for uid in &m.uids {
            let row = peer_row(&mut c, peer_id, uid).await?;
            if row.sender_peer_id != Some(peer_id) {
                return Err(StoreError::NotFound);
            }
            rows.push(row);
        }
        let at = now();
        let mut out = Vec::new();
        for row in rows {
            if row.withdrawn_at.is_some() {
                continue;
            }
            if row.status().is_open() {
                let r = Some("consent withdrawn");
                apply(
                    self.0,
                    &mut c,
                    &row,
                    Side::Sender,
                    Status::Cancelled,
                    r,
                    None,
                    &row.sender_agency_name,
                    None,
                    None,
                    Some(peer_id),
                    &at,
                    false,
                )
                .await?;
            }
            blank(&mut c, row.id, &at).await?;
            audit_for(
                &mut c,
                row.receiver_agency_id,
                "referral.consent_withdrawn_received",
                row.id,
                serde_json::json!({"uid": row.uid, "peer": peer_id, "at": m.at}),
            )
            .await?;
            out.push(row.id);
        }
        tx.commit().await?;
        Ok(out)
    }
}

/// A referral between this server and `peer_id`, by UUID; any other is "not found".
async fn peer_row(c: &mut Conn<'_>, peer_id: i64, uid: &str) -> Result<Row, StoreError> {
    match load_uid(c, uid).await? {
        Some(r) if r.sender_peer_id == Some(peer_id) || r.receiver_peer_id == Some(peer_id) => Ok(r),
        _ => Err(StoreError::NotFound),
    }
}

/// Whether the peer already set this status (a message delivered twice).
async fn already(c: &mut Conn<'_>, id: i64, status: &str, peer_id: i64) -> Result<bool, StoreError> {
    let n: i64 = sql!(
        c,
        fetch_one,
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM referral_event WHERE referral_id = $1 AND status = $2 AND peer_id = $3"
        )
        .bind(id)
        .bind(status)
        .bind(peer_id)
    )?;
    Ok(n > 0)
}

/// One status a receiver set, as it travels back to the sender.
#[derive(sqlx::FromRow)]
struct EventRow {
    uid: String,
    status: String,
    reason: Option<String>,
    outcome: Option<String>,
    by_name: String,
    at: String,
}

impl Referrals<'_> {
    /// The open referrals this server sent to peers, by peer: what polling asks about when a
    /// pushed status update may have been lost.
    pub async fn open_at_peers(&self) -> Result<Vec<(i64, Vec<String>)>, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let rows: Vec<(i64, String, String)> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, (i64, String, String)>(
                "SELECT receiver_peer_id, uid, status FROM referral WHERE receiver_peer_id IS NOT NULL \
                 AND withdrawn_at IS NULL ORDER BY receiver_peer_id, id"
            )
        )?;
        let mut out: Vec<(i64, Vec<String>)> = Vec::new();
        for (peer, uid, status) in rows {
            if status.parse::<Status>().is_ok_and(|s| s.is_final()) {
                continue;
            }
            match out.last_mut() {
                Some((p, uids)) if *p == peer => uids.push(uid),
                _ => out.push((peer, vec![uid])),
            }
        }
        Ok(out)
    }

    /// Every status the receiving side set on the referrals `peer_id` sent here with these
    /// uids, oldest first: the answer to a peer's poll. Another peer's referrals are not told.
    pub async fn statuses_for_peer(&self, peer_id: i64, uids: &[String]) -> Result<Vec<StatusUpdate>, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let mut out = Vec::new();
        for uid in uids.iter().take(1000) {
            let rows: Vec<EventRow> = sql!(
                &mut c,
                fetch_all,
                sqlx::query_as::<_, EventRow>(
                    "SELECT r.uid, e.status, e.reason, e.outcome, e.by_name, e.at FROM referral_event e \
                     JOIN referral r ON r.id = e.referral_id WHERE r.uid = $1 AND r.sender_peer_id = $2 \
                     ORDER BY e.id"
                )
                .bind(uid)
                .bind(peer_id)
            )?;
            out.extend(
                rows.into_iter()
                    .filter(|e| e.status.parse::<Status>().is_ok_and(|s| s.set_by() == Side::Receiver))
                    .map(|e| StatusUpdate {
                        version: wire::VERSION,
                        uid: e.uid,
                        status: e.status,
                        reason: e.reason,
                        outcome: e.outcome,
                        at: e.at,
                        by: e.by_name,
                    }),
            );
        }
        Ok(out)
    }
}
