//! Files attached to a record: a signed consent form, an identity document, a medical letter.
//! The type is recognised from the content (`domain::sniff`), the size is capped, the file is
//! kept in the file store (outside anything the server serves) under a random name with its
//! SHA-256, checked again on every download. A file is served only to a user who may read the
//! record, a special-category file only with the grant, and every download is audited before a
//! byte is sent.

use super::{Casework, FileStore, require_subject};
use crate::domain::{AttachmentKind, Subject, clean_file_name, description, sniff};
use drom_domain::error::Refusal;
use drom_domain::permission::{Actor, Permission};
use drom_domain::{Common, ValidationErrors};
use drom_store::audit;
use drom_store::db::now;
use drom_store::error::StoreError;
use drom_store::sql;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Attachment {
    pub id: i64,
    pub subject: String,
    pub subject_id: i64,
    pub kind: String,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    #[serde(skip)]
    pub stored_as: String,
    pub special: bool,
    pub description: Option<String>,
    pub created_at: String,
    pub created_by: i64,
    pub author: String,
}

/// A file to attach, as received.
#[derive(Debug, Clone)]
pub struct NewAttachment {
    pub kind: String,
    pub file_name: String,
    pub content: Vec<u8>,
    pub special: bool,
    pub description: Option<String>,
}

/// The files of a record the reader may see, and how many were withheld from them.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Attachments {
    pub attachments: Vec<Attachment>,
    pub withheld: i64,
}

const COLUMNS: &str = "f.id, f.subject, f.subject_id, f.kind, f.file_name, f.media_type, f.size_bytes, f.sha256, \
    f.stored_as, (f.special <> 0) AS special, f.description, f.created_at, f.created_by, u.display_name AS author";

/// Where the file stored as `stored_as` is (other capabilities keep their files in the same store).
pub fn path_of(store: &FileStore, stored_as: &str) -> PathBuf {
    // Two hex characters of fan-out keep any one folder small.
    store.dir.join(&stored_as[..2]).join(stored_as)
}

impl Casework<'_> {
    /// Checks and keeps a file on a record of the actor's agency.
    pub async fn attach(
        &self,
        actor: &Actor,
        subject: Subject,
        id: i64,
        new: NewAttachment,
    ) -> Result<Attachment, StoreError> {
        actor.registry_writer()?;
        let store = self.file_store();
        let mut e = ValidationErrors::default();
        let kind = match new.kind.trim().parse::<AttachmentKind>() {
            Ok(k) => Some(k),
            Err(reason) => {
                e.push("kind", reason);
                None
            }
        };
        let media_type = match sniff(&new.content, store.max_bytes) {
            Ok(m) => Some(m),
            Err(reason) => {
                e.push("file", reason);
                None
            }
        };
        let description = description(&mut e, new.description.as_deref());
        let special = new.special || kind.is_some_and(AttachmentKind::always_special);
        if special && !actor.can(Permission::SpecialCategories) {
            e.push("special", Common::NeedsSpecialCategories);
        }
        e.into_result(())?;
        let (Some(kind), Some(media_type)) = (kind, media_type) else { return Err(StoreError::NotFound) };
        let file_name = clean_file_name(&new.file_name);
        let sha256 = hex::encode(Sha256::digest(&new.content));
        let stored_as = hex::encode(rand::random::<[u8; 16]>());
        let path = path_of(&store, &stored_as);
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        require_subject(&mut c, actor, subject, id).await?;
        // The file first, under a temporary name renamed into place: a row never names a file
        // that is not complete. A failure after it removes the file again.
        write_file(&path, &new.content).await?;
        let written = async {
            let attachment_id: i64 = sql!(
                &mut c,
                fetch_one,
                sqlx::query_scalar::<_, i64>(
                    "INSERT INTO attachment (agency_id, subject, subject_id, kind, file_name, media_type, size_bytes, sha256, \
                     stored_as, special, description, created_at, created_by) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id"
                )
                .bind(actor.agency_id)
                .bind(subject.code())
                .bind(id)
                .bind(kind.code())
                .bind(&file_name)
                .bind(media_type)
                .bind(new.content.len() as i64)
                .bind(&sha256)
                .bind(&stored_as)
                .bind(i64::from(special))
                .bind(&description)
                .bind(now())
                .bind(actor.user_id)
            )?;
            audit::append(
                &mut c,
                actor,
                "attachment.add",
                subject.table(),
                Some(id),
                None,
                serde_json::json!({"attachment": attachment_id, "kind": kind, "sha256": sha256, "bytes": new.content.len(), "special": special}),
            )
            .await?;
            Ok::<i64, StoreError>(attachment_id)
        }
        .await;
        let attachment_id = match written {
            Ok(id) => id,
            Err(e) => {
                let _ = tokio::fs::remove_file(&path).await;
                return Err(e);
            }
        };
        if let Err(e) = tx.commit().await {
            let _ = tokio::fs::remove_file(&path).await;
            return Err(e);
        }
        self.attachment(actor, attachment_id).await
    }

    /// One attachment's description (not its content), if the actor may see it.
    pub async fn attachment(&self, actor: &Actor, id: i64) -> Result<Attachment, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let q = format!(
            "SELECT {COLUMNS} FROM attachment f JOIN app_user u ON u.id = f.created_by WHERE f.id = $1 AND f.agency_id = $2"
        );
        let found = sql!(
            &mut c,
            fetch_optional,
            sqlx::query_as::<_, Attachment>(sqlx::AssertSqlSafe(q)).bind(id).bind(actor.agency_id)
        )?
        .ok_or(StoreError::NotFound)?;
        if found.special && !actor.can(Permission::SpecialCategories) {
            return Err(StoreError::NotFound);
        }
        Ok(found)
    }

    /// The files of a record, newest first; special ones only with the grant.
    pub async fn attachments(&self, actor: &Actor, subject: Subject, id: i64) -> Result<Attachments, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        require_subject(&mut c, actor, subject, id).await?;
        let q = format!(
            "SELECT {COLUMNS} FROM attachment f JOIN app_user u ON u.id = f.created_by \
             WHERE f.subject = $1 AND f.subject_id = $2 ORDER BY f.created_at DESC, f.id DESC"
        );
        let all: Vec<Attachment> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, Attachment>(sqlx::AssertSqlSafe(q)).bind(subject.code()).bind(id)
        )?;
        let special = actor.can(Permission::SpecialCategories);
        let (attachments, withheld): (Vec<_>, Vec<_>) = all.into_iter().partition(|a| !a.special || special);
        Ok(Attachments { attachments, withheld: withheld.len() as i64 })
    }

    /// A file's description and content, after the download is audited. A file whose content
    /// no longer has its checksum is refused rather than served.
    pub async fn download(&self, actor: &Actor, id: i64) -> Result<(Attachment, Vec<u8>), StoreError> {
        let found = self.attachment(actor, id).await?;
        let store = self.file_store();
        let content = tokio::fs::read(path_of(&store, &found.stored_as)).await.map_err(|e| {
            tracing::error!(attachment = id, error = %e, "attachment file missing");
            StoreError::Conflict(Refusal::new("attachment-missing").text("id", id))
        })?;
        if hex::encode(Sha256::digest(&content)) != found.sha256 {
            tracing::error!(attachment = id, "attachment file does not match its checksum");
            return Err(StoreError::Conflict(Refusal::new("attachment-damaged").text("id", id)));
        }
        let record = found.subject.parse::<Subject>().map(Subject::table).unwrap_or("attachment");
        audit::append_read(
            self,
            actor,
            "attachment.download",
            record,
            Some(found.subject_id),
            serde_json::json!({"attachment": id, "special": found.special}),
        )
        .await?;
        Ok((found, content))
    }
}

/// Writes a complete file at `path` (under a temporary name renamed into place).
pub async fn write_file(path: &std::path::Path, content: &[u8]) -> Result<(), StoreError> {
    let io = |e: std::io::Error| {
        tracing::error!(path = %path.display(), error = %e, "cannot write an attachment");
        StoreError::Conflict(Refusal::new("attachment-unwritable"))
    };
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir).await.map_err(io)?;
    }
    let tmp = path.with_extension("part");
    tokio::fs::write(&tmp, content).await.map_err(io)?;
    tokio::fs::rename(&tmp, path).await.map_err(io)
}
