//! A record's timeline: its notes, its files and what was done to it (the audit log's entries
//! on it: each step of a case, each change of a person), newest first, in one list.

use super::Casework;
use super::attachments::Attachment;
use super::notes::Note;
use crate::domain::Subject;
use drom_domain::permission::Actor;
use drom_store::error::StoreError;
use drom_store::sql;
use serde::Serialize;
use utoipa::ToSchema;

/// How many of the record's audit entries a timeline shows at most.
pub const STEPS_SHOWN: i64 = 100;

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(tag = "entry", rename_all = "snake_case")]
pub enum Entry {
    Note(Note),
    Attachment(Attachment),
    /// Something done to the record: the audit log's action (`return_case.counsel`, ...).
    Step {
        at: String,
        action: String,
        user: Option<String>,
    },
}

impl Entry {
    pub fn at(&self) -> &str {
        match self {
            Entry::Note(n) => &n.created_at,
            Entry::Attachment(a) => &a.created_at,
            Entry::Step { at, .. } => at,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Timeline {
    pub entries: Vec<Entry>,
    /// Notes and files that reveal a special category, withheld from a reader without the grant.
    pub withheld: i64,
}

impl Casework<'_> {
    /// The record's timeline as the actor may see it (special notes read are audited).
    pub async fn timeline(&self, actor: &Actor, subject: Subject, id: i64) -> Result<Timeline, StoreError> {
        let notes = self.notes(actor, subject, id).await?;
        let files = self.attachments(actor, subject, id).await?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        // Reads, and the entries that notes and files already stand for, are left out.
        let q = format!(
            "SELECT l.at, l.action, u.display_name FROM audit_log l LEFT JOIN app_user u ON u.id = l.user_id \
             WHERE l.record_type = $1 AND l.record_id = $2 AND l.agency_id = $3 AND l.action NOT LIKE '%read%' \
             AND l.action NOT LIKE 'note.%' AND l.action NOT LIKE 'attachment.%' ORDER BY l.seq DESC LIMIT {STEPS_SHOWN}"
        );
        let steps: Vec<(String, String, Option<String>)> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, (String, String, Option<String>)>(sqlx::AssertSqlSafe(q))
                .bind(subject.table())
                .bind(id)
                .bind(actor.agency_id)
        )?;
        let mut entries: Vec<Entry> = notes.notes.into_iter().map(Entry::Note).collect();
        entries.extend(files.attachments.into_iter().map(Entry::Attachment));
        entries.extend(steps.into_iter().map(|(at, action, user)| Entry::Step { at, action, user }));
        // RFC 3339 UTC text sorts as time does.
        entries.sort_by(|a, b| b.at().cmp(a.at()));
        Ok(Timeline { entries, withheld: notes.withheld + files.withheld })
    }
}
