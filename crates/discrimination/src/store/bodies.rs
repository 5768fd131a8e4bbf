//! The competent bodies (agencies that receive reports, with their kind, municipality,
//! acknowledgement deadline and retention period) and the routing rules in use.

use super::Discrimination;
use crate::domain::BodyKind;
use crate::domain::routing::{Facts, Rules};
use drom_domain::permission::Actor;
use drom_domain::{Common, ValidationErrors};
use drom_store::audit;
use drom_store::db::Conn;
use drom_store::error::StoreError;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The default deadline for a human acknowledgement, in days.
pub const DEFAULT_ACK_DAYS: i64 = 7;
/// The default time a closed report's personal data are kept, in days (two years).
pub const DEFAULT_RETENTION_DAYS: i64 = 730;

/// A competent body.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Body {
    pub agency_id: i64,
    pub name: String,
    pub kind: String,
    pub municipality_code: Option<String>,
    pub ack_days: i64,
    pub retention_days: i64,
    pub active: bool,
}

/// A body's settings as an administrator sets them.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BodySettings {
    pub kind: BodyKind,
    /// A municipal unit's municipality (reference data code); none for other kinds.
    #[serde(default)]
    pub municipality: Option<String>,
    #[serde(default)]
    pub ack_days: Option<i64>,
    /// Applies to reports that arrive from now on.
    #[serde(default)]
    pub retention_days: Option<i64>,
    /// Whether routing proposes it (default true).
    #[serde(default)]
    pub active: Option<bool>,
}

const BODY_COLUMNS: &str =
    "b.agency_id, a.name, b.kind, b.municipality_code, b.ack_days, b.retention_days, (b.active <> 0) AS active";

impl Discrimination<'_> {
    /// Uses `rules` for routing from now on (`drom serve --routing`).
    pub fn set_rules(&self, rules: Rules) {
        self.0.set_extension(rules);
    }

    /// The routing rules in use: those set at start-up, else the shipped ones.
    pub fn rules(&self) -> std::sync::Arc<Rules> {
        self.0.extension::<Rules>().unwrap_or_else(|| std::sync::Arc::new(Rules::shipped()))
    }

    /// Every competent body (public: the form says who handles reports).
    pub async fn bodies(&self) -> Result<Vec<Body>, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        bodies(&mut c).await
    }

    /// Sets whether and how an agency receives reports: its own administrator, or a system
    /// administrator for any agency. Audited.
    pub async fn set_body(&self, actor: &Actor, agency_id: i64, s: BodySettings) -> Result<Body, StoreError> {
        let admin = actor.administrator()?;
        if !admin.manages(agency_id) {
            return Err(StoreError::NotFound);
        }
        self.agency(agency_id).await.map_err(|_| StoreError::NotFound)?;
        let mut e = ValidationErrors::default();
        let reference = self.reference().await?;
        let municipality = s.municipality.as_deref().map(str::trim).filter(|m| !m.is_empty()).map(str::to_string);
        match (&municipality, s.kind) {
            (None, BodyKind::MunicipalUnit) => e.push("municipality", Common::Required),
            (Some(m), BodyKind::MunicipalUnit) if !reference.municipalities.iter().any(|x| &x.code == m) => {
                e.push("municipality", Common::UnknownMunicipality { value: m.clone() })
            }
            (Some(_), k) if k != BodyKind::MunicipalUnit => {
                e.push("municipality", Common::Together { other: "kind municipal_unit".into() })
            }
            _ => {}
        }
        let ack_days = s.ack_days.unwrap_or(DEFAULT_ACK_DAYS);
        if !(1..=90).contains(&ack_days) {
            e.push("ack_days", Common::Between { min: 1, max: 90 });
        }
        let retention_days = s.retention_days.unwrap_or(DEFAULT_RETENTION_DAYS);
        if !(30..=3650).contains(&retention_days) {
            e.push("retention_days", Common::Between { min: 30, max: 3650 });
        }
        e.into_result(())?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        sql!(
            &mut c,
            execute,
            sqlx::query(
                "INSERT INTO discrimination_body (agency_id, kind, municipality_code, ack_days, retention_days, active) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (agency_id) DO UPDATE SET kind = $2, municipality_code = $3, \
                 ack_days = $4, retention_days = $5, active = $6"
            )
            .bind(agency_id)
            .bind(s.kind.code())
            .bind(&municipality)
            .bind(ack_days)
            .bind(retention_days)
            .bind(i64::from(s.active.unwrap_or(true)))
        )?;
        audit::append(
            &mut c,
            actor,
            "discrimination.body",
            "agency",
            Some(agency_id),
            None,
            serde_json::json!({"kind": s.kind, "municipality": municipality, "ack_days": ack_days,
                "retention_days": retention_days, "active": s.active.unwrap_or(true)}),
        )
        .await?;
        tx.commit().await?;
        self.bodies().await?.into_iter().find(|b| b.agency_id == agency_id).ok_or(StoreError::NotFound)
    }
}

pub(crate) async fn bodies(c: &mut Conn<'_>) -> Result<Vec<Body>, StoreError> {
    Ok(sql!(
        c,
        fetch_all,
        sqlx::query_as::<_, Body>(sqlx::AssertSqlSafe(format!(
            "SELECT {BODY_COLUMNS} FROM discrimination_body b JOIN agency a ON a.id = b.agency_id ORDER BY a.name"
        )))
    )?)
}

/// The body the rules propose for `facts` in `municipality`, with the rule: the first rule that
/// applies and names an active body (a municipal unit of that municipality).
pub(crate) fn route<'b>(
    rules: &Rules,
    bodies: &'b [Body],
    facts: &Facts,
    municipality: &str,
) -> Option<(&'b Body, crate::domain::routing::Proposal)> {
    let find = |kind: BodyKind| {
        bodies.iter().find(|b| {
            b.active
                && b.kind == kind.code()
                && (kind != BodyKind::MunicipalUnit || b.municipality_code.as_deref() == Some(municipality))
        })
    };
    let proposal = rules.propose(facts, |k| find(k).is_some())?;
    find(proposal.body).map(|b| (b, proposal))
}
