//! The HSDS 3.0 read API under `/api/v1/hsds/`: public (the directory is public, no sign-in), so
//! an HSDS client can read the directory.

use crate::domain::hours;
use crate::hsds::HSDS_VERSION;
use crate::hsds::compiled::CompiledService;
use crate::hsds::model::{Organization, ServiceAtLocation, Taxonomy, TaxonomyTerm};
use crate::store::DirectoryDb;
use crate::store::find::ServiceQuery;
use axum::Json;
use axum::extract::{Path, State};
use drom_domain::{Common, ValidationErrors};
use drom_store::error::StoreError;
use drom_web::AppState;
use drom_web::extract::ApiQuery;
use drom_web::problem::{ApiError, Problem};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The HSDS API's root: which version and profile it serves.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiInfo {
    /// "3.0".
    pub version: String,
    /// The profile: HSDS 3.0 itself, with Drom's needs taxonomy.
    pub profile: String,
    /// The OpenAPI document of this server.
    pub openapi_url: String,
}

/// An HSDS paging object.
#[derive(Debug, Serialize, ToSchema)]
pub struct HsdsPage<T: ToSchema> {
    pub total_items: i64,
    pub total_pages: i64,
    pub page_number: i64,
    pub size: i64,
    pub first_page: bool,
    pub last_page: bool,
    pub empty: bool,
    pub contents: Vec<T>,
}

fn page_of<T: ToSchema>(all: Vec<T>, page: i64, per_page: i64) -> HsdsPage<T> {
    let total = all.len() as i64;
    let total_pages = if total == 0 { 0 } else { (total + per_page - 1) / per_page };
    let contents: Vec<T> = all.into_iter().skip(((page - 1) * per_page) as usize).take(per_page as usize).collect();
    HsdsPage {
        total_items: total,
        total_pages,
        page_number: page,
        size: contents.len() as i64,
        first_page: page == 1,
        last_page: page >= total_pages,
        empty: contents.is_empty(),
        contents,
    }
}

/// Paging of every list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// From 1 (default 1).
    pub page: Option<i64>,
    /// 1 to 100 (default 25).
    pub per_page: Option<i64>,
}

/// The filters of `/services`; all given must hold.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ServiceFilters {
    /// Words in the name or description of the service or its organization.
    pub search: Option<String>,
    pub taxonomy_term_id: Option<String>,
    pub taxonomy_id: Option<String>,
    pub organization_id: Option<String>,
    /// Changed at or after (a date, YYYY-MM-DD, or an RFC 3339 time).
    pub modified_after: Option<String>,
    /// Drom: a municipality (code or either name) the service is in or serves.
    pub municipality: Option<String>,
    /// Drom: a language spoken (ISO 639 code: sq, sr, rom, tr, en, ...).
    pub language: Option<String>,
    /// Drom: only services open now (Kosovo's time).
    pub open_now: Option<bool>,
    /// Drom: a need (code of Drom's needs taxonomy).
    pub need: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

impl ServiceFilters {
    /// The store's query, or every bad filter named.
    pub async fn query(&self, s: &AppState) -> Result<ServiceQuery, StoreError> {
        let mut e = ValidationErrors::default();
        let municipality = match self.municipality.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
            None => None,
            Some(m) => match s.db.reference().await?.municipality(m) {
                Some(x) => Some(x.code.clone()),
                None => {
                    e.push("municipality", Common::UnknownMunicipality { value: m.into() });
                    None
                }
            },
        };
        let language = self.language.as_deref().map(str::trim).filter(|l| !l.is_empty()).map(str::to_lowercase);
        if let Some(l) = &language
            && !(2..=3).contains(&l.len())
        {
            e.push("language", Common::Malformed { detail: "an ISO 639 code of two or three letters".into() });
        }
        let modified_after = self.modified_after.as_deref().map(str::trim).filter(|m| !m.is_empty());
        if let Some(m) = modified_after
            && m.get(..10).and_then(|d| d.parse::<chrono::NaiveDate>().ok()).is_none()
        {
            e.push("modified_after", Common::NotADate { value: m.into() });
        }
        let need = self.need.as_deref().map(str::trim).filter(|n| !n.is_empty());
        if let Some(n) = need
            && n.parse::<crate::domain::Need>().is_err()
        {
            let codes: Vec<&str> = crate::domain::Need::ALL.iter().map(|x| x.code()).collect();
            e.push("need", Common::Malformed { detail: format!("one of {}", codes.join(", ")) });
        }
        if let Err(StoreError::Invalid(v)) = drom_store::query::paging(self.page, self.per_page) {
            e.0.extend(v.0);
        }
        e.into_result(())?;
        Ok(ServiceQuery {
            search: self.search.clone(),
            taxonomy_term_id: self.taxonomy_term_id.clone().filter(|x| !x.is_empty()),
            taxonomy_id: self.taxonomy_id.clone().filter(|x| !x.is_empty()),
            need: need.map(str::to_string),
            organization_id: self.organization_id.clone().filter(|x| !x.is_empty()),
            modified_after: modified_after.map(str::to_string),
            municipality,
            language,
            open_at: self.open_now.unwrap_or(false).then(|| hours::local(chrono::Utc::now())),
            statuses: Vec::new(),
        })
    }
}

/// The API's version and profile.
#[utoipa::path(get, path = "/hsds/", tag = "hsds", responses((status = 200, body = ApiInfo)), security(()))]
pub async fn root() -> Json<ApiInfo> {
    Json(ApiInfo {
        version: HSDS_VERSION.into(),
        profile: "https://openreferral.org/hsds/3.0".into(),
        openapi_url: "/api/v1/openapi.json".into(),
    })
}

/// Services (compiled, with what hangs on them), by name, a page at a time; the filters combine.
#[utoipa::path(get, path = "/hsds/services", tag = "hsds", params(ServiceFilters),
    responses((status = 200, body = HsdsPage<CompiledService>),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(()))]
pub async fn services(
    State(s): State<AppState>,
    ApiQuery(f): ApiQuery<ServiceFilters>,
) -> Result<Json<HsdsPage<CompiledService>>, ApiError> {
    let q = f.query(&s).await?;
    let (page, per_page) = drom_store::query::paging(f.page, f.per_page)?;
    let dir = s.db.directory();
    let ids = dir.find_services(&q).await?;
    let total = ids.len() as i64;
    let slice: Vec<String> = ids.into_iter().skip(((page - 1) * per_page) as usize).take(per_page as usize).collect();
    let contents = dir.compiled_services(&slice).await?;
    let total_pages = if total == 0 { 0 } else { (total + per_page - 1) / per_page };
    Ok(Json(HsdsPage {
        total_items: total,
        total_pages,
        page_number: page,
        size: contents.len() as i64,
        first_page: page == 1,
        last_page: page >= total_pages,
        empty: contents.is_empty(),
        contents,
    }))
}

/// One service, compiled.
#[utoipa::path(get, path = "/hsds/services/{id}", tag = "hsds", params(("id" = String, Path)),
    responses((status = 200, body = CompiledService), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(()))]
pub async fn service(State(s): State<AppState>, Path(id): Path<String>) -> Result<Json<CompiledService>, ApiError> {
    Ok(Json(s.db.directory().compiled_service(&id).await?))
}

/// Organizations, by name.
#[utoipa::path(get, path = "/hsds/organizations", tag = "hsds", params(Paging),
    responses((status = 200, body = HsdsPage<Organization>), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(()))]
pub async fn organizations(
    State(s): State<AppState>,
    ApiQuery(p): ApiQuery<Paging>,
) -> Result<Json<HsdsPage<Organization>>, ApiError> {
    let (page, per_page) = drom_store::query::paging(p.page, p.per_page)?;
    Ok(Json(page_of(s.db.directory().organizations().await?, page, per_page)))
}

/// An organization with its services (ids and names in `services`).
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationWithServices {
    #[serde(flatten)]
    pub organization: Organization,
    pub services: Vec<CompiledService>,
}

#[utoipa::path(get, path = "/hsds/organizations/{id}", tag = "hsds", params(("id" = String, Path)),
    responses((status = 200, body = OrganizationWithServices), (status = 404, body = Problem, content_type = "application/problem+json")),
    security(()))]
pub async fn organization(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<OrganizationWithServices>, ApiError> {
    let dir = s.db.directory();
    let organization = dir.organizations().await?.into_iter().find(|o| o.id == id).ok_or(StoreError::NotFound)?;
    let ids = dir.find_services(&ServiceQuery { organization_id: Some(id), ..Default::default() }).await?;
    let services = dir.compiled_services(&ids).await?;
    Ok(Json(OrganizationWithServices { organization, services }))
}

/// Taxonomies (Drom's needs taxonomy and any imported).
#[utoipa::path(get, path = "/hsds/taxonomies", tag = "hsds", params(Paging),
    responses((status = 200, body = HsdsPage<Taxonomy>), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(()))]
pub async fn taxonomies(
    State(s): State<AppState>,
    ApiQuery(p): ApiQuery<Paging>,
) -> Result<Json<HsdsPage<Taxonomy>>, ApiError> {
    let (page, per_page) = drom_store::query::paging(p.page, p.per_page)?;
    Ok(Json(page_of(s.db.directory().taxonomies().await?, page, per_page)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TermFilters {
    /// Only the terms of this taxonomy.
    pub taxonomy_id: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// Taxonomy terms.
#[utoipa::path(get, path = "/hsds/taxonomy_terms", tag = "hsds", params(TermFilters),
    responses((status = 200, body = HsdsPage<TaxonomyTerm>), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(()))]
pub async fn taxonomy_terms(
    State(s): State<AppState>,
    ApiQuery(f): ApiQuery<TermFilters>,
) -> Result<Json<HsdsPage<TaxonomyTerm>>, ApiError> {
    let (page, per_page) = drom_store::query::paging(f.page, f.per_page)?;
    let terms = s.db.directory().taxonomy_terms(f.taxonomy_id.as_deref().filter(|t| !t.is_empty())).await?;
    Ok(Json(page_of(terms, page, per_page)))
}

/// Services at locations (the links).
#[utoipa::path(get, path = "/hsds/service_at_locations", tag = "hsds", params(Paging),
    responses((status = 200, body = HsdsPage<ServiceAtLocation>), (status = 422, body = Problem, content_type = "application/problem+json")),
    security(()))]
pub async fn service_at_locations(
    State(s): State<AppState>,
    ApiQuery(p): ApiQuery<Paging>,
) -> Result<Json<HsdsPage<ServiceAtLocation>>, ApiError> {
    let (page, per_page) = drom_store::query::paging(p.page, p.per_page)?;
    Ok(Json(page_of(s.db.directory().service_at_locations().await?, page, per_page)))
}
