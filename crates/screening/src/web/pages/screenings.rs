//! Screening pages: run a protection screening from a person's page, and read a stored one with
//! every rule that decided and the sentence of the source it cites.

use crate::PolicySet;
use crate::store::ScreeningDb;
use crate::store::fact_answers::{AnswersInput, FactAnswer, FactAnswerInput};
use crate::store::screenings::{Screening, ScreeningRequest};
use crate::{Fact, ReturnType, Tri};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use drom_store::StoreError;
use drom_web::AppState;
use drom_web::pages::ctx::{Ctx, Lang};
use drom_web::pages::error::{PageError, respond};
use drom_web::pages::forms::CsrfForm;
use drom_web::pages::{html, see_other, signed_in};

pub async fn run(ctx: Ctx, State(s): State<AppState>, Path(id): Path<String>, CsrfForm(form): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let writer = user.actor.registry_writer()?;
        let person_id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let return_type: ReturnType = form.get("return_type").and_then(|r| r.parse().ok()).ok_or(PageError::BadForm)?;
        let informed_consent: Option<Tri> = form.get("informed_consent").and_then(|c| c.parse().ok());
        let as_of = form.get("as_of").and_then(|d| d.parse().ok());
        let request = ScreeningRequest {
            person_id,
            return_type,
            informed_consent,
            as_of,
            policy: None,
            facts: Default::default(),
        };
        match s.db.screenings().screen_person(writer, &s.db.screenings().policies(), request).await {
            Ok(screening) => see_other(&format!("/screenings/{}", screening.id)),
            Err(StoreError::Invalid(_)) => Err(PageError::BadForm),
            Err(e) => Err(e.into()),
        }
    }
    .await;
    respond(&ctx, result)
}

/// A policy rule's summary in the reader's language (`rule-<policy>-<rule>`), else as the
/// policy file words it.
pub fn rule_summary(ctx: &Ctx, policies: &PolicySet, policy: &str, rule: &str) -> String {
    let fallback = policies.by_id(policy).and_then(|p| p.rule(rule)).map(|r| r.summary.as_str()).unwrap_or(rule);
    ctx.t_or(&format!("rule-{policy}-{rule}"), fallback)
}

/// A fact the policy needs, asked as a question (`fact-q-<code>`).
pub fn fact_question(ctx: &Ctx, code: &str) -> String {
    ctx.t_or(&format!("fact-q-{}", code.replace('_', "-")), code)
}

/// Why a member's outcome is what it is, in words, with the sentence the rule cites.
pub struct Reason {
    pub text: String,
    pub quote: String,
    /// The document the rule comes from, and whether `quote` is its words or a paraphrase.
    pub citation: String,
}

/// A fact still unknown for a member: asked as a question, answerable on the page when it is a
/// fact of the policy (identity items are corrected on the person's record).
pub struct Unknown {
    pub code: String,
    pub question: String,
    pub answerable: bool,
    /// A special category the reader may not answer without the permission.
    pub withheld: bool,
}

/// One member's decision, as the page shows it.
pub struct Line {
    pub person_id: String,
    pub name: String,
    pub relation: String,
    pub outcome: String,
    pub reasons: Vec<Reason>,
    pub unknown: Vec<Unknown>,
    /// Recorded answers of this member: question, answer and who gave it on what basis.
    pub answers: Vec<(String, String)>,
}

/// A screening in words, in one language: the household's decision and each member's.
pub struct ScreeningView {
    pub title: String,
    pub policy: String,
    pub source: String,
    pub household_outcome: String,
    pub household_text: String,
    pub lines: Vec<Line>,
}

#[derive(Template)]
#[template(path = "screening.html")]
struct ScreeningPage<'a> {
    ctx: &'a Ctx,
    title: String,
    s: Screening,
    v: ScreeningView,
    /// The return case the officer came from, to go back to.
    case: Option<i64>,
    /// Answers refused just now, and why.
    errors: Vec<String>,
}

impl ScreeningPage<'_> {
    fn answerable(&self) -> bool {
        self.ctx.can_write() && self.v.lines.iter().any(|l| l.unknown.iter().any(|u| u.answerable && !u.withheld))
    }
}

#[derive(serde::Deserialize)]
pub struct PageQuery {
    /// Kept as text: a bad value is ignored rather than refused.
    case: Option<String>,
}

/// The household decision and each member's reasons, in `ctx`'s language.
pub fn view(ctx: &Ctx, policies: &PolicySet, s: &Screening, answers: &[FactAnswer]) -> ScreeningView {
    let policy = policies.by_id(&s.policy_id);
    let decisions = s.decisions.as_array().cloned().unwrap_or_default();
    let name_of = |rid: &str| {
        s.facts
            .iter()
            .find(|f| f.request_id == rid)
            .map(|f| format!("{} {}", f.given_name, f.family_name))
            .unwrap_or_else(|| rid.to_string())
    };
    let mut lines = Vec::new();
    for d in &decisions {
        let rid = d["request_id"].as_str().unwrap_or_default();
        let mut reasons = Vec::new();
        for f in d["findings"].as_array().into_iter().flatten() {
            let rule = f["rule_id"].as_str().unwrap_or_default();
            let text = match f["status"].as_str().unwrap_or_default() {
                "fired" | "voluntary_return" => rule_summary(ctx, policies, &s.policy_id, rule),
                "family_unity" => {
                    let member = d["family_member"].as_str().map(name_of).unwrap_or_default();
                    ctx.t1("screening-family-unity", "person", member)
                }
                _ => continue,
            };
            let document = f["source"].as_str().unwrap_or_default();
            let key = if f["verbatim"].as_bool() == Some(true) { "screening-cites" } else { "screening-paraphrases" };
            reasons.push(Reason {
                text,
                quote: f["clause"].as_str().or(f["quote"].as_str()).unwrap_or_default().to_string(),
                citation: ctx.t1(key, "document", document),
            });
        }
        let unknown = d["unknown"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|u| u.as_str())
            .map(|code| {
                let fact = code.parse::<Fact>().ok();
                Unknown {
                    code: code.to_string(),
                    question: fact_question(ctx, code),
                    answerable: fact.is_some(),
                    withheld: fact.and_then(Fact::special_category).is_some() && !ctx.can_special(),
                }
            })
            .collect();
        let relation = s
            .facts
            .iter()
            .find(|f| f.request_id == rid)
            .and_then(|f| f.relation)
            .map(|r| ctx.code("relation", r.code()))
            .unwrap_or_default();
        let answered = answers
            .iter()
            .filter(|a| a.person_id.to_string() == rid)
            .map(|a| {
                let basis = a.basis.as_deref().map(|b| ctx.code("basis", b)).unwrap_or_default();
                let by = ctx.ta(
                    "screening-answered-by",
                    &[("user", a.answered_by.clone()), ("date", ctx.datetime(&a.answered_at)), ("basis", basis)],
                );
                (fact_question(ctx, &a.fact), format!("{} — {by}", ctx.code("answer", &a.answer)))
            })
            .collect();
        lines.push(Line {
            person_id: rid.to_string(),
            name: name_of(rid),
            relation,
            outcome: d["outcome"].as_str().unwrap_or_default().to_string(),
            reasons,
            unknown,
            answers: answered,
        });
    }
    // The household is decided by its least favourable member.
    let household_outcome = ["protected", "needs_assessment", "no_bar_found"]
        .into_iter()
        .find(|o| lines.iter().any(|l| l.outcome == *o))
        .unwrap_or("needs_assessment")
        .to_string();
    let household_text = ctx.t(&format!("screening-household-{}", household_outcome.replace('_', "-")));
    let (policy_text, source) = match policy {
        Some(p) => (format!("{} — {}", p.id, p.title), p.source.document.clone()),
        None => (s.policy_id.clone(), String::new()),
    };
    ScreeningView {
        title: ctx.t1("screening-title", "id", s.id),
        policy: policy_text,
        source,
        household_outcome,
        household_text,
        lines,
    }
}

async fn screening_page(
    ctx: &Ctx,
    st: &AppState,
    id: i64,
    case: Option<i64>,
    errors: Vec<String>,
) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    let s = st.db.screenings().screening(&user.actor, id).await?;
    let answers = st.db.screenings().fact_answers(&user.actor, &s).await?;
    let v = view(ctx, &st.db.screenings().policies(), &s, &answers);
    html(ScreeningPage { ctx, title: v.title.clone(), s, v, case, errors })
}

#[derive(Template)]
#[template(path = "screening_decision.html")]
struct DecisionPage<'a> {
    ctx: &'a Ctx,
    title: String,
    s: Screening,
    /// The decision in the officer's language, then in English when that is another.
    versions: Vec<(Ctx, ScreeningView)>,
    officer: String,
    printed_on: String,
}

/// The decision to send to the host country, ready to print on A4: in the officer's language
/// and in English, signed off by the officer who prints it. Printing is audited.
pub async fn decision(ctx: Ctx, State(st): State<AppState>, Path(id): Path<String>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        // Printing is the read here, and its audit entry says so.
        let s = st.db.screenings().load(&user.actor, id).await?;
        st.db.screenings().record_decision_print(&user.actor, &s).await?;
        let policies = st.db.screenings().policies();
        let mut versions = vec![(ctx.clone(), view(&ctx, &policies, &s, &[]))];
        if ctx.lang != Lang::En {
            let en = Ctx { lang: Lang::En, ..ctx.clone() };
            let v = view(&en, &policies, &s, &[]);
            versions.push((en, v));
        }
        let title = ctx.t1("decision-title", "id", id);
        let officer = user.display_name.clone();
        let printed_on = ctx.datetime(&chrono::Utc::now().date_naive().to_string());
        html(DecisionPage { ctx: &ctx, title, s, versions, officer, printed_on })
    }
    .await;
    respond(&ctx, result)
}

pub async fn show(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<PageQuery>,
) -> Response {
    let result = async {
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let case = query.case.and_then(|c| c.parse().ok());
        screening_page(&ctx, &st, id, case, vec![]).await
    }
    .await;
    respond(&ctx, result)
}

/// Records the answers given on the page and shows the household screened again; a refused
/// answer comes back on the page, naming it, with nothing saved.
pub async fn answer(
    ctx: Ctx,
    State(st): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let writer = user.actor.registry_writer()?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let case = form.get("case").and_then(|c| c.parse::<i64>().ok());
        // Fields are `answer.<person>.<fact>`, with `basis.` and `note.` beside each.
        let answers: Vec<FactAnswerInput> = form
            .0
            .iter()
            .filter_map(|(k, v)| {
                let rest = k.strip_prefix("answer.")?;
                let (person, fact) = rest.split_once('.')?;
                let person_id = person.parse().ok()?;
                (v != "unknown").then(|| FactAnswerInput {
                    person_id,
                    fact: fact.to_string(),
                    answer: v.clone(),
                    basis: form.get(&format!("basis.{rest}")),
                    note: form.get(&format!("note.{rest}")),
                })
            })
            .collect();
        match st.db.screenings().answer_facts(writer, id, AnswersInput { answers }).await {
            Ok(next) => {
                let back = case.map(|c| format!("?case={c}")).unwrap_or_default();
                see_other(&format!("/screenings/{}{back}", next.id))
            }
            Err(StoreError::Invalid(e)) => {
                let errors = e.0.iter().map(|f| format!("{}: {}", f.field, ctx.reason(f))).collect();
                let mut resp = screening_page(&ctx, &st, id, case, errors).await?;
                *resp.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
                Ok(resp)
            }
            Err(e) => Err(e.into()),
        }
    }
    .await;
    respond(&ctx, result)
}

#[derive(Template)]
#[template(path = "person_screenings.html")]
struct PersonScreenings<'a> {
    ctx: &'a Ctx,
    person_id: i64,
    /// (id, policy, outcome, when) of the person's screenings.
    screenings: Vec<(i64, String, String, String)>,
}

/// The person's screenings and the form to screen them, for the person's page (a
/// `PersonPanel`), shown to those who may record special categories.
pub fn person_panel<'a>(ctx: &'a Ctx, s: &'a AppState, person_id: i64) -> drom_web::PanelFuture<'a> {
    Box::pin(async move {
        let user = signed_in(ctx)?;
        if !(ctx.can_write() && ctx.can_special()) {
            return Ok(None);
        }
        let screenings = s.db.screenings().screenings_of(&user.actor, person_id).await?;
        let html = PersonScreenings { ctx, person_id, screenings }.render().map_err(|e| {
            tracing::error!(error = %e, "template failed");
            PageError::Internal
        })?;
        Ok(Some(html))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use drom_web::pages::ctx::{message_keys, register_locales};

    fn ctx(lang: Lang) -> Ctx {
        register_locales(vec![&crate::LOCALES]);
        Ctx { lang, user: None, csrf: String::new(), here: "/".into() }
    }

    #[test]
    fn every_rule_of_the_shipped_policies_has_a_summary_in_albanian_and_serbian() {
        let policies = PolicySet::shipped(None).unwrap();
        let locales = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        for name in ["sq", "sr-Latn"] {
            let theirs = message_keys(&locales.join(name));
            for p in &policies.policies {
                for r in &p.rules {
                    let key = format!("rule-{}-{}", p.id, r.id);
                    assert!(theirs.contains(&key), "{name} lacks {key}");
                }
            }
        }
        let summary = rule_summary(&ctx(Lang::En), &policies, "unhcr-2006", "serb-roma");
        assert_eq!(summary, "Kosovo Serbs and Roma remain presumed at risk", "English comes from the policy file");
        assert!(rule_summary(&ctx(Lang::Sq), &policies, "unhcr-2006", "serb-roma").contains("romët"));
    }

    #[test]
    fn every_fact_the_engine_can_miss_is_asked_as_a_question() {
        let ctx = ctx(Lang::Sr);
        for code in crate::engine::unknown_names(u32::MAX) {
            let q = fact_question(&ctx, code);
            assert!(q.ends_with('?') && !q.contains('_'), "{code}: {q}");
        }
    }
}
