//! The registry's HTTP side: API routes (merged into the one OpenAPI document) and pages.

pub mod api_households;
pub mod api_persons;
pub mod pages;

use axum::Router;
use axum::routing::{get, post};
use drom_web::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The API routes of the registry (relative to `/api/v1`).
pub fn api() -> OpenApiRouter<AppState> {
    use api_households as households;
    use api_persons as persons;
    OpenApiRouter::new()
        .routes(routes!(persons::create, persons::list))
        .routes(routes!(persons::get, persons::update))
        .routes(routes!(persons::history))
        .routes(routes!(persons::withdraw_consent))
        .routes(routes!(households::create, households::list))
        .routes(routes!(households::get, households::update))
}

/// The registry's pages.
pub fn pages() -> Router<AppState> {
    use pages::*;
    Router::new()
        .route("/persons", get(persons::list))
        .route("/persons/new", get(persons::new_form).post(persons::create))
        .route("/persons/{id}", get(persons::show))
        .route("/persons/{id}/edit", get(persons::edit_form).post(persons::update))
        .route("/persons/{id}/withdraw-consent", post(persons::withdraw_consent))
        .route("/persons/{id}/record-consent", post(persons::record_consent))
        .route("/households", get(households::list).post(households::create))
        .route("/households/{id}", get(households::show))
        .route("/households/{id}/members", post(households::add_member))
        .route("/households/{id}/members/{person}/remove", post(households::remove_member))
}
