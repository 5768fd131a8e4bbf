//! Information sheet pages: what counsellors tell a person about the municipality they would
//! return to. Every municipality is listed, with the date of its current sheet or the lack of
//! one; a sheet's page shows the current version (or the one a counselling session used), every
//! version with who wrote it and for which agency, and lets those who keep sheets (agency
//! administrators) write the next version, dated today.

use crate::store::ReturnsDb;
use crate::store::info_sheets::{InfoSheet, InfoSheetInput, TOPICS};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use drom_domain::permission::Permission;
use drom_domain::reference::Municipality;
use drom_store::StoreError;
use drom_web::AppState;
use drom_web::pages::choices::Choices;
use drom_web::pages::ctx::Ctx;
use drom_web::pages::error::{PageError, respond};
use drom_web::pages::fields::FormState;
use drom_web::pages::fields::{Builder, FormView, Reader, plain, rekey};
use drom_web::pages::forms::CsrfForm;
use drom_web::pages::{html, see_other, signed_in};
use serde::Deserialize;

/// A municipality and its current sheet, if any.
pub struct SheetLine {
    pub code: String,
    pub name: String,
    pub district: String,
    pub sheet: Option<InfoSheet>,
}

#[derive(Template)]
#[template(path = "info_sheets.html")]
struct SheetList<'a> {
    ctx: &'a Ctx,
    title: String,
    lines: Vec<SheetLine>,
    missing: i64,
}

pub async fn list(ctx: Ctx, State(s): State<AppState>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let sheets = s.db.returns().info_sheets(&user.actor).await?;
        let choices = Choices::load(&s).await?;
        let mut lines: Vec<SheetLine> = choices
            .reference
            .municipalities
            .iter()
            .map(|m| SheetLine {
                code: m.code.clone(),
                name: ctx.municipality(m),
                district: m.district.clone(),
                sheet: sheets.iter().find(|sheet| sheet.municipality_code == m.code).cloned(),
            })
            .collect();
        lines.sort_by(|a, b| a.name.cmp(&b.name));
        let missing = lines.iter().filter(|l| l.sheet.is_none()).count() as i64;
        html(SheetList { ctx: &ctx, title: ctx.t("sheets-title"), lines, missing })
    }
    .await;
    respond(&ctx, result)
}

#[derive(Template)]
#[template(path = "info_sheet.html")]
struct SheetPage<'a> {
    ctx: &'a Ctx,
    title: String,
    code: String,
    /// The version shown, and the current one.
    shown: Option<InfoSheet>,
    current: Option<i64>,
    /// Every version, newest first, with who wrote it.
    versions: Vec<InfoSheet>,
    fv: Option<FormView>,
}

impl SheetPage<'_> {
    /// The current version, when an older one is shown.
    fn newer(&self) -> Option<i64> {
        self.current.filter(|c| self.shown.as_ref().is_some_and(|s| s.version != *c))
    }

    /// "Name (Agency)" of the writer of a version.
    fn writer(&self, sheet: &InfoSheet) -> String {
        match &sheet.agency_name {
            Some(agency) => format!("{} ({agency})", sheet.updated_by_name),
            None => sheet.updated_by_name.clone(),
        }
    }

    /// (topic label, text) of the sheet shown.
    fn topics(&self) -> Vec<(String, String)> {
        self.shown.as_ref().map(|s| topic_texts(self.ctx, s)).unwrap_or_default()
    }
}

/// A sheet's topics in order, each with its heading in `c`'s language and its text as written.
pub fn topic_texts(c: &Ctx, s: &InfoSheet) -> Vec<(String, String)> {
    TOPICS
        .iter()
        .zip([&s.services, &s.housing, &s.schools, &s.health_care, &s.safety])
        .map(|(t, text)| (c.code("topic", t), text.clone()))
        .collect()
}

#[derive(Deserialize)]
pub struct VersionQuery {
    version: Option<String>,
}

async fn municipality(s: &AppState, input: &str) -> Result<Municipality, PageError> {
    let reference = s.db.reference().await?;
    reference.municipality(input).cloned().ok_or(PageError::NotFound)
}

async fn sheet_page(
    ctx: &Ctx,
    s: &AppState,
    m: &Municipality,
    version: Option<i64>,
    posted: Option<FormState>,
) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    let current = s.db.returns().info_sheet(&user.actor, &m.code, None).await?;
    let shown = match version {
        Some(v) => Some(s.db.returns().info_sheet(&user.actor, &m.code, Some(v)).await?.ok_or(PageError::NotFound)?),
        None => current.clone(),
    };
    let versions = s.db.returns().info_sheet_versions(&user.actor, &m.code).await?;
    let status = if posted.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let fv = ctx.can(Permission::EditInfoSheets).then(|| {
        let state = posted.unwrap_or_else(|| {
            let mut state = FormState::default();
            if let Some(c) = &current {
                for (t, text) in TOPICS.iter().zip([&c.services, &c.housing, &c.schools, &c.health_care, &c.safety]) {
                    state.set(t, text.as_str());
                }
            }
            state
        });
        let mut b = Builder::new("sheet", &state);
        let fields: Vec<_> = TOPICS
            .iter()
            .map(|t| {
                b.area(t, ctx.code("topic", t)).hint(ctx.t(&format!("sheet-hint-{}", t.replace('_', "-")))).required()
            })
            .collect();
        // The page says the form's title as a heading of its level (an h2 under the h1).
        b.finish(
            String::new(),
            format!("/info-sheets/{}", m.code),
            ctx.t("sheet-save"),
            ctx.t("sheet-write-intro"),
            plain(fields),
        )
    });
    let mut resp = html(SheetPage {
        ctx,
        title: ctx.t1("sheet-title", "municipality", ctx.municipality(m)),
        code: m.code.clone(),
        shown,
        current: current.map(|c| c.version),
        versions,
        fv,
    })?;
    *resp.status_mut() = status;
    Ok(resp)
}

pub async fn show(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<VersionQuery>,
) -> Response {
    let result = async {
        signed_in(&ctx)?;
        let m = municipality(&s, &code).await?;
        let version = match q.version.as_deref().filter(|v| !v.is_empty()) {
            Some(v) => Some(v.parse::<i64>().map_err(|_| PageError::NotFound)?),
            None => None,
        };
        sheet_page(&ctx, &s, &m, version, None).await
    }
    .await;
    respond(&ctx, result)
}

pub async fn update(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        user.actor.require(Permission::EditInfoSheets)?;
        let m = municipality(&s, &code).await?;
        let r = Reader::new(&form, &ctx);
        let input = InfoSheetInput {
            services: form.text("services"),
            housing: form.text("housing"),
            schools: form.text("schools"),
            health_care: form.text("health_care"),
            safety: form.text("safety"),
            // Dated the day it is written.
            updated_on: None,
        };
        let errors = match r.done(Some(input)) {
            Ok(input) => match s.db.returns().update_info_sheet(&user.actor, &m.code, input).await {
                Ok(_) => return see_other(&format!("/info-sheets/{}", m.code)),
                Err(StoreError::Invalid(e)) => rekey(ctx.localise(e.0)),
                Err(e) => return Err(e.into()),
            },
            Err(errors) => errors,
        };
        let mut state = FormState::from_form(&form);
        state.errors = errors;
        sheet_page(&ctx, &s, &m, None, Some(state)).await
    }
    .await;
    respond(&ctx, result)
}

#[derive(Template)]
#[template(path = "info_sheet_print.html")]
struct SheetPrint<'a> {
    ctx: &'a Ctx,
    /// The sheet's own language, which may differ from the page's.
    c: Ctx,
    title: String,
    code: String,
    sheet: Option<InfoSheet>,
    languages: Vec<(drom_web::pages::ctx::Lang, bool)>,
    printed_on: String,
}

impl SheetPrint<'_> {
    fn topics(&self) -> Vec<(String, String)> {
        self.sheet.as_ref().map(|s| topic_texts(&self.c, s)).unwrap_or_default()
    }
}

#[derive(Deserialize)]
pub struct PrintQuery {
    lang: Option<String>,
    version: Option<String>,
}

/// A municipality's information sheet to hand to a person, printed on A4 in the language they
/// read (`?lang=sq|sr|en`; the reader's by default), the version and its date on it.
pub async fn print(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(input): Path<String>,
    axum::extract::Query(q): axum::extract::Query<PrintQuery>,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let m = municipality(&s, &input).await?;
        let version = q.version.as_deref().map(str::parse::<i64>).transpose().map_err(|_| PageError::NotFound)?;
        let sheet = s.db.returns().info_sheet(&user.actor, &m.code, version).await?;
        let lang = super::consent_form::form_language(q.lang.as_deref(), &[], ctx.lang);
        let c = Ctx { lang, ..ctx.clone() };
        html(SheetPrint {
            ctx: &ctx,
            title: c.t1("sheet-title", "municipality", c.municipality(&m)),
            code: m.code.clone(),
            languages: super::consent_form::FORM_LANGUAGES.iter().map(|l| (*l, *l == lang)).collect(),
            printed_on: c.datetime(&chrono::Utc::now().date_naive().to_string()),
            c,
            sheet,
        })
    }
    .await;
    respond(&ctx, result)
}
