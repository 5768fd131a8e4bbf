//! Drom's HTTP layer: the JSON API under `/api/v1` with its OpenAPI document, and the health
//! check, and the web pages for people (`pages`).
//!
//! Architecture invariant: handlers hold no business rules and no SQL. They authenticate,
//! extract, call one storage function and map its result; permission checks that matter are in
//! storage and domain, so the CLI and pages get them too.

pub mod api;
pub mod auth;
pub mod extract;
pub mod pages;
pub mod problem;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use drom_store::Db;
use std::future::Future;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The database, which also holds the screening policies (`Db::policies`).
    pub db: Db,
    openapi: Arc<String>,
}

/// Largest request body accepted.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;
/// Largest readmission list accepted by the batch screening route.
pub const BATCH_BODY_LIMIT: usize = 256 * 1024 * 1024;

/// Builds the whole application.
pub fn app(db: Db, policies: drom_screening::PolicySet) -> Router {
    let (api, doc) = api::router();
    let openapi = Arc::new(doc.to_pretty_json().unwrap_or_default());
    db.set_policies(policies);
    let state = AppState { db, openapi };
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/v1/openapi.json", get(openapi_json))
        .nest("/api/v1", api.fallback(api::not_found))
        .merge(pages::router())
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(CatchPanicLayer::custom(|_| {
            problem::ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                "something went wrong on the server",
            )
            .into_response()
        }))
        .layer(TraceLayer::new_for_http())
}

async fn healthz(State(s): State<AppState>) -> Response {
    match s.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok\n").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n").into_response()
        }
    }
}

async fn openapi_json(State(s): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], s.openapi.as_str().to_owned()).into_response()
}

/// Serves until `shutdown` completes. Production, the demo and the tests (on port 0) all start
/// the server through here.
pub async fn serve(
    listener: TcpListener,
    db: Db,
    policies: drom_screening::PolicySet,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(db, policies)).with_graceful_shutdown(shutdown).await
}
