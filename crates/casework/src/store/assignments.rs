//! Who a record is assigned to: one named user of the owning agency at a time. A caseworker may
//! take an unassigned record for themselves; giving a record to someone else, taking it from
//! someone, or clearing it is a supervisor's (`supervise`). Every change is audited with who it
//! went from and to.

use super::{Casework, require_subject};
use crate::CaseworkReason;
use crate::domain::Subject;
use drom_domain::ValidationErrors;
use drom_domain::permission::{Actor, Permission, Role};
use drom_store::audit;
use drom_store::db::{Conn, now};
use drom_store::error::StoreError;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Assignment {
    pub user_id: i64,
    pub display_name: String,
    pub assigned_at: String,
    pub assigned_by: i64,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignmentInput {
    /// The user to assign the record to; absent or null clears the assignment.
    pub user_id: Option<i64>,
}

/// A user of the agency who can be given work.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Worker {
    pub id: i64,
    pub display_name: String,
    pub role: String,
}

impl Casework<'_> {
    /// Who the record is assigned to, if anyone.
    pub async fn assignment(&self, actor: &Actor, subject: Subject, id: i64) -> Result<Option<Assignment>, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        require_subject(&mut c, actor, subject, id).await?;
        current(&mut c, subject, id).await
    }

    /// The active users of the actor's agency who can work on cases (not viewers).
    pub async fn workers(&self, actor: &Actor) -> Result<Vec<Worker>, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let users: Vec<Worker> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, Worker>(
                "SELECT id, display_name, role FROM app_user WHERE agency_id = $1 AND NOT disabled ORDER BY display_name"
            )
            .bind(actor.agency_id)
        )?;
        Ok(users.into_iter().filter(|u| works_on_cases(&u.role)).collect())
    }

    /// Assigns the record to `input.user_id` (or clears it), as the rules of this module allow.
    pub async fn assign(
        &self,
        actor: &Actor,
        subject: Subject,
        id: i64,
        input: AssignmentInput,
    ) -> Result<Option<Assignment>, StoreError> {
        actor.registry_writer()?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        require_subject(&mut c, actor, subject, id).await?;
        let before = current(&mut c, subject, id).await?;
        let taking_free_for_self = before.is_none() && input.user_id == Some(actor.user_id);
        if !taking_free_for_self {
            actor.require(Permission::Supervise)?;
        }
        if let Some(user) = input.user_id {
            let row: Option<(String, bool)> = sql!(
                &mut c,
                fetch_optional,
                sqlx::query_as::<_, (String, bool)>(
                    "SELECT role, disabled FROM app_user WHERE id = $1 AND agency_id = $2"
                )
                .bind(user)
                .bind(actor.agency_id)
            )?;
            match row {
                None | Some((_, true)) => {
                    return Err(ValidationErrors::single("user_id", CaseworkReason::NotAgencyUser { user }).into());
                }
                Some((role, false)) if !works_on_cases(&role) => {
                    return Err(ValidationErrors::single("user_id", CaseworkReason::NotCaseworker { user }).into());
                }
                Some(_) => {}
            }
        }
        if before.as_ref().map(|b| b.user_id) == input.user_id {
            return Ok(before);
        }
        sql!(
            &mut c,
            execute,
            sqlx::query("DELETE FROM assignment WHERE subject = $1 AND subject_id = $2").bind(subject.code()).bind(id)
        )?;
        if let Some(user) = input.user_id {
            sql!(
                &mut c,
                execute,
                sqlx::query(
                    "INSERT INTO assignment (subject, subject_id, agency_id, user_id, assigned_at, assigned_by) \
                     VALUES ($1, $2, $3, $4, $5, $6)"
                )
                .bind(subject.code())
                .bind(id)
                .bind(actor.agency_id)
                .bind(user)
                .bind(now())
                .bind(actor.user_id)
            )?;
        }
        audit::append(
            &mut c,
            actor,
            "assignment.set",
            subject.table(),
            Some(id),
            None,
            serde_json::json!({"from": before.as_ref().map(|b| b.user_id), "to": input.user_id}),
        )
        .await?;
        let after = current(&mut c, subject, id).await?;
        tx.commit().await?;
        Ok(after)
    }

    /// The ids of the records of one kind assigned to a user of the actor's agency.
    pub async fn assigned_ids(&self, actor: &Actor, user_id: i64, subject: Subject) -> Result<Vec<i64>, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        Ok(sql!(
            &mut c,
            fetch_all,
            sqlx::query_scalar::<_, i64>(
                "SELECT subject_id FROM assignment WHERE user_id = $1 AND agency_id = $2 AND subject = $3 \
                 ORDER BY assigned_at DESC"
            )
            .bind(user_id)
            .bind(actor.agency_id)
            .bind(subject.code())
        )?)
    }
}

/// Whether a user of this role can be given cases: anyone who writes the registry.
fn works_on_cases(role: &str) -> bool {
    role.parse::<Role>().is_ok_and(|r| r.grants(Permission::RegistryWrite))
}

async fn current(c: &mut Conn<'_>, subject: Subject, id: i64) -> Result<Option<Assignment>, StoreError> {
    Ok(sql!(
        c,
        fetch_optional,
        sqlx::query_as::<_, Assignment>(
            "SELECT a.user_id, u.display_name, a.assigned_at, a.assigned_by FROM assignment a \
             JOIN app_user u ON u.id = a.user_id WHERE a.subject = $1 AND a.subject_id = $2"
        )
        .bind(subject.code())
        .bind(id)
    )?)
}

/// The SQL that selects the assignee's id of a record aliased `alias` of kind `subject`, for
/// other capabilities' lists ("my cases", "unassigned").
pub fn assignee_sql(subject: Subject, alias: &str) -> String {
    format!("(SELECT a.user_id FROM assignment a WHERE a.subject = '{}' AND a.subject_id = {alias}.id)", subject.code())
}
