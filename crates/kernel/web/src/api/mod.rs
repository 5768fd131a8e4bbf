//! The JSON API under `/api/v1`, one module per capability. The OpenAPI document is built from
//! the same route list, so it cannot drift from the routes.

pub mod admin;
pub mod reference;

use crate::AppState;
use crate::auth;
use crate::problem::{ApiError, Problem};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(title = "Drom API", description = "Registry of persons and households for return, reintegration and local integration. Errors are RFC 9457 problem documents."),
    modifiers(&BearerAuth),
    components(schemas(Problem)),
    tags(
        (name = "auth", description = "Tokens and the signed-in user"),
        (name = "registry", description = "Persons and households"),
        (name = "reference", description = "Municipalities, communities, countries"),
        (name = "admin", description = "Agencies, users, audit log"),
        (name = "screening", description = "Protection screening against the forced-return policy in force"),
        (name = "returns", description = "Return and reintegration: programmes, information sheets, return cases from counselling to monitoring, period and sustainability reports"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The API routes (relative to `/api/v1`) and their OpenAPI document.
pub fn router(capabilities: OpenApiRouter<AppState>) -> (axum::Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(capabilities)
        .routes(routes!(auth::issue_token))
        .routes(routes!(auth::me))
        .routes(routes!(reference::municipalities, reference::add_municipality))
        .routes(routes!(reference::correct_municipality))
        .routes(routes!(reference::communities, reference::add_community))
        .routes(routes!(reference::countries))
        .routes(routes!(admin::agencies, admin::create_agency))
        .routes(routes!(admin::users, admin::create_user))
        .routes(routes!(admin::change_user))
        .routes(routes!(admin::reset_password))
        .routes(routes!(admin::change_own_password))
        .routes(routes!(admin::own_tokens))
        .routes(routes!(admin::revoke_token))
        .routes(routes!(admin::audit))
        .split_for_parts();
    doc.servers = Some(vec![utoipa::openapi::server::Server::new("/api/v1")]);
    (router, doc)
}

/// Answer for an unknown API path.
pub async fn not_found() -> ApiError {
    ApiError::not_found()
}
