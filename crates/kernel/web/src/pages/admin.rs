//! Administration pages: agencies, users and reference data. The storage functions demand the
//! `Administrator` grant, as for the API.

use super::choices::Choices;
use super::ctx::Ctx;
use super::error::{PageError, respond};
use super::forms::CsrfForm;
use super::{html, see_other, signed_in};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use drom_domain::FieldError;
use drom_domain::permission::Role;
use drom_domain::reference::Community;
use drom_store::StoreError;
use drom_store::users::{Agency, NewAgency, NewUser, User};

#[derive(Template)]
#[template(path = "admin_agencies.html")]
struct Agencies<'a> {
    ctx: &'a Ctx,
    title: String,
    choices: Choices,
    agencies: Vec<Agency>,
    errors: Vec<FieldError>,
}

async fn agencies_page(ctx: &Ctx, s: &AppState, errors: Vec<FieldError>) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    user.actor.administrator()?;
    html(Agencies {
        ctx,
        title: ctx.t("admin-agencies-title"),
        choices: Choices::load(s).await?,
        agencies: s.db.agencies().await?,
        errors,
    })
}

pub async fn agencies(ctx: Ctx, State(s): State<AppState>) -> Response {
    let r = agencies_page(&ctx, &s, vec![]).await;
    respond(&ctx, r)
}

pub async fn add_agency(ctx: Ctx, State(s): State<AppState>, CsrfForm(form): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let admin = user.actor.administrator()?;
        let new = NewAgency {
            code: form.text("code"),
            name: form.text("name"),
            kind: form.text("kind"),
            municipality: form.get("municipality"),
        };
        match s.db.create_agency(Some(admin), new).await {
            Ok(_) => see_other("/admin/agencies"),
            Err(StoreError::Invalid(e)) => agencies_page(&ctx, &s, ctx.localise(e.0)).await,
            Err(e) => Err(e.into()),
        }
    }
    .await;
    respond(&ctx, result)
}

#[derive(Template)]
#[template(path = "admin_users.html")]
struct Users<'a> {
    ctx: &'a Ctx,
    title: String,
    users: Vec<User>,
    agencies: Vec<Agency>,
    errors: Vec<FieldError>,
}

impl Users<'_> {
    fn agency_name(&self, id: &i64) -> String {
        self.agencies.iter().find(|a| a.id == *id).map(|a| a.name.clone()).unwrap_or_default()
    }

    /// The roles the reader may give (a system administrator only by a system administrator).
    fn roles(&self) -> Vec<(&'static str, String)> {
        let system = self.ctx.is_system_admin();
        Role::ALL
            .iter()
            .filter(|r| system || **r != Role::SystemAdministrator)
            .map(|r| (r.code(), self.ctx.code("role", r.code())))
            .collect()
    }
}

async fn users_page(ctx: &Ctx, s: &AppState, errors: Vec<FieldError>) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    let admin = user.actor.administrator()?;
    let agencies = s.db.agencies().await?.into_iter().filter(|a| admin.manages(a.id)).collect();
    html(Users { ctx, title: ctx.t("admin-users-title"), users: s.db.users(Some(admin)).await?, agencies, errors })
}

pub async fn users(ctx: Ctx, State(s): State<AppState>) -> Response {
    let r = users_page(&ctx, &s, vec![]).await;
    respond(&ctx, r)
}

pub async fn add_user(ctx: Ctx, State(s): State<AppState>, CsrfForm(form): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let admin = user.actor.administrator()?;
        let role = match form.text("role").parse::<Role>() {
            Ok(r) => r,
            Err(_) => {
                return users_page(
                    &ctx,
                    &s,
                    vec![ctx.field_error("role", drom_domain::Common::NotAChoice { value: form.text("role") })],
                )
                .await;
            }
        };
        let new = NewUser {
            agency_id: form.get("agency_id").and_then(|a| a.parse().ok()).unwrap_or(-1),
            username: form.text("username"),
            display_name: form.text("display_name"),
            role,
            special_categories: form.checked("special_categories"),
            protection_override: form.checked("protection_override"),
            password: form.raw("password"),
        };
        match s.db.create_user(Some(admin), new).await {
            Ok(_) => see_other("/admin/users"),
            Err(StoreError::Invalid(e)) => users_page(&ctx, &s, ctx.localise(e.0)).await,
            Err(e) => Err(e.into()),
        }
    }
    .await;
    respond(&ctx, result)
}

#[derive(Template)]
#[template(path = "admin_reference.html")]
struct Reference<'a> {
    ctx: &'a Ctx,
    title: String,
    choices: Choices,
    errors: Vec<FieldError>,
}

async fn reference_page(ctx: &Ctx, s: &AppState, errors: Vec<FieldError>) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    user.actor.administrator()?;
    html(Reference { ctx, title: ctx.t("admin-reference-title"), choices: Choices::load(s).await?, errors })
}

pub async fn reference(ctx: Ctx, State(s): State<AppState>) -> Response {
    let r = reference_page(&ctx, &s, vec![]).await;
    respond(&ctx, r)
}

pub async fn add_community(ctx: Ctx, State(s): State<AppState>, CsrfForm(form): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let admin = user.actor.administrator()?;
        let c = Community {
            code: form.text("code"),
            name_en: form.text("name_en"),
            name_sq: form.text("name_sq"),
            name_sr: form.text("name_sr"),
        };
        match s.db.add_community(admin, c).await {
            Ok(_) => see_other("/admin/reference"),
            Err(StoreError::Invalid(e)) => reference_page(&ctx, &s, ctx.localise(e.0)).await,
            Err(e) => Err(e.into()),
        }
    }
    .await;
    respond(&ctx, result)
}

pub async fn correct_municipality(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let admin = user.actor.administrator()?;
        let reason = form.get("reason");
        match s
            .db
            .update_municipality(
                admin,
                &code,
                &form.text("district"),
                &form.text("majority_community"),
                reason.as_deref(),
            )
            .await
        {
            Ok(_) => see_other("/admin/reference"),
            Err(StoreError::Invalid(e)) => reference_page(&ctx, &s, ctx.localise(e.0)).await,
            Err(e) => Err(e.into()),
        }
    }
    .await;
    respond(&ctx, result)
}
