//! Evidence files: checked (type from content, size, count, the day's cap), kept in the file
//! store outside the web root under random names, never served to the public; a body's staff
//! download them, audited.

use super::Discrimination;
use super::settings::Limits;
use crate::DiscriminationReason;
use drom_casework::CaseworkDb;
use drom_casework::store::attachments::{path_of, write_file};
use drom_domain::ValidationErrors;
use drom_store::db::{Conn, now};
use drom_store::error::StoreError;
use drom_store::sql;
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

/// A file as sent.
#[derive(Debug, Clone)]
pub struct Upload {
    pub file_name: String,
    pub content: Vec<u8>,
}

/// A file that passed the checks.
#[derive(Debug, Clone)]
pub(crate) struct Checked {
    file_name: String,
    media_type: &'static str,
    content: Vec<u8>,
}

/// A file as listed.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Evidence {
    pub id: i64,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub at: String,
}

/// Checks files against the limits: count, size and type (from content). Empty uploads (a
/// file field left empty) are dropped.
pub(crate) fn check(uploads: Vec<Upload>, limits: &Limits, e: &mut ValidationErrors) -> Vec<Checked> {
    let uploads: Vec<Upload> = uploads.into_iter().filter(|u| !u.content.is_empty()).collect();
    if uploads.len() as i64 > limits.max_files {
        e.push("files", DiscriminationReason::TooManyFiles { max: limits.max_files });
        return Vec::new();
    }
    let max = (limits.max_file_mb * 1024 * 1024) as usize;
    let mut out = Vec::new();
    for (i, u) in uploads.into_iter().enumerate() {
        let field = format!("files[{i}]");
        if u.content.len() > max {
            e.push(field, DiscriminationReason::EvidenceTooLarge { mib: limits.max_file_mb });
            continue;
        }
        match drom_casework::domain::sniff(&u.content, max) {
            Ok(media_type) => out.push(Checked {
                file_name: drom_casework::domain::clean_file_name(&u.file_name),
                media_type,
                content: u.content,
            }),
            Err(_) => {
                let found = infer::get(&u.content).map(|t| t.mime_type()).unwrap_or("of an unknown type");
                e.push(field, DiscriminationReason::EvidenceType { found: found.to_string() })
            }
        }
    }
    out
}

impl Discrimination<'_> {
    /// Whether `files` fit in today's cap on stored evidence.
    pub(crate) async fn within_daily_cap(
        &self,
        c: &mut Conn<'_>,
        files: &[Checked],
        limits: &Limits,
    ) -> Result<bool, StoreError> {
        if files.is_empty() {
            return Ok(true);
        }
        let today = chrono::Utc::now().date_naive().to_string();
        let stored: i64 = sql!(
            c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "SELECT CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT) FROM discrimination_evidence WHERE at >= $1"
            )
            .bind(today)
        )?;
        let adding: i64 = files.iter().map(|f| f.content.len() as i64).sum();
        Ok(stored + adding <= limits.evidence_mb_per_day * 1024 * 1024)
    }

    /// Writes the files and their rows in the caller's transaction. Returns the stored names,
    /// for the caller to remove if the transaction does not commit.
    pub(crate) async fn store_files(
        &self,
        c: &mut Conn<'_>,
        report_id: i64,
        files: Vec<Checked>,
    ) -> Result<Vec<String>, StoreError> {
        let store = self.casework().file_store();
        let mut written = Vec::new();
        for f in files {
            let stored_as = hex::encode(rand::random::<[u8; 16]>());
            write_file(&path_of(&store, &stored_as), &f.content).await?;
            written.push(stored_as.clone());
            sql!(
                c,
                execute,
                sqlx::query(
                    "INSERT INTO discrimination_evidence (report_id, file_name, media_type, size_bytes, sha256, stored_as, at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)"
                )
                .bind(report_id)
                .bind(&f.file_name)
                .bind(f.media_type)
                .bind(f.content.len() as i64)
                .bind(hex::encode(Sha256::digest(&f.content)))
                .bind(&stored_as)
                .bind(now())
            )?;
        }
        Ok(written)
    }

    /// Removes stored files (after an erasure, or a write that did not commit).
    pub(crate) async fn remove_files(&self, stored: &[String]) {
        let store = self.casework().file_store();
        for s in stored {
            if let Err(e) = tokio::fs::remove_file(path_of(&store, s)).await
                && e.kind() != std::io::ErrorKind::NotFound
            {
                tracing::error!(error = %e, "cannot remove an evidence file");
            }
        }
    }
}

/// The files of a report.
pub(crate) async fn of_report(c: &mut Conn<'_>, report_id: i64) -> Result<Vec<Evidence>, StoreError> {
    Ok(sql!(
        c,
        fetch_all,
        sqlx::query_as::<_, Evidence>(
            "SELECT id, file_name, media_type, size_bytes, at FROM discrimination_evidence WHERE report_id = $1 ORDER BY id"
        )
        .bind(report_id)
    )?)
}
