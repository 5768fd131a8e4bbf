//! The capability's HTTP side: the receiving endpoint (signed, no token), the peers API, and
//! the page `/admin/peers`.

pub mod api;
pub mod pages;
pub mod receive;

use axum::Router;
use axum::routing::{get, post};
use drom_web::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The API routes of the exchange (relative to `/api/v1`).
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(receive::receive))
        .routes(routes!(api::state))
        .routes(routes!(api::list, api::add))
        .routes(routes!(api::change))
}

/// The pages of the exchange.
pub fn pages() -> Router<AppState> {
    Router::new()
        .route("/admin/peers", get(pages::peers).post(pages::add))
        .route("/admin/peers/{id}", post(pages::change))
        .route("/admin/peers/{id}/ping", post(pages::ping))
}
