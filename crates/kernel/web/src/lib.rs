//! Drom's HTTP layer: the JSON API under `/api/v1` with its OpenAPI document, and the health
//! check, and the web pages for people (`pages`).
//!
//! Architecture invariant: handlers hold no business rules and no SQL. They authenticate,
//! extract, call one storage function and map its result; permission checks that matter are in
//! storage and domain, so the CLI and pages get them too.

// Templates of every crate name kernel items by this crate's name.
extern crate self as drom_web;

pub mod access;
pub mod api;

/// Declares a capability's Fluent messages (its `locales/` folder, looked up after the
/// kernel's once registered with `pages::ctx::register_locales`) as `LOCALES`, and the tests that
/// Albanian and Serbian have every English message of it, and that each of its reasons (the
/// enums given, declared with `drom_domain::reasons!`) has its message, saying in English what
/// the code says.
#[macro_export]
macro_rules! capability_locales {
    ($($reasons:path),* $(,)?) => {
        fluent_templates::static_loader! {
            pub static LOCALES = {
                locales: "./locales",
                fallback_language: "en",
                customise: |bundle| {
                    bundle.set_use_isolating(false);
                    $crate::pages::ctx::group_figures(bundle)
                },
            };
        }

        #[cfg(test)]
        mod locale_tests {
            #[test]
            fn every_language_has_every_english_message_except_romani() {
                let locales = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
                assert!(!$crate::pages::ctx::message_keys(&locales.join("en")).is_empty());
                assert_eq!($crate::pages::ctx::untranslated(&locales), Vec::<String>::new());
            }

            #[test]
            fn every_reason_has_its_message_in_every_language() {
                let locales = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
                $crate::pages::ctx::register_locales(vec![&super::LOCALES]);
                let mut problems: Vec<String> = Vec::new();
                $( problems.extend($crate::pages::ctx::reason_problems(<$reasons>::examples(), &locales)); )*
                assert_eq!(problems, Vec::<String>::new());
            }
        }
    };
}
pub mod auth;
pub mod extract;
pub mod pages;
pub mod problem;
pub mod streaming;

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

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// Sections capabilities add to a person's page.
    pub person_panels: Arc<[PersonPanel]>,
    /// The database, which also holds the screening policies (`Db::policies`).
    pub db: Db,
    openapi: Arc<String>,
}

/// Largest request body accepted.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// A section a capability adds to a registered person's page: HTML from its own template, or
/// nothing (the capability has nothing on this person). The small, named interface through
/// which one capability's page shows another's records of the same person.
pub type PersonPanel = for<'a> fn(&'a pages::ctx::Ctx, &'a AppState, i64) -> PanelFuture<'a>;

/// What a `PersonPanel` answers.
pub type PanelFuture<'a> =
    std::pin::Pin<Box<dyn Future<Output = Result<Option<String>, pages::error::PageError>> + Send + 'a>>;

/// What each capability adds to the kernel: its API routes (which also make the OpenAPI
/// document), its pages, and its sections of a person's page.
pub struct Capabilities {
    pub api: utoipa_axum::router::OpenApiRouter<AppState>,
    pub pages: Router<AppState>,
    pub person_panels: Vec<PersonPanel>,
}

/// Builds the whole application from the kernel's routes and the capabilities'.
pub fn app(db: Db, capabilities: Capabilities) -> Router {
    let (api, doc) = api::router(capabilities.api);
    let openapi = Arc::new(doc.to_pretty_json().unwrap_or_default());
    let state = AppState { db, openapi, person_panels: capabilities.person_panels.into() };
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/v1/openapi.json", get(openapi_json))
        .nest("/api/v1", api.fallback(api::not_found))
        .merge(pages::router(capabilities.pages))
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
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            access::request_timeout(),
        ))
        .layer(axum::middleware::from_fn(access::log))
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
    capabilities: Capabilities,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = app(db.clone(), capabilities).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let (stop, mut stopped) = tokio::sync::watch::channel(false);
    // Expired sessions and tokens and old sign-in failures go every hour, while the server runs.
    let purger = tokio::spawn(async move {
        loop {
            match db.purge_expired().await {
                Ok(p) => tracing::debug!(sessions = p.sessions, tokens = p.tokens, failures = p.failures, "purged"),
                Err(e) => tracing::warn!(error = %e, "purge failed"),
            }
            tokio::select! {
                _ = tokio::time::sleep(std::time::Duration::from_secs(3600)) => {}
                _ = stopped.changed() => break,
            }
        }
    });
    let result = axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            shutdown.await;
            let _ = stop.send(true);
        })
        .await;
    purger.abort();
    result
}
