//! Administration of the directory: which Drom agency of this server an organization is (so
//! referrals to its services reach that agency's users), and a service's status. Audited.

use super::{Directory, SERVICE_REF, ServiceRef};
use crate::DirectoryReason;
use crate::domain::ServiceStatus;
use drom_domain::ValidationErrors;
use drom_domain::permission::{Administrator, Permission};
use drom_store::audit;
use drom_store::db::now;
use drom_store::error::StoreError;
use drom_store::sql;
use serde::{Deserialize, Serialize};

/// An organization as administrators see it: with the agency it is, if any.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct OrganizationLink {
    pub id: String,
    pub name: String,
    pub agency_id: Option<i64>,
    pub agency_name: Option<String>,
    pub peer_id: Option<i64>,
}

/// The agency an organization is (none: an outside provider).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct AgencyLink {
    pub agency_id: Option<i64>,
}

/// A service's new status.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct StatusChange {
    /// active, inactive, defunct or temporarily closed.
    pub status: String,
}

impl Directory<'_> {
    /// Every organization with its agency, by name.
    pub async fn organization_links(&self) -> Result<Vec<OrganizationLink>, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        Ok(sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, OrganizationLink>(
                "SELECT o.id, o.name, o.agency_id, a.name AS agency_name, o.peer_id FROM dir_organization o \
                 LEFT JOIN agency a ON a.id = o.agency_id ORDER BY o.name, o.id"
            )
        )?)
    }

    /// Every service of every status, by name (for administrators).
    pub async fn all_services(&self) -> Result<Vec<ServiceRef>, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        Ok(sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, ServiceRef>(sqlx::AssertSqlSafe(format!("{SERVICE_REF} ORDER BY s.name, o.name")))
        )?)
    }

    /// Makes an organization a Drom agency of this server (or an outside provider again, with
    /// `None`). An administrator links to or unlinks from their own agency; a system
    /// administrator any.
    pub async fn link_agency(
        &self,
        admin: Administrator<'_>,
        organization_id: &str,
        agency_id: Option<i64>,
    ) -> Result<OrganizationLink, StoreError> {
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let current: Option<Option<i64>> = sql!(
            &mut c,
            fetch_optional,
            sqlx::query_scalar::<_, Option<i64>>("SELECT agency_id FROM dir_organization WHERE id = $1")
                .bind(organization_id)
        )?;
        let current = current.ok_or(StoreError::NotFound)?;
        for touched in [current, agency_id].into_iter().flatten() {
            if !admin.manages(touched) {
                return Err(StoreError::Denied(drom_domain::permission::Denied(Permission::AdministerSystem)));
            }
        }
        if let Some(a) = agency_id {
            let known: Option<i64> = sql!(
                &mut c,
                fetch_optional,
                sqlx::query_scalar::<_, i64>("SELECT id FROM agency WHERE id = $1").bind(a)
            )?;
            if known.is_none() {
                return Err(ValidationErrors::single(
                    "agency_id",
                    DirectoryReason::NoSuchRecord { table: "agency".into(), id: a.to_string() },
                )
                .into());
            }
        }
        sql!(
            &mut c,
            execute,
            sqlx::query("UPDATE dir_organization SET agency_id = $1, updated_at = $2 WHERE id = $3")
                .bind(agency_id)
                .bind(now())
                .bind(organization_id)
        )?;
        audit::append(
            &mut c,
            admin.actor(),
            "directory.link_agency",
            "dir_organization",
            None,
            None,
            serde_json::json!({"organization": organization_id, "from": current, "to": agency_id}),
        )
        .await?;
        let link = sql!(
            &mut c,
            fetch_one,
            sqlx::query_as::<_, OrganizationLink>(
                "SELECT o.id, o.name, o.agency_id, a.name AS agency_name, o.peer_id FROM dir_organization o \
                 LEFT JOIN agency a ON a.id = o.agency_id WHERE o.id = $1"
            )
            .bind(organization_id)
        )?;
        tx.commit().await?;
        Ok(link)
    }

    /// Sets a service's status (only an active service takes referrals).
    pub async fn set_status(
        &self,
        admin: Administrator<'_>,
        service_id: &str,
        status: &str,
    ) -> Result<ServiceRef, StoreError> {
        let status: ServiceStatus =
            status.parse().map_err(|r: drom_domain::Common| ValidationErrors::single("status", r))?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let before: Option<String> = sql!(
            &mut c,
            fetch_optional,
            sqlx::query_scalar::<_, String>("SELECT status FROM dir_service WHERE id = $1").bind(service_id)
        )?;
        let before = before.ok_or(StoreError::NotFound)?;
        sql!(
            &mut c,
            execute,
            sqlx::query("UPDATE dir_service SET status = $1, updated_at = $2 WHERE id = $3")
                .bind(status.code())
                .bind(now())
                .bind(service_id)
        )?;
        audit::append(
            &mut c,
            admin.actor(),
            "directory.service_status",
            "dir_service",
            None,
            None,
            serde_json::json!({"service": service_id, "from": before, "to": status.code()}),
        )
        .await?;
        let r = sql!(
            &mut c,
            fetch_one,
            sqlx::query_as::<_, ServiceRef>(sqlx::AssertSqlSafe(format!("{SERVICE_REF} WHERE s.id = $1")))
                .bind(service_id)
        )?;
        tx.commit().await?;
        Ok(r)
    }
}
