//! The protection officer's desk (`/screenings`): forced returns held at the protection gate,
//! readmission lists to upload and their results, and re-screening when a policy is added.

use crate::store::ReturnsDb;
use crate::store::gate::BlockedCase;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use drom_registry::RegistryDb;
use drom_screening::ScreeningDb;
use drom_screening::store::screening_lists::ScreeningList;
use drom_screening::store::screenings::ChangedOutcome;
use drom_store::StoreError;
use drom_web::AppState;
use drom_web::pages::ctx::Ctx;
use drom_web::pages::error::{PageError, respond};
use drom_web::pages::forms::{CsrfForm, CsrfUpload};
use drom_web::pages::{html, see_other, signed_in};

/// A forced return held at the gate, as the desk lists it.
pub struct HeldRow {
    pub case_id: i64,
    pub person_name: String,
    pub stage: String,
    pub reason: String,
    /// Where an imported case came from (it came without its steps, often without a screening).
    pub imported: Option<String>,
}

#[derive(Template)]
#[template(path = "desk.html")]
struct DeskPage<'a> {
    ctx: &'a Ctx,
    title: String,
    held_total: usize,
    held: Vec<HeldRow>,
    lists: Vec<ScreeningList>,
    /// Why the upload just now was refused.
    upload_error: Option<String>,
}

/// The first reason a case is held, in words (the household named by its principal).
fn first_reason(ctx: &Ctx, s: &AppState, b: &BlockedCase) -> String {
    let policy = b.gate.policy_in_force.clone().unwrap_or_default();
    let household = ctx.t1("desk-household-of", "person", &b.person_name);
    let all = super::gate::reasons(ctx, &s.db.screenings().policies(), &policy, &b.gate.blocks, |_| household.clone());
    match all.len() {
        0 => String::new(),
        1 => all[0].clone(),
        n => format!("{} (+{})", all[0], n - 1),
    }
}

async fn desk(
    ctx: &Ctx,
    s: &AppState,
    upload_error: Option<String>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    let (held_total, blocked) = s.db.returns().blocked_forced_cases(&user.actor).await?;
    let held = blocked
        .iter()
        .map(|b| HeldRow {
            case_id: b.case_id,
            person_name: b.person_name.clone(),
            stage: ctx.code("stage", &b.stage),
            reason: first_reason(ctx, s, b),
            imported: b.imported.as_ref().map(|i| super::returns::import_source(ctx, i, "desk-imported")),
        })
        .collect();
    let lists = if ctx.can_special() { s.db.screenings().screening_lists(&user.actor).await? } else { vec![] };
    let mut resp = html(DeskPage { ctx, title: ctx.t("desk-title"), held_total, held, lists, upload_error })?;
    *resp.status_mut() = status;
    Ok(resp)
}

pub async fn show(ctx: Ctx, State(s): State<AppState>) -> Response {
    let result = desk(&ctx, &s, None, StatusCode::OK).await;
    respond(&ctx, result)
}

/// Uploads a readmission list: screened at once, stored in the background; the list's page
/// follows the progress. A refused file comes back on the desk with the reason.
pub async fn upload(ctx: Ctx, State(s): State<AppState>, upload: CsrfUpload) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let writer = user.actor.registry_writer()?;
        let as_of = upload.fields.get("as_of").and_then(|d| d.parse().ok());
        match s.db.screenings().upload_screening_list(writer, &upload.file_name, upload.file, as_of).await {
            Ok(list) => see_other(&format!("/screenings/lists/{}", list.id)),
            Err(StoreError::Invalid(e)) => {
                let reason = e.0.iter().map(|f| ctx.reason(f)).collect::<Vec<_>>().join("; ");
                let message = ctx.t1("desk-upload-refused", "reason", reason);
                desk(&ctx, &s, Some(message), StatusCode::UNPROCESSABLE_ENTITY).await
            }
            Err(e) => Err(e.into()),
        }
    }
    .await;
    respond(&ctx, result)
}

#[derive(serde::Deserialize)]
pub struct RescreenQuery {
    policy: Option<String>,
    /// How many were screened again just now.
    done: Option<String>,
}

#[derive(Template)]
#[template(path = "rescreen.html")]
struct RescreenPage<'a> {
    ctx: &'a Ctx,
    title: String,
    /// Every policy: id and title.
    policies: Vec<(String, String)>,
    chosen: String,
    changed: Vec<(ChangedOutcome, String)>,
    held_total: usize,
    done: Option<usize>,
}

async fn rescreen_page(
    ctx: &Ctx,
    s: &AppState,
    policy: Option<String>,
    done: Option<usize>,
) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    let set = s.db.screenings().policies();
    let today = chrono::Utc::now().date_naive();
    let chosen = policy
        .filter(|p| set.by_id(p).is_some())
        .or_else(|| set.in_force(today).map(|p| p.id.clone()))
        .unwrap_or_default();
    let changed = s.db.screenings().rescreen(&user.actor, &set, Some(&chosen)).await?;
    let mut named = Vec::new();
    for c in changed {
        let p = s.db.registry().person(&user.actor, c.person_id).await?;
        named.push((c, format!("{} {}", p.data.given_name, p.data.family_name)));
    }
    let (held_total, _) = s.db.returns().blocked_forced_cases(&user.actor).await?;
    let policies = set.ids().iter().filter_map(|id| set.by_id(id)).map(|p| (p.id.clone(), p.title.clone())).collect();
    html(RescreenPage { ctx, title: ctx.t("rescreen-title"), policies, chosen, changed: named, held_total, done })
}

/// The open screenings whose outcome a policy would change, and the forced returns held at the
/// gate.
pub async fn rescreen(ctx: Ctx, State(s): State<AppState>, Query(q): Query<RescreenQuery>) -> Response {
    let done = q.done.and_then(|d| d.parse().ok());
    let result = rescreen_page(&ctx, &s, q.policy, done).await;
    respond(&ctx, result)
}

/// Screens again, in one action, every open screening the chosen policy changes.
pub async fn rescreen_all(ctx: Ctx, State(s): State<AppState>, CsrfForm(form): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let writer = user.actor.registry_writer()?;
        let policy = form.get("policy").filter(|p| !p.is_empty());
        let done = s.db.screenings().rescreen_changed(writer, &s.db.screenings().policies(), policy.as_deref()).await?;
        let policy = form_urlencoded::byte_serialize(policy.unwrap_or_default().as_bytes()).collect::<String>();
        see_other(&format!("/screenings/rescreen?policy={policy}&done={}", done.len()))
    }
    .await;
    respond(&ctx, result)
}
