//! Return case pages: the agency's cases with filters, opening a case for a person or their
//! household, and the case itself: where it stands in its lifecycle, what each step recorded,
//! and a form for every step the lifecycle allows now. A refused step shows the reason on the
//! page, with what was typed kept.

use super::return_forms::{self, FormContext, StepInput, vocab};
use crate::domain::ReturnType;
use crate::domain::lifecycle::Stage;
use crate::store::ReturnsDb;
use crate::store::cases::{CaseQuery, CaseSummary, ImportSource, NewCase, ReturnCase};
use crate::store::programmes::Programme;
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use drom_domain::permission::RegistryWriter;
use drom_registry::RegistryDb;
use drom_registry::store::persons::Person;
use drom_screening::ScreeningDb;
use drom_store::StoreError;
use drom_store::query::Page;
use drom_web::AppState;
use drom_web::pages::choices::Choices;
use drom_web::pages::ctx::Ctx;
use drom_web::pages::error::{PageError, respond};
use drom_web::pages::fields::FormState;
use drom_web::pages::fields::{Builder, FormView, Reader, plain, rekey};
use drom_web::pages::forms::{CsrfForm, FormData, page_link};
use drom_web::pages::{html, see_other, signed_in};
use std::collections::BTreeMap;

fn query_form(raw: Option<String>) -> FormData {
    let raw = raw.unwrap_or_default();
    FormData(form_urlencoded::parse(raw.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect())
}

#[derive(Template)]
#[template(path = "return_cases.html")]
struct CaseList<'a> {
    ctx: &'a Ctx,
    title: String,
    choices: Choices,
    query: FormState,
    stages: Vec<(String, String)>,
    types: Vec<(String, String)>,
    programmes: Vec<(String, String)>,
    page: Page<CaseSummary>,
    error: Option<String>,
    prev: Option<String>,
    next: Option<String>,
}

pub async fn list(ctx: Ctx, State(s): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let form = query_form(raw);
        let mut r = Reader::new(&form, &ctx);
        let programme_id = r.optional_int("programme_id");
        let page_no = r.optional_int("page");
        let q = CaseQuery {
            stage: form.get("stage"),
            return_type: form.get("return_type"),
            programme_id,
            person_id: None,
            assignee: form.get("assignee"),
            open: None,
            page: page_no,
            per_page: Some(25),
        };
        let empty = Page { items: vec![], total: 0, total_is_exact: true, page: 1, per_page: 25 };
        let (page, error) = if !r.errors.is_empty() {
            (empty, Some(r.errors.iter().map(|e| format!("{}: {}", e.field, e.reason)).collect::<Vec<_>>().join("; ")))
        } else {
            match s.db.returns().return_cases(&user.actor, &q).await {
                Ok(p) => (p, None),
                Err(StoreError::Invalid(e)) => (empty, Some(ctx.summary(&e))),
                Err(e) => return Err(e.into()),
            }
        };
        let prev = (page.page > 1).then(|| page_link("/return-cases", &form, page.page - 1));
        let next = (page.page * page.per_page < page.total).then(|| page_link("/return-cases", &form, page.page + 1));
        let programmes =
            s.db.returns().programmes(&user.actor).await?.into_iter().map(|p| (p.id.to_string(), p.code)).collect();
        html(CaseList {
            ctx: &ctx,
            title: ctx.t("rc-list-title"),
            choices: Choices::load(&s).await?,
            query: FormState::from_form(&form),
            stages: vocab(&ctx, "stage", Stage::ALL.iter().map(|s| s.code())),
            types: vocab(&ctx, "return", ReturnType::ALL.iter().map(|t| t.code())),
            programmes,
            page,
            error,
            prev,
            next,
        })
    }
    .await;
    respond(&ctx, result)
}

#[derive(Template)]
#[template(path = "return_case_new.html")]
struct NewCasePage<'a> {
    ctx: &'a Ctx,
    title: String,
    person: Person,
    fv: FormView,
}

async fn new_case_page(
    ctx: &Ctx,
    s: &AppState,
    person: Person,
    state: FormState,
    status: StatusCode,
) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    let choices = Choices::load(s).await?;
    let household = match person.household_id {
        Some(h) => Some(s.db.registry().household(&user.actor, h).await?),
        None => None,
    };
    let programmes: Vec<(String, String)> =
        s.db.returns()
            .programmes(&user.actor)
            .await?
            .into_iter()
            .map(|p| {
                let countries = if p.host_countries.is_empty() { ctx.t("any") } else { p.host_countries.join(", ") };
                (p.id.to_string(), format!("{} — {} ({})", p.code, p.name, countries))
            })
            .collect();
    let mut b = Builder::new("case", &state);
    let mut fields = vec![
        b.select(
            "return_type",
            ctx.t("rc-return-type"),
            None,
            vocab(ctx, "return", ReturnType::ALL.iter().map(|t| t.code())),
        )
        .required(),
        b.text("host_country", ctx.t("rc-host-country")).required().suggest(choices.country_suggestions(ctx)),
        b.select("programme_id", ctx.t("rc-programme"), Some(ctx.t("rc-no-programme")), programmes)
            .hint(ctx.t("rc-programme-hint")),
        b.text("destination_municipality", ctx.t("rc-destination"))
            .hint(ctx.t("rc-destination-hint"))
            .suggest(choices.municipality_suggestions(ctx)),
        b.date("registered_on", ctx.t("rc-registered-on")),
        b.check("entered_from_paper", ctx.t("rc-entered-from-paper")).hint(ctx.t("rc-entered-from-paper-hint")),
    ];
    if let Some(h) = &household {
        fields.push(
            b.check("whole_household", ctx.tn("rc-whole-household", h.members.len() as i64))
                .hint(ctx.t("rc-whole-household-hint")),
        );
    }
    let mut fv = b.finish(
        String::new(),
        "/return-cases/new".into(),
        ctx.t("rc-open"),
        if household.is_none() { ctx.t("rc-no-household") } else { String::new() },
        plain(fields),
    );
    fv.hidden.push(("person_id".into(), person.id.to_string()));
    let title = ctx.t("rc-new-title");
    let mut resp = html(NewCasePage { ctx, title, person, fv })?;
    *resp.status_mut() = status;
    Ok(resp)
}

/// The new case form's country and municipality fields, typed by name or code.
const PLACES: ([&str; 1], [&str; 1]) = (["host_country"], ["destination_municipality"]);

pub async fn new_form(ctx: Ctx, State(s): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        user.actor.registry_writer()?;
        let q = query_form(raw);
        let person_id: i64 = q.get("person_id").and_then(|p| p.parse().ok()).ok_or(PageError::NotFound)?;
        let person = s.db.registry().person(&user.actor, person_id).await?;
        let mut state = FormState::default();
        state.set("return_type", "voluntary");
        state.set("host_country", person.data.current_country.clone().unwrap_or_default());
        state.set("destination_municipality", person.data.municipality_of_origin.clone().unwrap_or_default());
        state.set("whole_household", "on");
        state.set("registered_on", chrono::Utc::now().date_naive().to_string());
        Choices::load(&s).await?.name_places(&ctx, &mut state, &PLACES.0, &PLACES.1);
        new_case_page(&ctx, &s, person, state, StatusCode::OK).await
    }
    .await;
    respond(&ctx, result)
}

pub async fn create(ctx: Ctx, State(s): State<AppState>, CsrfForm(form): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let writer = user.actor.registry_writer()?;
        let person_id: i64 = form.get("person_id").and_then(|p| p.parse().ok()).ok_or(PageError::BadForm)?;
        let person = s.db.registry().person(&user.actor, person_id).await?;
        let (read, unknown) = Choices::load(&s).await?.read_countries(&ctx, &form, &PLACES.0);
        let mut r = Reader::new(&read, &ctx);
        r.errors.extend(unknown);
        let return_type = r.code::<ReturnType>("return_type");
        if form.get("host_country").is_none() {
            r.required("host_country");
        }
        let programme_id = r.optional_int("programme_id");
        // Empty is today, as the API takes it.
        let registered_on = r.optional_date("registered_on");
        let input = return_type.map(|return_type| NewCase {
            person_id,
            whole_household: form.checked("whole_household"),
            return_type,
            host_country: read.text("host_country"),
            programme_id,
            destination_municipality: form.get("destination_municipality"),
            registered_on,
            entered_from_paper: form.checked("entered_from_paper"),
        });
        let errors = match r.done(input) {
            Ok(new) => match s.db.returns().create_case(writer, new).await {
                Ok(c) => return see_other(&format!("/return-cases/{}", c.id)),
                Err(StoreError::Invalid(e)) => rekey(ctx.localise(e.0)),
                Err(e) => return Err(e.into()),
            },
            Err(errors) => errors,
        };
        let mut state = FormState::from_form(&form);
        state.errors = errors;
        new_case_page(&ctx, &s, person, state, StatusCode::UNPROCESSABLE_ENTITY).await
    }
    .await;
    respond(&ctx, result)
}

/// One stage of the lifecycle indicator.
pub struct StageMark {
    pub label: String,
    /// `done`, `current`, `skipped` or `todo`: a class of app.css.
    pub state: &'static str,
    /// The state in words, for screen readers.
    pub state_text: String,
}

/// The stages a case of its kind goes through, marked by how far it came.
fn stage_marks(ctx: &Ctx, c: &ReturnCase) -> Vec<StageMark> {
    use Stage::*;
    let voluntary = c.return_type == ReturnType::Voluntary;
    let counselled = voluntary || !c.counselling.is_empty() || c.stage == Counselled;
    let mut path = vec![Registered];
    if counselled {
        path.push(Counselled);
    }
    path.push(if voluntary { ConsentRecorded } else { ForcedReturnOrdered });
    path.extend([TravelArranged, Arrived, ReintegrationPlanned, AssistanceDelivered, Monitored]);
    match c.stage {
        Stopped => {
            let reached = if c.departure_on.is_some() { TravelArranged } else { ConsentRecorded };
            path.retain(|s| *s <= reached);
            path.push(Stopped);
        }
        Closed if c.arrived_on.is_none() => {
            path.retain(|s| *s <= Counselled);
            path.push(Closed);
        }
        _ => path.push(Closed),
    }
    let current = path.iter().position(|s| *s == c.stage).unwrap_or(0);
    let paid = c.ledger.iter().any(|l| l.kind == "disbursement");
    path.iter()
        .enumerate()
        .map(|(i, s)| {
            let skipped = match s {
                ReintegrationPlanned => c.assessment.is_none() && c.plan.is_empty(),
                AssistanceDelivered => !paid,
                _ => false,
            };
            let state = if i == current {
                "current"
            } else if i > current {
                "todo"
            } else if skipped {
                "skipped"
            } else {
                "done"
            };
            StageMark { label: ctx.code("stage", s.code()), state, state_text: ctx.t(&format!("rc-stage-{state}")) }
        })
        .collect()
}

/// A counselling session as the page shows it.
pub struct SessionRow {
    pub held_on: String,
    pub language: String,
    pub interpreter: String,
    pub sheet: String,
    /// The version of the sheet the session used, and its date.
    pub sheet_link: Option<String>,
    pub sheet_version: String,
    pub sheet_date: String,
    pub topics: String,
    pub notes: String,
}

pub struct VisitRow {
    pub visited_on: String,
    pub months: i64,
    pub remigration: String,
    pub scores: [String; 4],
    pub level: String,
    pub note: String,
}

pub struct DueRow {
    pub months: u32,
    pub due_on: String,
    pub state: &'static str,
    pub state_text: String,
}

/// Thousandths as a score from 0.00 to 1.00.
pub fn score(v: Option<i64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{:.2}", v as f64 / 1000.0))
}

#[derive(Template)]
#[template(path = "return_case.html")]
struct CasePage<'a> {
    ctx: &'a Ctx,
    title: String,
    choices: Choices,
    c: ReturnCase,
    programme: Option<Programme>,
    stages: Vec<StageMark>,
    forms: Vec<FormView>,
    /// The step the lifecycle refused just now, and why.
    refusal: Option<(String, String)>,
    sessions: Vec<SessionRow>,
    consent: Vec<(String, String)>,
    assessment: Vec<(String, String)>,
    visits: Vec<VisitRow>,
    due: Vec<DueRow>,
    /// The protection gate of a forced return, shown first.
    gate: Option<super::gate::GateView>,
    /// What became of an override asked for or confirmed just now.
    gate_notice: Option<String>,
    /// Who holds the case, its tasks, notes, files and timeline (casework's section).
    casework: String,
    /// The approvals asked for on the case, and whether the reader may decide them.
    approvals: Vec<crate::store::approvals::Approval>,
    may_decide: bool,
    approval_notice: Option<String>,
}

impl CasePage<'_> {
    /// Whether the reader asked for an approval (and so may not decide it).
    fn asked_by_reader(&self, requested_by: &i64) -> bool {
        self.ctx.user.as_ref().is_some_and(|u| u.actor.user_id == *requested_by)
    }

    fn form(&self, key: return_forms::Form) -> Option<&FormView> {
        self.forms.iter().find(|f| f.key == key.code())
    }

    fn money(&self, cents: &i64) -> String {
        self.ctx.money(cents)
    }

    fn item(&self, id: &i64) -> String {
        self.c
            .plan
            .iter()
            .find(|i| i.id == *id)
            .map(|i| format!("{} — {}", i.option_code, i.description))
            .unwrap_or_default()
    }

    fn voluntary(&self) -> bool {
        self.c.return_type == ReturnType::Voluntary
    }

    /// Where an imported case came from, in words.
    fn imported(&self) -> Option<String> {
        self.c.imported.as_ref().map(|i| import_source(self.ctx, i, "rc-imported"))
    }

    /// Who entered a case from paper records and when, in words.
    fn paper(&self) -> Option<String> {
        self.c.paper.as_ref().map(|p| {
            self.ctx.ta("rc-paper", &[("date", self.ctx.datetime(&p.entered_at)), ("user", p.entered_by_name.clone())])
        })
    }

    fn next_steps(&self) -> Vec<(String, String)> {
        self.forms.iter().map(|f| (f.key.clone(), f.title.clone())).collect()
    }
}

/// The file and row an imported case came from, in message `key` (with `file` and `row`), or in
/// `key-unknown` for a case imported before Drom kept them.
pub(super) fn import_source(ctx: &Ctx, source: &ImportSource, key: &str) -> String {
    match (&source.file, source.row) {
        (Some(file), Some(row)) => ctx.ta(key, &[("file", file.clone()), ("row", row.to_string())]),
        _ => ctx.t(&format!("{key}-unknown")),
    }
}

/// A form posted on the case page, shown again with what was typed and its errors.
pub struct Posted {
    pub key: return_forms::Form,
    pub state: FormState,
}

pub(crate) async fn case_page(
    ctx: &Ctx,
    s: &AppState,
    id: i64,
    posted: Option<Posted>,
    refusal: Option<(String, String)>,
    status: StatusCode,
) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    let c = s.db.returns().return_case(&user.actor, id).await?;
    let choices = Choices::load(s).await?;
    let programme = match c.programme_id {
        Some(p) => Some(s.db.returns().programme(&user.actor, p).await?),
        None => None,
    };
    let config = s.db.returns().sustainability();
    let returnee = if ctx.can_write() { Some(s.db.registry().person(&user.actor, c.person_id).await?) } else { None };
    let speaks = return_forms::Speaks {
        languages: returnee.as_ref().map_or(&[][..], |p| &p.data.languages),
        consent_language: returnee.as_ref().and_then(|p| p.data.legal_basis.consent_language.as_deref()),
    };
    let fc = FormContext { ctx, choices: &choices, programme: programme.as_ref(), config: &config };
    let forms = if ctx.can_write() {
        return_forms::available(&c, programme.as_ref())
            .into_iter()
            .map(|key| match &posted {
                Some(p) if p.key == key => return_forms::build(key, &fc, &c, &p.state),
                _ => return_forms::build(key, &fc, &c, &return_forms::defaults(key, ctx, &c, &speaks)),
            })
            .collect()
    } else {
        vec![]
    };
    let mut sheet_dates: BTreeMap<(String, i64), String> = BTreeMap::new();
    for session in &c.counselling {
        if let (Some(m), Some(v)) = (&session.info_municipality, session.info_version)
            && !sheet_dates.contains_key(&(m.clone(), v))
        {
            let date =
                s.db.returns()
                    .info_sheet(&user.actor, m, Some(v))
                    .await?
                    .map(|sheet| sheet.updated_on)
                    .unwrap_or_default();
            sheet_dates.insert((m.clone(), v), date);
        }
    }
    let sessions = c
        .counselling
        .iter()
        .map(|session| {
            let topics: Vec<String> = serde_json::from_str::<Vec<String>>(&session.topics)
                .unwrap_or_default()
                .iter()
                .map(|t| ctx.code("topic", t))
                .collect();
            let sheet = (session.info_municipality.clone(), session.info_version);
            SessionRow {
                held_on: ctx.datetime(&session.held_on),
                language: session.language.clone(),
                interpreter: session.interpreter.clone().unwrap_or_default(),
                sheet: choices.municipality(ctx, session.info_municipality.as_deref()),
                sheet_link: match &sheet {
                    (Some(m), Some(v)) => Some(format!("/info-sheets/{m}?version={v}")),
                    _ => None,
                },
                sheet_version: sheet.1.map(|v| v.to_string()).unwrap_or_default(),
                sheet_date: match sheet {
                    (Some(m), Some(v)) => sheet_dates.get(&(m, v)).map(|d| ctx.datetime(d)).unwrap_or_default(),
                    _ => String::new(),
                },
                topics: topics.join(", "),
                notes: session.notes.clone().unwrap_or_default(),
            }
        })
        .collect();
    let mut consent = Vec::new();
    if let (Some(v), Some(on)) = (&c.consent, &c.consent_on) {
        consent.push((ctx.t("rc-given-on"), ctx.datetime(on)));
        consent.push((ctx.t("field-consent-language"), v["language"].as_str().unwrap_or_default().to_string()));
        let affirmed: Vec<String> = ["free", "without_coercion", "informed"]
            .into_iter()
            .filter(|k| v[*k].as_bool() == Some(true))
            .map(|k| ctx.t(&format!("rc-{}", k.replace('_', "-"))))
            .collect();
        consent.push((ctx.t("rc-consent-affirmed"), affirmed.join("; ")));
        if let Some(statement) = v["statement"].as_str() {
            consent.push((ctx.t("rc-statement"), statement.to_string()));
        }
    }
    let mut assessment = Vec::new();
    if let Some(a) = &c.assessment {
        for (name, key) in [
            ("skills", "rc-skills"),
            ("education", "rc-education"),
            ("work_experience", "rc-work-experience"),
            ("housing", "rc-housing"),
            ("children_schooling", "rc-children-schooling"),
        ] {
            if let Some(v) = a[name].as_str().filter(|v| !v.is_empty()) {
                assessment.push((ctx.t(key), v.to_string()));
            }
        }
        let languages: Vec<&str> = a["languages"].as_array().into_iter().flatten().filter_map(|l| l.as_str()).collect();
        if !languages.is_empty() {
            assessment.push((ctx.t("field-languages"), languages.join(", ")));
        }
    }
    let visits = c
        .visits
        .iter()
        .map(|v| VisitRow {
            visited_on: ctx.datetime(&v.visited_on),
            months: v.months_after_arrival,
            remigration: ctx.code("remigration", &v.remigration),
            scores: [score(v.economic), score(v.social), score(v.psychosocial), score(v.composite)],
            level: v.composite.map(|x| ctx.code("level", config.level(x))).unwrap_or_default(),
            note: v.note.clone().unwrap_or_default(),
        })
        .collect();
    let today = chrono::Utc::now().date_naive().to_string();
    let due = c
        .visits_due
        .iter()
        .map(|d| {
            let state = if d.done {
                "done"
            } else if d.due_on < today {
                "overdue"
            } else {
                "upcoming"
            };
            DueRow {
                months: d.months,
                due_on: ctx.datetime(&d.due_on),
                state,
                state_text: ctx.t(&format!("rc-visit-{state}")),
            }
        })
        .collect();
    let title = ctx.t1("rc-title", "id", c.id);
    let stages = stage_marks(ctx, &c);
    let gate = super::gate::view(ctx, &s.db.screenings().policies(), &c);
    let gate_notice = ctx
        .here
        .split_once("gate=")
        .map(|(_, v)| v.split(['&', '#']).next().unwrap_or_default())
        .filter(|v| ["reason-needed", "not-possible", "second-person"].contains(v))
        .map(|v| ctx.t(&format!("gate-notice-{v}")));
    let casework = drom_casework::web::pages::panel(ctx, s, drom_casework::domain::Subject::ReturnCase, id).await?;
    let approvals = s.db.returns().approvals(&user.actor, Some(id)).await?;
    let may_decide = ctx.can(drom_domain::permission::Permission::Supervise);
    let approval_notice = ctx.here.contains("approval=asked").then(|| ctx.t("approval-asked"));
    let mut resp = html(CasePage {
        ctx,
        title,
        choices,
        c,
        programme,
        stages,
        forms,
        refusal,
        sessions,
        consent,
        assessment,
        visits,
        due,
        gate,
        gate_notice,
        casework,
        approvals,
        may_decide,
        approval_notice,
    })?;
    *resp.status_mut() = status;
    Ok(resp)
}

pub async fn show(ctx: Ctx, State(s): State<AppState>, Path(id): Path<String>) -> Response {
    let result = async {
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        case_page(&ctx, &s, id, None, None, StatusCode::OK).await
    }
    .await;
    respond(&ctx, result)
}

async fn record(s: &AppState, writer: RegistryWriter<'_>, id: i64, input: StepInput) -> Result<ReturnCase, StoreError> {
    let db = &s.db;
    match input {
        StepInput::Counsel(i) => db.returns().counsel(writer, id, i).await,
        StepInput::Consent(i) => db.returns().record_consent(writer, id, i).await,
        StepInput::Withdraw(i) => db.returns().withdraw_return_consent(writer, id, i).await,
        StepInput::Order(i) => db.returns().order_forced_return(writer, id, i).await,
        StepInput::Travel(i) => db.returns().arrange_travel(writer, id, i).await,
        StepInput::Arrive(i) => db.returns().confirm_arrival(writer, id, i).await,
        StepInput::Assess(i) => db.returns().assess(writer, id, i).await,
        StepInput::PlanItem(i) => db.returns().add_plan_item(writer, id, i).await,
        StepInput::Disburse(i) => db.returns().disburse(writer, id, i).await,
        StepInput::Visit(i) => db.returns().record_visit(writer, id, i).await,
        StepInput::Close(i) => db.returns().close_case(writer, id, i).await,
        StepInput::Convert(i) => db.returns().convert_to_voluntary(writer, id, i).await,
    }
}

/// Records one step from its form; on a refusal the case page comes back with the form as typed.
pub async fn step(
    ctx: Ctx,
    State(s): State<AppState>,
    Path((id, key)): Path<(String, String)>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let writer = user.actor.registry_writer()?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let key: return_forms::Form = key.parse().map_err(|_| PageError::NotFound)?;
        let config = s.db.returns().sustainability();
        let mut state = FormState::from_form(&form);
        let outcome = match return_forms::read(key, &form, &ctx, &config) {
            Ok(input) => {
                let waiting = super::approvals::request_of(&input);
                match record(&s, writer, id, input).await {
                    // The programme puts this step behind a supervisor: it is asked for as typed.
                    Err(StoreError::Conflict(r)) if r.code == "approval-needed" && waiting.is_some() => {
                        let request = waiting.ok_or(PageError::Internal)?;
                        s.db.returns().request_approval(&user.actor, id, request).await?;
                        return see_other(&format!("/return-cases/{id}?approval=asked#approvals"));
                    }
                    other => other,
                }
            }
            Err(errors) => Err(StoreError::Invalid(drom_domain::ValidationErrors(errors))),
        };
        let step = Some(key.step());
        let refused = |reason: String| {
            let what = step.map(|s| ctx.code("step", s.code())).unwrap_or_default();
            Some((ctx.t1("rc-refused", "step", what), reason))
        };
        let (refusal, status) = match outcome {
            Ok(_) => return see_other(&format!("/return-cases/{id}#{key}")),
            Err(StoreError::Invalid(e)) => {
                state.errors = rekey(ctx.localise(e.0));
                (None, StatusCode::UNPROCESSABLE_ENTITY)
            }
            Err(StoreError::Transition(reason)) => (refused(ctx.refusal(&reason)), StatusCode::CONFLICT),
            Err(StoreError::Blocked(_)) => (refused(ctx.t("gate-refused")), StatusCode::CONFLICT),
            Err(StoreError::Conflict(_) | StoreError::Stale(_)) => {
                (refused(ctx.t("rc-changed-meanwhile")), StatusCode::CONFLICT)
            }
            Err(e) => return Err(e.into()),
        };
        case_page(&ctx, &s, id, Some(Posted { key, state }), refusal, status).await
    }
    .await;
    respond(&ctx, result)
}

#[derive(Template)]
#[template(path = "person_returns.html")]
struct PersonReturns<'a> {
    ctx: &'a Ctx,
    person_id: i64,
    return_cases: Vec<CaseSummary>,
}

/// The person's return cases, for the person's page (a `PersonPanel`).
pub fn person_panel<'a>(ctx: &'a Ctx, s: &'a AppState, person_id: i64) -> drom_web::PanelFuture<'a> {
    Box::pin(async move {
        let user = signed_in(ctx)?;
        let q = CaseQuery { person_id: Some(person_id), per_page: Some(20), ..Default::default() };
        let return_cases = s.db.returns().return_cases(&user.actor, &q).await?.items;
        let html = PersonReturns { ctx, person_id, return_cases }.render().map_err(|e| {
            tracing::error!(error = %e, "template failed");
            PageError::Internal
        })?;
        Ok(Some(html))
    })
}

#[cfg(test)]
mod tests {
    use crate::domain::ReturnType;
    use crate::domain::lifecycle::{Stage, Step, apply};
    use drom_domain::error::Arg;
    use drom_web::pages::ctx::{Ctx, Lang, message_keys, register_locales};

    /// Every refusal the lifecycle can answer, and every `needs` it names, has its message in
    /// every complete language; and the English one reads as a sentence with its arguments.
    #[test]
    fn every_lifecycle_refusal_has_a_message_in_every_language() {
        let locales = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let mut keys = std::collections::BTreeSet::new();
        for stage in Stage::ALL {
            for kind in ReturnType::ALL {
                for step in Step::ALL {
                    if let Err(r) = apply(*stage, *kind, *step) {
                        keys.insert(format!("refusal-{}", r.code));
                        for (_, arg) in &r.args {
                            if let Arg::Code { group: "needs", code } = arg {
                                keys.insert(format!("needs-{code}"));
                            }
                        }
                    }
                }
            }
        }
        assert!(keys.len() > 15, "{keys:?}");
        for lang in ["en", "sq", "sr-Latn"] {
            let theirs = message_keys(&locales.join(lang));
            for k in &keys {
                assert!(theirs.contains(k), "{lang} lacks {k}");
            }
        }
        register_locales(vec![&crate::LOCALES]);
        let refusal = apply(Stage::Registered, ReturnType::Voluntary, Step::ConfirmArrival).unwrap_err();
        let en = Ctx::english().refusal(&refusal);
        assert_eq!(en, "\"arrival\" is not possible when the case is registered; it needs travel arranged");
        let sq = Ctx { lang: Lang::Sq, ..Ctx::english() }.refusal(&refusal);
        assert!(sq.contains("kërkon udhëtim të organizuar"), "{sq}");
    }
}
