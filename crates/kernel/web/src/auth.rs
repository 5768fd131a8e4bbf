//! Who is calling: a bearer token (machines, `drom user token`, `POST /api/v1/auth/token`).
//! Every API route except sign-in, health and the OpenAPI document takes `Auth`, so no route
//! can forget to authenticate.

use crate::AppState;
use crate::extract::ApiJson;
use crate::problem::{ApiError, Problem};
use axum::Json;
use axum::extract::{FromRequestParts, State};
use axum::http::header;
use axum::http::request::Parts;
use drom_domain::permission::{Actor, Permission};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The client's IP address, for the sign-in limits: the connection's peer, or, when
/// `DROM_TRUST_FORWARDED_FOR=1` says a reverse proxy stands in front, the last address of its
/// `X-Forwarded-For` (the one the proxy added; earlier ones the client can forge). Empty when
/// unknown.
pub struct ClientAddress(pub String);

fn trust_forwarded_for() -> bool {
    static TRUST: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TRUST.get_or_init(|| std::env::var("DROM_TRUST_FORWARDED_FOR").is_ok_and(|v| v == "1"))
}

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let forwarded = || {
            let v = parts.headers.get("x-forwarded-for")?.to_str().ok()?;
            v.rsplit(',').next().map(|a| a.trim().to_string()).filter(|a| !a.is_empty())
        };
        let peer =
            || parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip().to_string());
        let address = if trust_forwarded_for() { forwarded().or_else(peer) } else { peer() };
        Ok(ClientAddress(address.unwrap_or_default()))
    }
}

/// The authenticated user.
pub struct Auth(pub Actor);

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let value = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| ApiError::unauthenticated("send 'Authorization: Bearer <token>'"))?;
        let token = value
            .strip_prefix("Bearer ")
            .or_else(|| value.strip_prefix("bearer "))
            .ok_or_else(|| ApiError::unauthenticated("the Authorization header must use the Bearer scheme"))?;
        let user = state
            .db
            .user_for_token(token.trim())
            .await?
            .ok_or_else(|| ApiError::unauthenticated("the token is unknown, expired or revoked"))?;
        Ok(Auth(user.actor()))
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    pub username: String,
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// Send as `Authorization: Bearer <token>`. Valid for 24 hours; a user keeps at most five
    /// live sign-in tokens (signing in again revokes the oldest).
    pub token: String,
}

/// Exchanges a user name and password for an API token.
#[utoipa::path(post, path = "/auth/token", tag = "auth", request_body = TokenRequest,
    responses(
        (status = 200, body = TokenResponse),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json",
         description = "too many failed attempts; see Retry-After"),
    ))]
pub async fn issue_token(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(req): ApiJson<TokenRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    let user = state.db.authenticate(req.username.trim(), &req.password, &address).await?;
    let token = state.db.issue_sign_in_token(&user).await?;
    Ok(Json(TokenResponse { token }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub user_id: i64,
    pub username: String,
    pub agency_id: i64,
    pub role: drom_domain::permission::Role,
    pub permissions: Vec<Permission>,
}

/// The signed-in user and what they may do.
#[utoipa::path(get, path = "/me", tag = "auth", responses((status = 200, body = Me)), security(("bearer" = [])))]
pub async fn me(Auth(actor): Auth) -> Json<Me> {
    Json(Me {
        user_id: actor.user_id,
        username: actor.username.clone(),
        agency_id: actor.agency_id,
        role: actor.role,
        permissions: actor.permissions(),
    })
}
