//! The delivery loop: every running server sends the due messages of the outbox, signed, and
//! records each answer (calling the sending capability's `on_response`), or the failure and
//! when to try again: 5 s doubling to 10 minutes, with jitter. Every `POLL_INTERVAL` it also
//! calls each handler's `poll`.

use crate::domain::{self, signature};
use crate::store::ExchangeDb;
use crate::store::outbox::OutboxMessage;
use drom_store::Db;
use std::time::Duration;

/// How often the loop looks for due messages.
pub const TICK: Duration = Duration::from_secs(1);
/// How often handlers poll their peers.
pub const POLL_INTERVAL: Duration = Duration::from_secs(5 * 60);
/// How long one delivery may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// How many messages one pass sends at most.
const BATCH: i64 = 50;

/// The HTTP client of the loop.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder().timeout(REQUEST_TIMEOUT).build().unwrap_or_default()
}

/// Starts the loop on this server (from `serve`); it ends with the process. With no key the
/// exchange is off and the loop says so once and sends nothing.
pub fn spawn(db: Db) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        if db.exchange().key().is_none() {
            tracing::info!("the exchange between servers is off: no key (DROM_EXCHANGE_KEY_FILE)");
        }
        let client = client();
        let mut last_poll = tokio::time::Instant::now();
        loop {
            tokio::time::sleep(TICK).await;
            if let Err(e) = deliver_due(&db, &client).await {
                tracing::warn!(error = %e, "exchange delivery pass failed");
            }
            if last_poll.elapsed() >= POLL_INTERVAL {
                last_poll = tokio::time::Instant::now();
                for h in db.exchange().handlers() {
                    if let Err(e) = h.poll(&db).await {
                        tracing::warn!(error = %e, kinds = ?h.kinds(), "exchange poll failed");
                    }
                }
            }
        }
    })
}

/// Sends every due message once; answers how many were delivered.
pub async fn deliver_due(db: &Db, client: &reqwest::Client) -> Result<usize, drom_store::StoreError> {
    if db.exchange().key().is_none() {
        return Ok(0);
    }
    let mut delivered = 0;
    for m in db.exchange().due(BATCH).await? {
        if !db.exchange().claim(m.id).await? {
            continue;
        }
        if deliver(db, client, &m).await? {
            delivered += 1;
        }
    }
    Ok(delivered)
}

/// Whether a failed attempt is worth repeating: not when the peer refused the message itself
/// (400, 422: it would refuse it again).
fn retryable(status: reqwest::StatusCode) -> bool {
    !matches!(status.as_u16(), 400 | 422)
}

async fn deliver(db: &Db, client: &reqwest::Client, m: &OutboxMessage) -> Result<bool, drom_store::StoreError> {
    let ex = db.exchange();
    let Some(key) = ex.key() else { return Ok(false) };
    let peer = ex.peer(m.peer_id).await?;
    let jitter: f64 = rand::Rng::r#gen(&mut rand::thread_rng());
    let wait = domain::backoff_secs(m.attempts + 1, jitter);
    if !peer.active {
        ex.attempt_failed(m.id, "the peer is inactive", wait, false).await?;
        return Ok(false);
    }
    let body_value: serde_json::Value = serde_json::from_str(&m.body)?;
    let body = serde_json::json!({"kind": m.kind, "body": body_value}).to_string();
    let Some(authority) = signature::authority_of(&peer.base_url) else {
        ex.attempt_failed(m.id, "the peer's base URL is not usable", wait, false).await?;
        return Ok(false);
    };
    let mut nonce = [0u8; 16];
    rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut nonce);
    let headers = signature::signed_headers(
        &key,
        &authority,
        domain::MESSAGES_PATH,
        &m.message_id,
        body.as_bytes(),
        chrono::Utc::now(),
        &hex::encode(nonce),
    );
    let mut req = client
        .post(format!("{}{}", peer.base_url, domain::MESSAGES_PATH))
        .header("content-type", "application/json")
        .body(body);
    for (name, value) in headers {
        req = req.header(name, value);
    }
    match req.send().await {
        Ok(r) if r.status().is_success() => {
            let response: serde_json::Value = r.json().await.unwrap_or(serde_json::Value::Null);
            ex.delivered(m.id, &response).await?;
            tracing::info!(message_id = %m.message_id, peer = peer.id, kind = %m.kind, "exchange message delivered");
            if let Some(h) = ex.handlers().into_iter().find(|h| h.kinds().contains(&m.kind.as_str()))
                && let Err(e) = h.on_response(db, &peer, &m.kind, &body_value, &response).await
            {
                tracing::warn!(error = %e, message_id = %m.message_id, "handling a peer's answer failed");
            }
            Ok(true)
        }
        Ok(r) => {
            let status = r.status();
            let text: String = r.text().await.unwrap_or_default().chars().take(300).collect();
            let give_up = !retryable(status);
            tracing::warn!(message_id = %m.message_id, peer = peer.id, %status, give_up, "exchange message refused by the peer");
            ex.attempt_failed(m.id, &format!("{status}: {text}"), wait, give_up).await?;
            Ok(false)
        }
        Err(e) => {
            tracing::info!(message_id = %m.message_id, peer = peer.id, error = %e, wait, "exchange peer not reached; trying again");
            ex.attempt_failed(m.id, &format!("not reached: {e}"), wait, false).await?;
            Ok(false)
        }
    }
}
