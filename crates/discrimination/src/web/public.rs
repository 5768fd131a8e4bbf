//! The public pages: the report form (`/report`), the page that shows the tracking code once,
//! following a report by its code (`/report/follow`, the code always in a POST body, never in
//! a URL), and the statistics (`/report/statistics`, with CSV, HXL and XLSX). No sign-in, no
//! script needed (the proof of work runs when script does); every answer is `no-store` and
//! sends no referrer. The form carries no CSRF token: it needs no session, and its
//! single-use challenge is the server's own token.

use crate::domain::{Area, Ground, NewReport, Period, Perpetrator, ReporterRole, Status};
use crate::store::DiscriminationDb;
use crate::store::evidence::Upload;
use crate::store::public::{Attempt, Proof, ReporterView};
use crate::store::settings::{MAX_FILE_MB, MAX_FILES};
use askama::Template;
use axum::extract::{Multipart, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use drom_domain::FieldError;
use drom_store::StoreError;
use drom_web::AppState;
use drom_web::auth::ClientAddress;
use drom_web::pages::choices::Choices;
use drom_web::pages::ctx::Ctx;
use drom_web::pages::error::{PageError, respond};
use drom_web::pages::forms::FormData;
use drom_web::pages::html;

/// The largest body the report routes take: the ceilings of files and size, and the words.
pub const BODY_LIMIT: usize = (MAX_FILES * MAX_FILE_MB) as usize * 1024 * 1024 + 1024 * 1024;

/// No cache, no referrer: nothing of the flow stays in a shared cache or leaks in a link.
fn private(r: Result<Response, PageError>) -> Result<Response, PageError> {
    r.map(|mut resp| {
        let h = resp.headers_mut();
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
        resp
    })
}

/// Errors in the page's language, each field named by its label.
pub(crate) fn labelled(ctx: &Ctx, errors: Vec<FieldError>) -> Vec<FieldError> {
    ctx.localise(errors)
        .into_iter()
        .map(|mut e| {
            if !e.field.is_empty() {
                let base = e.field.split('[').next().unwrap_or("").to_string();
                e.field = ctx.t_or(&format!("report-field-{base}"), &e.field);
            }
            e
        })
        .collect()
}

/// Reads a multipart form: text fields, and files up to `max_file` bytes each (a larger one
/// stops the reading; the caller reports it).
pub(crate) async fn read_form(mut m: Multipart, max_file: usize) -> Result<(FormData, Vec<Upload>, bool), PageError> {
    let mut form = FormData::default();
    let mut files = Vec::new();
    let mut too_large = false;
    while let Some(mut field) = m.next_field().await.map_err(|_| PageError::TooLarge)? {
        let name = field.name().unwrap_or_default().to_string();
        if let Some(file_name) = field.file_name().map(str::to_string) {
            let mut content = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(|_| PageError::TooLarge)? {
                if content.len() + chunk.len() > max_file {
                    too_large = true;
                    break;
                }
                content.extend_from_slice(&chunk);
            }
            if too_large {
                break;
            }
            if files.len() > MAX_FILES as usize {
                continue;
            }
            files.push(Upload { file_name, content });
        } else {
            form.0.push((name, field.text().await.map_err(|_| PageError::BadForm)?));
        }
    }
    Ok((form, files, too_large))
}

#[derive(Template)]
#[template(path = "report_form.html")]
struct FormPage<'a> {
    ctx: &'a Ctx,
    title: String,
    challenge: String,
    bits: i64,
    max_files: i64,
    max_file_mb: i64,
    today: String,
    municipalities: Vec<(String, String)>,
    communities: Vec<(String, String)>,
    errors: Vec<FieldError>,
    form: FormData,
    unavailable: bool,
}

impl FormPage<'_> {
    fn value(&self, name: &str) -> String {
        self.form.raw(name)
    }
    fn checked(&self, name: &str, value: &str) -> bool {
        self.form.all(name).iter().any(|v| v == value)
    }
    fn areas(&self) -> &'static [Area] {
        Area::ALL
    }
    fn grounds(&self) -> &'static [Ground] {
        Ground::ALL
    }
    fn perpetrators(&self) -> &'static [Perpetrator] {
        Perpetrator::ALL
    }
    fn roles(&self) -> &'static [ReporterRole] {
        ReporterRole::ALL
    }
    fn periods(&self) -> &'static [Period] {
        Period::ALL
    }
    fn files_hint(&self) -> String {
        self.ctx.ta("report-files-hint", &[("max", self.max_files.to_string()), ("mib", self.max_file_mb.to_string())])
    }
}

async fn form_page(ctx: &Ctx, s: &AppState, errors: Vec<FieldError>, form: FormData) -> Result<Response, PageError> {
    let d = s.db.discrimination();
    let (challenge, bits) = d.challenge().await?;
    let limits = d.limits().await?;
    let choices = Choices::load(s).await?;
    let unavailable = d.bodies().await?.iter().all(|b| !b.active);
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = FormPage {
        ctx,
        title: ctx.t("report-form-title"),
        challenge,
        bits,
        max_files: limits.max_files,
        max_file_mb: limits.max_file_mb,
        today: chrono::Utc::now().date_naive().to_string(),
        municipalities: choices.municipalities(ctx),
        communities: choices.communities(ctx),
        errors: labelled(ctx, errors),
        form,
        unavailable,
    };
    html(page).map(|r| (status, r).into_response())
}

/// The report form.
pub async fn form(ctx: Ctx, State(s): State<AppState>) -> Response {
    let result = private(form_page(&ctx, &s, Vec::new(), FormData::default()).await);
    respond(&ctx, result)
}

/// A report from the form's fields; fields that do not read are named.
fn report_of(form: &FormData, errors: &mut Vec<FieldError>, ctx: &Ctx) -> NewReport {
    fn code<T: std::str::FromStr<Err = drom_domain::Common>>(
        form: &FormData,
        name: &str,
        errors: &mut Vec<FieldError>,
        ctx: &Ctx,
    ) -> Option<T> {
        match form.get(name) {
            None => {
                errors.push(ctx.field_error(name, drom_domain::Common::Required));
                None
            }
            Some(v) => v.parse().map_err(|r| errors.push(ctx.field_error(name, r))).ok(),
        }
    }
    let happened_on = form.get("happened_on").and_then(|d| {
        d.parse()
            .map_err(|_| {
                errors.push(ctx.field_error("happened_on", drom_domain::Common::NotADate { value: d.clone() }))
            })
            .ok()
    });
    let happened_period = form.get("happened_period").and_then(|p| p.parse().ok());
    let mut grounds = Vec::new();
    for g in form.all("grounds") {
        match g.parse() {
            Ok(g) => grounds.push(g),
            Err(r) => errors.push(ctx.field_error("grounds", r)),
        }
    }
    let area = code::<Area>(form, "area", errors, ctx);
    let perpetrator = code::<Perpetrator>(form, "perpetrator", errors, ctx);
    let role = code::<ReporterRole>(form, "reporter_role", errors, ctx);
    NewReport {
        description: form.text("description"),
        happened_on,
        happened_period,
        municipality: form.text("municipality"),
        place: form.get("place"),
        area: area.unwrap_or(Area::Other),
        grounds,
        perpetrator: perpetrator.unwrap_or(Perpetrator::Unknown),
        reporter_role: role.unwrap_or(ReporterRole::Victim),
        contact_name: form.get("contact_name"),
        contact_phone: form.get("contact_phone"),
        contact_email: form.get("contact_email"),
        community: form.get("community"),
        language: Some(ctx.lang.code().to_string()),
    }
}

#[derive(Template)]
#[template(path = "report_submitted.html")]
struct SubmittedPage<'a> {
    ctx: &'a Ctx,
    title: String,
    code: String,
    body: String,
    ack_due_on: String,
}

#[derive(Template)]
#[template(path = "report_limited.html")]
struct LimitedPage<'a> {
    ctx: &'a Ctx,
    title: String,
    minutes: u64,
}

fn limited(ctx: &Ctx, retry_after_secs: u64) -> Result<Response, PageError> {
    let page = LimitedPage { ctx, title: ctx.t("report-limited-title"), minutes: retry_after_secs.div_ceil(60) };
    html(page).map(|r| {
        let mut r = (StatusCode::TOO_MANY_REQUESTS, r).into_response();
        if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        r
    })
}

/// Takes a report: the limits first (before the body is read), then the form.
pub async fn submit(
    ctx: Ctx,
    State(s): State<AppState>,
    ClientAddress(address): ClientAddress,
    m: Multipart,
) -> Response {
    let result = async {
        let d = s.db.discrimination();
        if let Err(StoreError::Limited { retry_after_secs }) = d.admit(&address, Attempt::Report).await {
            return limited(&ctx, retry_after_secs);
        }
        let limits = d.limits().await?;
        let (form, files, too_large) = read_form(m, (limits.max_file_mb * 1024 * 1024) as usize).await?;
        let mut errors = Vec::new();
        if too_large {
            errors.push(
                ctx.field_error("files", crate::DiscriminationReason::EvidenceTooLarge { mib: limits.max_file_mb }),
            );
        }
        let report = report_of(&form, &mut errors, &ctx);
        if !errors.is_empty() {
            return form_page(&ctx, &s, errors, form).await;
        }
        let proof =
            Proof { challenge: form.text("challenge"), counter: form.get("counter"), website: form.get("website") };
        match d.submit(&proof, report, files, chrono::Utc::now().date_naive()).await {
            Ok(done) => html(SubmittedPage {
                ctx: &ctx,
                title: ctx.t("report-submitted-title"),
                code: done.tracking_code,
                body: done.body,
                ack_due_on: done.ack_due_on,
            }),
            Err(StoreError::Invalid(e)) => form_page(&ctx, &s, e.0, form).await,
            Err(StoreError::Limited { retry_after_secs }) => limited(&ctx, retry_after_secs),
            Err(StoreError::Config(_)) => Err(PageError::Unavailable),
            Err(other) => Err(other.into()),
        }
    }
    .await;
    respond(&ctx, private(result))
}

#[derive(Template)]
#[template(path = "report_follow.html")]
struct FollowPage<'a> {
    ctx: &'a Ctx,
    title: String,
    errors: Vec<FieldError>,
}

#[derive(Template)]
#[template(path = "report_status.html")]
struct StatusPage<'a> {
    ctx: &'a Ctx,
    title: String,
    /// Carried in the page's forms (POST bodies only).
    code: String,
    v: ReporterView,
    closed: bool,
    errors: Vec<FieldError>,
    sent: bool,
    max_files: i64,
}

/// The form that asks for a tracking code.
pub async fn follow_form(ctx: Ctx) -> Response {
    let result = html(FollowPage { ctx: &ctx, title: ctx.t("follow-title"), errors: Vec::new() });
    respond(&ctx, private(result))
}

/// A tracking code's report (`action=view`), or the reporter's message with evidence
/// (`action=reply`), then the report.
pub async fn follow(
    ctx: Ctx,
    State(s): State<AppState>,
    ClientAddress(address): ClientAddress,
    m: Multipart,
) -> Response {
    let result = async {
        let d = s.db.discrimination();
        if let Err(StoreError::Limited { retry_after_secs }) = d.admit(&address, Attempt::Lookup).await {
            return limited(&ctx, retry_after_secs);
        }
        let limits = d.limits().await?;
        let (form, files, too_large) = read_form(m, (limits.max_file_mb * 1024 * 1024) as usize).await?;
        let code = form.text("code");
        let status_page = |v: ReporterView, errors: Vec<FieldError>, sent: bool| {
            let closed = v.status == Status::Closed;
            html(StatusPage {
                ctx: &ctx,
                title: ctx.t("status-title"),
                code: code.clone(),
                v,
                closed,
                errors: labelled(&ctx, errors),
                sent,
                max_files: limits.max_files,
            })
        };
        let view = match d.follow(&code).await {
            Ok(v) => v,
            Err(StoreError::Invalid(e)) => {
                let page = FollowPage { ctx: &ctx, title: ctx.t("follow-title"), errors: labelled(&ctx, e.0) };
                return html(page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response());
            }
            Err(other) => return Err(other.into()),
        };
        if form.get("action").as_deref() != Some("reply") {
            return status_page(view, Vec::new(), false);
        }
        if too_large {
            let e = ctx.field_error("files", crate::DiscriminationReason::EvidenceTooLarge { mib: limits.max_file_mb });
            return status_page(view, vec![e], false);
        }
        match d.reporter_message(&code, &form.text("body"), files).await {
            Ok(v) => status_page(v, Vec::new(), true),
            Err(StoreError::Invalid(e)) => status_page(view, e.0, false),
            Err(StoreError::Conflict(r)) => {
                let e = FieldError { field: "body".into(), code: r.code, args: Vec::new(), reason: ctx.refusal(&r) };
                status_page(view, vec![e], false)
            }
            Err(StoreError::Limited { retry_after_secs }) => limited(&ctx, retry_after_secs),
            Err(other) => Err(other.into()),
        }
    }
    .await;
    respond(&ctx, private(result))
}

/// The form's proof-of-work script (served from Drom itself, as the CSP asks).
pub async fn pow_js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../../static/pow.js"),
    )
        .into_response()
}

#[derive(Template)]
#[template(path = "statistics.html")]
pub(crate) struct StatisticsPage<'a> {
    pub ctx: &'a Ctx,
    pub title: String,
    pub stats: crate::store::stats::Statistics,
    pub names: std::collections::HashMap<String, String>,
    /// Where the downloads are (public or staff).
    pub base: &'static str,
}

impl StatisticsPage<'_> {
    /// A category in the page's language.
    fn category(&self, dimension: &str, key: &str) -> String {
        match dimension {
            "municipality" | "community" => self.names.get(key).cloned().unwrap_or_else(|| key.to_string()),
            "body" | "month" => key.to_string(),
            "outcome" if key == "open" => self.ctx.t("stats-open"),
            other => self.ctx.code(&format!("discrimination-{other}"), key),
        }
    }
    fn count(&self, n: &Option<i64>) -> String {
        n.map(|n| self.ctx.number(n)).unwrap_or_else(|| self.ctx.t("stats-hidden"))
    }
    fn lead(&self) -> String {
        let s = &self.stats;
        self.ctx
            .ta("stats-lead", &[("from", s.from.clone()), ("to", s.to.clone()), ("threshold", s.threshold.to_string())])
    }
}

pub(crate) async fn statistics_page(
    ctx: &Ctx,
    s: &AppState,
    p: &crate::store::outreach::Period,
    with_community: bool,
    base: &'static str,
) -> Result<Response, PageError> {
    let stats = s.db.discrimination().statistics(p, chrono::Utc::now().date_naive(), with_community).await.map_err(
        |e| match e {
            StoreError::Invalid(_) => PageError::BadForm,
            other => other.into(),
        },
    )?;
    let choices = Choices::load(s).await?;
    let mut names: std::collections::HashMap<String, String> = choices.municipalities(ctx).into_iter().collect();
    names.extend(choices.communities(ctx));
    names.insert("not_said".into(), ctx.t("stats-not-said"));
    html(StatisticsPage { ctx, title: ctx.t("stats-title"), stats, names, base })
}

/// The public statistics page.
pub async fn statistics(
    ctx: Ctx,
    State(s): State<AppState>,
    Query(p): Query<crate::store::outreach::Period>,
) -> Response {
    let result = statistics_page(&ctx, &s, &p, false, "/report/statistics").await;
    respond(&ctx, private(result))
}

/// The public statistics as a file: `csv`, `hxl` (CSV with HXL hashtags) or `xlsx`.
pub(crate) async fn statistics_file(
    s: &AppState,
    p: &crate::store::outreach::Period,
    with_community: bool,
    kind: &str,
) -> Result<Response, PageError> {
    let stats = s.db.discrimination().statistics(p, chrono::Utc::now().date_naive(), with_community).await.map_err(
        |e| match e {
            StoreError::Invalid(_) => PageError::BadForm,
            other => other.into(),
        },
    )?;
    let name = format!("discrimination-{}-{}", stats.from, stats.to);
    let (media, ext, bytes) = match kind {
        "xlsx" => (
            drom_domain::spreadsheet::XLSX_MEDIA_TYPE,
            "xlsx",
            stats.xlsx().map_err(|e| {
                tracing::error!(error = %e, "xlsx failed");
                PageError::Internal
            })?,
        ),
        "hxl" => ("text/csv; charset=utf-8", "hxl.csv", stats.csv(true).into_bytes()),
        _ => ("text/csv; charset=utf-8", "csv", stats.csv(false).into_bytes()),
    };
    Ok((
        [
            (header::CONTENT_TYPE, media.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}.{ext}\"")),
        ],
        bytes,
    )
        .into_response())
}

macro_rules! public_file {
    ($name:ident, $kind:literal) => {
        /// The public statistics as a file.
        pub async fn $name(
            ctx: Ctx,
            State(s): State<AppState>,
            Query(p): Query<crate::store::outreach::Period>,
        ) -> Response {
            respond(&ctx, private(statistics_file(&s, &p, false, $kind).await))
        }
    };
}
public_file!(statistics_csv, "csv");
public_file!(statistics_hxl, "hxl");
public_file!(statistics_xlsx, "xlsx");
