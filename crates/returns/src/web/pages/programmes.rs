//! Programme pages: the programmes that fund returns and reintegration, each with its donor,
//! eligible host countries, target groups, assistance options with their ceilings, and how much
//! of its budget is committed and paid. Administrators add programmes.

use super::return_forms::vocab;
use crate::domain::{AssistanceKind, CeilingBasis, Cents};
use crate::store::ReturnsDb;
use crate::store::programmes::{NewOption, NewProgramme, Programme};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use drom_domain::FieldError;
use drom_store::StoreError;
use drom_web::AppState;
use drom_web::pages::chart::Chart;
use drom_web::pages::choices::Choices;
use drom_web::pages::ctx::Ctx;
use drom_web::pages::error::{PageError, respond};
use drom_web::pages::fields::FormState;
use drom_web::pages::fields::{Builder, FormView, Reader, Section, rekey};
use drom_web::pages::forms::CsrfForm;
use drom_web::pages::{html, see_other, signed_in};

/// Rows of assistance options the create form offers; blank rows are left out.
pub const OPTION_ROWS: usize = 4;

/// What is left of a programme's budget once its commitments are made.
pub fn remaining(p: &Programme) -> Cents {
    Cents(p.budget_cents.0 - p.committed_cents.0)
}

#[derive(Template)]
#[template(path = "programmes.html")]
struct ProgrammeList<'a> {
    ctx: &'a Ctx,
    title: String,
    programmes: Vec<Programme>,
}

impl ProgrammeList<'_> {
    fn remaining(&self, p: &Programme) -> Cents {
        remaining(p)
    }
}

pub async fn list(ctx: Ctx, State(s): State<AppState>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let programmes = s.db.returns().programmes(&user.actor).await?;
        html(ProgrammeList { ctx: &ctx, title: ctx.t("programmes-title"), programmes })
    }
    .await;
    respond(&ctx, result)
}

#[derive(Template)]
#[template(path = "programme.html")]
struct ProgrammePage<'a> {
    ctx: &'a Ctx,
    title: String,
    choices: Choices,
    p: Programme,
    remaining: Cents,
    chart: Chart,
}

impl ProgrammePage<'_> {
    fn countries(&self) -> String {
        if self.p.host_countries.is_empty() {
            return self.ctx.t("programme-any-country");
        }
        self.p.host_countries.iter().map(|c| self.choices.country(self.ctx, Some(c))).collect::<Vec<_>>().join(", ")
    }
}

pub async fn show(ctx: Ctx, State(s): State<AppState>, Path(id): Path<String>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let p = s.db.returns().programme(&user.actor, id).await?;
        let remaining = remaining(&p);
        let rows = [
            ("programme-budget", p.budget_cents),
            ("programme-committed", p.committed_cents),
            ("programme-disbursed", p.disbursed_cents),
            ("programme-remaining", remaining),
        ]
        .into_iter()
        .map(|(key, c)| (ctx.t(key), c.euros(), ctx.money(c.0)))
        .collect();
        let chart = Chart::new("budget", ctx.t("programme-budget-chart"), rows);
        html(ProgrammePage {
            ctx: &ctx,
            title: format!("{} — {}", p.code, p.name),
            choices: Choices::load(&s).await?,
            p,
            remaining,
            chart,
        })
    }
    .await;
    respond(&ctx, result)
}

#[derive(Template)]
#[template(path = "programme_new.html")]
struct NewProgrammePage<'a> {
    ctx: &'a Ctx,
    title: String,
    fv: FormView,
}

fn option_field(i: usize, name: &str) -> String {
    format!("options[{i}].{name}")
}

async fn form_page(ctx: &Ctx, state: FormState, status: StatusCode) -> Result<Response, PageError> {
    let mut b = Builder::new("programme", &state);
    let mut sections = vec![Section {
        legend: ctx.t("programme-about"),
        fields: vec![
            b.text("code", ctx.t("admin-code")).hint(ctx.t("programme-code-hint")).required(),
            b.text("name", ctx.t("field-name")).required(),
            b.text("donor", ctx.t("programme-donor")).required(),
            b.text("host_countries", ctx.t("programme-host-countries")).hint(ctx.t("programme-host-countries-hint")),
            b.area("target_groups", ctx.t("programme-target-groups")).hint(ctx.t("programme-target-groups-hint")),
            b.text("budget", ctx.t("programme-budget-eur")).hint(ctx.t("rc-amount-hint")).decimal().required(),
            b.date("starts_on", ctx.t("programme-starts-on")).required(),
            b.date("ends_on", ctx.t("programme-ends-on")),
            b.text("approval_above", ctx.t("programme-approval-above"))
                .hint(ctx.t("programme-approval-above-hint"))
                .decimal(),
            b.check("orders_need_approval", ctx.t("programme-orders-need-approval")),
        ],
    }];
    let kinds = vocab(ctx, "assistance", AssistanceKind::ALL.iter().map(|k| k.code()));
    let bases = vocab(ctx, "ceiling", CeilingBasis::ALL.iter().map(|k| k.code()));
    for i in 0..OPTION_ROWS {
        sections.push(Section {
            legend: ctx.t1("programme-option-n", "n", i + 1),
            fields: vec![
                b.text(&option_field(i, "code"), ctx.t("admin-code")),
                b.select(&option_field(i, "kind"), ctx.t("rc-assistance-kind"), None, kinds.clone()),
                b.text(&option_field(i, "description"), ctx.t("rc-description")),
                b.text(&option_field(i, "ceiling"), ctx.t("programme-ceiling")).hint(ctx.t("rc-amount-hint")).decimal(),
                b.select(&option_field(i, "ceiling_basis"), ctx.t("programme-ceiling-basis"), None, bases.clone()),
            ],
        });
    }
    let fv = b.finish(
        String::new(),
        "/programmes/new".into(),
        ctx.t("programme-create"),
        ctx.t("programme-new-intro"),
        sections,
    );
    let mut resp = html(NewProgrammePage { ctx, title: ctx.t("programme-new-title"), fv })?;
    *resp.status_mut() = status;
    Ok(resp)
}

pub async fn new_form(ctx: Ctx) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        user.actor.administrator()?;
        let mut state = FormState::default();
        state.set("starts_on", chrono::Utc::now().date_naive().to_string());
        form_page(&ctx, state, StatusCode::OK).await
    }
    .await;
    respond(&ctx, result)
}

/// The programme a posted form describes, with the form row of each option storage will number
/// from 0; or what could not be read.
fn read(form: &drom_web::pages::forms::FormData, ctx: &Ctx) -> Result<(NewProgramme, Vec<usize>), Vec<FieldError>> {
    let mut r = Reader::new(form, ctx);
    let budget = r.amount("budget");
    let starts_on = r.date("starts_on");
    let ends_on = r.optional_date("ends_on");
    let approval_above = form.get("approval_above").is_some().then(|| r.amount("approval_above")).flatten();
    let mut options = Vec::new();
    let mut rows = Vec::new();
    for i in 0..OPTION_ROWS {
        let field = |name: &str| option_field(i, name);
        if ["code", "description", "ceiling"].iter().all(|f| form.get(&field(f)).is_none()) {
            continue;
        }
        let kind = r.code::<AssistanceKind>(&field("kind"));
        let ceiling = r.amount(&field("ceiling"));
        let basis = r.code::<CeilingBasis>(&field("ceiling_basis"));
        if let (Some(kind), Some(ceiling_cents), Some(ceiling_basis)) = (kind, ceiling, basis) {
            rows.push(i);
            options.push(NewOption {
                code: form.text(&field("code")),
                kind,
                description: form.text(&field("description")),
                ceiling_cents,
                ceiling_basis,
            });
        }
    }
    let input = budget.zip(starts_on).map(|(budget_cents, starts_on)| NewProgramme {
        approval_above_cents: approval_above,
        orders_need_approval: form.checked("orders_need_approval"),
        code: form.text("code"),
        name: form.text("name"),
        donor: form.text("donor"),
        host_countries: form
            .text("host_countries")
            .split([',', ' ', ';'])
            .filter(|c| !c.is_empty())
            .map(|c| c.to_ascii_uppercase())
            .collect(),
        target_groups: form
            .text("target_groups")
            .lines()
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .map(String::from)
            .collect(),
        budget_cents,
        starts_on,
        ends_on,
        options,
    });
    r.done(input.map(|p| (p, rows)))
}

/// Storage numbers the options it was given; the form numbers its rows, blank ones included.
fn to_rows(errors: Vec<FieldError>, rows: &[usize]) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|mut e| {
            if let Some(rest) = e.field.strip_prefix("options[")
                && let Some((n, tail)) = rest.split_once(']')
                && let Some(row) = n.parse::<usize>().ok().and_then(|n| rows.get(n))
            {
                e.field = format!("options[{row}]{tail}");
            }
            e
        })
        .collect()
}

pub async fn create(ctx: Ctx, State(s): State<AppState>, CsrfForm(form): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let admin = user.actor.administrator()?;
        let errors = match read(&form, &ctx) {
            Ok((new, rows)) => match s.db.returns().create_programme(admin, new).await {
                Ok(p) => return see_other(&format!("/programmes/{}", p.id)),
                Err(StoreError::Invalid(e)) => rekey(to_rows(ctx.localise(e.0), &rows)),
                Err(e) => return Err(e.into()),
            },
            Err(errors) => errors,
        };
        let mut state = FormState::from_form(&form);
        state.errors = errors;
        form_page(&ctx, state, StatusCode::UNPROCESSABLE_ENTITY).await
    }
    .await;
    respond(&ctx, result)
}

/// Changes the approval rule from the programme's page (administrators).
pub async fn set_approval_rule(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(id): Path<String>,
    drom_web::pages::forms::CsrfForm(form): drom_web::pages::forms::CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let admin = user.actor.administrator()?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let mut r = Reader::new(&form, &ctx);
        let above = form.get("approval_above").is_some().then(|| r.amount("approval_above")).flatten();
        if !r.errors.is_empty() {
            return drom_web::pages::see_other(&format!("/programmes/{id}?rule=invalid#approval-rule"));
        }
        let rule = crate::store::programmes::ApprovalRule {
            approval_above_cents: above,
            orders_need_approval: form.checked("orders_need_approval"),
        };
        s.db.returns().set_approval_rule(admin, id, rule).await?;
        drom_web::pages::see_other(&format!("/programmes/{id}#approval-rule"))
    }
    .await;
    respond(&ctx, result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_errors_go_to_the_form_row_they_came_from() {
        let e = to_rows(
            vec![
                FieldError::new("options[1].ceiling_cents", drom_domain::Common::Required),
                FieldError::new("code", drom_domain::Common::Required),
            ],
            &[0, 2],
        );
        assert_eq!(rekey(e).iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["options[2].ceiling", "code"]);
    }
}
