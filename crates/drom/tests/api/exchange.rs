//! The signed exchange between servers: refusals (bad signature, unknown key, stale date,
//! replayed nonce, digest mismatch, missing component) are logged and change nothing; a message
//! id sent again is answered alike and applied once; and two real servers, each on its own
//! database, deliver a queued message exactly once through the receiver's downtime and restart.

use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use drom_exchange::ExchangeDb;
use drom_exchange::domain::keys::ExchangeKey;
use drom_exchange::domain::{self, signature};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::time::Duration;

pub(crate) fn key(n: u8) -> ExchangeKey {
    ExchangeKey::from_seed([n; 32])
}

fn uuid() -> String {
    domain::message_id(rand_bytes())
}

fn rand_bytes() -> [u8; 16] {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(1);
    let n = N.fetch_add(1, Ordering::SeqCst) ^ (std::process::id() as u64) << 32;
    let t = chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default() as u64;
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&n.to_le_bytes());
    b[8..].copy_from_slice(&t.to_le_bytes());
    b
}

/// Signed headers for a message to `app`, as the holder of `key`.
fn headers(
    app: &TestApp,
    key: &ExchangeKey,
    message_id: &str,
    body: &[u8],
    at_offset_secs: i64,
) -> Vec<(&'static str, String)> {
    let authority = signature::authority_of(&app.addr).unwrap();
    let now = chrono::Utc::now() + chrono::Duration::seconds(at_offset_secs);
    signature::signed_headers(key, &authority, domain::MESSAGES_PATH, message_id, body, now, &hex_nonce())
}

fn hex_nonce() -> String {
    rand_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

async fn post(app: &TestApp, headers: &[(&'static str, String)], body: &[u8]) -> (StatusCode, Value) {
    let mut req = app
        .client
        .post(format!("{}{}", app.addr, domain::MESSAGES_PATH))
        .header("content-type", "application/json")
        .body(body.to_vec());
    for (k, v) in headers {
        req = req.header(*k, v);
    }
    let r = req.send().await.unwrap();
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

fn ping(n: i64) -> Vec<u8> {
    json!({"kind": "exchange.ping", "body": {"n": n}}).to_string().into_bytes()
}

async fn refusals_are_logged_and_change_nothing(app: &TestApp) {
    // Without a key the exchange is off: nothing is received, and nothing can be queued.
    let body = ping(1);
    let (s, v) = post(app, &headers(app, &key(2), &uuid(), &body, 0), &body).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::SERVICE_UNAVAILABLE, Some("exchange_off")), "{v}");
    let (s, v) = app.get("admin", "/api/v1/exchange").await;
    assert_eq!((s, &v["on"]), (StatusCode::OK, &json!(false)), "{v}");

    app.db.exchange().set_key(key(1));
    // Peers: registered by a system administrator only, with a usable URL and key.
    let sender = key(2);
    let new = json!({"name": "Server of the municipality", "base_url": "http://127.0.0.1:9", "public_key": sender.public_key()});
    let (s, _) = app.post("admin", "/api/v1/peers", new.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = app
        .post("sysadmin", "/api/v1/peers", json!({"name": "x", "base_url": "ftp://x/y", "public_key": "AAAA"}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = v["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["base_url", "public_key"], "{v}");
    let (s, peer) = app.post("sysadmin", "/api/v1/peers", new).await;
    assert_eq!(s, StatusCode::CREATED, "{peer}");
    assert_eq!(peer["key_id"], sender.key_id());
    let (_, list) = app.get("admin", "/api/v1/peers").await;
    assert_eq!(list.as_array().unwrap().len(), 1);

    // A good message is applied and answered.
    let id = uuid();
    let body = ping(1);
    let (s, first) = post(app, &headers(app, &sender, &id, &body, 0), &body).await;
    assert_eq!(s, StatusCode::OK, "{first}");
    assert_eq!(first["pong"], true);
    assert_eq!(first["echo"], json!({"n": 1}));
    // The same message again (a retry, freshly signed): the same answer, applied once.
    let (s, again) = post(app, &headers(app, &sender, &id, &body, 0), &body).await;
    assert_eq!((s, &again), (StatusCode::OK, &first));
    assert_eq!(app.db.exchange().received_count(&id).await.unwrap(), 1);
    assert_eq!(app.count("exchange_inbox").await, 1);

    // Each refusal: its status and code.
    let mut refused = Vec::new();
    // The same id with another body.
    let other = ping(2);
    refused.push((
        post(app, &headers(app, &sender, &id, &other, 0), &other).await,
        StatusCode::CONFLICT,
        "message_id_reused",
    ));
    // A key no peer has.
    let body = ping(3);
    refused.push((
        post(app, &headers(app, &key(3), &uuid(), &body, 0), &body).await,
        StatusCode::UNAUTHORIZED,
        "unknown_key",
    ));
    // A signature that does not verify: another key's signature under the peer's key id.
    let mut h = headers(app, &sender, &uuid(), &body, 0);
    let forged = headers(app, &key(3), "x", &body, 0);
    h.retain(|(k, _)| *k != "signature");
    h.push(("signature", forged.iter().find(|(k, _)| *k == "signature").unwrap().1.clone()));
    refused.push((post(app, &h, &body).await, StatusCode::UNAUTHORIZED, "bad_signature"));
    // A signed header changed after signing (the path is signed as the receiver sees it).
    let mut h = headers(app, &sender, &uuid(), &body, 0);
    for (k, v) in h.iter_mut() {
        if *k == "drom-message-id" {
            *v = uuid();
        }
    }
    refused.push((post(app, &h, &body).await, StatusCode::UNAUTHORIZED, "bad_signature"));
    // Another body than the digest's.
    let h = headers(app, &sender, &uuid(), &body, 0);
    refused.push((post(app, &h, &ping(4)).await, StatusCode::UNAUTHORIZED, "digest_mismatch"));
    // Ten minutes old.
    let h = headers(app, &sender, &uuid(), &body, -600);
    refused.push((post(app, &h, &body).await, StatusCode::UNAUTHORIZED, "stale"));
    // No Date.
    let mut h = headers(app, &sender, &uuid(), &body, 0);
    h.retain(|(k, _)| *k != "date");
    refused.push((post(app, &h, &body).await, StatusCode::UNAUTHORIZED, "missing_component"));
    // Replayed: the very same request twice (the first is applied).
    let replay_id = uuid();
    let h = headers(app, &sender, &replay_id, &body, 0);
    assert_eq!(post(app, &h, &body).await.0, StatusCode::OK);
    refused.push((post(app, &h, &body).await, StatusCode::CONFLICT, "replayed"));
    // A kind no capability handles.
    let unknown = json!({"kind": "nobody.handles", "body": {}}).to_string().into_bytes();
    refused.push((
        post(app, &headers(app, &sender, &uuid(), &unknown, 0), &unknown).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown_kind",
    ));
    for ((got, body), status, code) in &refused {
        assert_eq!((*got, body["code"].as_str()), (*status, Some(*code)), "{body}");
    }
    // Each refusal logged; only the two good messages applied.
    assert_eq!(app.count("exchange_refusal").await, refused.len() as i64);
    assert_eq!(app.count("exchange_inbox").await, 2);
    let (_, state) = app.get("admin", "/api/v1/exchange").await;
    assert_eq!(state["on"], true);
    assert_eq!(state["key_id"], key(1).key_id());
    assert_eq!(state["refusals"][0]["reason"], "unknown_kind");
    assert!(
        state["refusals"].as_array().unwrap().iter().any(|r| r["reason"] == "stale" && r["key_id"] == sender.key_id())
    );

    // A deactivated peer is an unknown key; the change is audited.
    let path = format!("/api/v1/peers/{}", peer["id"]);
    let r = app.call(Some("sysadmin"), Method::PATCH, &path, Some(json!({"active": false}))).await;
    assert_eq!(r.status(), StatusCode::OK);
    let body = ping(5);
    let (s, v) = post(app, &headers(app, &sender, &uuid(), &body, 0), &body).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("unknown_key")));
    let (_, audit) = app.get("admin", &format!("/api/v1/audit?record_type=peer&record_id={}", peer["id"])).await;
    let text = audit.to_string();
    assert!(text.contains("peer.add") && text.contains("peer.change"), "{text}");
    // Nothing is queued for an inactive peer.
    let mut tx = app.db.begin().await.unwrap();
    let e = app.db.exchange().enqueue(&mut tx.conn(), peer["id"].as_i64().unwrap(), "exchange.ping", &json!({})).await;
    assert!(matches!(e, Err(drom_store::StoreError::Conflict(_))), "{e:?}");
}
both_backends!(refusals_are_logged_and_change_nothing);

/// Serves `db` on `port` (the peer as the other server knows it) until the sender fires.
pub(crate) async fn start(db: &drom_store::Db, port: u16) -> tokio::sync::oneshot::Sender<()> {
    let mut tries = 0;
    let listener = loop {
        match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
            Ok(l) => break l,
            Err(e) if tries < 50 => {
                tries += 1;
                let _ = e;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("cannot listen on {port}: {e}"),
        }
    };
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let db = db.clone();
    tokio::spawn(async move {
        drom::server::serve(listener, db, drom_screening::PolicySet::shipped(None).unwrap(), async {
            let _ = rx.await;
        })
        .await
        .unwrap();
    });
    tx
}

pub(crate) async fn wait_until<F, Fut>(what: &str, secs: u64, mut done: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
    while !done().await {
        assert!(tokio::time::Instant::now() < deadline, "waited {secs} s for {what}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn two_servers(backend: Backend) {
    let a = TestApp::spawn(backend).await;
    let b = TestApp::spawn(backend).await;
    a.db.exchange().set_key(key(10));
    b.db.exchange().set_key(key(11));
    // B is reached on a port of its own, where it is down until started below.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let b_url = format!("http://127.0.0.1:{port}");
    let (s, b_peer) = a
        .post("sysadmin", "/api/v1/peers", json!({"name": "B", "base_url": b_url, "public_key": key(11).public_key()}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b_peer}");
    let (s, _) = b
        .post("sysadmin", "/api/v1/peers", json!({"name": "A", "base_url": a.addr, "public_key": key(10).public_key()}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let b_peer = b_peer["id"].as_i64().unwrap();

    // Queued while B is down: tried, failed, kept.
    let first = a.db.exchange().enqueue_alone(b_peer, "exchange.ping", &json!({"n": 0})).await.unwrap();
    let ex = a.db.exchange();
    wait_until("a failed attempt", 20, || async {
        ex.outbox_message(&first).await.unwrap().is_some_and(|m| m.attempts >= 1 && m.last_error.is_some())
    })
    .await;
    let m = ex.outbox_message(&first).await.unwrap().unwrap();
    assert!(m.delivered_at.is_none() && m.failed_at.is_none(), "{m:?}");
    assert!(m.next_attempt_at > m.created_at, "backed off: {m:?}");

    // B starts: delivered once, answered, recorded on both sides.
    let stop = start(&b.db, port).await;
    ex.retry_now(None).await.unwrap();
    wait_until("delivery", 30, || async { ex.outbox_message(&first).await.unwrap().unwrap().delivered_at.is_some() })
        .await;
    let m = ex.outbox_message(&first).await.unwrap().unwrap();
    let response: Value = serde_json::from_str(m.response.as_deref().unwrap()).unwrap();
    assert_eq!(response["pong"], true);
    assert_eq!(response["echo"], json!({"n": 0}));
    assert_eq!(b.db.exchange().received_count(&first).await.unwrap(), 1);

    // A batch, with B stopped in the middle and started again.
    let mut ids = Vec::new();
    for n in 1..=30 {
        ids.push(ex.enqueue_alone(b_peer, "exchange.ping", &json!({"n": n})).await.unwrap());
    }
    ex.retry_now(None).await.unwrap();
    wait_until("part of the batch", 30, || async { ex.outbox_state().await.unwrap().delivered >= 3 }).await;
    let _ = stop.send(());
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let stop = start(&b.db, port).await;
    ex.retry_now(None).await.unwrap();
    wait_until("the whole batch", 60, || async {
        let s = ex.outbox_state().await.unwrap();
        if s.queued > 0 {
            // Due again at once rather than after the back-off.
            let _ = ex.retry_now(None).await;
        }
        s.delivered == 31
    })
    .await;
    for id in &ids {
        assert_eq!(b.db.exchange().received_count(id).await.unwrap(), 1, "{id}");
    }
    assert_eq!(b.count("exchange_inbox").await, 31);
    assert_eq!(b.count("exchange_refusal").await, 0);
    let _ = stop.send(());
    a.stop().await;
    b.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_sqlite() {
    two_servers(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_postgres() {
    two_servers(Backend::Postgres).await;
}

/// docs/exchange.md's example message is real: signed with RFC 9421's test key
/// (`test-key-ed25519`), its headers are the ones the sender writes, signature included.
#[test]
fn the_documented_example_is_what_a_sender_writes() {
    use base64::Engine;
    let pkcs8 = base64::engine::general_purpose::STANDARD
        .decode("MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF")
        .unwrap();
    let key = ExchangeKey::from_seed(pkcs8[pkcs8.len() - 32..].try_into().unwrap());
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/exchange.md")).unwrap();
    let headers = signature::signed_headers(
        &key,
        "drom.prizren.example",
        "/api/v1/exchange/messages",
        "0b6f2a0e-6a3c-4f7e-9d7c-2f1c1e9d8a41",
        br#"{"kind":"exchange.ping","body":{"n":1}}"#,
        chrono::DateTime::from_timestamp(1_796_161_449, 0).unwrap(),
        "5f0c3b6e9a2d4c1b8e7f6a5d4c3b2a19",
    );
    for (name, value) in headers {
        let name = match name {
            "drom-message-id" => "Drom-Message-Id".to_string(),
            "content-digest" => "Content-Digest".to_string(),
            "signature-input" => "Signature-Input".to_string(),
            other => other[..1].to_uppercase() + &other[1..],
        };
        let line = format!("\n{name}: {value}\n");
        assert!(docs.contains(&line), "docs/exchange.md lacks{line}");
    }
}
