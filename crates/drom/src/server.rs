//! The server as a whole: the kernel's routes with every capability's API routes (one OpenAPI
//! document) and pages, and the home page that gathers what each capability has waiting.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use drom_registry::RegistryDb;
use drom_registry::store::counts::RegistryCounts;
use drom_returns::ReturnsDb;
use drom_returns::store::attention::ReturnAttention;
use drom_screening::ScreeningDb;
use drom_store::Db;
use drom_web::AppState;
use drom_web::pages::ctx::Ctx;
use drom_web::pages::error::respond;
use drom_web::pages::{html, signed_in};
use std::future::Future;
use tokio::net::TcpListener;
use utoipa_axum::router::OpenApiRouter;

/// Every capability's migrations, for the runner to order.
pub const MIGRATIONS: &[&[drom_store::migrate::Migration]] =
    &[drom_store::migrate::KERNEL, drom_screening::MIGRATIONS, drom_returns::MIGRATIONS];

/// Every capability's API routes and pages, composed.
pub fn capabilities() -> drom_web::Capabilities {
    drom_web::pages::ctx::register_locales(vec![
        &drom_registry::LOCALES,
        &drom_screening::LOCALES,
        &drom_returns::LOCALES,
    ]);
    drom_web::Capabilities {
        api: OpenApiRouter::new()
            .merge(drom_registry::web::api())
            .merge(drom_screening::web::api())
            .merge(drom_returns::web::api()),
        pages: Router::new()
            .route("/home", get(dashboard))
            .merge(drom_registry::web::pages())
            .merge(drom_screening::web::pages())
            .merge(drom_returns::web::pages()),
        person_panels: vec![
            drom_returns::web::pages::returns::person_panel,
            drom_screening::web::pages::screenings::person_panel,
        ],
    }
}

/// Serves the whole application until `shutdown` completes. Production, the demo and the tests
/// (on port 0) all start the server through here.
pub async fn serve(
    listener: TcpListener,
    db: Db,
    policies: drom_screening::PolicySet,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    db.screenings().set_policies(policies);
    drom_web::serve(listener, db, capabilities(), shutdown).await
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home<'a> {
    ctx: &'a Ctx,
    title: String,
    counts: RegistryCounts,
    agency: String,
    /// Return cases waiting for someone, for those who can act on them.
    returns: Option<ReturnAttention>,
    /// Forced returns held at the protection gate.
    held: i64,
}

/// The signed-in home page: the agency's registry and what waits in each capability.
async fn dashboard(ctx: Ctx, State(s): State<AppState>) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let counts = s.db.registry().registry_counts(&user.actor).await?;
        let agency = s.db.agency(user.actor.agency_id).await.map(|a| a.name).unwrap_or_default();
        let (returns, held) = if ctx.can_write() {
            let held = s.db.returns().blocked_forced_cases(&user.actor).await?.0 as i64;
            (Some(s.db.returns().return_attention(&user.actor, chrono::Utc::now().date_naive()).await?), held)
        } else {
            (None, 0)
        };
        html(Home { ctx: &ctx, title: ctx.t("home-title"), counts, agency, returns, held })
    }
    .await;
    respond(&ctx, result)
}
