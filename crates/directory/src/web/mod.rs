//! The capability's HTTP side: the HSDS read API (merged into the one OpenAPI document), and the
//! public service finder.

pub mod admin;
pub mod finder;
pub mod hsds_api;
pub mod map;

use axum::Router;
use axum::routing::{get, post};
use drom_web::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The API routes of the directory (relative to `/api/v1`).
pub fn api() -> OpenApiRouter<AppState> {
    use hsds_api as h;
    OpenApiRouter::new()
        .routes(routes!(h::root))
        .routes(routes!(h::services))
        .routes(routes!(h::service))
        .routes(routes!(h::organizations))
        .routes(routes!(h::organization))
        .routes(routes!(h::taxonomies))
        .routes(routes!(h::taxonomy_terms))
        .routes(routes!(h::service_at_locations))
        .routes(routes!(admin::organizations))
        .routes(routes!(admin::link_agency))
        .routes(routes!(admin::services))
        .routes(routes!(admin::set_status))
}

/// The pages of the directory.
pub fn pages() -> Router<AppState> {
    Router::new()
        .route("/services", get(finder::list))
        .route("/services/{id}", get(finder::show))
        .route("/admin/directory", get(admin::show))
        .route("/admin/directory/organizations/{id}/agency", post(admin::post_link))
        .route("/admin/directory/services/{id}/status", post(admin::post_status))
}
