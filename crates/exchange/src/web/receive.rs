//! `POST /api/v1/exchange/messages`: a message from a peer, trusted for its signature alone.
//! Every refusal is a problem with a code, logged in `exchange_refusal` and the server's log,
//! and changes nothing else.

use crate::domain::signature::{Presented, signature_base};
use crate::domain::{self, ExchangeReason};
use crate::store::ExchangeDb;
use crate::store::handler::HandlerError;
use crate::store::inbox::Claim;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use drom_domain::Reason;
use drom_web::AppState;
use drom_web::auth::ClientAddress;
use drom_web::problem::{ApiError, Problem};
use serde::Deserialize;
use serde_json::Value;

/// A message's body: what kind it is and the kind's own body.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct Envelope {
    /// E.g. `exchange.ping`, `referral.create`.
    pub kind: String,
    #[schema(value_type = Object)]
    pub body: Value,
}

fn refusal(status: StatusCode, reason: &ExchangeReason) -> ApiError {
    ApiError::new(status, reason.code(), reason.english())
}

/// Receives a message from a peer server. Not signed in with a token: the request carries
/// `Date`, `Content-Digest` (sha-256), `Drom-Message-Id` (a UUID), and `Signature-Input` and
/// `Signature` (RFC 9421, Ed25519) over `@method`, `@authority`, `@path`, `date`,
/// `content-digest` and `drom-message-id`, with `created`, `keyid` and `nonce`. The same message
/// id again with the same body is answered as the first time and applied once.
#[utoipa::path(post, path = "/exchange/messages", tag = "exchange", request_body = Envelope,
    params(("Drom-Message-Id" = String, Header), ("Date" = String, Header), ("Content-Digest" = String, Header),
           ("Signature-Input" = String, Header), ("Signature" = String, Header)),
    responses((status = 200, description = "the handler's answer", body = Object),
              (status = 400, body = Problem, content_type = "application/problem+json"),
              (status = 401, body = Problem, content_type = "application/problem+json"),
              (status = 409, body = Problem, content_type = "application/problem+json"),
              (status = 422, body = Problem, content_type = "application/problem+json"),
              (status = 503, body = Problem, content_type = "application/problem+json")))]
pub async fn receive(
    State(s): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let header = |n: &str| headers.get(n).and_then(|v| v.to_str().ok());
    let message_id = header("drom-message-id");
    let mut key_id: Option<String> = None;
    let result = receive_checked(&s, &headers, &body, &mut key_id).await;
    match result {
        Ok(v) => (StatusCode::OK, axum::Json(v)).into_response(),
        Err((e, logged)) => {
            if logged
                && let Err(err) = s.db.exchange().log_refusal(&address, key_id.as_deref(), e.code, message_id).await
            {
                tracing::warn!(error = %err, "could not log an exchange refusal");
            }
            e.into_response()
        }
    }
}

/// The checks in order; an error says whether it is a refusal to log.
async fn receive_checked(
    s: &AppState,
    headers: &HeaderMap,
    body: &[u8],
    key_id: &mut Option<String>,
) -> Result<Value, (ApiError, bool)> {
    let ex = s.db.exchange();
    let refuse = |status: StatusCode, r: ExchangeReason| (refusal(status, &r), true);
    if ex.key().is_none() {
        return Err((refusal(StatusCode::SERVICE_UNAVAILABLE, &ExchangeReason::ExchangeOff), false));
    }
    let header = |n: &str| headers.get(n).and_then(|v| v.to_str().ok());
    let (Some(input), Some(sig)) = (header("signature-input"), header("signature")) else {
        return Err(refuse(
            StatusCode::UNAUTHORIZED,
            ExchangeReason::MissingComponent { component: "signature".into() },
        ));
    };
    let presented = Presented::read(input, sig).map_err(|r| refuse(StatusCode::UNAUTHORIZED, r))?;
    *key_id = presented.params.keyid().map(str::to_string);
    let peer = ex
        .active_peer_by_key(presented.params.keyid().unwrap_or_default())
        .await
        .map_err(|e| (ApiError::from(e), false))?
        .ok_or_else(|| refuse(StatusCode::UNAUTHORIZED, ExchangeReason::UnknownKey))?;
    let public = crate::domain::keys::parse_public_key(&peer.public_key)
        .ok_or_else(|| refuse(StatusCode::UNAUTHORIZED, ExchangeReason::UnknownKey))?;
    let authority = header("host").map(|h| h.to_ascii_lowercase());
    let base = signature_base(&presented.params, |c| match c {
        "@method" => Some("POST"),
        "@path" => Some(domain::MESSAGES_PATH),
        "@authority" => authority.as_deref(),
        "date" | "content-digest" | "drom-message-id" => headers.get(c).and_then(|v| v.to_str().ok()),
        _ => None,
    })
    .map_err(|r| refuse(StatusCode::UNAUTHORIZED, r))?;
    if !crate::domain::keys::verify(&public, base.as_bytes(), &presented.signature) {
        return Err(refuse(StatusCode::UNAUTHORIZED, ExchangeReason::BadSignature));
    }
    if !domain::digest_matches(header("content-digest").unwrap_or_default(), body) {
        return Err(refuse(StatusCode::UNAUTHORIZED, ExchangeReason::DigestMismatch));
    }
    let now = chrono::Utc::now().timestamp();
    let date = domain::parse_http_date(header("date").unwrap_or_default()).map(|d| d.timestamp());
    let created = presented.params.created().unwrap_or_default();
    if date.is_none_or(|d| (d - now).abs() > domain::SKEW_SECS) || (created - now).abs() > domain::SKEW_SECS {
        return Err(refuse(StatusCode::UNAUTHORIZED, ExchangeReason::Stale));
    }
    let message_id = header("drom-message-id").unwrap_or_default();
    if !domain::is_uuid(message_id) {
        return Err(refuse(
            StatusCode::BAD_REQUEST,
            ExchangeReason::Malformed { what: "Drom-Message-Id must be a UUID".into() },
        ));
    }
    let nonce = presented.params.nonce().unwrap_or_default();
    if !ex.remember_nonce(peer.id, nonce).await.map_err(|e| (ApiError::from(e), false))? {
        return Err(refuse(StatusCode::CONFLICT, ExchangeReason::Replayed));
    }
    let envelope: Envelope = serde_json::from_slice(body).map_err(|e| {
        refuse(
            StatusCode::BAD_REQUEST,
            ExchangeReason::Malformed { what: format!("the body must be {{kind, body}}: {e}") },
        )
    })?;
    let Some(handler) = ex.handler(&envelope.kind) else {
        return Err(refuse(StatusCode::UNPROCESSABLE_ENTITY, ExchangeReason::UnknownKind { kind: envelope.kind }));
    };
    let digest = domain::body_hash(body);
    match ex
        .claim_message(peer.id, message_id, &digest, &envelope.kind)
        .await
        .map_err(|e| (ApiError::from(e), false))?
    {
        Claim::Answered(v) => return Ok(v),
        Claim::OtherBody => return Err(refuse(StatusCode::CONFLICT, ExchangeReason::MessageIdReused)),
        Claim::Running => {
            return Err((
                ApiError::new(StatusCode::CONFLICT, "busy", "this message is being applied; send it again later"),
                false,
            ));
        }
        Claim::New => {}
    }
    match handler.handle(&s.db, &peer, &envelope.kind, &envelope.body).await {
        Ok(v) => {
            ex.finish_message(peer.id, message_id, &v).await.map_err(|e| (ApiError::from(e), false))?;
            Ok(v)
        }
        Err(e) => {
            // Not applied: the same message may come again and be judged afresh.
            let _ = ex.release_message(peer.id, message_id).await;
            Err(match e {
                HandlerError::Refused { status, code, detail } => (
                    ApiError::new(
                        StatusCode::from_u16(status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY),
                        code,
                        detail,
                    ),
                    false,
                ),
                HandlerError::Store(e) => (ApiError::from(e), false),
            })
        }
    }
}
