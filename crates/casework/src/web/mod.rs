//! The capability's HTTP side: API routes (merged into the one OpenAPI document) and pages.

pub mod api;
pub mod pages;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use drom_web::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The largest request an attachment may come in: the largest file the store takes (the one
/// start-up checked, else the default) and a multipart envelope.
pub fn upload_limit() -> usize {
    let mb = crate::store::FileStore::max_mb_from_env().unwrap_or(crate::domain::DEFAULT_MAX_MB);
    mb * 1024 * 1024 + 64 * 1024
}

/// The API routes of casework (relative to `/api/v1`).
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::my_work))
        .routes(routes!(api::tasks, api::create_task))
        .routes(routes!(api::complete_task))
        .routes(routes!(api::team))
        .routes(routes!(api::assignment, api::assign))
        .routes(routes!(api::notes, api::add_note))
        .routes(routes!(api::timeline))
        .routes(routes!(api::download))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(api::attachments, api::attach))
                .layer(DefaultBodyLimit::max(upload_limit())),
        )
}

/// The pages of casework.
pub fn pages() -> Router<AppState> {
    use pages::*;
    Router::new()
        .route("/tasks", get(my_tasks).post(create_task))
        .route("/tasks/{id}/done", post(complete_task))
        .route("/team", get(team))
        .route("/subjects/{kind}/{id}/notes", post(add_note))
        .route("/subjects/{kind}/{id}/assignment", post(assign))
        .route("/subjects/{kind}/{id}/attachments", post(attach).layer(DefaultBodyLimit::max(upload_limit())))
        .route("/attachments/{id}", get(download))
}
