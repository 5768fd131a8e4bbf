//! The directory's storage, over the kernel's database handle (`db.directory()`).

pub mod admin;
pub mod find;
pub mod tables;

use drom_store::Db;
use drom_store::error::StoreError;
use drom_store::sql;
use serde::Serialize;

/// The directory's storage, over the kernel's database handle.
#[derive(Clone, Copy)]
pub struct Directory<'a>(pub &'a Db);

impl std::ops::Deref for Directory<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.0
    }
}

/// `db.directory()`: the capability's storage on a kernel handle.
pub trait DirectoryDb {
    fn directory(&self) -> Directory<'_>;
}

impl DirectoryDb for Db {
    fn directory(&self) -> Directory<'_> {
        Directory(self)
    }
}

/// What a referral needs to know of a service: who provides it and where a referral to it goes.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ServiceRef {
    /// The service's UUID.
    pub id: String,
    pub name: String,
    /// HSDS status; only `active` takes referrals.
    pub status: String,
    pub organization_id: String,
    pub organization_name: String,
    /// The Drom agency on this server that receives referrals to it, if the provider is one.
    pub agency_id: Option<i64>,
    /// The peer Drom server that receives them, if the provider runs its own.
    pub peer_id: Option<i64>,
}

pub(crate) const SERVICE_REF: &str = "SELECT s.id, s.name, s.status, o.id AS organization_id, o.name AS organization_name, \
     o.agency_id, o.peer_id FROM dir_service s JOIN dir_organization o ON o.id = s.organization_id";

impl Directory<'_> {
    /// A service by its UUID, with its provider; the directory is public, so no scope applies.
    pub async fn service_ref(&self, id: &str) -> Result<ServiceRef, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        sql!(
            &mut c,
            fetch_optional,
            sqlx::query_as::<_, ServiceRef>(sqlx::AssertSqlSafe(format!("{SERVICE_REF} WHERE s.id = $1"))).bind(id)
        )?
        .ok_or(StoreError::NotFound)
    }

    /// Every active service, by name: the list a sender picks a referral's service from.
    pub async fn active_services(&self) -> Result<Vec<ServiceRef>, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, ServiceRef>(sqlx::AssertSqlSafe(format!(
                "{SERVICE_REF} WHERE s.status = 'active' ORDER BY s.name, o.name"
            )))
        )
        .map_err(StoreError::from)
    }
}
