//! The capability's HTTP side: API routes (merged into the one OpenAPI document), the public
//! pages and the pages of a body's staff.

pub mod api;
pub mod public;
pub mod staff;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use drom_web::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The API routes of discrimination reports (relative to `/api/v1`).
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::challenge))
        .routes(routes!(api::submit, api::list))
        .routes(routes!(api::follow))
        .routes(routes!(api::reporter_message))
        .routes(routes!(api::get))
        .routes(routes!(api::acknowledge))
        .routes(routes!(api::message))
        .routes(routes!(api::transfer))
        .routes(routes!(api::close))
        .routes(routes!(api::to_person))
        .routes(routes!(api::statistics))
        .routes(routes!(api::outreach, api::record_activity))
        .routes(routes!(api::bodies))
        .routes(routes!(api::set_body))
        .routes(routes!(api::limits, api::set_limits))
}

/// The pages of discrimination reports.
pub fn pages() -> Router<AppState> {
    use axum::routing::{get, post};
    Router::new()
        .route("/report", get(public::form).post(public::submit).layer(DefaultBodyLimit::max(public::BODY_LIMIT)))
        .route("/report/pow.js", get(public::pow_js))
        .route(
            "/report/follow",
            get(public::follow_form).post(public::follow).layer(DefaultBodyLimit::max(public::BODY_LIMIT)),
        )
        .route("/report/statistics", get(public::statistics))
        .route("/report/statistics.csv", get(public::statistics_csv))
        .route("/report/statistics.hxl.csv", get(public::statistics_hxl))
        .route("/report/statistics.xlsx", get(public::statistics_xlsx))
        .route("/discrimination", get(staff::list))
        .route("/discrimination/reports/{id}", get(staff::show))
        .route("/discrimination/reports/{id}/{action}", post(staff::act))
        .route("/discrimination/reports/{id}/evidence/{file}", get(staff::evidence))
        .route("/discrimination/outreach", get(staff::outreach).post(staff::record_activity))
        .route("/discrimination/statistics", get(staff::statistics))
        .route("/discrimination/statistics.csv", get(staff::statistics_csv))
        .route("/discrimination/statistics.hxl.csv", get(staff::statistics_hxl))
        .route("/discrimination/statistics.xlsx", get(staff::statistics_xlsx))
        .route("/admin/discrimination", get(staff::admin).post(staff::admin_post))
}
