//! The forms of a return case's steps: which form records which lifecycle step, the fields each
//! shows (with what was typed, after an error), and the reading of a posted form into the
//! storage input. Field names are storage's, so its errors land next to the right input.

use crate::domain::lifecycle::Step;
use crate::domain::sustainability::{DIMENSIONS, SustainabilityConfig};
use crate::domain::{Remigration, SpecialNeed, Transport};
use crate::store::cases::ReturnCase;
use crate::store::info_sheets::TOPICS;
use crate::store::monitoring::VisitInput;
use crate::store::plan::{AssessmentInput, DisbursementInput, PlanItemInput};
use crate::store::programmes::Programme;
use crate::store::steps::{
    ArrivalInput, CloseInput, ConsentInput, ConversionInput, CounsellingInput, ForcedOrderInput, TravelInput,
    WithdrawalInput,
};
use drom_domain::FieldError;
use drom_domain::language::parse_languages;
use drom_web::pages::choices::Choices;
use drom_web::pages::ctx::Ctx;
use drom_web::pages::fields::FormState;
use drom_web::pages::fields::{Builder, FormView, Reader, Section, plain};
use drom_web::pages::forms::FormData;
use std::collections::BTreeMap;

drom_domain::code_enum! {
    /// Each form of a case page; its code is its path segment and its id on the page.
    pub enum Form {
        Counselling = "counselling",
        Consent = "consent",
        Withdrawal = "withdrawal",
        ForcedOrder = "forced-order",
        Travel = "travel",
        Arrival = "arrival",
        Assessment = "assessment",
        PlanItem = "plan-item",
        Disbursement = "disbursement",
        Visit = "visit",
        Closure = "closure",
        Conversion = "conversion",
    }
}

impl Form {
    /// The lifecycle step the form records. The assessment and the plan items both plan the
    /// reintegration.
    pub fn step(self) -> Step {
        match self {
            Form::Counselling => Step::Counsel,
            Form::Consent => Step::RecordConsent,
            Form::Withdrawal => Step::WithdrawConsent,
            Form::ForcedOrder => Step::OrderForcedReturn,
            Form::Travel => Step::ArrangeTravel,
            Form::Arrival => Step::ConfirmArrival,
            Form::Assessment => Step::PlanReintegration,
            Form::PlanItem => Step::PlanReintegration,
            Form::Disbursement => Step::Disburse,
            Form::Visit => Step::RecordVisit,
            Form::Closure => Step::Close,
            Form::Conversion => Step::ConvertToVoluntary,
        }
    }
}

/// What a posted step form asks storage to record.
pub enum StepInput {
    Counsel(CounsellingInput),
    Consent(ConsentInput),
    Withdraw(WithdrawalInput),
    Order(ForcedOrderInput),
    Travel(TravelInput),
    Arrive(ArrivalInput),
    Assess(AssessmentInput),
    PlanItem(PlanItemInput),
    Disburse(DisbursementInput),
    Visit(VisitInput),
    Close(CloseInput),
    Convert(ConversionInput),
}

/// Reads a posted step form, or says which fields could not be read.
pub fn read(
    key: Form,
    form: &FormData,
    ctx: &Ctx,
    config: &SustainabilityConfig,
) -> Result<StepInput, Vec<FieldError>> {
    let mut r = Reader::new(form, ctx);
    let f = |name: &str| form.get(name);
    let text = |name: &str| form.text(name);
    match key {
        Form::Counselling => {
            let held_on = r.date("held_on");
            r.done(held_on.map(|held_on| {
                StepInput::Counsel(CounsellingInput {
                    held_on,
                    language: text("language"),
                    interpreter: f("interpreter"),
                    info_municipality: f("info_municipality"),
                    topics: form.all("topics"),
                    notes: f("notes"),
                })
            }))
        }
        Form::Consent => {
            let given_on = r.date("given_on");
            r.done(given_on.map(|given_on| {
                StepInput::Consent(ConsentInput {
                    given_on,
                    language: text("language"),
                    free: form.checked("free"),
                    without_coercion: form.checked("without_coercion"),
                    informed: form.checked("informed"),
                    statement: f("statement"),
                })
            }))
        }
        Form::Withdrawal => {
            let withdrawn_on = r.date("withdrawn_on");
            r.done(
                withdrawn_on
                    .map(|withdrawn_on| StepInput::Withdraw(WithdrawalInput { withdrawn_on, reason: text("reason") })),
            )
        }
        Form::ForcedOrder => {
            let ordered_on = r.date("ordered_on");
            r.done(
                ordered_on
                    .map(|ordered_on| StepInput::Order(ForcedOrderInput { ordered_on, reference: text("reference") })),
            )
        }
        Form::Travel => {
            let transport = r.code::<Transport>("transport");
            let departure_on = r.date("departure_on");
            let special_needs = r.codes::<SpecialNeed>("special_needs");
            if f("destination_municipality").is_none() {
                r.required("destination_municipality");
            }
            let input = transport.zip(departure_on).map(|(transport, departure_on)| {
                StepInput::Travel(TravelInput {
                    transport,
                    route: text("route"),
                    departure_on,
                    special_needs,
                    airport_assistance: form.checked("airport_assistance"),
                    destination_municipality: text("destination_municipality"),
                })
            });
            r.done(input)
        }
        Form::Arrival => {
            let arrived_on = r.date("arrived_on");
            r.done(arrived_on.map(|arrived_on| StepInput::Arrive(ArrivalInput { arrived_on, note: f("note") })))
        }
        Form::Assessment => {
            let languages = parse_languages(&text("languages")).unwrap_or_else(|refused| {
                r.errors.extend(refused.into_iter().map(|(_, reason)| ctx.field_error("languages", reason)));
                Vec::new()
            });
            r.done(Some(StepInput::Assess(AssessmentInput {
                skills: text("skills"),
                education: text("education"),
                work_experience: text("work_experience"),
                languages,
                housing: text("housing"),
                children_schooling: text("children_schooling"),
                health_needs: f("health_needs"),
            })))
        }
        Form::PlanItem => {
            let option_id = r.int("option_id");
            let amount = r.amount("amount");
            let committed_on = r.date("committed_on");
            let direct = r.optional_int("direct_beneficiaries");
            let indirect = r.optional_int("indirect_beneficiaries").unwrap_or(0);
            let input = option_id.zip(amount).zip(committed_on).map(|((option_id, amount_cents), committed_on)| {
                StepInput::PlanItem(PlanItemInput {
                    option_id,
                    description: text("description"),
                    amount_cents,
                    committed_on,
                    direct_beneficiaries: direct,
                    indirect_beneficiaries: indirect,
                })
            });
            r.done(input)
        }
        Form::Disbursement => {
            let plan_item_id = r.int("plan_item_id");
            let amount = r.amount("amount");
            let paid_on = r.date("paid_on");
            let input = plan_item_id.zip(amount).zip(paid_on).map(|((plan_item_id, amount_cents), paid_on)| {
                StepInput::Disburse(DisbursementInput { plan_item_id, amount_cents, paid_on, note: f("note") })
            });
            r.done(input)
        }
        Form::Visit => {
            let visited_on = r.date("visited_on");
            let remigration = r.code::<Remigration>("remigration");
            let mut answers = BTreeMap::new();
            for i in &config.indicators {
                let name = answer_field(&i.id);
                if let Some(n) = r.optional_int(&name) {
                    match u32::try_from(n) {
                        Ok(a) => {
                            answers.insert(i.id.clone(), a);
                        }
                        Err(_) => r
                            .errors
                            .push(ctx.field_error(&name, drom_domain::Common::NotANumber { value: n.to_string() })),
                    }
                }
            }
            let input = visited_on.zip(remigration).map(|(visited_on, remigration)| {
                StepInput::Visit(VisitInput { visited_on, remigration, answers, note: f("note") })
            });
            r.done(input)
        }
        Form::Closure => {
            let closed_on = r.date("closed_on");
            r.done(closed_on.map(|closed_on| StepInput::Close(CloseInput { closed_on, reason: text("reason") })))
        }
        Form::Conversion => {
            let converted_on = r.date("converted_on");
            r.done(
                converted_on
                    .map(|converted_on| StepInput::Convert(ConversionInput { converted_on, reason: text("reason") })),
            )
        }
    }
}

/// The form field of an indicator's answer; storage names its errors the same way.
pub fn answer_field(indicator: &str) -> String {
    format!("answers.{indicator}")
}

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

/// The returnee's languages as the registry has them, for the forms' defaults.
pub struct Speaks<'a> {
    pub languages: &'a [String],
    pub consent_language: Option<&'a str>,
}

/// What a form shows before anything was typed. A session and a consent are in the returnee's
/// languages, not the interface's: the caseworker's own language only when none is recorded.
pub fn defaults(key: Form, ctx: &Ctx, c: &ReturnCase, speaks: &Speaks<'_>) -> FormState {
    let mut s = FormState::default();
    let destination = c.destination_municipality.clone().unwrap_or_default();
    let spoken = if speaks.languages.is_empty() { ctx.lang.code().to_string() } else { speaks.languages.join(", ") };
    match key {
        Form::Counselling => {
            s.set("held_on", today());
            s.set("language", spoken);
            s.set("info_municipality", destination);
        }
        Form::Consent => {
            s.set("given_on", today());
            // The language of the consent given at registration, else the first one spoken.
            let first = speaks.languages.first().map(String::as_str);
            s.set("language", speaks.consent_language.or(first).unwrap_or(ctx.lang.code()));
        }
        Form::Withdrawal => s.set("withdrawn_on", today()),
        Form::ForcedOrder => s.set("ordered_on", today()),
        Form::Travel => {
            s.set("transport", c.transport.map_or("air", |t| t.code()));
            s.set("route", c.route.clone().unwrap_or_default());
            s.set("departure_on", c.departure_on.clone().unwrap_or_default());
            s.set("destination_municipality", destination);
            if c.airport_assistance == Some(true) {
                s.set("airport_assistance", "on");
            }
            for n in &c.special_needs {
                s.add("special_needs", n.code());
            }
        }
        Form::Arrival => s.set("arrived_on", today()),
        Form::Assessment => {
            // A new assessment replaces the last one: start from it.
            let a = c.assessment.clone().unwrap_or_default();
            for name in ["skills", "education", "work_experience", "housing", "children_schooling"] {
                s.set(name, a[name].as_str().unwrap_or_default());
            }
            let languages: Vec<&str> =
                a["languages"].as_array().into_iter().flatten().filter_map(|l| l.as_str()).collect();
            s.set("languages", languages.join(", "));
            s.set("health_needs", c.health_needs.clone().unwrap_or_default());
        }
        Form::PlanItem => s.set("committed_on", today()),
        Form::Disbursement => s.set("paid_on", today()),
        Form::Visit => s.set("visited_on", today()),
        Form::Closure => s.set("closed_on", today()),
        Form::Conversion => s.set("converted_on", today()),
    }
    s
}

/// Everything a form needs to know besides the case.
pub struct FormContext<'a> {
    pub ctx: &'a Ctx,
    pub choices: &'a Choices,
    pub programme: Option<&'a Programme>,
    pub config: &'a SustainabilityConfig,
}

/// Labels of a vocabulary's codes, in the page's language.
pub fn vocab(ctx: &Ctx, group: &str, codes: impl IntoIterator<Item = &'static str>) -> Vec<(String, String)> {
    codes.into_iter().map(|c| (c.to_string(), ctx.code(group, c))).collect()
}

/// The form `key` for case `c`, showing `state`.
pub fn build(key: Form, fc: &FormContext<'_>, c: &ReturnCase, state: &FormState) -> FormView {
    let ctx = fc.ctx;
    let mut b = Builder::new(key.code(), state);
    let mut intro = String::new();
    let sections: Vec<Section> = match key {
        Form::Counselling => plain(vec![
            b.date("held_on", ctx.t("rc-held-on")).required(),
            b.text("language", ctx.t("rc-language"))
                .hint(ctx.t("hint-language-list"))
                .suggest(Choices::languages(ctx))
                .required(),
            b.text("interpreter", ctx.t("rc-interpreter")),
            b.select(
                "info_municipality",
                ctx.t("rc-info-municipality"),
                Some(ctx.t("rc-choose")),
                fc.choices.municipalities(ctx),
            )
            .hint(ctx.t("rc-info-municipality-hint")),
            b.checks("topics", ctx.t("rc-topics"), vocab(ctx, "topic", TOPICS)),
            b.area("notes", ctx.t("rc-notes")),
        ]),
        Form::Consent => {
            intro = ctx.t("rc-consent-intro");
            plain(vec![
                b.date("given_on", ctx.t("rc-given-on")).required(),
                b.text("language", ctx.t("field-consent-language"))
                    .hint(ctx.t("hint-language-list"))
                    .suggest(Choices::languages(ctx))
                    .required(),
                b.check("free", ctx.t("rc-free")),
                b.check("without_coercion", ctx.t("rc-without-coercion")),
                b.check("informed", ctx.t("rc-informed")),
                b.area("statement", ctx.t("rc-statement")),
            ])
        }
        Form::Withdrawal => {
            intro = ctx.t("rc-withdrawal-intro");
            plain(vec![
                b.date("withdrawn_on", ctx.t("rc-withdrawn-on")).required(),
                b.text("reason", ctx.t("person-withdraw-reason")).required(),
            ])
        }
        Form::ForcedOrder => {
            intro = ctx.t("rc-forced-order-intro");
            plain(vec![
                b.date("ordered_on", ctx.t("rc-ordered-on")).required(),
                b.text("reference", ctx.t("rc-order-reference")).required(),
            ])
        }
        Form::Travel => {
            let mut fields = vec![
                b.select(
                    "transport",
                    ctx.t("rc-transport"),
                    None,
                    vocab(ctx, "transport", Transport::ALL.iter().map(|t| t.code())),
                ),
                b.text("route", ctx.t("rc-route")).hint(ctx.t("rc-route-hint")).required(),
                b.date("departure_on", ctx.t("rc-departure-on")).required(),
            ];
            // Special transport needs reveal health and minors: only those allowed to record
            // them see the field (the needs recorded before stay when others arrange travel).
            if ctx.can_special() {
                let label = format!("{} ({})", ctx.t("rc-special-needs"), ctx.t("special-category"));
                fields.push(b.checks(
                    "special_needs",
                    label,
                    vocab(ctx, "need", SpecialNeed::ALL.iter().map(|n| n.code())),
                ));
            }
            fields.push(b.check("airport_assistance", ctx.t("rc-airport-assistance")));
            fields.push(
                b.select(
                    "destination_municipality",
                    ctx.t("rc-destination"),
                    Some(ctx.t("rc-choose")),
                    fc.choices.municipalities(ctx),
                )
                .required(),
            );
            plain(fields)
        }
        Form::Arrival => plain(vec![
            b.date("arrived_on", ctx.t("rc-arrived-on")).required(),
            b.area("note", ctx.t("rc-arrival-note")),
        ]),
        Form::Assessment => {
            intro = ctx.t("rc-assessment-intro");
            let mut fields = vec![
                b.area("skills", ctx.t("rc-skills")),
                b.area("education", ctx.t("rc-education")),
                b.area("work_experience", ctx.t("rc-work-experience")),
                b.text("languages", ctx.t("field-languages"))
                    .hint(ctx.t("hint-language-list"))
                    .suggest(Choices::languages(ctx)),
                b.area("housing", ctx.t("rc-housing")),
                b.area("children_schooling", ctx.t("rc-children-schooling")),
            ];
            // Health is a special category: only those allowed to record it see the field.
            if ctx.can_special() {
                let label = format!("{} ({})", ctx.t("rc-health-needs"), ctx.t("special-category"));
                fields.push(b.area("health_needs", label));
            }
            plain(fields)
        }
        Form::PlanItem => {
            intro = ctx.t("rc-plan-item-intro");
            let options = fc
                .programme
                .map(|p| {
                    p.options
                        .iter()
                        .map(|o| {
                            let basis = ctx.code("ceiling", o.ceiling_basis.code());
                            (
                                o.id.to_string(),
                                format!("{} — {} ({}, {})", o.code, o.description, o.ceiling_cents, basis),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            plain(vec![
                b.select("option_id", ctx.t("rc-option"), None, options),
                b.text("description", ctx.t("rc-description")).required(),
                b.text("amount", ctx.t("rc-amount")).hint(ctx.t("rc-amount-hint")).decimal().required(),
                b.date("committed_on", ctx.t("rc-committed-on")).required(),
                b.number("direct_beneficiaries", ctx.t("rc-direct")).hint(ctx.t("rc-direct-hint")),
                b.number("indirect_beneficiaries", ctx.t("rc-indirect")).hint(ctx.t("rc-indirect-hint")),
            ])
        }
        Form::Disbursement => {
            let items = c
                .plan
                .iter()
                .map(|i| {
                    let label = format!(
                        "{} — {} ({} {}, {} {})",
                        i.option_code,
                        i.description,
                        ctx.t("rc-committed"),
                        i.committed_cents,
                        ctx.t("rc-disbursed"),
                        i.disbursed_cents
                    );
                    (i.id.to_string(), label)
                })
                .collect();
            plain(vec![
                b.select("plan_item_id", ctx.t("rc-plan-item"), None, items),
                b.text("amount", ctx.t("rc-amount")).hint(ctx.t("rc-amount-hint")).decimal().required(),
                b.date("paid_on", ctx.t("rc-paid-on")).required(),
                b.text("note", ctx.t("rc-notes")),
            ])
        }
        Form::Visit => {
            intro = ctx.t1("rc-visit-intro", "config", &fc.config.id);
            let mut sections = plain(vec![
                b.date("visited_on", ctx.t("rc-visited-on")).required(),
                b.select(
                    "remigration",
                    ctx.t("rc-remigration"),
                    None,
                    vocab(ctx, "remigration", Remigration::ALL.iter().map(|r| r.code())),
                ),
            ]);
            for d in DIMENSIONS {
                let fields = fc
                    .config
                    .indicators
                    .iter()
                    .filter(|i| i.dimension == d)
                    .map(|i| {
                        let answers = (0..=i.max).map(|a| (a.to_string(), a.to_string())).collect();
                        b.select(&answer_field(&i.id), i.question.clone(), Some(ctx.t("rc-not-asked")), answers)
                    })
                    .collect();
                sections.push(Section { legend: ctx.code("dimension", d), fields });
            }
            let note = b.area("note", ctx.t("rc-notes"));
            sections.push(Section { legend: String::new(), fields: vec![note] });
            sections
        }
        Form::Closure => {
            intro = ctx.t("rc-closure-intro");
            plain(vec![
                b.date("closed_on", ctx.t("rc-closed-on")).required(),
                b.text("reason", ctx.t("rc-close-reason")).required(),
            ])
        }
        Form::Conversion => {
            intro = ctx.t("rc-conversion-intro");
            plain(vec![
                b.date("converted_on", ctx.t("rc-converted-on")).required(),
                b.text("reason", ctx.t("rc-conversion-reason")).required(),
            ])
        }
    };
    b.finish(
        ctx.t(&format!("rc-form-{key}")),
        format!("/return-cases/{}/{key}", c.id),
        ctx.t(&format!("rc-submit-{key}")),
        intro,
        sections,
    )
}

/// The forms the case offers now: one per step the lifecycle allows, when the case has what the
/// step needs (a programme and an assessment for a plan item, a plan item for a payment).
pub fn available(c: &ReturnCase, programme: Option<&Programme>) -> Vec<Form> {
    Form::ALL
        .iter()
        .copied()
        .filter(|form| {
            c.next_steps.contains(&form.step())
                && match form {
                    Form::PlanItem => c.assessment.is_some() && programme.is_some_and(|p| !p.options.is_empty()),
                    Form::Disbursement => !c.plan.is_empty(),
                    // Past the order only through an open gate (storage refuses it anyway).
                    Form::Travel | Form::Arrival => {
                        c.gate.as_ref().is_none_or(|g| g.open)
                            || c.gate_override.as_ref().is_some_and(|o| o.confirmed_at.is_some())
                    }
                    _ => true,
                }
        })
        .collect()
}
