//! Notes on a record. A note is never edited or deleted (a correction is a new note). A note
//! that reveals a special category is written and read only with the grant, and reading one is
//! audited; without the grant the reader learns only how many were withheld.

use super::{Casework, require_subject};
use crate::domain::{Subject, note_body};
use drom_domain::permission::{Actor, Permission};
use drom_domain::{Common, ValidationErrors};
use drom_store::audit;
use drom_store::db::now;
use drom_store::error::StoreError;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Note {
    pub id: i64,
    pub body: String,
    pub special: bool,
    pub created_at: String,
    pub created_by: i64,
    pub author: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteInput {
    pub body: String,
    /// The note reveals a special category (health, trafficking, a minor's situation).
    #[serde(default)]
    pub special: bool,
}

/// The notes of a record the reader may see, and how many were withheld from them.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Notes {
    pub notes: Vec<Note>,
    pub withheld: i64,
}

impl Casework<'_> {
    /// Adds a note to a record of the actor's agency.
    pub async fn add_note(
        &self,
        actor: &Actor,
        subject: Subject,
        id: i64,
        input: NoteInput,
    ) -> Result<Note, StoreError> {
        actor.registry_writer()?;
        let mut e = ValidationErrors::default();
        let body = note_body(&mut e, &input.body);
        if input.special && !actor.can(Permission::SpecialCategories) {
            e.push("special", Common::NeedsSpecialCategories);
        }
        e.into_result(())?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        require_subject(&mut c, actor, subject, id).await?;
        let at = now();
        let note_id: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO note (agency_id, subject, subject_id, body, special, created_at, created_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
            )
            .bind(actor.agency_id)
            .bind(subject.code())
            .bind(id)
            .bind(&body)
            .bind(i64::from(input.special))
            .bind(&at)
            .bind(actor.user_id)
        )?;
        audit::append(
            &mut c,
            actor,
            "note.add",
            subject.table(),
            Some(id),
            None,
            serde_json::json!({"note": note_id, "special": input.special}),
        )
        .await?;
        tx.commit().await?;
        Ok(Note {
            id: note_id,
            body,
            special: input.special,
            created_at: at,
            created_by: actor.user_id,
            author: actor.username.clone(),
        })
    }

    /// The notes of a record, newest first; special ones only with the grant (and audited).
    pub async fn notes(&self, actor: &Actor, subject: Subject, id: i64) -> Result<Notes, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let special = actor.can(Permission::SpecialCategories);
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        require_subject(&mut c, actor, subject, id).await?;
        let rows: Vec<(i64, String, i64, String, i64, String)> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, (i64, String, i64, String, i64, String)>(
                "SELECT n.id, n.body, n.special, n.created_at, n.created_by, u.display_name FROM note n \
                 JOIN app_user u ON u.id = n.created_by WHERE n.subject = $1 AND n.subject_id = $2 \
                 ORDER BY n.created_at DESC, n.id DESC"
            )
            .bind(subject.code())
            .bind(id)
        )?;
        let mut out = Notes::default();
        let mut read_special = Vec::new();
        for (note_id, body, is_special, created_at, created_by, author) in rows {
            let is_special = is_special != 0;
            if is_special && !special {
                out.withheld += 1;
                continue;
            }
            if is_special {
                read_special.push(note_id);
            }
            out.notes.push(Note { id: note_id, body, special: is_special, created_at, created_by, author });
        }
        if !read_special.is_empty() {
            audit::append(
                &mut c,
                actor,
                "note.read_special",
                subject.table(),
                Some(id),
                None,
                serde_json::json!({"notes": read_special}),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(out)
    }
}
