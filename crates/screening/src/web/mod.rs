//! Screening's HTTP side: API routes (merged into the one OpenAPI document) and pages.

pub mod api_lists;
pub mod api_screenings;
pub mod pages;

use axum::Router;
use axum::routing::{get, post};
use drom_web::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The API routes of protection screening (relative to `/api/v1`).
pub fn api() -> OpenApiRouter<AppState> {
    use api_lists as lists;
    use api_screenings as screenings;
    OpenApiRouter::new()
        .routes(routes!(screenings::create))
        .routes(routes!(screenings::changes))
        .routes(routes!(screenings::get))
        .routes(routes!(screenings::reproduce))
        .routes(routes!(screenings::answers))
        .routes(routes!(lists::rescreen))
        .routes(routes!(lists::list))
        .routes(routes!(lists::get, lists::delete))
        .routes(routes!(lists::rows))
        .routes(routes!(screenings::policies))
        // A readmission list may be large: these routes alone take up to `DROM_BATCH_MAX_MB`.
        .merge(
            OpenApiRouter::new()
                .routes(routes!(screenings::batch))
                .routes(routes!(lists::upload))
                .layer(axum::extract::DefaultBodyLimit::max(drom_web::streaming::batch_body_limit())),
        )
}

/// The pages of protection screening.
pub fn pages() -> Router<AppState> {
    use pages::*;
    Router::new()
        .route("/persons/{id}/screen", post(screenings::run))
        .route("/screenings/lists/{id}", get(screening_lists::show))
        .route("/screenings/lists/{id}/decisions.csv", get(screening_lists::csv))
        .route("/screenings/lists/{id}/decisions.xlsx", get(screening_lists::xlsx))
        .route("/screenings/lists/{id}/summary", get(screening_lists::summary))
        .route("/screenings/lists/{id}/delete", post(screening_lists::delete))
        .route("/screenings/{id}", get(screenings::show))
        .route("/screenings/{id}/answers", post(screenings::answer))
        .route("/screenings/{id}/decision", get(screenings::decision))
}
