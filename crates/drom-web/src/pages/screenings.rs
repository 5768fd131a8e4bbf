//! Screening pages: run a protection screening from a person's page, and read a stored one with
//! every rule that decided and the sentence of the source it cites.

use super::ctx::Ctx;
use super::error::{PageError, respond};
use super::forms::CsrfForm;
use super::{html, see_other, signed_in};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use drom_screening::{ReturnType, Tri};
use drom_store::StoreError;
use drom_store::screenings::{Screening, ScreeningRequest};

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
        match s.db.screen_person(writer, &s.db.policies(), request).await {
            Ok(screening) => see_other(&format!("/screenings/{}", screening.id)),
            Err(StoreError::Invalid(_)) => Err(PageError::BadForm),
            Err(e) => Err(e.into()),
        }
    }
    .await;
    respond(&ctx, result)
}

/// One member's decision, as the page shows it.
pub struct Line {
    pub name: String,
    pub outcome: String,
    pub explanation: String,
    /// (rule summary, quoted sentence)
    pub rules: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "screening.html")]
struct ScreeningPage<'a> {
    ctx: &'a Ctx,
    title: String,
    s: Screening,
    lines: Vec<Line>,
}

pub async fn show(ctx: Ctx, State(st): State<AppState>, Path(id): Path<String>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
        let s = st.db.screening(&user.actor, id).await?;
        let mut lines = Vec::new();
        for d in s.decisions.as_array().into_iter().flatten() {
            let rid = d["request_id"].as_str().unwrap_or_default();
            let name = s
                .facts
                .iter()
                .find(|f| f.request_id == rid)
                .map(|f| format!("{} {}", f.given_name, f.family_name))
                .unwrap_or_default();
            let rules = d["findings"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|f| {
                    (f["summary"].as_str().unwrap_or("").to_string(), f["quote"].as_str().unwrap_or("").to_string())
                })
                .collect();
            lines.push(Line {
                name,
                outcome: d["outcome"].as_str().unwrap_or("").to_string(),
                explanation: d["explanation"].as_str().unwrap_or("").to_string(),
                rules,
            });
        }
        html(ScreeningPage { ctx: &ctx, title: ctx.t1("screening-title", "id", id), s, lines })
    }
    .await;
    respond(&ctx, result)
}
