//! The capability's HTTP side: API routes (merged into the one OpenAPI document) and pages.

pub mod api;
pub mod pages;

use axum::Router;
use drom_web::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The API routes of referrals (relative to `/api/v1`).
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::list, api::create))
        .routes(routes!(api::get))
        .routes(routes!(api::change_status))
        .routes(routes!(api::revoke))
        .routes(routes!(api::to_case))
        .routes(routes!(api::of_person))
        .routes(routes!(api::withdraw_consent))
        .routes(routes!(api::sessions, api::record_session))
        .routes(routes!(api::report))
}

/// The pages of referrals.
pub fn pages() -> Router<AppState> {
    use axum::routing::{get, post};
    use pages::*;
    Router::new()
        .route("/referrals", get(list).post(create))
        .route("/referrals/new", get(new))
        .route("/referrals/{id}", get(show))
        .route("/referrals/{id}/status", post(change_status))
        .route("/referrals/{id}/revoke", post(revoke))
        .route("/referrals/{id}/case", post(to_case))
        .route("/persons/{id}/referrals/consent-withdrawal", post(withdraw_consent))
        .route("/msc-sessions", get(sessions).post(record_session))
        .route("/reports/referrals", get(report))
        .route("/reports/referrals.csv", get(report_csv))
        .route("/reports/referrals.xlsx", get(report_xlsx))
}
