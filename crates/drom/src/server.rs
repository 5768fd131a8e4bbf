//! The server as a whole: the kernel's routes with every capability's API routes (one OpenAPI
//! document) and pages, and the home page that gathers what each capability has waiting.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use drom_casework::CaseworkDb;
use drom_discrimination::DiscriminationDb;
use drom_referrals::ReferralsDb;
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
pub const MIGRATIONS: &[&[drom_store::migrate::Migration]] = &[
    drom_store::migrate::KERNEL,
    drom_registry::MIGRATIONS,
    drom_casework::MIGRATIONS,
    drom_screening::MIGRATIONS,
    drom_returns::MIGRATIONS,
    drom_directory::MIGRATIONS,
    drom_exchange::MIGRATIONS,
    drom_referrals::MIGRATIONS,
    drom_discrimination::MIGRATIONS,
];

/// Every capability's API routes and pages, composed.
pub fn capabilities() -> drom_web::Capabilities {
    drom_web::pages::ctx::register_locales(vec![
        &drom_registry::LOCALES,
        &drom_casework::LOCALES,
        &drom_screening::LOCALES,
        &drom_returns::LOCALES,
        &drom_directory::LOCALES,
        &drom_exchange::LOCALES,
        &drom_referrals::LOCALES,
        &drom_discrimination::LOCALES,
    ]);
    drom_web::Capabilities {
        api: OpenApiRouter::new()
            .merge(drom_registry::web::api())
            .merge(drom_casework::web::api())
            .merge(drom_screening::web::api())
            .merge(drom_returns::web::api())
            .merge(drom_directory::web::api())
            .merge(drom_exchange::web::api())
            .merge(drom_referrals::web::api())
            .merge(drom_discrimination::web::api()),
        pages: Router::new()
            .route("/home", get(dashboard))
            .merge(drom_registry::web::pages())
            .merge(drom_casework::web::pages())
            .merge(drom_screening::web::pages())
            .merge(drom_returns::web::pages())
            .merge(drom_directory::web::pages())
            .merge(drom_exchange::web::pages())
            .merge(drom_referrals::web::pages())
            .merge(drom_discrimination::web::pages()),
        person_panels: vec![
            drom_returns::web::pages::returns::person_panel,
            drom_screening::web::pages::screenings::person_panel,
            drom_casework::web::pages::person_panel,
            drom_referrals::web::pages::person_panel,
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
    crate::tasks::spawn_rule_loop(db.clone());
    drom_exchange::register(&db, std::sync::Arc::new(drom_referrals::exchange::ReferralHandler));
    // Sends the exchange's due messages while this server runs (nothing without a key).
    let delivery = drom_exchange::delivery::spawn(db.clone());
    let served = drom_web::serve(listener, db, capabilities(), shutdown).await;
    delivery.abort();
    served
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
    /// The reader's open return cases (the first few) and how many in all.
    my_cases: Vec<drom_returns::store::cases::CaseSummary>,
    my_cases_total: i64,
    /// The reader's open tasks, soonest due first (the first few), how many, how many overdue.
    my_tasks: Vec<drom_casework::web::pages::TaskView>,
    my_tasks_total: i64,
    my_overdue: usize,
    /// Open cases nobody holds, for a supervisor to hand out.
    unassigned: Option<i64>,
    /// Referrals not answered by their due date: those the agency sent and those it received.
    referrals_overdue: drom_referrals::store::read::Overdue,
    /// Discrimination reports of the reader's body not acknowledged by their deadline.
    discrimination_overdue: i64,
}

/// How many of my cases and tasks the home page lists; the rest are a link away.
const HOME_LISTED: usize = 8;

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
        let open = |assignee: &str| drom_returns::store::cases::CaseQuery {
            assignee: Some(assignee.into()),
            open: Some(true),
            per_page: Some(HOME_LISTED as i64),
            ..Default::default()
        };
        let mine = s.db.returns().return_cases(&user.actor, &open("me")).await?;
        let unassigned = if ctx.can(drom_domain::permission::Permission::Supervise) {
            Some(s.db.returns().return_cases(&user.actor, &open("none")).await?.total)
        } else {
            None
        };
        let (tasks, my_tasks_total) = s.db.casework().tasks_of(&user.actor, user.actor.user_id).await?;
        let today = chrono::Utc::now().date_naive().to_string();
        let my_overdue = tasks.iter().filter(|t| t.due_on < today).count();
        let referrals_overdue = s.db.referrals().overdue(&user.actor).await?;
        let discrimination_overdue = s.db.discrimination().overdue(&user.actor).await?;
        let my_tasks =
            tasks.iter().take(HOME_LISTED).map(|t| drom_casework::web::pages::task_view(&ctx, t, &today)).collect();
        html(Home {
            ctx: &ctx,
            title: ctx.t("home-title"),
            counts,
            agency,
            returns,
            held,
            my_cases: mine.items,
            my_cases_total: mine.total,
            my_tasks,
            my_tasks_total,
            my_overdue,
            unassigned,
            referrals_overdue,
            discrimination_overdue,
        })
    }
    .await;
    respond(&ctx, result)
}
