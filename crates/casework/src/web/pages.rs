//! Casework's pages: my tasks (`/tasks`), the team's load (`/team`), a record's casework
//! section (assignment, open tasks, a note, a file, the timeline) that a record's own page
//! shows through `panel`, the posts of its forms, and file downloads.

use crate::domain::{AttachmentKind, Subject};
use crate::store::CaseworkDb;
use crate::store::assignments::{Assignment, AssignmentInput, Worker};
use crate::store::attachments::NewAttachment;
use crate::store::notes::NoteInput;
use crate::store::tasks::{Load, Task, TaskInput};
use crate::store::timeline::{Entry, Timeline};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use drom_domain::FieldError;
use drom_domain::permission::Permission;
use drom_store::StoreError;
use drom_web::AppState;
use drom_web::pages::ctx::Ctx;
use drom_web::pages::error::{PageError, respond};
use drom_web::pages::forms::{CsrfForm, CsrfUpload, FormData};
use drom_web::pages::{html, safe_next, see_other, signed_in};

/// A task as a page shows it.
pub struct TaskView {
    pub id: i64,
    pub title: String,
    pub due_on: String,
    pub overdue: bool,
    /// The record it is about, as a link.
    pub link: Option<String>,
    pub assignee: Option<String>,
}

/// Says a task in the reader's language: a rule's task by its message, a hand-written one as
/// written.
pub fn task_view(ctx: &Ctx, t: &Task, today: &str) -> TaskView {
    let title = match (&t.rule, &t.rule_args) {
        (Some(rule), Some(args)) => {
            let args: serde_json::Map<String, serde_json::Value> = serde_json::from_str(args).unwrap_or_default();
            let named: Vec<(&'static str, String)> = ["person", "months", "id", "service", "due"]
                .into_iter()
                .filter_map(|k| args.get(k).map(|v| (k, v.as_str().map_or_else(|| v.to_string(), str::to_string))))
                .collect();
            ctx.ta(&format!("task-rule-{}", rule.replace('_', "-")), &named)
        }
        _ => t.title.clone(),
    };
    let link = t.subject.as_deref().and_then(|s| s.parse::<Subject>().ok()).zip(t.subject_id).map(|(s, id)| s.page(id));
    TaskView {
        id: t.id,
        title,
        due_on: ctx.datetime(&t.due_on),
        overdue: t.due_on.as_str() < today,
        link,
        assignee: t.assignee_name.clone(),
    }
}

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

#[derive(Template)]
#[template(path = "tasks.html")]
struct TasksPage<'a> {
    ctx: &'a Ctx,
    title: String,
    tasks: Vec<TaskView>,
    total: i64,
    today: String,
}

/// My open tasks and a form for a new one.
pub async fn my_tasks(ctx: Ctx, State(s): State<AppState>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let (tasks, total) = s.db.casework().tasks_of(&user.actor, user.actor.user_id).await?;
        let today = today();
        let tasks = tasks.iter().map(|t| task_view(&ctx, t, &today)).collect();
        html(TasksPage { ctx: &ctx, title: ctx.t("tasks-title"), tasks, total, today })
    }
    .await;
    respond(&ctx, result)
}

#[derive(Template)]
#[template(path = "team.html")]
struct TeamPage<'a> {
    ctx: &'a Ctx,
    title: String,
    load: Vec<Load>,
    unheld: Vec<TaskView>,
    unheld_total: i64,
}

/// The team's load and the tasks nobody holds (supervisors).
pub async fn team(ctx: Ctx, State(s): State<AppState>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        user.actor.require(Permission::Supervise)?;
        let cw = s.db.casework();
        let load = cw.team_load(&user.actor, chrono::Utc::now().date_naive()).await?;
        let (unheld, unheld_total) = cw.unheld_tasks(&user.actor).await?;
        let today = today();
        let unheld = unheld.iter().map(|t| task_view(&ctx, t, &today)).collect();
        html(TeamPage { ctx: &ctx, title: ctx.t("team-title"), load, unheld, unheld_total })
    }
    .await;
    respond(&ctx, result)
}

#[derive(Template)]
#[template(path = "casework_panel.html")]
struct Panel<'a> {
    ctx: &'a Ctx,
    subject: Subject,
    id: i64,
    here: String,
    assignment: Option<Assignment>,
    workers: Vec<Worker>,
    tasks: Vec<TaskView>,
    timeline: Timeline,
    kinds: &'static [AttachmentKind],
    max_mb: usize,
}

impl Panel<'_> {
    /// What was done, in words: the action's own timeline message, else its step's name
    /// (`return_case.counsel` is the step `counsel`), else the action's code.
    fn step(&self, action: &str) -> String {
        let step = action.rsplit('.').next().unwrap_or(action).replace('_', "-");
        let fallback = self.ctx.t_or(&format!("step-{step}"), action);
        self.ctx.t_or(&format!("timeline-{}", action.replace(['.', '_'], "-")), &fallback)
    }

    fn size(&self, bytes: &i64) -> String {
        let kib = (*bytes as f64 / 1024.0).ceil() as i64;
        if kib < 1024 { format!("{kib} KiB") } else { format!("{:.1} MiB", kib as f64 / 1024.0) }
    }

    fn may_take(&self) -> bool {
        self.assignment.is_none() && self.ctx.can_write()
    }
}

/// A record's casework section: who holds it, its open tasks, a note, a file, and its
/// timeline. The record's page shows it; `subject` and `id` must be a record the reader can see.
pub async fn panel(ctx: &Ctx, s: &AppState, subject: Subject, id: i64) -> Result<String, PageError> {
    let user = signed_in(ctx)?;
    let cw = s.db.casework();
    let assignment = cw.assignment(&user.actor, subject, id).await?;
    let workers = if ctx.can(Permission::Supervise) { cw.workers(&user.actor).await? } else { Vec::new() };
    let today = today();
    let tasks = cw.tasks_on(&user.actor, subject, id).await?.iter().map(|t| task_view(ctx, t, &today)).collect();
    let timeline = cw.timeline(&user.actor, subject, id).await?;
    let page = Panel {
        ctx,
        subject,
        id,
        here: subject.page(id),
        assignment,
        workers,
        tasks,
        timeline,
        kinds: AttachmentKind::ALL,
        max_mb: cw.file_store().max_bytes / (1024 * 1024),
    };
    page.render().map_err(|e| {
        tracing::error!(error = %e, "template failed");
        PageError::Internal
    })
}

/// The casework section of a person's page (a `PersonPanel`).
pub fn person_panel<'a>(ctx: &'a Ctx, s: &'a AppState, person_id: i64) -> drom_web::PanelFuture<'a> {
    Box::pin(async move { panel(ctx, s, Subject::Person, person_id).await.map(Some) })
}

fn record(kind: &str, id: &str) -> Result<(Subject, i64), PageError> {
    let s = Subject::from_segment(kind).ok_or(PageError::NotFound)?;
    Ok((s, id.parse().map_err(|_| PageError::NotFound)?))
}

#[derive(Template)]
#[template(path = "casework_refused.html")]
struct Refused<'a> {
    ctx: &'a Ctx,
    title: String,
    back: String,
    errors: Vec<FieldError>,
    /// The note as written, so nothing typed is lost.
    body: String,
}

impl Refused<'_> {
    fn field(&self, name: &str) -> String {
        self.ctx.t_or(&format!("casework-field-{name}"), name)
    }
}

/// What a refused form shows: the reasons in the reader's language, the text as written, and
/// the way back to the record.
fn refused(ctx: &Ctx, back: String, e: StoreError, body: String) -> Result<Response, PageError> {
    let errors = match e {
        StoreError::Invalid(v) => ctx.localise(v.0),
        StoreError::Conflict(r) => {
            vec![FieldError { field: String::new(), code: "conflict", args: vec![], reason: ctx.refusal(&r) }]
        }
        other => return Err(other.into()),
    };
    let page = html(Refused { ctx, title: ctx.t("casework-refused"), back, errors, body })?;
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// Adds a note from the record's page.
pub async fn add_note(
    ctx: Ctx,
    State(s): State<AppState>,
    Path((kind, id)): Path<(String, String)>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let (subject, id) = record(&kind, &id)?;
        let input = NoteInput { body: form.raw("body"), special: form.checked("special") };
        match s.db.casework().add_note(&user.actor, subject, id, input).await {
            Ok(_) => see_other(&format!("{}#timeline", subject.page(id))),
            Err(e) => refused(&ctx, subject.page(id), e, form.raw("body")),
        }
    }
    .await;
    respond(&ctx, result)
}

/// Attaches a file from the record's page.
pub async fn attach(
    ctx: Ctx,
    State(s): State<AppState>,
    Path((kind, id)): Path<(String, String)>,
    upload: CsrfUpload,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let (subject, id) = record(&kind, &id)?;
        let f = &upload.fields;
        let new = NewAttachment {
            kind: f.text("kind"),
            file_name: upload.file_name.clone(),
            content: upload.file,
            special: f.checked("special"),
            description: f.get("description"),
        };
        match s.db.casework().attach(&user.actor, subject, id, new).await {
            Ok(_) => see_other(&format!("{}#timeline", subject.page(id))),
            Err(e) => refused(&ctx, subject.page(id), e, String::new()),
        }
    }
    .await;
    respond(&ctx, result)
}

/// Assigns the record (a supervisor to anyone, a caseworker an unassigned one to themselves).
pub async fn assign(
    ctx: Ctx,
    State(s): State<AppState>,
    Path((kind, id)): Path<(String, String)>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let (subject, id) = record(&kind, &id)?;
        let user_id = match form.text("user_id").as_str() {
            "" => None,
            "me" => Some(user.actor.user_id),
            other => Some(other.parse::<i64>().map_err(|_| PageError::BadForm)?),
        };
        match s.db.casework().assign(&user.actor, subject, id, AssignmentInput { user_id }).await {
            Ok(_) => see_other(&format!("{}#casework", subject.page(id))),
            Err(e) => refused(&ctx, subject.page(id), e, String::new()),
        }
    }
    .await;
    respond(&ctx, result)
}

/// Writes a task by hand (from `/tasks` or a record's page).
pub async fn create_task(ctx: Ctx, State(s): State<AppState>, CsrfForm(form): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let back = back(&form);
        let record = match (form.get("subject"), form.get("subject_id")) {
            (Some(k), Some(id)) => Some(record(&k, &id)?),
            _ => None,
        };
        let assignee = match form.get("assignee") {
            Some(a) => Some(a.parse::<i64>().map_err(|_| PageError::BadForm)?),
            None => None,
        };
        let input = TaskInput {
            title: form.raw("title"),
            due_on: form.text("due_on"),
            subject: record.map(|(s, _)| s),
            subject_id: record.map(|(_, id)| id),
            assignee,
        };
        match s.db.casework().create_task(&user.actor, input).await {
            Ok(_) => see_other(&back),
            Err(e) => refused(&ctx, back, e, String::new()),
        }
    }
    .await;
    respond(&ctx, result)
}

/// Marks a task done.
pub async fn complete_task(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let back = back(&form);
        match s.db.casework().complete_task(&user.actor, id).await {
            Ok(_) => see_other(&back),
            Err(e) => refused(&ctx, back, e, String::new()),
        }
    }
    .await;
    respond(&ctx, result)
}

/// Sends a file to a reader who may see it (audited).
pub async fn download(ctx: Ctx, State(s): State<AppState>, Path(id): Path<String>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let (a, content) = s.db.casework().download(&user.actor, id).await?;
        Ok(super::api::file_response(&a, content))
    }
    .await;
    respond(&ctx, result)
}

/// Where a form goes back to: the local path it names, else `/tasks`.
fn back(form: &FormData) -> String {
    match form.get("back") {
        Some(b) => safe_next(Some(b)),
        None => "/tasks".into(),
    }
}
