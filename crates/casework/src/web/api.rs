//! `/api/v1/my-work`, `/api/v1/tasks`, `/api/v1/team`, `/api/v1/subjects/{kind}/{id}/...` (a
//! record's assignment, notes, files and timeline) and `/api/v1/attachments/{id}` (a file).

use crate::domain::Subject;
use crate::store::CaseworkDb;
use crate::store::assignments::{Assignment, AssignmentInput};
use crate::store::attachments::{Attachment, Attachments, NewAttachment};
use crate::store::notes::{Note, NoteInput, Notes};
use crate::store::tasks::{Load, Task, TaskInput};
use crate::store::timeline::Timeline;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use drom_web::AppState;
use drom_web::auth::Auth;
use drom_web::extract::{ApiJson, ApiQuery, Id};
use drom_web::problem::{ApiError, Problem};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A record named in a path: its kind's segment (`persons`, `return-cases`) and id.
fn subject(kind: &str, id: &str) -> Result<(Subject, i64), ApiError> {
    let s = Subject::from_segment(kind).ok_or_else(ApiError::not_found)?;
    let id = id.parse::<i64>().map_err(|_| ApiError::not_found())?;
    Ok((s, id))
}

/// What waits for the signed-in user.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyWork {
    /// Return cases assigned to them (ids; `GET /return-cases?assignee=me` lists them whole).
    pub return_cases: Vec<i64>,
    pub persons: Vec<i64>,
    /// Their open tasks, soonest due first (at most 200).
    pub tasks: Vec<Task>,
    pub tasks_total: i64,
    pub overdue: i64,
}

/// The records assigned to the signed-in user and their open tasks.
#[utoipa::path(get, path = "/my-work", tag = "casework",
    responses((status = 200, body = MyWork)), security(("bearer" = [])))]
pub async fn my_work(State(s): State<AppState>, Auth(actor): Auth) -> Result<Json<MyWork>, ApiError> {
    let cw = s.db.casework();
    let (tasks, tasks_total) = cw.tasks_of(&actor, actor.user_id).await?;
    let today = chrono::Utc::now().date_naive().to_string();
    Ok(Json(MyWork {
        return_cases: cw.assigned_ids(&actor, actor.user_id, Subject::ReturnCase).await?,
        persons: cw.assigned_ids(&actor, actor.user_id, Subject::Person).await?,
        overdue: tasks.iter().filter(|t| t.due_on < today).count() as i64,
        tasks,
        tasks_total,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TasksQuery {
    /// Whose open tasks: a user id of the agency (default: the signed-in user's own).
    pub assignee: Option<i64>,
}

/// Open tasks of a user, soonest due first, with `X-Total-Count`.
#[utoipa::path(get, path = "/tasks", tag = "casework", params(TasksQuery),
    responses((status = 200, body = Vec<Task>)), security(("bearer" = [])))]
pub async fn tasks(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(q): ApiQuery<TasksQuery>,
) -> Result<Response, ApiError> {
    let user = q.assignee.unwrap_or(actor.user_id);
    if user != actor.user_id {
        actor.require(drom_domain::permission::Permission::Supervise)?;
    }
    let (tasks, total) = s.db.casework().tasks_of(&actor, user).await?;
    Ok(([("x-total-count", total.to_string())], Json(tasks)).into_response())
}

/// Writes a task by hand (for oneself; a supervisor also for a colleague).
#[utoipa::path(post, path = "/tasks", tag = "casework", request_body = TaskInput,
    responses((status = 201, body = Task), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn create_task(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiJson(input): ApiJson<TaskInput>,
) -> Result<(StatusCode, Json<Task>), ApiError> {
    Ok((StatusCode::CREATED, Json(s.db.casework().create_task(&actor, input).await?)))
}

/// Marks a task done.
#[utoipa::path(post, path = "/tasks/{id}/completion", tag = "casework", params(("id" = i64, Path)),
    responses((status = 200, body = Task), (status = 409, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn complete_task(State(s): State<AppState>, Auth(actor): Auth, Id(id): Id) -> Result<Json<Task>, ApiError> {
    Ok(Json(s.db.casework().complete_task(&actor, id).await?))
}

/// The team's load: per worker, records assigned, open and overdue tasks (supervisors).
#[utoipa::path(get, path = "/team", tag = "casework",
    responses((status = 200, body = Vec<Load>), (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn team(State(s): State<AppState>, Auth(actor): Auth) -> Result<Json<Vec<Load>>, ApiError> {
    Ok(Json(s.db.casework().team_load(&actor, chrono::Utc::now().date_naive()).await?))
}

/// Who a record is assigned to (null: nobody).
#[utoipa::path(get, path = "/subjects/{kind}/{id}/assignment", tag = "casework",
    params(("kind" = String, Path, description = "persons or return-cases"), ("id" = i64, Path)),
    responses((status = 200, body = Option<Assignment>), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn assignment(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Json<Option<Assignment>>, ApiError> {
    let (subject, id) = subject(&kind, &id)?;
    Ok(Json(s.db.casework().assignment(&actor, subject, id).await?))
}

/// Assigns a record to a user of the agency, or clears it. A caseworker may take an unassigned
/// record; anything else needs `supervise`. Audited.
#[utoipa::path(put, path = "/subjects/{kind}/{id}/assignment", tag = "casework", request_body = AssignmentInput,
    params(("kind" = String, Path, description = "persons or return-cases"), ("id" = i64, Path)),
    responses((status = 200, body = Option<Assignment>), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn assign(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Path((kind, id)): Path<(String, String)>,
    ApiJson(input): ApiJson<AssignmentInput>,
) -> Result<Json<Option<Assignment>>, ApiError> {
    let (subject, id) = subject(&kind, &id)?;
    Ok(Json(s.db.casework().assign(&actor, subject, id, input).await?))
}

/// A record's notes, newest first (special ones only with the grant; reading them is audited).
#[utoipa::path(get, path = "/subjects/{kind}/{id}/notes", tag = "casework",
    params(("kind" = String, Path, description = "persons or return-cases"), ("id" = i64, Path)),
    responses((status = 200, body = Notes), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn notes(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Json<Notes>, ApiError> {
    let (subject, id) = subject(&kind, &id)?;
    Ok(Json(s.db.casework().notes(&actor, subject, id).await?))
}

/// Adds a note to a record.
#[utoipa::path(post, path = "/subjects/{kind}/{id}/notes", tag = "casework", request_body = NoteInput,
    params(("kind" = String, Path, description = "persons or return-cases"), ("id" = i64, Path)),
    responses((status = 201, body = Note), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn add_note(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Path((kind, id)): Path<(String, String)>,
    ApiJson(input): ApiJson<NoteInput>,
) -> Result<(StatusCode, Json<Note>), ApiError> {
    let (subject, id) = subject(&kind, &id)?;
    Ok((StatusCode::CREATED, Json(s.db.casework().add_note(&actor, subject, id, input).await?)))
}

/// A record's files (descriptions; `GET /attachments/{id}` sends one).
#[utoipa::path(get, path = "/subjects/{kind}/{id}/attachments", tag = "casework",
    params(("kind" = String, Path, description = "persons or return-cases"), ("id" = i64, Path)),
    responses((status = 200, body = Attachments), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn attachments(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Json<Attachments>, ApiError> {
    let (subject, id) = subject(&kind, &id)?;
    Ok(Json(s.db.casework().attachments(&actor, subject, id).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AttachQuery {
    /// signed_consent, identity_document, civil_document, medical_letter, correspondence, other
    pub kind: String,
    /// The file's name as the user knows it.
    pub file_name: String,
    /// The file reveals a special category (medical letters always do).
    pub special: Option<bool>,
    pub description: Option<String>,
}

/// Attaches a file (the request body, PDF, PNG, JPEG, WebP or TIFF, recognised from its content)
/// to a record.
#[utoipa::path(post, path = "/subjects/{kind}/{id}/attachments", tag = "casework",
    params(("kind" = String, Path, description = "persons or return-cases"), ("id" = i64, Path), AttachQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = Attachment), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn attach(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Path((kind, id)): Path<(String, String)>,
    ApiQuery(q): ApiQuery<AttachQuery>,
    body: Bytes,
) -> Result<(StatusCode, Json<Attachment>), ApiError> {
    let (subject, id) = subject(&kind, &id)?;
    let new = NewAttachment {
        kind: q.kind,
        file_name: q.file_name,
        content: body.to_vec(),
        special: q.special.unwrap_or(false),
        description: q.description,
    };
    Ok((StatusCode::CREATED, Json(s.db.casework().attach(&actor, subject, id, new).await?)))
}

/// A record's notes, files and steps, newest first.
#[utoipa::path(get, path = "/subjects/{kind}/{id}/timeline", tag = "casework",
    params(("kind" = String, Path, description = "persons or return-cases"), ("id" = i64, Path)),
    responses((status = 200, body = Timeline), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn timeline(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Path((kind, id)): Path<(String, String)>,
) -> Result<Json<Timeline>, ApiError> {
    let (subject, id) = subject(&kind, &id)?;
    Ok(Json(s.db.casework().timeline(&actor, subject, id).await?))
}

/// One file's content, after its checksum is verified and the download audited.
#[utoipa::path(get, path = "/attachments/{id}", tag = "casework", params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>),
              (status = 404, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn download(State(s): State<AppState>, Auth(actor): Auth, Id(id): Id) -> Result<Response, ApiError> {
    let (a, content) = s.db.casework().download(&actor, id).await?;
    Ok(file_response(&a, content))
}

/// A file as a response: its sniffed type, sent as a download (never shown inline, so a file
/// cannot run in the site's origin), kept out of caches.
pub fn file_response(a: &Attachment, content: Vec<u8>) -> Response {
    let mut headers = HeaderMap::new();
    let typed = |v: &str| v.parse().unwrap_or(header::HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_TYPE, typed(&a.media_type));
    let ascii: String = a.file_name.chars().map(|c| if c.is_ascii_graphic() || c == ' ' { c } else { '_' }).collect();
    headers.insert(header::CONTENT_DISPOSITION, typed(&format!("attachment; filename=\"{ascii}\"")));
    headers.insert(header::CACHE_CONTROL, header::HeaderValue::from_static("private, no-store"));
    headers.insert("content-security-policy", header::HeaderValue::from_static("sandbox; default-src 'none'"));
    (headers, content).into_response()
}
