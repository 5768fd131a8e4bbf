//! A referral between two real Drom servers, each on its own database and key: sent while the
//! receiver is down and delivered when it starts; the receiver sees only the shared fields;
//! its answers travel back; a status whose push was lost arrives by polling; a consent
//! withdrawn on the sender blanks the receiver's copy.

use crate::exchange::{key, start, wait_until};
use crate::helpers::{Backend, TestApp};
use crate::referrals::{person, referral};
use drom_exchange::{ExchangeDb, Handler};
use reqwest::StatusCode;
use serde_json::json;
use std::time::Duration;

const SERVICE: &str = "5b0a2a0e-8f43-4d9e-9a55-0000000000aa";
const AT: &str = "2026-11-01T00:00:00Z";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn status_at(app: &TestApp, user: &str, id: i64) -> String {
    let (_, v) = app.get(user, &format!("/api/v1/referrals/{id}")).await;
    v["status"].as_str().unwrap_or_default().to_string()
}

async fn between_servers(backend: Backend) {
    let a = TestApp::spawn(backend).await;
    let b = TestApp::spawn(backend).await;
    a.db.exchange().set_key(key(20));
    b.db.exchange().set_key(key(21));
    // Each is reached by the other on a port of its own, down until started.
    let (a_port, b_port) = (free_port(), free_port());
    let (s, b_peer) = a
        .post(
            "sysadmin",
            "/api/v1/peers",
            json!({"name": "B", "base_url": format!("http://127.0.0.1:{b_port}"), "public_key": key(21).public_key()}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b_peer}");
    let (s, _) = b
        .post(
            "sysadmin",
            "/api/v1/peers",
            json!({"name": "A", "base_url": format!("http://127.0.0.1:{a_port}"), "public_key": key(20).public_key()}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let b_peer = b_peer["id"].as_i64().unwrap();
    let stop_a = start(&a.db, a_port).await;
    // B's service is held by B's first agency; A's directory knows it as a service of peer B.
    b.tamper(&format!(
        "INSERT INTO dir_organization (id, name, description, agency_id, updated_at) \
         VALUES ('0rg-rec', 'Employment Centre, Gjilan', 'REC', {}, '{AT}')",
        b.agency_a
    ))
    .await;
    a.tamper(&format!(
        "INSERT INTO dir_organization (id, name, description, peer_id, updated_at) \
         VALUES ('0rg-rec', 'Employment Centre, Gjilan', 'REC', {b_peer}, '{AT}')"
    ))
    .await;
    for app in [&a, &b] {
        app.tamper(&format!(
            "INSERT INTO dir_service (id, organization_id, name, status, updated_at) \
             VALUES ('{SERVICE}', '0rg-rec', 'Job placement', 'active', '{AT}')"
        ))
        .await;
    }

    // Sent while B is down: queued, tried, kept.
    let p = person(&a).await;
    let (s, v) =
        a.post("caseworker", "/api/v1/referrals", referral(p, SERVICE, json!(["name", "phone", "need"]))).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let out_id = v["id"].as_i64().unwrap();
    let ex = a.db.exchange();
    wait_until("a failed attempt", 20, || async {
        a.count("exchange_outbox WHERE kind = 'referral.request' AND attempts >= 1 AND delivered_at IS NULL").await == 1
    })
    .await;
    assert_eq!(b.count("referral").await, 0);

    // B starts: delivered once; B's caseworker sees the shared fields and nothing else.
    let stop_b = start(&b.db, b_port).await;
    ex.retry_now(None).await.unwrap();
    wait_until("the referral at B", 30, || async { b.count("referral").await == 1 }).await;
    let (_, list) = b.get("caseworker", "/api/v1/referrals?box=received").await;
    assert_eq!(list[0]["name"], "Arta Krasniqi", "{list}");
    let in_id = list[0]["id"].as_i64().unwrap();
    let (_, r) = b.get("caseworker", &format!("/api/v1/referrals/{in_id}")).await;
    assert_eq!(r["shared"]["phone"], "+383 44 111 222", "{r}");
    assert!(r["shared"].get("vulnerabilities").is_none() && r["shared"].get("date_of_birth").is_none(), "{r}");
    assert_eq!(b.count("person").await, 0, "no registry record of the person at B");

    // B accepts: A hears it.
    let (s, v) =
        b.post("caseworker", &format!("/api/v1/referrals/{in_id}/status"), json!({"status": "accepted"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    wait_until("A hears 'accepted'", 30, || async { status_at(&a, "caseworker", out_id).await == "accepted" }).await;

    // A's door is down and B's push of 'completed' is lost (given up): A learns it by polling.
    let _ = stop_a.send(());
    tokio::time::sleep(Duration::from_millis(500)).await;
    let done = json!({"status": "completed", "outcome": "Placed with an employer in Gjilan for six months"});
    let (s, v) = b.post("caseworker", &format!("/api/v1/referrals/{in_id}/status"), done).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    b.tamper("UPDATE exchange_outbox SET failed_at = '2026-11-30T00:00:00Z' WHERE kind = 'referral.status' AND delivered_at IS NULL")
        .await;
    let stop_a = start(&a.db, a_port).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(status_at(&a, "caseworker", out_id).await, "accepted", "the push was lost");
    drom_referrals::exchange::ReferralHandler.poll(&a.db).await.unwrap();
    ex.retry_now(None).await.unwrap();
    wait_until("A learns 'completed' by polling", 30, || async {
        status_at(&a, "caseworker", out_id).await == "completed"
    })
    .await;

    // A second referral, then the person withdraws consent on A: B's copy is blanked and cancelled.
    let (s, v) = a.post("caseworker", "/api/v1/referrals", referral(p, SERVICE, json!(["name", "need"]))).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    ex.retry_now(None).await.unwrap();
    wait_until("the second referral at B", 30, || async { b.count("referral").await == 2 }).await;
    let (s, v) = a.post("caseworker", &format!("/api/v1/persons/{p}/referrals/consent-withdrawal"), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    ex.retry_now(None).await.unwrap();
    wait_until("B blanks the shared fields", 30, || async {
        b.count("referral WHERE shared IS NULL AND status = 'cancelled'").await == 1
    })
    .await;
    assert_eq!(b.count("exchange_refusal").await, 0);
    assert_eq!(a.count("exchange_refusal").await, 0);
    let _ = stop_a.send(());
    let _ = stop_b.send(());
    a.stop().await;
    b.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_referral_between_servers_sqlite() {
    between_servers(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_referral_between_servers_postgres() {
    between_servers(Backend::Postgres).await;
}
