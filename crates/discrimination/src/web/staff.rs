//! A body's pages: its reports (`/discrimination`), one report with its thread, history and the
//! actions of its state (`/discrimination/reports/{id}`, with casework's panel: holder, tasks,
//! internal notes the reporter never sees), evidence downloads, outreach, the statistics with
//! the community for the grant, and the administration of bodies and limits.

use crate::domain::{ActivityKind, BodyKind, Outcome};
use crate::store::DiscriminationDb;
use crate::store::bodies::{Body, BodySettings};
use crate::store::handle::{Acknowledgement, Closure, ListQuery, Report, ReportLine, StaffMessage, ToPerson, Transfer};
use crate::store::outreach::{NewActivity, OutreachReport, Participants, Period};
use crate::store::settings::Limits;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use drom_casework::domain::Subject;
use drom_domain::FieldError;
use drom_domain::permission::Permission;
use drom_store::StoreError;
use drom_web::AppState;
use drom_web::pages::choices::Choices;
use drom_web::pages::ctx::Ctx;
use drom_web::pages::error::{PageError, respond};
use drom_web::pages::forms::{CsrfForm, FormData};
use drom_web::pages::{html, see_other, signed_in};

#[derive(Template)]
#[template(path = "reports.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    title: String,
    lines: Vec<ReportLine>,
    overdue: bool,
    names: std::collections::HashMap<String, String>,
}

impl ListPage<'_> {
    fn municipality(&self, code: &str) -> String {
        self.names.get(code).cloned().unwrap_or_else(|| code.to_string())
    }
}

/// The reports routed to the reader's body.
pub async fn list(ctx: Ctx, State(s): State<AppState>, Query(q): Query<ListQuery>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let lines = s.db.discrimination().reports(&user.actor, &q).await.map_err(|e| match e {
            StoreError::Invalid(_) => PageError::BadForm,
            other => other.into(),
        })?;
        let names = Choices::load(&s).await?.municipalities(&ctx).into_iter().collect();
        html(ListPage { ctx: &ctx, title: ctx.t("reports-title"), lines, overdue: q.overdue == Some(true), names })
    }
    .await;
    respond(&ctx, result)
}

#[derive(Template)]
#[template(path = "report.html")]
struct ShowPage<'a> {
    ctx: &'a Ctx,
    title: String,
    r: Report,
    municipality: String,
    community: String,
    others: Vec<Body>,
    outcomes: &'static [Outcome],
    errors: Vec<FieldError>,
    casework: String,
    today: String,
}

async fn show_page(ctx: &Ctx, s: &AppState, id: i64, errors: Vec<FieldError>) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    let r = s.db.discrimination().report(&user.actor, id).await?;
    let choices = Choices::load(s).await?;
    let others =
        s.db.discrimination().bodies().await?.into_iter().filter(|b| b.active && b.agency_id != r.agency_id).collect();
    let casework = drom_casework::web::pages::panel(ctx, s, Subject::DiscriminationReport, id).await?;
    html(ShowPage {
        ctx,
        title: ctx.t1("report-page-title", "id", id),
        municipality: choices.municipality(ctx, Some(&r.municipality_code)),
        community: choices.community(ctx, r.community.as_deref()),
        r,
        others,
        outcomes: Outcome::ALL,
        errors: super::public::labelled(ctx, errors),
        casework,
        today: chrono::Utc::now().date_naive().to_string(),
    })
}

/// One report of the reader's body.
pub async fn show(ctx: Ctx, State(s): State<AppState>, Path(id): Path<String>) -> Response {
    let result = async {
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        show_page(&ctx, &s, id, Vec::new()).await
    }
    .await;
    respond(&ctx, result)
}

/// The actions on a report: acknowledge, message (or question), transfer, close, person.
pub async fn act(
    ctx: Ctx,
    State(s): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    CsrfForm(f): CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let d = s.db.discrimination();
        let a = &user.actor;
        let bad = |field: &str, reason: drom_domain::Common| {
            Err(StoreError::Invalid({
                let mut e = drom_domain::ValidationErrors::default();
                e.push(field, reason);
                e
            }))
        };
        let done: Result<String, StoreError> = match action.as_str() {
            "acknowledge" => d
                .acknowledge(a, id, Acknowledgement { message: f.get("message") })
                .await
                .map(|_| format!("/discrimination/reports/{id}")),
            "message" => d
                .message(a, id, StaffMessage { body: f.text("body"), question: f.checked("question") })
                .await
                .map(|_| format!("/discrimination/reports/{id}")),
            "transfer" => match f.text("agency_id").parse::<i64>() {
                Ok(agency_id) => d
                    .transfer(a, id, Transfer { agency_id, reason: f.text("reason") })
                    .await
                    .map(|_| "/discrimination".to_string()),
                Err(_) => bad("agency_id", drom_domain::Common::Required),
            },
            "close" => match f.text("outcome").parse::<Outcome>() {
                Ok(outcome) => d
                    .close(a, id, Closure { outcome, decision: f.text("decision"), reason: f.get("reason") })
                    .await
                    .map(|_| format!("/discrimination/reports/{id}")),
                Err(r) => bad("outcome", r),
            },
            "person" => {
                let sex = f.text("sex").parse();
                let on = f.text("consent_given_on").parse();
                match (sex, on) {
                    (Ok(sex), Ok(consent_given_on)) => d
                        .to_person(
                            a,
                            id,
                            ToPerson {
                                given_name: f.text("given_name"),
                                family_name: f.text("family_name"),
                                sex,
                                consent: f.checked("consent"),
                                consent_given_on,
                            },
                        )
                        .await
                        .map(|p| format!("/persons/{p}")),
                    (Err(r), _) => bad("sex", r),
                    (_, Err(_)) => {
                        bad("consent_given_on", drom_domain::Common::NotADate { value: f.text("consent_given_on") })
                    }
                }
            }
            _ => return Err(PageError::NotFound),
        };
        match done {
            Ok(to) => see_other(&to),
            Err(StoreError::Invalid(e)) => show_page(&ctx, &s, id, e.0).await,
            Err(StoreError::Conflict(r)) => {
                let e = FieldError { field: String::new(), code: r.code, args: Vec::new(), reason: ctx.refusal(&r) };
                show_page(&ctx, &s, id, vec![e]).await
            }
            Err(other) => Err(other.into()),
        }
    }
    .await;
    respond(&ctx, result)
}

/// An evidence file (the special-categories grant; audited).
pub async fn evidence(ctx: Ctx, State(s): State<AppState>, Path((id, file)): Path<(String, String)>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let (id, file): (i64, i64) =
            (id.parse().map_err(|_| PageError::NotFound)?, file.parse().map_err(|_| PageError::NotFound)?);
        let (e, content) = s.db.discrimination().evidence_file(&user.actor, id, file).await?;
        Ok((
            [
                (header::CONTENT_TYPE, e.media_type),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{}\"", e.file_name)),
            ],
            content,
        )
            .into_response())
    }
    .await;
    respond(&ctx, result)
}

#[derive(Template)]
#[template(path = "outreach.html")]
struct OutreachPage<'a> {
    ctx: &'a Ctx,
    title: String,
    report: OutreachReport,
    kinds: &'static [ActivityKind],
    municipalities: Vec<(String, String)>,
    communities: Vec<(String, String)>,
    names: std::collections::HashMap<String, String>,
    errors: Vec<FieldError>,
    form: FormData,
    today: String,
    saved: bool,
}

impl OutreachPage<'_> {
    fn name(&self, code: &str) -> String {
        self.names.get(code).cloned().unwrap_or_else(|| code.to_string())
    }
    fn value(&self, name: &str) -> String {
        self.form.raw(name)
    }
    fn count(&self, n: &Option<i64>) -> String {
        n.map(|n| self.ctx.number(n)).unwrap_or_else(|| self.ctx.t("stats-hidden"))
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct OutreachQuery {
    pub from: Option<String>,
    pub to: Option<String>,
    pub saved: Option<String>,
}

async fn outreach_page(
    ctx: &Ctx,
    s: &AppState,
    q: &OutreachQuery,
    errors: Vec<FieldError>,
    form: FormData,
) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    let day = |v: &Option<String>| {
        v.as_deref().filter(|x| !x.is_empty()).map(|x| x.parse().map_err(|_| PageError::BadForm)).transpose()
    };
    let period = Period { from: day(&q.from)?, to: day(&q.to)? };
    let report = s.db.discrimination().outreach(&user.actor, &period, chrono::Utc::now().date_naive()).await.map_err(
        |e| match e {
            StoreError::Invalid(_) => PageError::BadForm,
            other => other.into(),
        },
    )?;
    let choices = Choices::load(s).await?;
    let mut names: std::collections::HashMap<String, String> = choices.municipalities(ctx).into_iter().collect();
    names.extend(choices.communities(ctx));
    html(OutreachPage {
        ctx,
        title: ctx.t("outreach-title"),
        report,
        kinds: ActivityKind::ALL,
        municipalities: choices.municipalities(ctx),
        communities: choices.communities(ctx),
        names,
        errors: super::public::labelled(ctx, errors),
        form,
        today: chrono::Utc::now().date_naive().to_string(),
        saved: q.saved.is_some(),
    })
}

/// The agency's outreach in a period, and the form to record an activity.
pub async fn outreach(ctx: Ctx, State(s): State<AppState>, Query(q): Query<OutreachQuery>) -> Response {
    let result = outreach_page(&ctx, &s, &q, Vec::new(), FormData::default()).await;
    respond(&ctx, result)
}

/// Records an activity from the form: participants as women and men of each community.
pub async fn record_activity(ctx: Ctx, State(s): State<AppState>, CsrfForm(f): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let choices = Choices::load(&s).await?;
        let mut participants = Vec::new();
        let mut errors = Vec::new();
        for (community, _) in choices.communities(&ctx) {
            for sex in [drom_domain::vocab::Sex::Female, drom_domain::vocab::Sex::Male] {
                let field = format!("p_{}_{}", sex.code(), community);
                if let Some(v) = f.get(&field) {
                    match v.parse::<i64>() {
                        Ok(count) if count > 0 => {
                            participants.push(Participants { sex, community: community.clone(), count })
                        }
                        Ok(_) => {}
                        Err(_) => errors.push(ctx.field_error(&field, drom_domain::Common::NotANumber { value: v })),
                    }
                }
            }
        }
        let kind = f.text("kind").parse::<ActivityKind>();
        let held_on = f.text("held_on").parse::<chrono::NaiveDate>();
        let (Ok(kind), Ok(held_on), true) = (kind.clone(), held_on, errors.is_empty()) else {
            if let Err(r) = kind {
                errors.push(ctx.field_error("kind", r));
            }
            if held_on.is_err() {
                errors.push(ctx.field_error("held_on", drom_domain::Common::NotADate { value: f.text("held_on") }));
            }
            return outreach_page(&ctx, &s, &OutreachQuery::default(), errors, f).await;
        };
        let a = NewActivity {
            kind,
            held_on,
            municipality: f.get("municipality"),
            organiser: f.text("organiser"),
            topic: f.text("topic"),
            participants,
            institutions: f.get("institutions"),
            follow_up: f.get("follow_up"),
        };
        match s.db.discrimination().record_activity(&user.actor, a, chrono::Utc::now().date_naive()).await {
            Ok(_) => see_other("/discrimination/outreach?saved=1"),
            Err(StoreError::Invalid(e)) => outreach_page(&ctx, &s, &OutreachQuery::default(), e.0, f).await,
            Err(other) => Err(other.into()),
        }
    }
    .await;
    respond(&ctx, result)
}

/// The statistics for staff: the community breakdown with the special-categories grant.
pub async fn statistics(ctx: Ctx, State(s): State<AppState>, Query(p): Query<Period>) -> Response {
    let result = async {
        signed_in(&ctx)?;
        super::public::statistics_page(
            &ctx,
            &s,
            &p,
            ctx.can(Permission::SpecialCategories),
            "/discrimination/statistics",
        )
        .await
    }
    .await;
    respond(&ctx, result)
}

macro_rules! staff_file {
    ($name:ident, $kind:literal) => {
        /// The staff statistics as a file.
        pub async fn $name(ctx: Ctx, State(s): State<AppState>, Query(p): Query<Period>) -> Response {
            let result = async {
                signed_in(&ctx)?;
                super::public::statistics_file(&s, &p, ctx.can(Permission::SpecialCategories), $kind).await
            }
            .await;
            respond(&ctx, result)
        }
    };
}
staff_file!(statistics_csv, "csv");
staff_file!(statistics_hxl, "hxl");
staff_file!(statistics_xlsx, "xlsx");

#[derive(Template)]
#[template(path = "admin_discrimination.html")]
struct AdminPage<'a> {
    ctx: &'a Ctx,
    title: String,
    bodies: Vec<Body>,
    agencies: Vec<(i64, String)>,
    kinds: &'static [BodyKind],
    municipalities: Vec<(String, String)>,
    limits: Option<Limits>,
    errors: Vec<FieldError>,
}

impl AdminPage<'_> {
    fn limit_fields(&self, l: &Limits) -> Vec<(&'static str, i64)> {
        vec![
            ("per_address_per_hour", l.per_address_per_hour),
            ("per_hour", l.per_hour),
            ("lookups_per_address_per_hour", l.lookups_per_address_per_hour),
            ("messages_per_report_per_hour", l.messages_per_report_per_hour),
            ("max_files", l.max_files),
            ("max_file_mb", l.max_file_mb),
            ("evidence_mb_per_day", l.evidence_mb_per_day),
            ("pow_bits", l.pow_bits),
            ("nojs_delay_secs", l.nojs_delay_secs),
            ("threshold", l.threshold),
        ]
    }
}

async fn admin_page(ctx: &Ctx, s: &AppState, errors: Vec<FieldError>) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    user.actor.administrator().map_err(|_| PageError::Forbidden)?;
    let d = s.db.discrimination();
    let agencies =
        s.db.agencies()
            .await?
            .into_iter()
            .filter(|a| ctx.is_system_admin() || a.id == user.actor.agency_id)
            .map(|a| (a.id, a.name))
            .collect();
    let limits = if ctx.is_system_admin() { Some(d.limits().await?) } else { None };
    html(AdminPage {
        ctx,
        title: ctx.t("admin-discrimination-title"),
        bodies: d.bodies().await?,
        agencies,
        kinds: BodyKind::ALL,
        municipalities: Choices::load(s).await?.municipalities(ctx),
        limits,
        errors: super::public::labelled(ctx, errors),
    })
}

/// Bodies and limits.
pub async fn admin(ctx: Ctx, State(s): State<AppState>) -> Response {
    let result = admin_page(&ctx, &s, Vec::new()).await;
    respond(&ctx, result)
}

/// Sets a body (`form=body`) or the limits (`form=limits`).
pub async fn admin_post(ctx: Ctx, State(s): State<AppState>, CsrfForm(f): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let d = s.db.discrimination();
        let number = |name: &str| f.text(name).parse::<i64>().ok();
        let done = if f.get("form").as_deref() == Some("limits") {
            let current = d.limits().await?;
            let l = Limits {
                per_address_per_hour: number("per_address_per_hour").unwrap_or(-1),
                per_hour: number("per_hour").unwrap_or(-1),
                lookups_per_address_per_hour: number("lookups_per_address_per_hour").unwrap_or(-1),
                messages_per_report_per_hour: number("messages_per_report_per_hour").unwrap_or(-1),
                max_files: number("max_files").unwrap_or(-1),
                max_file_mb: number("max_file_mb").unwrap_or(-1),
                evidence_mb_per_day: number("evidence_mb_per_day").unwrap_or(-1),
                pow_bits: number("pow_bits").unwrap_or(-1),
                nojs_delay_secs: number("nojs_delay_secs").unwrap_or(-1),
                threshold: number("threshold").unwrap_or(current.threshold),
            };
            d.set_limits(&user.actor, l).await.map(|_| ())
        } else {
            match (number("agency_id"), f.text("kind").parse::<BodyKind>()) {
                (Some(agency_id), Ok(kind)) => d
                    .set_body(
                        &user.actor,
                        agency_id,
                        BodySettings {
                            kind,
                            municipality: f.get("municipality"),
                            ack_days: number("ack_days"),
                            retention_days: number("retention_days"),
                            active: Some(f.checked("active")),
                        },
                    )
                    .await
                    .map(|_| ()),
                _ => return Err(PageError::BadForm),
            }
        };
        match done {
            Ok(()) => see_other("/admin/discrimination"),
            Err(StoreError::Invalid(e)) => admin_page(&ctx, &s, e.0).await,
            Err(other) => Err(other.into()),
        }
    }
    .await;
    respond(&ctx, result)
}
