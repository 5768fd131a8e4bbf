//! Household pages: list, the household with its members, creating one around a person, and
//! adding or removing members (found by the same name search as the persons list).

use crate::domain::household::{HouseholdData, MemberInput};
use crate::store::RegistryDb;
use crate::store::households::{Household, HouseholdQuery};
use crate::store::persons::{PersonQuery, PersonSummary};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use drom_domain::vocab::Relation;
use drom_store::StoreError;
use drom_store::query::Page;
use drom_web::AppState;
use drom_web::pages::choices::Choices;
use drom_web::pages::ctx::Ctx;
use drom_web::pages::error::{PageError, respond};
use drom_web::pages::forms::CsrfForm;
use drom_web::pages::{html, see_other, signed_in};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "households.html")]
struct HouseholdList<'a> {
    ctx: &'a Ctx,
    title: String,
    choices: Choices,
    q: String,
    page: Page<Household>,
}

#[derive(Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    page: Option<String>,
}

pub async fn list(ctx: Ctx, State(s): State<AppState>, Query(q): Query<ListQuery>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let page_no = q.page.and_then(|p| p.parse().ok());
        let page =
            s.db.registry()
                .search_households(&user.actor, &HouseholdQuery { q: q.q.clone(), page: page_no, per_page: Some(25) })
                .await?;
        html(HouseholdList {
            ctx: &ctx,
            title: ctx.t("households-title"),
            choices: Choices::load(&s).await?,
            q: q.q.unwrap_or_default(),
            page,
        })
    }
    .await;
    respond(&ctx, result)
}

#[derive(Template)]
#[template(path = "household.html")]
struct HouseholdPage<'a> {
    ctx: &'a Ctx,
    title: String,
    choices: Choices,
    h: Household,
    q: String,
    candidates: Vec<PersonSummary>,
    error: Option<String>,
}

impl HouseholdPage<'_> {
    fn relations(&self) -> Vec<(&'static str, String)> {
        Relation::ALL
            .iter()
            .filter(|r| **r != Relation::Head)
            .map(|r| (r.code(), self.ctx.code("relation", r.code())))
            .collect()
    }
}

#[derive(Deserialize)]
pub struct ShowQuery {
    q: Option<String>,
    error: Option<String>,
}

pub async fn show(ctx: Ctx, State(s): State<AppState>, Path(id): Path<String>, Query(q): Query<ShowQuery>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let h = s.db.registry().household(&user.actor, id).await?;
        let candidates = match q.q.as_deref().filter(|q| !q.trim().is_empty()) {
            Some(text) => {
                let found =
                    s.db.registry()
                        .search_persons(
                            &user.actor,
                            &PersonQuery { q: Some(text.into()), per_page: Some(10), ..Default::default() },
                        )
                        .await?;
                found.items.into_iter().filter(|p| p.household_id.is_none()).collect()
            }
            None => vec![],
        };
        let title = h.label.clone().unwrap_or_else(|| ctx.t1("household-title", "id", id));
        let error = q.error.map(|e| ctx.t(&format!("household-error-{e}")));
        html(HouseholdPage {
            ctx: &ctx,
            title,
            choices: Choices::load(&s).await?,
            h,
            q: q.q.unwrap_or_default(),
            candidates,
            error,
        })
    }
    .await;
    respond(&ctx, result)
}

/// Creates a household with the given person as its head.
pub async fn create(ctx: Ctx, State(s): State<AppState>, CsrfForm(form): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let writer = user.actor.registry_writer()?;
        let head: i64 = form.get("head").and_then(|h| h.parse().ok()).ok_or(PageError::BadForm)?;
        let p = s.db.registry().person(&user.actor, head).await?;
        if let Some(h) = p.household_id {
            return see_other(&format!("/households/{h}"));
        }
        let data = HouseholdData {
            label: form.get("label").or_else(|| Some(ctx.t1("household-default-label", "name", &p.data.family_name))),
            municipality: p.data.municipality_of_origin.clone(),
            members: vec![MemberInput { person_id: head, relation: Relation::Head }],
        };
        let h = s.db.registry().create_household(writer, data, None).await?;
        see_other(&format!("/households/{}", h.id))
    }
    .await;
    respond(&ctx, result)
}

async fn change_members(
    s: &AppState,
    ctx: &Ctx,
    id: &str,
    version: Option<i64>,
    change: impl FnOnce(&mut Vec<MemberInput>),
) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    let writer = user.actor.registry_writer()?;
    let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
    let h = s.db.registry().household(&user.actor, id).await?;
    let mut members: Vec<MemberInput> =
        h.members.iter().map(|m| MemberInput { person_id: m.person_id, relation: m.relation }).collect();
    change(&mut members);
    let data = HouseholdData { label: h.label, municipality: h.municipality, members };
    match s.db.registry().update_household(writer, id, version.or(Some(h.version)), data, None).await {
        Ok(_) => see_other(&format!("/households/{id}")),
        Err(StoreError::Invalid(_)) => see_other(&format!("/households/{id}?error=invalid")),
        Err(StoreError::Conflict(_) | StoreError::Stale(_)) => see_other(&format!("/households/{id}?error=conflict")),
        Err(e) => Err(e.into()),
    }
}

pub async fn add_member(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let person: Option<i64> = form.get("person_id").and_then(|p| p.parse().ok());
    let relation: Option<Relation> = form.get("relation").and_then(|r| r.parse().ok());
    let version = form.get("version").and_then(|v| v.parse().ok());
    let result = match (person, relation) {
        (Some(person_id), Some(relation)) => {
            change_members(&s, &ctx, &id, version, |m| m.push(MemberInput { person_id, relation })).await
        }
        _ => Err(PageError::BadForm),
    };
    respond(&ctx, result)
}

pub async fn remove_member(
    ctx: Ctx,
    State(s): State<AppState>,
    Path((id, person)): Path<(String, String)>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let version = form.get("version").and_then(|v| v.parse().ok());
    let person: i64 = person.parse().unwrap_or(-1);
    let result = change_members(&s, &ctx, &id, version, |m| m.retain(|x| x.person_id != person)).await;
    respond(&ctx, result)
}
