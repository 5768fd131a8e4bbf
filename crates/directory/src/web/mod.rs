//! The capability's HTTP side: the HSDS read API (merged into the one OpenAPI document), and the
//! public service finder.

use axum::Router;
use drom_web::AppState;
use utoipa_axum::router::OpenApiRouter;

/// The API routes of the directory (relative to `/api/v1`).
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
}

/// The pages of the directory.
pub fn pages() -> Router<AppState> {
    Router::new()
}
