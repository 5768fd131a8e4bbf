//! Report pages: the period report of returns (who came back between two dates, from where, how,
//! to where, with which assistance), each breakdown as a table and a bar chart; and the
//! sustainability dashboard that compares forced and voluntary returns at each monitoring
//! milestone. Both count the signed-in user's agency only, as the storage functions do.

use super::returns::score;
use crate::domain::Cents;
use crate::store::ReturnsDb;
use crate::store::monitoring::SustainabilityDashboard;
use crate::store::report::{Cell, ReturnsReport, Scope};
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Datelike, NaiveDate};
use drom_domain::FieldError;
use drom_store::StoreError;
use drom_web::AppState;
use drom_web::pages::chart::Chart;
use drom_web::pages::choices::Choices;
use drom_web::pages::ctx::Ctx;
use drom_web::pages::error::respond;
use drom_web::pages::fields::FormState;
use drom_web::pages::fields::Reader;
use drom_web::pages::forms::FormData;
use drom_web::pages::{html, signed_in};

fn query_form(raw: Option<String>) -> FormData {
    let raw = raw.unwrap_or_default();
    FormData(form_urlencoded::parse(raw.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect())
}

/// One breakdown of the report: a table and its chart.
pub struct Breakdown {
    pub id: &'static str,
    pub title: String,
    /// The heading of the table's first column.
    pub column: String,
    pub rows: Vec<BreakdownRow>,
    /// Breakdowns of cases count cases and persons; those of persons count persons only.
    pub with_cases: bool,
    pub chart: Chart,
}

/// A row as shown: counts as text, `<5` where hidden.
pub struct BreakdownRow {
    pub label: String,
    pub persons: String,
    pub cases: String,
}

pub struct AssistanceRow {
    pub label: String,
    pub disbursements: String,
    pub disbursed: String,
    pub committed: String,
}

/// A count as the page shows it: the number, or "fewer than 5" in the reader's language.
fn shown(ctx: &Ctx, n: Option<i64>, threshold: i64) -> String {
    n.map_or_else(|| ctx.t1("report-hidden", "threshold", threshold), |n| ctx.number(n))
}

#[derive(Template)]
#[template(path = "report_returns.html")]
struct ReturnsPage<'a> {
    ctx: &'a Ctx,
    title: String,
    query: FormState,
    report: Option<ReturnsReport>,
    breakdowns: Vec<Breakdown>,
    assistance: Vec<AssistanceRow>,
    assistance_chart: Option<Chart>,
    beneficiaries_chart: Option<Chart>,
    totals: (String, String),
    /// The period as a query string, for the download links.
    period: String,
}

impl ReturnsPage<'_> {
    fn err(&self, field: &str) -> Option<String> {
        self.query.err(field)
    }
}

/// The label of a breakdown's key in the page's language. Codes with a vocabulary are
/// translated; names come from reference data.
fn label(ctx: &Ctx, choices: &Choices, breakdown: &str, cell: &Cell) -> String {
    let key = cell.key.as_str();
    if key == "unknown" {
        return ctx.t("report-unknown");
    }
    match breakdown {
        "transport" => ctx.code("transport", key),
        "return_type" => ctx.code("return", key),
        "municipality" => choices.municipality(ctx, Some(key)),
        "programme" if key == "none" => ctx.t("rc-no-programme"),
        "sex" => ctx.code("sex", key),
        "host_country" => choices.country(ctx, Some(key)),
        "community" => {
            let name = choices.community(ctx, Some(key));
            if name.is_empty() { key.to_string() } else { name }
        }
        _ => cell.label.clone(),
    }
}

fn breakdown(
    ctx: &Ctx,
    choices: &Choices,
    id: &'static str,
    cells: &[Cell],
    with_cases: bool,
    threshold: i64,
) -> Breakdown {
    let title = ctx.t(&format!("report-by-{}", id.replace('_', "-")));
    let column = ctx.t(match id {
        "host_country" => "rc-host-country",
        "transport" => "rc-transport",
        "return_type" => "rc-return-type",
        "district" => "admin-district",
        "municipality" => "field-municipality-short",
        "programme" => "rc-programme",
        "sex" => "field-sex",
        "age_group" => "report-age-group",
        _ => "field-community",
    });
    let rows: Vec<BreakdownRow> = cells
        .iter()
        .map(|c| BreakdownRow {
            label: label(ctx, choices, id, c),
            persons: shown(ctx, c.persons, threshold),
            cases: shown(ctx, c.cases, threshold),
        })
        .collect();
    // The chart draws the published counts only: a hidden one has no bar.
    let chart = Chart::new(
        id,
        ctx.t1("report-chart-persons", "breakdown", &title),
        cells.iter().filter_map(|c| c.persons.map(|n| (label(ctx, choices, id, c), n as f64, ctx.number(n)))).collect(),
    );
    Breakdown { id, title, column, rows, with_cases, chart }
}

pub async fn returns(ctx: Ctx, State(s): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let form = query_form(raw);
        let today = chrono::Utc::now().date_naive();
        let mut query = FormState::from_form(&form);
        if form.get("from").is_none() {
            let start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
            query.set("from", start.to_string());
        }
        if form.get("to").is_none() {
            query.set("to", today.to_string());
        }
        let period = FormData(vec![("from".into(), query.v("from")), ("to".into(), query.v("to"))]);
        let mut r = Reader::new(&period, &ctx);
        let from = r.date("from");
        let to = r.date("to");
        let mut errors: Vec<FieldError> = std::mem::take(&mut r.errors);
        let mut report = None;
        if let (Some(from), Some(to)) = (from, to)
            && errors.is_empty()
        {
            match s.db.returns().returns_report(Scope::Agency(&user.actor), from, to).await {
                Ok(rep) => report = Some(rep),
                Err(StoreError::Invalid(e)) => errors = ctx.localise(e.0),
                Err(e) => return Err(e.into()),
            }
        }
        let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
        query.errors = errors;
        let choices = Choices::load(&s).await?;
        let mut breakdowns = Vec::new();
        let mut assistance = Vec::new();
        let (mut assistance_chart, mut beneficiaries_chart) = (None, None);
        let mut totals = (String::new(), String::new());
        if let Some(rep) = &report {
            for (id, cells, with_cases) in [
                ("host_country", &rep.by_host_country, true),
                ("transport", &rep.by_transport, true),
                ("return_type", &rep.by_return_type, true),
                ("district", &rep.by_district, true),
                ("municipality", &rep.by_municipality, true),
                ("programme", &rep.by_programme, true),
                ("sex", &rep.by_sex, false),
                ("age_group", &rep.by_age_group, false),
            ] {
                breakdowns.push(breakdown(&ctx, &choices, id, cells, with_cases, rep.small_cell_threshold));
            }
            if let Some(cells) = &rep.by_community {
                breakdowns.push(breakdown(&ctx, &choices, "community", cells, false, rep.small_cell_threshold));
            }
            let t = rep.small_cell_threshold;
            let money = |c: Option<i64>| c.map_or_else(|| ctx.t("report-hidden-amount"), |c| ctx.money(c));
            assistance = rep
                .assistance
                .iter()
                .map(|a| AssistanceRow {
                    label: ctx.code("assistance", &a.assistance_kind),
                    disbursements: shown(&ctx, a.disbursements, t),
                    disbursed: money(a.disbursed_cents),
                    committed: money(a.committed_cents),
                })
                .collect();
            // A total beside a hidden amount would give it away: then the totals are hidden too.
            let sum = |f: fn(&crate::store::report::AssistanceCell) -> Option<i64>| {
                rep.assistance.iter().map(f).sum::<Option<i64>>()
            };
            totals = (money(sum(|a| a.disbursed_cents)), money(sum(|a| a.committed_cents)));
            let paid: Vec<(String, f64, String)> = rep
                .assistance
                .iter()
                .filter_map(|a| {
                    a.disbursed_cents
                        .map(|c| (ctx.code("assistance", &a.assistance_kind), Cents(c).euros(), ctx.money(c)))
                })
                .collect();
            if !paid.is_empty() {
                assistance_chart = Some(Chart::new("assistance", ctx.t("report-assistance-chart"), paid));
            }
            beneficiaries_chart = Some(Chart::new(
                "beneficiaries",
                ctx.t("report-beneficiaries"),
                [("report-direct", rep.direct_beneficiaries), ("report-indirect", rep.indirect_beneficiaries)]
                    .into_iter()
                    .filter_map(|(key, n)| n.map(|n| (ctx.t(key), n as f64, ctx.number(n))))
                    .collect(),
            ));
        }
        let mut ser = form_urlencoded::Serializer::new(String::new());
        ser.append_pair("from", &query.v("from")).append_pair("to", &query.v("to"));
        let mut resp = html(ReturnsPage {
            ctx: &ctx,
            title: ctx.t("report-title"),
            query,
            report,
            breakdowns,
            assistance,
            assistance_chart,
            beneficiaries_chart,
            totals,
            period: ser.finish(),
        })?;
        *resp.status_mut() = status;
        Ok(resp)
    }
    .await;
    respond(&ctx, result)
}

pub struct MilestoneRow {
    pub label: String,
    pub cases_due: String,
    pub in_place: String,
    pub left_again: String,
    pub unknown: String,
    pub share: String,
    /// How much of the row the share rests on: the share of cases whose whereabouts are known.
    pub known: String,
    pub scores: [String; 4],
}

pub struct MilestoneView {
    pub months: u32,
    pub rows: Vec<MilestoneRow>,
}

#[derive(Template)]
#[template(path = "report_sustainability.html")]
struct SustainabilityPage<'a> {
    ctx: &'a Ctx,
    title: String,
    query: FormState,
    dashboard: Option<SustainabilityDashboard>,
    config_title: String,
    config_source: String,
    milestones: Vec<MilestoneView>,
    chart: Option<Chart>,
}

impl SustainabilityPage<'_> {
    fn err(&self, field: &str) -> Option<String> {
        self.query.err(field)
    }
}

fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_string(), |s| format!("{:.0} %", s * 100.0))
}

pub async fn sustainability(ctx: Ctx, State(s): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let result = async {
        let ctx = &ctx;
        let user = signed_in(ctx)?;
        let form = query_form(raw);
        let mut r = Reader::new(&form, ctx);
        let from = r.optional_date("from");
        let to = r.optional_date("to");
        let errors = std::mem::take(&mut r.errors);
        let mut query = FormState::from_form(&form);
        let today = chrono::Utc::now().date_naive();
        let dashboard = if errors.is_empty() {
            Some(s.db.returns().sustainability_dashboard(&user.actor, from, to, today).await?)
        } else {
            None
        };
        let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
        query.errors = errors;
        let config = s.db.returns().sustainability();
        let threshold = s.db.small_cell_threshold();
        let milestones: Vec<MilestoneView> = dashboard
            .iter()
            .flat_map(|d| &d.milestones)
            .map(|m| MilestoneView {
                months: m.months,
                rows: m
                    .rows
                    .iter()
                    .map(|row| MilestoneRow {
                        label: ctx.code("return", &row.return_type),
                        cases_due: shown(ctx, row.cases_due, threshold),
                        in_place: shown(ctx, row.in_place, threshold),
                        left_again: shown(ctx, row.left_again, threshold),
                        unknown: shown(ctx, row.unknown, threshold),
                        share: percent(row.share_in_place),
                        known: percent(row.share_known),
                        scores: [score(row.economic), score(row.social), score(row.psychosocial), score(row.composite)],
                    })
                    .collect(),
            })
            .collect();
        let bars: Vec<(String, f64, String)> = dashboard
            .iter()
            .flat_map(|d| &d.milestones)
            .flat_map(|m| {
                m.rows.iter().filter_map(move |row| {
                    let share = row.share_in_place?;
                    let label =
                        format!("{} · {}", ctx.tn("report-months", m.months), ctx.code("return", &row.return_type));
                    // A bar says what it rests on: a share of the few whose whereabouts are known
                    // is not the share of all.
                    let value = ctx
                        .ta("sust-bar-value", &[("share", percent(Some(share))), ("known", percent(row.share_known))]);
                    Some((label, share * 100.0, value))
                })
            })
            .collect();
        let chart = (!bars.is_empty()).then(|| Chart::new("in-place", ctx.t("sust-chart"), bars));
        let mut resp = html(SustainabilityPage {
            ctx,
            title: ctx.t("sust-title"),
            query,
            dashboard,
            config_title: config.title.clone(),
            config_source: config.source.clone(),
            milestones,
            chart,
        })?;
        *resp.status_mut() = status;
        Ok(resp)
    }
    .await;
    respond(&ctx, result)
}
