//! Casework's storage, over the kernel's database handle (`db.casework()`): `assignments`,
//! `tasks` (by hand and by rules, my work, the team's load), `notes`, `attachments` (files
//! kept outside the web root) and `timeline` (a record's notes, files and steps in one list).

pub mod assignments;
pub mod attachments;
pub mod notes;
pub mod tasks;
pub mod timeline;

use crate::domain::Subject;
use drom_domain::permission::Actor;
use drom_store::Db;
use drom_store::db::Conn;
use drom_store::error::StoreError;
use drom_store::scope::AgencyScope;
use drom_store::sql;
use std::path::PathBuf;

/// Casework's storage, over the kernel's database handle.
#[derive(Clone, Copy)]
pub struct Casework<'a>(pub &'a Db);

impl std::ops::Deref for Casework<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.0
    }
}

/// `db.casework()`: the capability's storage on a kernel handle.
pub trait CaseworkDb {
    fn casework(&self) -> Casework<'_>;
}

impl CaseworkDb for Db {
    fn casework(&self) -> Casework<'_> {
        Casework(self)
    }
}

/// Where attachments are kept and how large one may be: set once at start-up
/// (`drom serve --files`, `DROM_FILES_DIR`, `DROM_ATTACHMENT_MAX_MB`).
#[derive(Debug, Clone)]
pub struct FileStore {
    /// A folder outside anything the server serves; several servers on one database share it.
    pub dir: PathBuf,
    pub max_bytes: usize,
}

impl FileStore {
    /// The largest attachment in MiB from `DROM_ATTACHMENT_MAX_MB` (1 to 1024), else the default;
    /// a value that is not one is refused, naming it. Start-up and the upload routes' body limit
    /// read it here, so they agree.
    pub fn max_mb_from_env() -> Result<usize, String> {
        match std::env::var("DROM_ATTACHMENT_MAX_MB") {
            Ok(v) => v.parse::<usize>().ok().filter(|m| (1..=1024).contains(m)).ok_or_else(|| {
                format!("DROM_ATTACHMENT_MAX_MB: '{v}' is not a whole number of MiB between 1 and 1024")
            }),
            Err(_) => Ok(crate::domain::DEFAULT_MAX_MB),
        }
    }
}

impl Casework<'_> {
    /// Keeps attachments in `store` from now on.
    pub fn set_file_store(&self, store: FileStore) {
        self.0.set_extension(store);
    }

    /// The file store in use: the one set at start-up, else `drom-files` in the working folder.
    pub fn file_store(&self) -> FileStore {
        self.0.extension::<FileStore>().map(|s| s.as_ref().clone()).unwrap_or_else(|| FileStore {
            dir: PathBuf::from("drom-files"),
            max_bytes: crate::domain::DEFAULT_MAX_MB * 1024 * 1024,
        })
    }
}

/// Whether the record exists in the actor's agency; another agency's record is "not found".
pub(crate) async fn require_subject(
    c: &mut Conn<'_>,
    actor: &Actor,
    subject: Subject,
    id: i64,
) -> Result<(), StoreError> {
    let scope = AgencyScope::of(actor);
    let found: Option<i64> = sql!(
        c,
        fetch_optional,
        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
            "SELECT id FROM {} WHERE id = $2 AND {}",
            subject.table(),
            scope.readable("", 1)
        )))
        .bind(scope.agency())
        .bind(id)
    )?;
    found.map(|_| ()).ok_or(StoreError::NotFound)
}

/// Deletes everything casework holds on one record (notes, attachments, tasks, its holder), in
/// the caller's transaction: what a capability's erasure of the record needs. Returns the
/// stored names of the record's files, for the caller to remove once the transaction commits.
pub async fn erase_record(c: &mut Conn<'_>, subject: Subject, id: i64) -> Result<Vec<String>, StoreError> {
    let files: Vec<String> = sql!(
        c,
        fetch_all,
        sqlx::query_scalar::<_, String>("SELECT stored_as FROM attachment WHERE subject = $1 AND subject_id = $2")
            .bind(subject.code())
            .bind(id)
    )?;
    for table in ["attachment", "note", "task", "assignment"] {
        sql!(
            c,
            execute,
            sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE subject = $1 AND subject_id = $2")))
                .bind(subject.code())
                .bind(id)
        )?;
    }
    Ok(files)
}
