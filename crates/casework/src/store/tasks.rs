//! Tasks with due dates. A caseworker writes one by hand (for themselves, or a supervisor for a
//! colleague); a capability's rule writes others (a monitoring visit falls due, and later a
//! referral overdue or an acknowledgement due). A rule's task on a record has no assignee of its
//! own: it follows the record's assignment, so reassigning a case moves its tasks. Rules are
//! brought up to date by `sync_rule_tasks`, which adds what is newly due and closes what no
//! longer is, idempotently (several servers may run it at once).

use super::{Casework, require_subject};
use crate::CaseworkReason;
use crate::domain::{Subject, task_draft};
use chrono::NaiveDate;
use drom_domain::ValidationErrors;
use drom_domain::audit::NewAuditEntry;
use drom_domain::error::Refusal;
use drom_domain::permission::{Actor, Permission};
use drom_store::audit;
use drom_store::db::{Conn, now};
use drom_store::error::StoreError;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Task {
    pub id: i64,
    pub subject: Option<String>,
    pub subject_id: Option<i64>,
    /// What to do, in English (a rule's task is also named by `rule` and `rule_args`, so a page
    /// says it in the reader's language).
    pub title: String,
    pub rule: Option<String>,
    #[schema(value_type = Option<Object>)]
    pub rule_args: Option<String>,
    pub due_on: String,
    /// The user the task is for: its own assignee, else the record's.
    pub assignee: Option<i64>,
    pub assignee_name: Option<String>,
    pub done_at: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskInput {
    pub title: String,
    /// `YYYY-MM-DD`.
    pub due_on: String,
    /// The record the task is about (optional), with `subject_id`.
    #[serde(default)]
    pub subject: Option<Subject>,
    #[serde(default)]
    pub subject_id: Option<i64>,
    /// Who it is for (default: the writer). Only a supervisor writes tasks for others.
    #[serde(default)]
    pub assignee: Option<i64>,
}

/// A task a rule wants to exist, identified by its key (unique across all rules).
#[derive(Debug, Clone)]
pub struct RuleTask {
    pub agency_id: i64,
    pub subject: Subject,
    pub subject_id: i64,
    pub key: String,
    /// English title, and the arguments of the rule's message `task-rule-<rule>`.
    pub title: String,
    pub args: serde_json::Value,
    pub due_on: NaiveDate,
}

/// What one run of a rule changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct RuleSync {
    pub created: u64,
    pub closed: u64,
}

/// One worker's load, for the supervisor.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Load {
    pub user_id: i64,
    pub display_name: String,
    pub role: String,
    /// Records assigned to them and still being worked on (a closed case is not), of every kind.
    pub assigned: i64,
    pub open_tasks: i64,
    pub overdue_tasks: i64,
}

/// The columns of `Task` from `task t`, with the effective assignee.
fn columns() -> String {
    let effective = "COALESCE(t.assignee, (SELECT a.user_id FROM assignment a WHERE a.subject = t.subject AND a.subject_id = t.subject_id))";
    format!(
        "t.id, t.subject, t.subject_id, t.title, t.rule, t.rule_args, t.due_on, {effective} AS assignee, \
         (SELECT u.display_name FROM app_user u WHERE u.id = {effective}) AS assignee_name, t.done_at"
    )
}

/// The predicate "the task is `$n`'s": its own assignee, or the assignee of its record.
fn for_user(n: usize) -> String {
    format!(
        "(t.assignee = ${n} OR (t.assignee IS NULL AND EXISTS (SELECT 1 FROM assignment a \
         WHERE a.subject = t.subject AND a.subject_id = t.subject_id AND a.user_id = ${n})))"
    )
}

/// How many open tasks a list shows at most; a page says when there are more.
pub const LISTED: i64 = 200;

impl Casework<'_> {
    /// Writes a task by hand.
    pub async fn create_task(&self, actor: &Actor, input: TaskInput) -> Result<Task, StoreError> {
        actor.registry_writer()?;
        let draft = task_draft(&input.title, &input.due_on)?;
        let assignee = input.assignee.unwrap_or(actor.user_id);
        if assignee != actor.user_id {
            actor.require(Permission::Supervise)?;
        }
        let subject = match (input.subject, input.subject_id) {
            (Some(s), Some(id)) => Some((s, id)),
            (None, None) => None,
            (Some(_), None) => return Err(ValidationErrors::single("subject_id", drom_domain::Common::Required).into()),
            (None, Some(_)) => return Err(ValidationErrors::single("subject", drom_domain::Common::Required).into()),
        };
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        if let Some((s, id)) = subject {
            require_subject(&mut c, actor, s, id).await?;
        }
        let active: Option<i64> = sql!(
            &mut c,
            fetch_optional,
            sqlx::query_scalar::<_, i64>("SELECT id FROM app_user WHERE id = $1 AND agency_id = $2 AND NOT disabled")
                .bind(assignee)
                .bind(actor.agency_id)
        )?;
        if active.is_none() {
            return Err(ValidationErrors::single("assignee", CaseworkReason::NotAgencyUser { user: assignee }).into());
        }
        let id: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO task (agency_id, subject, subject_id, title, due_on, assignee, created_at, created_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
            )
            .bind(actor.agency_id)
            .bind(subject.map(|(s, _)| s.code()))
            .bind(subject.map(|(_, id)| id))
            .bind(&draft.title)
            .bind(draft.due_on.to_string())
            .bind(assignee)
            .bind(now())
            .bind(actor.user_id)
        )?;
        audit::append(
            &mut c,
            actor,
            "task.create",
            subject.map_or("task", |(s, _)| s.table()),
            subject.map(|(_, id)| id),
            None,
            serde_json::json!({"task": id, "due_on": draft.due_on, "assignee": assignee}),
        )
        .await?;
        tx.commit().await?;
        self.task(actor, id).await
    }

    /// One task of the actor's agency.
    pub async fn task(&self, actor: &Actor, id: i64) -> Result<Task, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let q = format!("SELECT {} FROM task t WHERE t.id = $1 AND t.agency_id = $2", columns());
        sql!(&mut c, fetch_optional, sqlx::query_as::<_, Task>(sqlx::AssertSqlSafe(q)).bind(id).bind(actor.agency_id))?
            .ok_or(StoreError::NotFound)
    }

    /// Marks a task done: the actor's own task, one nobody holds, or any as a supervisor.
    pub async fn complete_task(&self, actor: &Actor, id: i64) -> Result<Task, StoreError> {
        actor.registry_writer()?;
        let task = self.task(actor, id).await?;
        if task.assignee.is_some_and(|a| a != actor.user_id) {
            actor.require(Permission::Supervise)?;
        }
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let done = sql!(
            &mut c,
            execute,
            sqlx::query(
                "UPDATE task SET done_at = $1, done_by = $2 WHERE id = $3 AND agency_id = $4 AND done_at IS NULL"
            )
            .bind(now())
            .bind(actor.user_id)
            .bind(id)
            .bind(actor.agency_id)
        )?;
        if done == 0 {
            return Err(StoreError::Conflict(Refusal::new("task-done").text("id", id)));
        }
        let record = task.subject.as_deref().and_then(|s| s.parse::<Subject>().ok());
        audit::append(
            &mut c,
            actor,
            "task.complete",
            record.map_or("task", Subject::table),
            task.subject_id,
            None,
            serde_json::json!({"task": id}),
        )
        .await?;
        tx.commit().await?;
        self.task(actor, id).await
    }

    /// The open tasks that are the user's, soonest due first (at most `LISTED`), and how many
    /// there are in all.
    pub async fn tasks_of(&self, actor: &Actor, user_id: i64) -> Result<(Vec<Task>, i64), StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        // Read from the user's side: the tasks given to them (by assignee), then the unassigned
        // tasks of the records they hold (by their assignments), never every open task of the
        // agency. The two parts are disjoint; together they are `for_user`.
        let open = "t.agency_id = $1 AND t.done_at IS NULL";
        let given = format!("FROM task t WHERE {open} AND t.assignee = $2");
        let held = format!(
            "FROM assignment a JOIN task t ON t.subject = a.subject AND t.subject_id = a.subject_id \
             WHERE a.user_id = $2 AND {open} AND t.assignee IS NULL"
        );
        let q = format!(
            "SELECT * FROM (SELECT {c} {given} UNION ALL SELECT {c} {held}) x ORDER BY x.due_on, x.id LIMIT {LISTED}",
            c = columns()
        );
        let tasks = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, Task>(sqlx::AssertSqlSafe(q)).bind(actor.agency_id).bind(user_id)
        )?;
        let total: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
                "SELECT (SELECT COUNT(*) {given}) + (SELECT COUNT(*) {held})"
            )))
            .bind(actor.agency_id)
            .bind(user_id)
        )?;
        Ok((tasks, total))
    }

    /// The open tasks nobody holds: no assignee and no assigned record (for the supervisor).
    pub async fn unheld_tasks(&self, actor: &Actor) -> Result<(Vec<Task>, i64), StoreError> {
        actor.require(Permission::Supervise)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let filter = "t.agency_id = $1 AND t.done_at IS NULL AND t.assignee IS NULL AND NOT EXISTS \
                      (SELECT 1 FROM assignment a WHERE a.subject = t.subject AND a.subject_id = t.subject_id)";
        let q = format!("SELECT {} FROM task t WHERE {filter} ORDER BY t.due_on, t.id LIMIT {LISTED}", columns());
        let tasks = sql!(&mut c, fetch_all, sqlx::query_as::<_, Task>(sqlx::AssertSqlSafe(q)).bind(actor.agency_id))?;
        let total: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM task t WHERE {filter}")))
                .bind(actor.agency_id)
        )?;
        Ok((tasks, total))
    }

    /// The open tasks on one record.
    pub async fn tasks_on(&self, actor: &Actor, subject: Subject, id: i64) -> Result<Vec<Task>, StoreError> {
        actor.require(Permission::RegistryRead)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        require_subject(&mut c, actor, subject, id).await?;
        let q = format!(
            "SELECT {} FROM task t WHERE t.subject = $1 AND t.subject_id = $2 AND t.agency_id = $3 \
             AND t.done_at IS NULL ORDER BY t.due_on, t.id LIMIT {LISTED}",
            columns()
        );
        Ok(sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, Task>(sqlx::AssertSqlSafe(q)).bind(subject.code()).bind(id).bind(actor.agency_id)
        )?)
    }

    /// Every active worker's load as of `today` (supervisors only).
    pub async fn team_load(&self, actor: &Actor, today: NaiveDate) -> Result<Vec<Load>, StoreError> {
        actor.require(Permission::Supervise)?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let mine = for_user(3).replace("$3", "u.id");
        // Records still being worked on, of every kind, held by the user.
        let assigned = Subject::ALL
            .iter()
            .map(|s| {
                format!(
                    "(SELECT COUNT(*) FROM assignment a JOIN {table} r ON r.id = a.subject_id \
                     WHERE a.user_id = u.id AND a.subject = '{code}' AND {open})",
                    table = s.table(),
                    code = s.code(),
                    open = s.open_sql("r")
                )
            })
            .collect::<Vec<_>>()
            .join(" + ");
        let q = format!(
            "SELECT u.id AS user_id, u.display_name, u.role, \
             ({assigned}) AS assigned, \
             (SELECT COUNT(*) FROM task t WHERE t.agency_id = $1 AND t.done_at IS NULL AND {mine}) AS open_tasks, \
             (SELECT COUNT(*) FROM task t WHERE t.agency_id = $1 AND t.done_at IS NULL AND t.due_on < $2 AND {mine}) \
             AS overdue_tasks \
             FROM app_user u WHERE u.agency_id = $1 AND NOT u.disabled ORDER BY u.display_name"
        );
        let rows: Vec<Load> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, Load>(sqlx::AssertSqlSafe(q)).bind(actor.agency_id).bind(today.to_string())
        )?;
        Ok(rows
            .into_iter()
            .filter(|l| {
                l.role.parse::<drom_domain::permission::Role>().is_ok_and(|r| r.grants(Permission::RegistryWrite))
            })
            .collect())
    }

    /// Brings one rule's tasks up to date with what it wants now: adds the new ones (a key
    /// already present, open or done, is left alone) and closes the open ones it no longer
    /// wants. It writes in transactions of at most `RULE_CHUNK` tasks, each with an audit entry
    /// of what it changed, so the other writers of a large agency wait for one short transaction
    /// at a time, never for the whole run; a run stopped midway is finished by the next (the
    /// keys make it idempotent). `progress` is told after each task written.
    pub async fn sync_rule_tasks(
        &self,
        rule: &str,
        wanted: Vec<RuleTask>,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<RuleSync, StoreError> {
        let mut sync = RuleSync::default();
        let keys: std::collections::HashSet<&str> = wanted.iter().map(|w| w.key.as_str()).collect();
        let at = now();
        for chunk in wanted.chunks(RULE_CHUNK) {
            let mut tx = self.begin().await?;
            let mut c = tx.conn();
            let mut created = 0;
            for w in chunk {
                created += sql!(
                    &mut c,
                    execute,
                    sqlx::query(
                        "INSERT INTO task (agency_id, subject, subject_id, title, rule, rule_key, rule_args, due_on, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (rule_key) DO NOTHING"
                    )
                    .bind(w.agency_id)
                    .bind(w.subject.code())
                    .bind(w.subject_id)
                    .bind(&w.title)
                    .bind(rule)
                    .bind(&w.key)
                    .bind(w.args.to_string())
                    .bind(w.due_on.to_string())
                    .bind(&at)
                )?;
                progress(1);
            }
            rule_entry(&mut c, rule, created, 0, &at).await?;
            tx.commit().await?;
            sync.created += created;
        }
        let open: Vec<(i64, String)> = {
            let mut h = self.acquire().await?;
            sql!(
                &mut h.conn(),
                fetch_all,
                sqlx::query_as::<_, (i64, String)>(
                    "SELECT id, rule_key FROM task WHERE rule = $1 AND done_at IS NULL AND rule_key IS NOT NULL"
                )
                .bind(rule)
            )?
        };
        let unwanted: Vec<i64> =
            open.into_iter().filter(|(_, key)| !keys.contains(key.as_str())).map(|(id, _)| id).collect();
        for chunk in unwanted.chunks(RULE_CHUNK) {
            let mut tx = self.begin().await?;
            let mut c = tx.conn();
            let mut closed = 0;
            for id in chunk {
                closed += sql!(
                    &mut c,
                    execute,
                    sqlx::query("UPDATE task SET done_at = $1 WHERE id = $2 AND done_at IS NULL").bind(&at).bind(id)
                )?;
            }
            rule_entry(&mut c, rule, 0, closed, &at).await?;
            tx.commit().await?;
            sync.closed += closed;
        }
        Ok(sync)
    }
}

/// Tasks a rule writes in one transaction.
const RULE_CHUNK: usize = 1_000;

/// The audit entry of one transaction of a rule's run, when it changed anything.
async fn rule_entry(c: &mut Conn<'_>, rule: &str, created: u64, closed: u64, at: &str) -> Result<(), StoreError> {
    if created == 0 && closed == 0 {
        return Ok(());
    }
    audit::append_entry(
        c,
        NewAuditEntry {
            user_id: None,
            agency_id: None,
            action: "task.rule".into(),
            record_type: "task".into(),
            record_id: None,
            reason: None,
            detail: serde_json::json!({"rule": rule, "created": created, "closed": closed, "at": at}).to_string(),
        },
    )
    .await
}
