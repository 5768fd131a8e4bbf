//! Referrals' storage, over the kernel's database handle (`db.referrals()`): `send` (a new
//! referral, checked against consent, permission and the directory), `read` (lists, one
//! referral as its reader may see it, a person's referrals, overdue ones), `change` (status
//! changes, revocation, a receiver's own case, consent withdrawal), `peer` (what a peer server's
//! messages do here), `outgoing` (the one function that hands a message to the exchange),
//! `task_rules` (overdue referrals as the sender's tasks).

pub mod change;
pub mod msc;
pub mod outgoing;
pub mod peer;
pub mod read;
pub mod report;
pub mod send;
pub mod task_rules;

use crate::domain::{Consent, Field, Shared, Side, Status};
use drom_domain::permission::Actor;
use drom_store::Db;
use drom_store::db::Conn;
use drom_store::error::StoreError;
use drom_store::sql;
use serde::Serialize;
use utoipa::ToSchema;

/// Referrals' storage, over the kernel's database handle.
#[derive(Clone, Copy)]
pub struct Referrals<'a>(pub &'a Db);

impl std::ops::Deref for Referrals<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.0
    }
}

/// `db.referrals()`: the capability's storage on a kernel handle.
pub trait ReferralsDb {
    fn referrals(&self) -> Referrals<'_>;
}

impl ReferralsDb for Db {
    fn referrals(&self) -> Referrals<'_> {
        Referrals(self)
    }
}

/// A referral row as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub(crate) struct Row {
    pub id: i64,
    pub uid: String,
    pub sender_agency_id: Option<i64>,
    pub sender_peer_id: Option<i64>,
    pub sender_agency_name: String,
    pub receiver_agency_id: Option<i64>,
    pub receiver_peer_id: Option<i64>,
    pub service_id: String,
    pub service_name: String,
    pub organization_name: String,
    pub subject: Option<String>,
    pub subject_id: Option<i64>,
    pub person_id: Option<i64>,
    pub status: String,
    pub need: String,
    pub municipality_code: Option<String>,
    pub due_on: String,
    pub consent: String,
    pub fields: String,
    pub shared: Option<String>,
    pub withdrawn_at: Option<String>,
    pub reason: Option<String>,
    pub outcome: Option<String>,
    pub case_person_id: Option<i64>,
    pub version: i64,
    pub created_at: String,
    pub created_by: Option<i64>,
}

pub(crate) const COLUMNS: &str = "r.id, r.uid, r.sender_agency_id, r.sender_peer_id, r.sender_agency_name, \
     r.receiver_agency_id, r.receiver_peer_id, r.service_id, r.service_name, r.organization_name, r.subject, \
     r.subject_id, r.person_id, r.status, r.need, r.municipality_code, r.due_on, r.consent, r.fields, r.shared, \
     r.withdrawn_at, r.reason, r.outcome, r.case_person_id, r.version, r.created_at, r.created_by";

impl Row {
    pub fn status(&self) -> Status {
        self.status.parse().unwrap_or(Status::Draft)
    }

    /// The side `agency` is on, if any (the sender's when an agency refers to itself).
    pub fn side_of(&self, agency: i64) -> Option<Side> {
        if self.sender_agency_id == Some(agency) {
            Some(Side::Sender)
        } else if self.receiver_agency_id == Some(agency) {
            Some(Side::Receiver)
        } else {
            None
        }
    }
}

/// One change in a referral's history.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Event {
    pub status: String,
    pub reason: Option<String>,
    pub outcome: Option<String>,
    /// Who changed it (a user's name, or the name a peer server gave).
    pub by_name: String,
    pub agency_id: Option<i64>,
    pub peer_id: Option<i64>,
    pub at: String,
}

/// A referral as its reader may see it: the sender sees where it came from; the receiver sees
/// only the shared values (and, once made, its own case).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Referral {
    pub id: i64,
    /// The UUID the referral has on every server that holds it.
    pub uid: String,
    /// `sender` or `receiver`: the reader's side.
    pub side: Side,
    pub status: Status,
    pub sender_agency_name: String,
    pub service_id: String,
    pub service_name: String,
    pub organization_name: String,
    /// The receiving agency on this server, or the peer server.
    pub receiver_agency_id: Option<i64>,
    pub receiver_peer_id: Option<i64>,
    pub sender_peer_id: Option<i64>,
    /// The need's taxonomy code.
    pub need: String,
    pub municipality: Option<String>,
    #[schema(value_type = String)]
    pub due_on: String,
    pub overdue: bool,
    pub consent: Consent,
    pub fields: Vec<Field>,
    /// The shared values; null once the person withdrew consent.
    pub shared: Option<Shared>,
    /// True when special-category values were left out because the reader lacks the grant.
    pub special_withheld: bool,
    pub withdrawn_at: Option<String>,
    pub reason: Option<String>,
    pub outcome: Option<String>,
    /// Sender side: the record it came from (`person` or `return_case`) and the person.
    pub subject: Option<String>,
    pub subject_id: Option<i64>,
    pub person_id: Option<i64>,
    /// Receiver side: the person made in the receiver's registry from the shared values.
    pub case_person_id: Option<i64>,
    pub version: i64,
    pub created_at: String,
    /// The statuses the reader may move it to now.
    pub next: Vec<Status>,
    pub history: Vec<Event>,
}

/// The referral `id` if the actor's agency is one of its parties, and that side.
pub(crate) async fn load_party(c: &mut Conn<'_>, actor: &Actor, id: i64) -> Result<(Row, Side), StoreError> {
    let scope = drom_store::scope::AgencyScope::of(actor);
    let row: Option<Row> = sql!(
        c,
        fetch_optional,
        sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM referral r WHERE r.id = $2 AND {}",
            scope.party("r.sender_agency_id", "r.receiver_agency_id", 1)
        )))
        .bind(scope.agency())
        .bind(id)
    )?;
    let row = row.ok_or(StoreError::NotFound)?;
    let side = row.side_of(actor.agency_id).ok_or(StoreError::NotFound)?;
    Ok((row, side))
}

/// A referral by its UUID, for the peer side.
pub(crate) async fn load_uid(c: &mut Conn<'_>, uid: &str) -> Result<Option<Row>, StoreError> {
    Ok(sql!(
        c,
        fetch_optional,
        sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM referral r WHERE r.uid = $1")))
            .bind(uid)
    )?)
}

/// Appends a history event.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn add_event(
    c: &mut Conn<'_>,
    referral_id: i64,
    status: Status,
    reason: Option<&str>,
    outcome: Option<&str>,
    by_name: &str,
    by_user: Option<i64>,
    agency_id: Option<i64>,
    peer_id: Option<i64>,
    at: &str,
) -> Result<(), StoreError> {
    sql!(
        c,
        execute,
        sqlx::query(
            "INSERT INTO referral_event (referral_id, status, reason, outcome, by_name, by_user, agency_id, peer_id, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
        )
        .bind(referral_id)
        .bind(status.code())
        .bind(reason)
        .bind(outcome)
        .bind(by_name)
        .bind(by_user)
        .bind(agency_id)
        .bind(peer_id)
        .bind(at)
    )?;
    Ok(())
}

/// The display name of a user, for the history.
pub(crate) async fn display_name(c: &mut Conn<'_>, user_id: i64) -> Result<String, StoreError> {
    Ok(sql!(
        c,
        fetch_optional,
        sqlx::query_scalar::<_, String>("SELECT display_name FROM app_user WHERE id = $1").bind(user_id)
    )?
    .unwrap_or_default())
}

/// The name of an agency.
pub(crate) async fn agency_name(c: &mut Conn<'_>, agency_id: i64) -> Result<String, StoreError> {
    Ok(sql!(
        c,
        fetch_optional,
        sqlx::query_scalar::<_, String>("SELECT name FROM agency WHERE id = $1").bind(agency_id)
    )?
    .unwrap_or_default())
}

/// A new random UUID (version 4).
pub fn new_uid() -> String {
    crate::domain::uuid_v4(rand::random())
}

/// The person, if the actor's agency holds it (`owned`) or may read it; else "not found", as for
/// a person that does not exist.
pub(crate) async fn require_person(
    c: &mut Conn<'_>,
    scope: &drom_store::scope::AgencyScope,
    person_id: i64,
    owned: bool,
) -> Result<(), StoreError> {
    let visible = if owned { scope.owned("", 1) } else { scope.readable("", 1) };
    let exists: Option<i64> = sql!(
        c,
        fetch_optional,
        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!("SELECT id FROM person WHERE id = $2 AND {visible}")))
            .bind(scope.agency())
            .bind(person_id)
    )?;
    exists.map(|_| ()).ok_or(StoreError::NotFound)
}
