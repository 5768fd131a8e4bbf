//! Administration of the directory: `/admin/directory` (page) and `/api/v1/directory/...`
//! (API), for administrators: which Drom agency an organization is, and a service's status.

use crate::domain::ServiceStatus;
use crate::store::DirectoryDb;
use crate::store::ServiceRef;
use crate::store::admin::{AgencyLink, OrganizationLink, StatusChange};
use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use drom_store::StoreError;
use drom_store::users::Agency;
use drom_web::AppState;
use drom_web::auth::Auth;
use drom_web::extract::ApiJson;
use drom_web::pages::ctx::Ctx;
use drom_web::pages::error::{PageError, respond};
use drom_web::pages::forms::CsrfForm;
use drom_web::pages::{html, see_other, signed_in};
use drom_web::problem::{ApiError, Problem};

/// Every organization with the agency it is (administrators).
#[utoipa::path(get, path = "/directory/organizations", tag = "directory",
    responses((status = 200, body = Vec<OrganizationLink>), (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn organizations(
    State(s): State<AppState>,
    Auth(actor): Auth,
) -> Result<Json<Vec<OrganizationLink>>, ApiError> {
    actor.administrator()?;
    Ok(Json(s.db.directory().organization_links().await?))
}

/// Makes an organization a Drom agency of this server, or an outside provider (`null`); an
/// administrator links to or from their own agency, a system administrator any. Audited.
#[utoipa::path(put, path = "/directory/organizations/{id}/agency", tag = "directory", request_body = AgencyLink,
    params(("id" = String, Path)),
    responses((status = 200, body = OrganizationLink), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn link_agency(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Path(id): Path<String>,
    ApiJson(link): ApiJson<AgencyLink>,
) -> Result<Json<OrganizationLink>, ApiError> {
    Ok(Json(s.db.directory().link_agency(actor.administrator()?, &id, link.agency_id).await?))
}

/// Every service of every status (administrators).
#[utoipa::path(get, path = "/directory/services", tag = "directory",
    responses((status = 200, body = Vec<ServiceRef>), (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn services(State(s): State<AppState>, Auth(actor): Auth) -> Result<Json<Vec<ServiceRef>>, ApiError> {
    actor.administrator()?;
    Ok(Json(s.db.directory().all_services().await?))
}

/// Sets a service's status (only an active service takes referrals). Audited.
#[utoipa::path(put, path = "/directory/services/{id}/status", tag = "directory", request_body = StatusChange,
    params(("id" = String, Path)),
    responses((status = 200, body = ServiceRef), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn set_status(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Path(id): Path<String>,
    ApiJson(change): ApiJson<StatusChange>,
) -> Result<Json<ServiceRef>, ApiError> {
    Ok(Json(s.db.directory().set_status(actor.administrator()?, &id, &change.status).await?))
}

#[derive(Template)]
#[template(path = "admin_directory.html")]
struct AdminPage<'a> {
    ctx: &'a Ctx,
    title: String,
    organizations: Vec<(OrganizationLink, Vec<ServiceRef>)>,
    agencies: Vec<Agency>,
    statuses: Vec<(String, String)>,
    errors: Vec<drom_domain::FieldError>,
}

async fn page(ctx: &Ctx, s: &AppState, errors: Vec<drom_domain::FieldError>) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    user.actor.administrator()?;
    let dir = s.db.directory();
    let services = dir.all_services().await?;
    let organizations = dir
        .organization_links()
        .await?
        .into_iter()
        .map(|o| {
            let mine = services.iter().filter(|x| x.organization_id == o.id).cloned().collect();
            (o, mine)
        })
        .collect();
    let statuses = ServiceStatus::ALL
        .iter()
        .map(|x| (x.code().to_string(), ctx.t(&format!("service-status-{}", x.code().replace(' ', "-")))))
        .collect();
    html(AdminPage {
        ctx,
        title: ctx.t("admin-directory-title"),
        organizations,
        agencies: s.db.agencies().await?,
        statuses,
        errors,
    })
}

pub async fn show(ctx: Ctx, State(s): State<AppState>) -> Response {
    let r = page(&ctx, &s, vec![]).await;
    respond(&ctx, r)
}

pub async fn post_link(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let admin = user.actor.administrator()?;
        let agency = form.text("agency_id");
        let agency =
            if agency.is_empty() { None } else { Some(agency.parse::<i64>().map_err(|_| PageError::BadForm)?) };
        match s.db.directory().link_agency(admin, &id, agency).await {
            Ok(_) => see_other("/admin/directory"),
            Err(StoreError::Invalid(e)) => page(&ctx, &s, ctx.localise(e.0)).await,
            Err(e) => Err(e.into()),
        }
    }
    .await;
    respond(&ctx, result)
}

pub async fn post_status(
    ctx: Ctx,
    State(s): State<AppState>,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm,
) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let admin = user.actor.administrator()?;
        match s.db.directory().set_status(admin, &id, &form.text("status")).await {
            Ok(_) => see_other("/admin/directory"),
            Err(StoreError::Invalid(e)) => page(&ctx, &s, ctx.localise(e.0)).await,
            Err(e) => Err(e.into()),
        }
    }
    .await;
    respond(&ctx, result)
}
