//! `/api/v1/peers` and `/api/v1/exchange`: the peers an administrator registers, and this
//! server's side of the exchange (its public key, the outbox, the last refusals).

use crate::store::inbox::Refusal;
use crate::store::outbox::{OutboxMessage, OutboxState};
use crate::store::{ExchangeDb, NewPeer, Peer, PeerChange};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use drom_domain::permission::Permission;
use drom_web::AppState;
use drom_web::auth::Auth;
use drom_web::extract::{ApiJson, Id};
use drom_web::problem::{ApiError, Problem};
use serde::Serialize;

/// This server's side of the exchange.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ExchangeState {
    /// False when the server has no key (DROM_EXCHANGE_KEY_FILE): it neither sends nor receives.
    pub on: bool,
    /// The public key to give peers (base64), and its key id.
    pub public_key: Option<String>,
    pub key_id: Option<String>,
    pub outbox: OutboxState,
    /// The latest messages sent or waiting, newest first.
    pub recent: Vec<OutboxMessage>,
    /// The latest refused messages received, newest first.
    pub refusals: Vec<Refusal>,
}

/// This server's public key, its outbox and the last refusals (administrators).
#[utoipa::path(get, path = "/exchange", tag = "exchange",
    responses((status = 200, body = ExchangeState), (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn state(State(s): State<AppState>, Auth(actor): Auth) -> Result<Json<ExchangeState>, ApiError> {
    actor.require(Permission::Administer)?;
    let ex = s.db.exchange();
    let key = ex.key();
    Ok(Json(ExchangeState {
        on: key.is_some(),
        public_key: key.as_ref().map(|k| k.public_key()),
        key_id: key.as_ref().map(|k| k.key_id()),
        outbox: ex.outbox_state().await?,
        recent: ex.recent_outbox(20).await?,
        refusals: ex.refusals(20).await?,
    }))
}

/// Every registered peer (administrators).
#[utoipa::path(get, path = "/peers", tag = "exchange",
    responses((status = 200, body = Vec<Peer>), (status = 403, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn list(State(s): State<AppState>, Auth(actor): Auth) -> Result<Json<Vec<Peer>>, ApiError> {
    Ok(Json(s.db.exchange().peers(&actor).await?))
}

/// Registers a peer with its base URL and public key (system administrators), audited.
#[utoipa::path(post, path = "/peers", tag = "exchange", request_body = NewPeer,
    responses((status = 201, body = Peer), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn add(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiJson(new): ApiJson<NewPeer>,
) -> Result<(StatusCode, Json<Peer>), ApiError> {
    Ok((StatusCode::CREATED, Json(s.db.exchange().add_peer(&actor, new).await?)))
}

/// Renames, moves or (de)activates a peer (system administrators), audited. An inactive peer's
/// messages are refused and nothing is sent to it.
#[utoipa::path(patch, path = "/peers/{id}", tag = "exchange", request_body = PeerChange, params(("id" = i64, Path)),
    responses((status = 200, body = Peer), (status = 403, body = Problem, content_type = "application/problem+json"),
              (status = 404, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json")),
    security(("bearer" = [])))]
pub async fn change(
    State(s): State<AppState>,
    Auth(actor): Auth,
    Id(id): Id,
    ApiJson(change): ApiJson<PeerChange>,
) -> Result<Json<Peer>, ApiError> {
    Ok(Json(s.db.exchange().change_peer(&actor, id, change).await?))
}
