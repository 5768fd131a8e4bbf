//! Reading referrals: the sent and received boxes, one referral, a person's referrals and the
//! overdue counts. Each party reads only its side: the receiver the shared values, never the
//! sender's record; an agency that is neither sees nothing. Special-category values leave
//! storage only for a reader with the grant, and their read is audited.

use super::{COLUMNS, Event, Referral, Referrals, Row, load_party};
use crate::domain::{Consent, Field, Shared, Side, Status, is_overdue, next};
use drom_domain::permission::{Actor, Permission};
use drom_store::audit;
use drom_store::db::Conn;
use drom_store::error::StoreError;
use drom_store::query::{Param, bind_params};
use drom_store::scope::AgencyScope;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Which box to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Box {
    #[default]
    Sent,
    Received,
}

/// Filters of the referral lists.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// `sent` (default) or `received`.
    #[serde(rename = "box", default)]
    #[param(rename = "box", value_type = Option<String>)]
    pub box_: Option<String>,
    /// A status code (requested, accepted, ...), or `open`.
    pub status: Option<String>,
    /// A need's taxonomy code.
    pub need: Option<String>,
    /// Only referrals not answered by their due date.
    pub overdue: Option<bool>,
}

/// One line of a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReferralLine {
    pub id: i64,
    pub uid: String,
    pub side: Side,
    pub status: Status,
    pub sender_agency_name: String,
    pub service_name: String,
    pub organization_name: String,
    pub need: String,
    pub due_on: String,
    pub overdue: bool,
    /// The receiver sees the name only when it is shared (and not withdrawn); the sender always.
    pub name: Option<String>,
    pub withdrawn: bool,
    pub created_at: String,
}

/// Overdue referrals of an agency: those it sent and those it received.
#[derive(Debug, Clone, Copy, Default, Serialize, ToSchema)]
pub struct Overdue {
    pub sent: i64,
    pub received: i64,
}

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

fn line(row: &Row, side: Side, today: &str, sender_name: Option<String>) -> ReferralLine {
    let shared: Option<Shared> = row.shared.as_deref().and_then(|s| serde_json::from_str(s).ok());
    let shared_name = shared
        .and_then(|s| Some(format!("{} {}", s.given_name?, s.family_name.unwrap_or_default()).trim().to_string()));
    ReferralLine {
        id: row.id,
        uid: row.uid.clone(),
        side,
        status: row.status(),
        sender_agency_name: row.sender_agency_name.clone(),
        service_name: row.service_name.clone(),
        organization_name: row.organization_name.clone(),
        need: row.need.clone(),
        due_on: row.due_on.clone(),
        overdue: is_overdue(row.status(), &row.due_on, today),
        name: if side == Side::Sender { sender_name.or(shared_name) } else { shared_name },
        withdrawn: row.withdrawn_at.is_some(),
        created_at: row.created_at.clone(),
    }
}

impl Referrals<'_> {
    /// The sent or received referrals of the actor's agency, newest first (at most 500).
    pub async fn list(&self, actor: &Actor, q: &ListQuery) -> Result<Vec<ReferralLine>, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let which = match q.box_.as_deref().map(str::trim) {
            None | Some("") | Some("sent") => Box::Sent,
            Some("received") => Box::Received,
            Some(other) => {
                return Err(drom_domain::ValidationErrors::single(
                    "box",
                    drom_domain::Common::NotOneOf { value: other.into(), choices: "sent, received".into() },
                )
                .into());
            }
        };
        let scope = AgencyScope::of(actor);
        let column = if which == Box::Sent { "r.sender_agency_id" } else { "r.receiver_agency_id" };
        let mut sql = format!(
            "SELECT {COLUMNS}, p.given_name AS person_given, p.family_name AS person_family FROM referral r \
             LEFT JOIN person p ON p.id = r.person_id AND r.sender_agency_id = $1 WHERE {column} = $1"
        );
        let mut params = vec![Param::I(scope.agency())];
        match q.status.as_deref().map(str::trim) {
            None | Some("") => {}
            Some("open") => {
                sql.push_str(" AND r.status IN ('draft', 'requested', 'accepted', 'in-progress', 'on-hold')")
            }
            Some(s) => {
                let status: Status = s.parse().map_err(|r| drom_domain::ValidationErrors::single("status", r))?;
                params.push(Param::S(status.code().into()));
                sql.push_str(&format!(" AND r.status = ${}", params.len()));
            }
        }
        if let Some(need) = q.need.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            params.push(Param::S(need.into()));
            sql.push_str(&format!(" AND r.need = ${}", params.len()));
        }
        let today = today();
        if q.overdue == Some(true) {
            params.push(Param::S(today.clone()));
            sql.push_str(&format!(" AND r.status = 'requested' AND r.due_on < ${}", params.len()));
        }
        sql.push_str(" ORDER BY r.created_at DESC, r.id DESC LIMIT 500");
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let rows: Vec<(Row, Option<String>, Option<String>)> =
            sql!(&mut c, fetch_all, bind_params(sqlx::query_as::<_, ListRow>(sqlx::AssertSqlSafe(sql)), &params))?
                .into_iter()
                .map(|r: ListRow| (r.row, r.person_given, r.person_family))
                .collect();
        let side = if which == Box::Sent { Side::Sender } else { Side::Receiver };
        Ok(rows
            .iter()
            .map(|(row, g, f)| {
                let name = g.as_ref().map(|g| format!("{g} {}", f.clone().unwrap_or_default()));
                line(row, side, &today, name)
            })
            .collect())
    }

    /// The referrals made for a person of the actor's agency, newest first.
    pub async fn of_person(&self, actor: &Actor, person_id: i64) -> Result<Vec<ReferralLine>, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let scope = AgencyScope::of(actor);
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        super::require_person(&mut c, &scope, person_id, false).await?;
        let rows: Vec<Row> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM referral r WHERE r.person_id = $2 AND {} ORDER BY r.created_at DESC, r.id DESC",
                scope.owned("r", 1).replace("r.agency_id", "r.sender_agency_id")
            )))
            .bind(scope.agency())
            .bind(person_id)
        )?;
        let today = today();
        Ok(rows.iter().map(|r| line(r, Side::Sender, &today, None)).collect())
    }

    /// One referral as the actor's side may see it.
    pub async fn get(&self, actor: &Actor, id: i64) -> Result<Referral, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let (row, side) = load_party(&mut c, actor, id).await?;
        let out = view(&mut c, actor, row, side).await?;
        tx.commit().await?;
        Ok(out)
    }

    /// How many referrals of the actor's agency wait for an answer past their due date.
    pub async fn overdue(&self, actor: &Actor) -> Result<Overdue, StoreError> {
        let scope = AgencyScope::of(actor);
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let (sent, received): (i64, i64) = sql!(
            &mut c,
            fetch_one,
            sqlx::query_as::<_, (i64, i64)>(sqlx::AssertSqlSafe(format!(
                "SELECT COALESCE(SUM(CASE WHEN r.sender_agency_id = $1 THEN 1 ELSE 0 END), 0), \
                 COALESCE(SUM(CASE WHEN r.receiver_agency_id = $1 THEN 1 ELSE 0 END), 0) \
                 FROM referral r WHERE r.status = 'requested' AND r.due_on < $2 AND {}",
                scope.party("r.sender_agency_id", "r.receiver_agency_id", 1)
            )))
            .bind(scope.agency())
            .bind(today())
        )?;
        Ok(Overdue { sent, received })
    }
}

#[derive(sqlx::FromRow)]
struct ListRow {
    #[sqlx(flatten)]
    row: Row,
    person_given: Option<String>,
    person_family: Option<String>,
}

/// A row as its side sees it, audited when special-category values are shown.
pub(crate) async fn view(c: &mut Conn<'_>, actor: &Actor, row: Row, side: Side) -> Result<Referral, StoreError> {
    let history: Vec<Event> = sql!(
        c,
        fetch_all,
        sqlx::query_as::<_, Event>(
            "SELECT status, reason, outcome, by_name, agency_id, peer_id, at FROM referral_event \
             WHERE referral_id = $1 ORDER BY id"
        )
        .bind(row.id)
    )?;
    let mut shared: Option<Shared> = row.shared.as_deref().map(serde_json::from_str).transpose()?;
    let mut special_withheld = false;
    if let Some(s) = shared.as_mut()
        && (s.vulnerabilities.is_some() || s.community.is_some())
    {
        if actor.can(Permission::SpecialCategories) {
            audit::append(
                c,
                actor,
                "referral.read_special",
                "referral",
                Some(row.id),
                None,
                serde_json::json!({"fields": s.fields().iter().filter(|f| f.is_special()).collect::<Vec<_>>()}),
            )
            .await?;
        } else {
            s.vulnerabilities = None;
            s.community = None;
            special_withheld = true;
        }
    }
    let consent: Consent = serde_json::from_str(&row.consent)?;
    let fields: Vec<Field> = serde_json::from_str(&row.fields)?;
    let status = row.status();
    let sender = side == Side::Sender;
    Ok(Referral {
        id: row.id,
        uid: row.uid,
        side,
        status,
        sender_agency_name: row.sender_agency_name,
        service_id: row.service_id,
        service_name: row.service_name,
        organization_name: row.organization_name,
        receiver_agency_id: row.receiver_agency_id,
        receiver_peer_id: row.receiver_peer_id,
        sender_peer_id: row.sender_peer_id,
        need: row.need,
        municipality: row.municipality_code,
        overdue: is_overdue(status, &row.due_on, &today()),
        due_on: row.due_on,
        consent,
        fields,
        shared,
        special_withheld,
        withdrawn_at: row.withdrawn_at,
        reason: row.reason,
        outcome: row.outcome,
        subject: if sender { row.subject } else { None },
        subject_id: if sender { row.subject_id } else { None },
        person_id: if sender { row.person_id } else { None },
        case_person_id: if sender { None } else { row.case_person_id },
        version: row.version,
        created_at: row.created_at,
        next: next(status, side),
        history,
    })
}
