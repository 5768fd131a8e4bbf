//! Referrals' pages: the sent and received boxes (`/referrals`), a new referral from a person or
//! a return case (`/referrals/new`), one referral with its history and the actions of the
//! reader's side, the person page's panel with the withdrawal of consent to share.

use crate::domain::{Change, ConsentGiver, ConsentMeans, Field, Side, Status};
use crate::store::change::{Revocation, Withdrawal};
use crate::store::read::{ListQuery, ReferralLine};
use crate::store::send::NewReferral;
use crate::store::{Referral, ReferralsDb};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use drom_directory::DirectoryDb;
use drom_directory::domain::Need;
use drom_directory::store::ServiceRef;
use drom_domain::FieldError;
use drom_domain::permission::Permission;
use drom_store::StoreError;
use drom_web::AppState;
use drom_web::pages::ctx::Ctx;
use drom_web::pages::error::{PageError, respond};
use drom_web::pages::forms::{CsrfForm, FormData};
use drom_web::pages::{html, see_other, signed_in};
use serde::Deserialize;

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

#[derive(Template)]
#[template(path = "referrals.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    title: String,
    received: bool,
    overdue: bool,
    lines: Vec<ReferralLine>,
}

/// The agency's sent (default) or received referrals.
pub async fn list(ctx: Ctx, State(s): State<AppState>, Query(q): Query<ListQuery>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let lines = s.db.referrals().list(&user.actor, &q).await?;
        let received = q.box_.as_deref() == Some("received");
        html(ListPage { ctx: &ctx, title: ctx.t("referrals-title"), received, overdue: q.overdue == Some(true), lines })
    }
    .await;
    respond(&ctx, result)
}

#[derive(Template)]
#[template(path = "referral.html")]
struct ShowPage<'a> {
    ctx: &'a Ctx,
    title: String,
    r: Referral,
    receiver: bool,
    /// Receiver may make its own case now.
    may_make_case: bool,
    may_revoke: bool,
}

impl ShowPage<'_> {
    fn status(&self, s: &str) -> String {
        self.ctx.code("referral-status", s)
    }
    fn field(&self, f: &Field) -> String {
        self.ctx.code("referral-field", f.code())
    }
}

/// One referral as the reader's side sees it, with its history and actions.
pub async fn show(ctx: Ctx, State(s): State<AppState>, Path(id): Path<String>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let r = s.db.referrals().get(&user.actor, id).await?;
        let receiver = r.side == Side::Receiver;
        let may_make_case = receiver
            && ctx.can_write()
            && r.case_person_id.is_none()
            && r.shared.is_some()
            && matches!(r.status, Status::Accepted | Status::InProgress | Status::OnHold);
        let may_revoke = !receiver && ctx.can(Permission::Supervise) && r.status.is_open();
        html(ShowPage { ctx: &ctx, title: ctx.t("referral-title"), r, receiver, may_make_case, may_revoke })
    }
    .await;
    respond(&ctx, result)
}

#[derive(Debug, Default, Deserialize)]
pub struct NewQuery {
    pub person_id: Option<i64>,
    pub return_case_id: Option<i64>,
    pub need: Option<String>,
    pub municipality: Option<String>,
}

#[derive(Template)]
#[template(path = "referral_new.html")]
struct NewPage<'a> {
    ctx: &'a Ctx,
    title: String,
    person_id: Option<i64>,
    return_case_id: Option<i64>,
    services: Vec<ServiceRef>,
    needs: &'static [Need],
    givers: &'static [ConsentGiver],
    means: &'static [ConsentMeans],
    fields: &'static [Field],
    today: String,
    errors: Vec<FieldError>,
    form: FormData,
}

impl NewPage<'_> {
    fn field(&self, f: &Field) -> String {
        self.ctx.code("referral-field", f.code())
    }
    fn value(&self, name: &str) -> String {
        self.form.raw(name)
    }
    fn checked(&self, name: &str, value: &str) -> bool {
        self.form.all(name).iter().any(|v| v == value)
    }
}

async fn new_page(
    ctx: &Ctx,
    s: &AppState,
    person_id: Option<i64>,
    return_case_id: Option<i64>,
    errors: Vec<FieldError>,
    form: FormData,
) -> Result<Response, PageError> {
    // Only the services a referral can reach: those of an agency here or of a peer server (an
    // outside provider without Drom is refused on sending, so it is not offered).
    let services: Vec<_> =
        s.db.directory()
            .active_services()
            .await?
            .into_iter()
            .filter(|x| x.agency_id.is_some() || x.peer_id.is_some())
            .collect();
    html(NewPage {
        ctx,
        title: ctx.t("referral-new-title"),
        person_id,
        return_case_id,
        services,
        needs: Need::ALL,
        givers: ConsentGiver::ALL,
        means: ConsentMeans::ALL,
        fields: Field::ALL,
        today: today(),
        errors,
        form,
    })
}

/// The form of a new referral from a person or a return case.
pub async fn new(ctx: Ctx, State(s): State<AppState>, Query(q): Query<NewQuery>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        user.actor.require(Permission::RegistryWrite)?;
        match (q.person_id, q.return_case_id) {
            // The person must be one of the agency's: another agency's is "not found".
            (Some(p), _) => {
                s.db.referrals().of_person(&user.actor, p).await?;
            }
            (None, Some(_)) => {}
            (None, None) => return Err(PageError::NotFound),
        }
        new_page(&ctx, &s, q.person_id, q.return_case_id, Vec::new(), FormData::default()).await
    }
    .await;
    respond(&ctx, result)
}

fn opt_id(form: &FormData, name: &str) -> Result<Option<i64>, PageError> {
    form.get(name).map(|v| v.parse::<i64>().map_err(|_| PageError::BadForm)).transpose()
}

fn errors_of(ctx: &Ctx, e: StoreError) -> Result<Vec<FieldError>, PageError> {
    Ok(match e {
        StoreError::Invalid(v) => ctx.localise(v.0),
        StoreError::Conflict(r) | StoreError::Transition(r) => {
            vec![FieldError { field: String::new(), code: "conflict", args: vec![], reason: ctx.refusal(&r) }]
        }
        other => return Err(other.into()),
    })
}

/// Sends a referral from the form.
pub async fn create(ctx: Ctx, State(s): State<AppState>, CsrfForm(form): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let person_id = opt_id(&form, "person_id")?;
        let return_case_id = opt_id(&form, "return_case_id")?;
        let parse = |name: &str| -> Vec<Field> { form.all(name).iter().filter_map(|f| f.parse().ok()).collect() };
        let consent_fields = parse("consent_fields");
        let consent = if form.checked("consent") {
            let given_on = form.text("given_on").parse().unwrap_or_else(|_| chrono::Utc::now().date_naive());
            Some(crate::domain::Consent {
                given_by: form.text("given_by").parse().unwrap_or(ConsentGiver::Person),
                guardian_name: form.get("guardian_name"),
                given_on,
                language: form.text("language"),
                means: form.text("means").parse().unwrap_or(ConsentMeans::Spoken),
                fields: consent_fields,
            })
        } else {
            None
        };
        let due_on = form.text("due_on").parse().ok();
        let Some(due_on) = due_on else {
            let e = drom_domain::ValidationErrors::single(
                "due_on",
                drom_domain::Common::NotADate { value: form.text("due_on") },
            );
            let errors = ctx.localise(e.0);
            let page = new_page(&ctx, &s, person_id, return_case_id, errors, form).await?;
            return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        };
        let input = NewReferral {
            person_id,
            return_case_id,
            service_id: form.text("service_id"),
            need: form.text("need"),
            need_text: form.raw("need_text"),
            due_on,
            consent,
            fields: parse("fields"),
            draft: form.checked("draft"),
            msc_session_id: opt_id(&form, "msc_session_id")?,
        };
        match s.db.referrals().send(&user.actor, input, chrono::Utc::now().date_naive()).await {
            Ok(id) => see_other(&format!("/referrals/{id}")),
            Err(e) => {
                let errors = errors_of(&ctx, e)?;
                let page = new_page(&ctx, &s, person_id, return_case_id, errors, form).await?;
                Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
            }
        }
    }
    .await;
    respond(&ctx, result)
}

#[derive(Template)]
#[template(path = "referral_refused.html")]
struct Refused<'a> {
    ctx: &'a Ctx,
    title: String,
    back: String,
    errors: Vec<FieldError>,
}

fn refused(ctx: &Ctx, back: String, e: StoreError) -> Result<Response, PageError> {
    let errors = errors_of(ctx, e)?;
    let page = html(Refused { ctx, title: ctx.t("referral-refused"), back, errors })?;
    Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// A status change from the referral's page.
pub async fn change_status(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let change = Change { status: form.text("status"), reason: form.get("reason"), outcome: form.get("outcome") };
        let back = format!("/referrals/{id}");
        match s.db.referrals().change_status(&user.actor, id, change).await {
            Ok(_) => see_other(&back),
            Err(e) => refused(&ctx, back, e),
        }
    }
    .await;
    respond(&ctx, result)
}

/// A supervisor's revocation from the referral's page.
pub async fn revoke(ctx: Ctx, State(s): State<AppState>, Path(id): Path<String>, CsrfForm(form): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let back = format!("/referrals/{id}");
        match s.db.referrals().revoke(&user.actor, id, Revocation { reason: form.raw("reason") }).await {
            Ok(_) => see_other(&back),
            Err(e) => refused(&ctx, back, e),
        }
    }
    .await;
    respond(&ctx, result)
}

/// The receiver's own case from the referral's page.
pub async fn to_case(ctx: Ctx, State(s): State<AppState>, Path(id): Path<String>, CsrfForm(_): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        match s.db.referrals().to_case(&user.actor, id).await {
            Ok(person) => see_other(&format!("/persons/{person}")),
            Err(e) => refused(&ctx, format!("/referrals/{id}"), e),
        }
    }
    .await;
    respond(&ctx, result)
}

/// The withdrawal of consent to share, from the person's page.
pub async fn withdraw_consent(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let back = format!("/persons/{id}#referrals");
        match s.db.referrals().withdraw_consent(&user.actor, id, Withdrawal { reason: form.get("reason") }).await {
            Ok(_) => see_other(&back),
            Err(e) => refused(&ctx, back, e),
        }
    }
    .await;
    respond(&ctx, result)
}

#[derive(Template)]
#[template(path = "referrals_panel.html")]
struct Panel<'a> {
    ctx: &'a Ctx,
    person_id: i64,
    lines: Vec<ReferralLine>,
    any_shared: bool,
}

/// The referrals section of a person's page (a `PersonPanel`).
pub fn person_panel<'a>(ctx: &'a Ctx, s: &'a AppState, person_id: i64) -> drom_web::PanelFuture<'a> {
    Box::pin(async move {
        let user = signed_in(ctx)?;
        let lines = s.db.referrals().of_person(&user.actor, person_id).await?;
        let any_shared = lines.iter().any(|l| !l.withdrawn);
        let page = Panel { ctx, person_id, lines, any_shared };
        page.render().map(Some).map_err(|e| {
            tracing::error!(error = %e, "template failed");
            PageError::Internal
        })
    })
}

#[derive(Template)]
#[template(path = "msc_sessions.html")]
struct SessionsPage<'a> {
    ctx: &'a Ctx,
    title: String,
    sessions: Vec<crate::store::msc::Session>,
    municipalities: Vec<(String, String)>,
    errors: Vec<FieldError>,
    saved: bool,
    today: String,
    topics: &'static [crate::domain::msc::Topic],
    ages: &'static [crate::domain::msc::AgeGroup],
    outcomes: &'static [crate::domain::msc::Outcome],
    sexes: &'static [drom_domain::vocab::Sex],
}

#[derive(Debug, Default, Deserialize)]
pub struct SessionsQuery {
    pub saved: Option<String>,
}

async fn sessions_page(ctx: &Ctx, s: &AppState, errors: Vec<FieldError>, saved: bool) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    let sessions = s.db.referrals().sessions(&user.actor).await?;
    let reference = s.db.reference().await?;
    let municipalities = reference.municipalities.iter().map(|m| (m.code.clone(), m.display_name())).collect();
    html(SessionsPage {
        ctx,
        title: ctx.t("msc-title"),
        sessions,
        municipalities,
        errors,
        saved,
        today: today(),
        topics: crate::domain::msc::Topic::ALL,
        ages: crate::domain::msc::AgeGroup::ALL,
        outcomes: crate::domain::msc::Outcome::ALL,
        sexes: drom_domain::vocab::Sex::ALL,
    })
}

/// The Migrant Service Centre's sessions: one short form to record one, and the latest.
pub async fn sessions(ctx: Ctx, State(s): State<AppState>, Query(q): Query<SessionsQuery>) -> Response {
    let result = sessions_page(&ctx, &s, Vec::new(), q.saved.is_some()).await;
    respond(&ctx, result)
}

/// Records a session from the form.
pub async fn record_session(ctx: Ctx, State(s): State<AppState>, CsrfForm(form): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let mut e = drom_domain::ValidationErrors::default();
        let parse = |name: &str| -> Option<String> { form.get(name) };
        let topic = parse("topic").and_then(|t| t.parse().map_err(|r| e.push("topic", r)).ok());
        let outcome = parse("outcome").and_then(|t| t.parse().map_err(|r| e.push("outcome", r)).ok());
        let person_id = opt_id(&form, "person_id")?;
        let (Some(topic), Some(outcome)) = (topic, outcome) else {
            if e.is_empty() {
                e.push("topic", drom_domain::Common::Required);
            }
            let page = sessions_page(&ctx, &s, ctx.localise(e.0), false).await?;
            return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        };
        let input = crate::store::msc::NewSession {
            held_on: form.get("held_on").and_then(|d| d.parse().ok()),
            topic,
            person_id,
            sex: if person_id.is_none() { form.get("sex").and_then(|x| x.parse().ok()) } else { None },
            age_group: if person_id.is_none() { form.get("age_group").and_then(|x| x.parse().ok()) } else { None },
            municipality: if person_id.is_none() { form.get("municipality") } else { None },
            language: form.text("language"),
            outcome,
            note: form.get("note"),
        };
        match s.db.referrals().record_session(&user.actor, input, chrono::Utc::now().date_naive()).await {
            Ok(_) => see_other("/msc-sessions?saved=1"),
            Err(e) => {
                let errors = errors_of(&ctx, e)?;
                let page = sessions_page(&ctx, &s, errors, false).await?;
                Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
            }
        }
    }
    .await;
    respond(&ctx, result)
}

#[derive(Debug, Default, Deserialize)]
pub struct PeriodQuery {
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The period asked, or the year so far.
fn period(q: &PeriodQuery) -> (chrono::NaiveDate, chrono::NaiveDate) {
    use chrono::Datelike;
    let today = chrono::Utc::now().date_naive();
    let start = chrono::NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let from = q.from.as_deref().and_then(|d| d.parse().ok()).unwrap_or(start);
    let to = q.to.as_deref().and_then(|d| d.parse().ok()).unwrap_or(today);
    (from, to)
}

struct Breakdown {
    id: &'static str,
    title: String,
    rows: Vec<(String, String)>,
    chart: drom_web::pages::chart::Chart,
}

#[derive(Template)]
#[template(path = "report_referrals.html")]
struct ReportPage<'a> {
    ctx: &'a Ctx,
    title: String,
    r: crate::store::report::ReferralsReport,
    figures: Vec<(String, String)>,
    breakdowns: Vec<Breakdown>,
}

fn shown(v: Option<i64>) -> String {
    v.map_or_else(|| "–".into(), |x| x.to_string())
}

/// The referral report page: figures, a table and a chart per breakdown, the CSV.
pub async fn report(ctx: Ctx, State(s): State<AppState>, Query(q): Query<PeriodQuery>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let (from, to) = period(&q);
        let today = chrono::Utc::now().date_naive();
        let r = s.db.referrals().referrals_report(Some(&user.actor), from, to, today).await?;
        let reference = s.db.reference().await?;
        let label = |section: &str, key: &str| -> String {
            match section {
                "need" => ctx.code("referral-need", key),
                "status" => ctx.code("referral-status", key),
                "session_topic" => ctx.code("msc-topic", key),
                "session_sex" => ctx.code("sex", key),
                "session_age_group" => ctx.code("msc-age", key),
                "municipality" | "session_municipality" => reference
                    .municipalities
                    .iter()
                    .find(|m| m.code == key)
                    .map_or_else(|| key.to_string(), |m| m.display_name()),
                _ => key.to_string(),
            }
        };
        let breakdowns = r
            .breakdowns()
            .into_iter()
            .map(|(id, cells)| {
                let title = ctx.t(&format!("report-referrals-by-{}", id.replace('_', "-")));
                let rows: Vec<(String, String)> = cells.iter().map(|c| (label(id, &c.key), shown(c.count))).collect();
                let chart = drom_web::pages::chart::Chart::new(
                    id,
                    title.clone(),
                    cells.iter().map(|c| (label(id, &c.key), c.count.unwrap_or(0) as f64, shown(c.count))).collect(),
                );
                Breakdown { id, title, rows, chart }
            })
            .collect();
        let days = |v: Option<f64>| v.map_or_else(|| "–".into(), |x| x.to_string());
        let figures = vec![
            (ctx.t("referrals-title"), shown(r.referrals)),
            (ctx.t("referral-status-completed"), shown(r.completed)),
            (
                ctx.t("report-referrals-outcome-share"),
                r.completed_with_outcome_share.map_or_else(|| "–".into(), |x| format!("{} %", (x * 100.0).round())),
            ),
            (ctx.t("report-referrals-median-acceptance"), days(r.median_days_to_acceptance)),
            (ctx.t("report-referrals-median-completion"), days(r.median_days_to_completion)),
            (ctx.t("referrals-overdue"), shown(r.overdue)),
            (ctx.t("msc-title"), shown(r.sessions)),
        ];
        html(ReportPage { ctx: &ctx, title: ctx.t("report-referrals-title"), r, figures, breakdowns })
    }
    .await;
    respond(&ctx, result)
}

/// The referral report as CSV.
pub async fn report_csv(ctx: Ctx, s: State<AppState>, q: Query<PeriodQuery>) -> Response {
    report_file(ctx, s, q, "csv").await
}

/// The referral report as an XLSX workbook.
pub async fn report_xlsx(ctx: Ctx, s: State<AppState>, q: Query<PeriodQuery>) -> Response {
    report_file(ctx, s, q, "xlsx").await
}

/// The report of the period as a file: `csv` or `xlsx`.
async fn report_file(ctx: Ctx, State(s): State<AppState>, Query(q): Query<PeriodQuery>, kind: &str) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let (from, to) = period(&q);
        let today = chrono::Utc::now().date_naive();
        let r = s.db.referrals().referrals_report(Some(&user.actor), from, to, today).await?;
        let (media, bytes) = if kind == "xlsx" {
            (drom_domain::spreadsheet::XLSX_MEDIA_TYPE.to_string(), r.to_xlsx()?)
        } else {
            ("text/csv; charset=utf-8".to_string(), r.to_csv().into_bytes())
        };
        let headers = [
            (axum::http::header::CONTENT_TYPE, media),
            (axum::http::header::CONTENT_DISPOSITION, format!("attachment; filename=\"referrals-{from}-{to}.{kind}\"")),
        ];
        Ok((headers, bytes).into_response())
    }
    .await;
    respond(&ctx, result)
}
