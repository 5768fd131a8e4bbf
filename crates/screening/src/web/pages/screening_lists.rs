//! A screened readmission list: its progress while its decisions are stored, then the counts per
//! outcome, the rows filtered by outcome and household with each row's reasons in words, the
//! decisions as CSV and XLSX, a printable summary for the host country, and deletion.

use super::screenings::{fact_question, rule_summary};
use crate::PolicySet;
use crate::store::ScreeningDb;
use crate::store::screening_lists::{ListRow, ListRowQuery, ScreeningList};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use drom_web::AppState;
use drom_web::pages::ctx::{Ctx, Lang};
use drom_web::pages::error::{PageError, respond};
use drom_web::pages::forms::{CsrfForm, FormData, page_link};
use drom_web::pages::{html, see_other, signed_in};

/// A row as the page shows it: the decision and its reasons in words.
pub struct RowView {
    pub row: ListRow,
    pub reasons: Vec<String>,
    pub questions: Vec<String>,
}

fn row_view(ctx: &Ctx, policies: &PolicySet, policy: &str, row: ListRow) -> RowView {
    let split = |s: &str| s.split(';').map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect::<Vec<_>>();
    let reasons = split(&row.rules).iter().map(|r| rule_summary(ctx, policies, policy, r)).collect();
    let questions = split(&row.unknown).iter().map(|u| fact_question(ctx, u)).collect();
    RowView { row, reasons, questions }
}

#[derive(Template)]
#[template(path = "screening_list.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    title: String,
    list: ScreeningList,
    rows: Vec<RowView>,
    total: i64,
    outcome: String,
    household: String,
    prev: Option<String>,
    next: Option<String>,
    percent: i64,
}

fn list_id(id: &str) -> Result<i64, PageError> {
    id.parse().map_err(|_| PageError::NotFound)
}

pub async fn show(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<ListRowQuery>,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id = list_id(&id)?;
        let list = s.db.screenings().screening_list(&user.actor, id).await?;
        let percent = if list.rows_total > 0 { list.rows_done * 100 / list.rows_total } else { 100 };
        let (rows, total, prev, next) = if list.status == "done" {
            let page = s.db.screenings().screening_list_rows(&user.actor, id, &q).await?;
            let policies = s.db.screenings().policies();
            let form = FormData(
                [("outcome", q.outcome.clone()), ("household_id", q.household_id.clone())]
                    .into_iter()
                    .filter_map(|(k, v)| v.map(|v| (k.to_string(), v)))
                    .collect(),
            );
            let path = format!("/screenings/lists/{id}");
            let prev = (page.page > 1).then(|| page_link(&path, &form, page.page - 1));
            let next = (page.page * page.per_page < page.total).then(|| page_link(&path, &form, page.page + 1));
            let rows = page.items.into_iter().map(|r| row_view(&ctx, &policies, &list.policy_id, r)).collect();
            (rows, page.total, prev, next)
        } else {
            (vec![], 0, None, None)
        };
        html(ListPage {
            ctx: &ctx,
            title: ctx.t1("list-title", "name", &list.name),
            outcome: q.outcome.clone().unwrap_or_default(),
            household: q.household_id.clone().unwrap_or_default(),
            list,
            rows,
            total,
            prev,
            next,
            percent,
        })
    }
    .await;
    respond(&ctx, result)
}

/// The decisions of a list as a file: CSV (cells that a spreadsheet would read as a formula
/// neutralised) or XLSX.
async fn export(ctx: &Ctx, s: &AppState, id: &str, xlsx: bool) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    let id = list_id(id)?;
    let list = s.db.screenings().screening_list(&user.actor, id).await?;
    let rows = s.db.screenings().screening_list_all_rows(&user.actor, id).await?;
    let stem: String =
        list.name.trim_end_matches(".csv").chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let (body, kind, ext) = if xlsx {
        (crate::store::screening_lists::to_xlsx(&list, &rows)?, drom_domain::spreadsheet::XLSX_MEDIA_TYPE, "xlsx")
    } else {
        (crate::store::screening_lists::to_csv(&list, &rows)?, "text/csv; charset=utf-8", "csv")
    };
    let disposition = format!("attachment; filename=\"decisions-{id}-{stem}.{ext}\"");
    Ok(([(header::CONTENT_TYPE, kind.to_string()), (header::CONTENT_DISPOSITION, disposition)], body).into_response())
}

pub async fn csv(ctx: Ctx, State(s): State<AppState>, Path(id): Path<String>) -> Response {
    let result = export(&ctx, &s, &id, false).await;
    respond(&ctx, result)
}

pub async fn xlsx(ctx: Ctx, State(s): State<AppState>, Path(id): Path<String>) -> Response {
    let result = export(&ctx, &s, &id, true).await;
    respond(&ctx, result)
}

pub async fn delete(ctx: Ctx, State(s): State<AppState>, Path(id): Path<String>, CsrfForm(_): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id = list_id(&id)?;
        s.db.screenings().delete_screening_list(user.actor.registry_writer()?, id).await?;
        see_other("/screenings")
    }
    .await;
    respond(&ctx, result)
}

/// The list's summary for one language.
pub struct SummaryView {
    pub lang: Ctx,
    pub protected: Vec<RowView>,
    pub needs_assessment: Vec<RowView>,
}

#[derive(Template)]
#[template(path = "screening_list_summary.html")]
struct SummaryPage<'a> {
    ctx: &'a Ctx,
    title: String,
    list: ScreeningList,
    policy: String,
    versions: Vec<SummaryView>,
    officer: String,
    printed_on: String,
}

/// The answer to the host country for a whole list, ready to print on A4, in the officer's
/// language and in English: how many may not be returned by force and why, who needs
/// assessment and what is missing, the policy and date applied, signed off by the officer.
pub async fn summary(ctx: Ctx, State(s): State<AppState>, Path(id): Path<String>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id = list_id(&id)?;
        let list = s.db.screenings().screening_list(&user.actor, id).await?;
        let rows = s.db.screenings().screening_list_all_rows(&user.actor, id).await?;
        let policies = s.db.screenings().policies();
        let mut langs = vec![ctx.clone()];
        if ctx.lang != Lang::En {
            langs.push(Ctx { lang: Lang::En, ..ctx.clone() });
        }
        let versions = langs
            .into_iter()
            .map(|c| {
                let pick = |outcome: &str| {
                    rows.iter()
                        .filter(|r| r.outcome == outcome)
                        .map(|r| row_view(&c, &policies, &list.policy_id, r.clone()))
                        .collect::<Vec<_>>()
                };
                SummaryView { protected: pick("protected"), needs_assessment: pick("needs_assessment"), lang: c }
            })
            .collect();
        let policy = policies.by_id(&list.policy_id).map(|p| format!("{} — {}", p.id, p.title)).unwrap_or_default();
        html(SummaryPage {
            ctx: &ctx,
            title: ctx.t1("list-summary-title", "name", &list.name),
            policy,
            list,
            versions,
            officer: user.display_name.clone(),
            printed_on: ctx.datetime(&chrono::Utc::now().date_naive().to_string()),
        })
    }
    .await;
    respond(&ctx, result)
}
