//! The capability's HTTP side: API routes (merged into the one OpenAPI document) and pages.

pub mod api_cases;
pub mod api_programmes;
pub mod pages;

use axum::Router;
use axum::routing::{get, post};
use drom_web::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The API routes of return and reintegration (relative to `/api/v1`).
pub fn api() -> OpenApiRouter<AppState> {
    use api_cases as cases;
    use api_programmes as programmes;
    OpenApiRouter::new()
        .routes(routes!(programmes::list, programmes::create))
        .routes(routes!(programmes::get))
        .routes(routes!(programmes::approval_rule))
        .routes(routes!(programmes::sheets))
        .routes(routes!(programmes::sheet, programmes::update_sheet))
        .routes(routes!(programmes::sustainability_config))
        .routes(routes!(cases::held))
        .routes(routes!(cases::list, cases::create))
        .routes(routes!(cases::get))
        .routes(routes!(cases::counsel))
        .routes(routes!(cases::consent))
        .routes(routes!(cases::withdraw_consent))
        .routes(routes!(cases::order_forced_return))
        .routes(routes!(cases::conversion))
        .routes(routes!(cases::gate_override))
        .routes(routes!(cases::gate_override_confirmation))
        .routes(routes!(cases::travel))
        .routes(routes!(cases::arrival))
        .routes(routes!(cases::assessment))
        .routes(routes!(cases::plan_item))
        .routes(routes!(cases::disbursement))
        .routes(routes!(cases::visit))
        .routes(routes!(cases::closure))
        .routes(routes!(cases::request_approval, cases::case_approvals))
        .routes(routes!(cases::waiting_approvals))
        .routes(routes!(cases::decide_approval))
        .routes(routes!(cases::returns_report))
        .routes(routes!(cases::sustainability))
}

/// The pages of return and reintegration, and the protection officer's desk.
pub fn pages() -> Router<AppState> {
    use pages::*;
    Router::new()
        .route("/screenings", get(desk::show))
        .route("/screenings/rescreen", get(desk::rescreen).post(desk::rescreen_all))
        .route(
            "/screenings/lists",
            post(desk::upload).layer(axum::extract::DefaultBodyLimit::max(
                drom_screening::store::screening_lists::MAX_LIST_BYTES + 64 * 1024,
            )),
        )
        .route("/return-cases", get(returns::list))
        .route("/return-cases/new", get(returns::new_form).post(returns::create))
        .route("/return-cases/{id}", get(returns::show))
        .route("/return-cases/{id}/consent-form", get(consent_form::show))
        .route("/return-cases/{id}/approvals/{approval}", post(approvals::decide))
        .route("/return-cases/{id}/{step}", post(returns::step))
        .route("/return-cases/{id}/gate/rescreen", post(gate::rescreen))
        .route("/return-cases/{id}/gate/override", post(gate::request_override))
        .route("/return-cases/{id}/gate/confirm", post(gate::confirm_override))
        .route("/programmes", get(programmes::list))
        .route("/programmes/new", get(programmes::new_form).post(programmes::create))
        .route("/programmes/{id}", get(programmes::show))
        .route("/programmes/{id}/approval-rule", post(programmes::set_approval_rule))
        .route("/info-sheets", get(info_sheets::list))
        .route("/info-sheets/{municipality}", get(info_sheets::show).post(info_sheets::update))
        .route("/info-sheets/{municipality}/print", get(info_sheets::print))
        .route("/reports/returns", get(reports::returns))
        .route("/reports/sustainability", get(reports::sustainability))
        .route("/reports/returns.csv", get(report_files::csv))
        .route("/reports/returns.xlsx", get(report_files::xlsx))
}
