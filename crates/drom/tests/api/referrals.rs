//! Referrals: sending with consent, what each party sees (the receiver only the shared fields, a
//! third agency nothing), the status table, the receiver's own case, revocation, consent
//! withdrawal, overdue referrals, and the peer side without a network.

use crate::both_backends;
use crate::helpers::{PASSWORD, TestApp, day, person_json};
use drom_domain::permission::Role;
use drom_referrals::ReferralsDb;
use drom_referrals::domain::wire;
use drom_store::users::{NewAgency, NewUser};
use reqwest::StatusCode;
use serde_json::{Value, json};

pub const ACTIVE: &str = "5b0a2a0e-8f43-4d9e-9a55-000000000001";
pub const INACTIVE: &str = "5b0a2a0e-8f43-4d9e-9a55-000000000002";
pub const PEER_SERVICE: &str = "5b0a2a0e-8f43-4d9e-9a55-000000000003";
pub const PEER: i64 = 7;

/// The directory rows a referral needs: an organization that is agency B with an active and an
/// inactive service, and one on peer server 7.
pub async fn directory(app: &TestApp) {
    let b: i64 = agency_id(app, "agency-b").await;
    let at = "2026-11-01T00:00:00Z";
    // A peer server (nothing listens at its address: its messages wait in the outbox), and this
    // server's exchange key, without which nothing for a peer is queued.
    let peer_key = drom_exchange::domain::keys::ExchangeKey::from_seed([PEER as u8; 32]);
    app.tamper(&format!(
        "INSERT INTO peer (id, name, base_url, public_key, key_id, active, created_at) \
         VALUES ({PEER}, 'Employment Centre, Gjilan', 'http://127.0.0.1:9', '{}', '{}', TRUE, '{at}')",
        peer_key.public_key(),
        peer_key.key_id()
    ))
    .await;
    drom_exchange::ExchangeDb::exchange(&app.db).set_key(drom_exchange::domain::keys::ExchangeKey::from_seed([1; 32]));
    app.tamper(&format!(
        "INSERT INTO dir_organization (id, name, description, agency_id, updated_at) \
         VALUES ('0rg-b', 'Municipal Office for Communities and Returns, Prizren', 'MOCR', {b}, '{at}')"
    ))
    .await;
    app.tamper(&format!(
        "INSERT INTO dir_organization (id, name, description, peer_id, updated_at) \
         VALUES ('0rg-peer', 'Employment Centre, Gjilan', 'REC', {PEER}, '{at}')"
    ))
    .await;
    for (id, org, name, status) in [
        (ACTIVE, "0rg-b", "Housing assistance", "active"),
        (INACTIVE, "0rg-b", "Winter fuel", "inactive"),
        (PEER_SERVICE, "0rg-peer", "Job placement", "active"),
    ] {
        app.tamper(&format!(
            "INSERT INTO dir_service (id, organization_id, name, status, updated_at) \
             VALUES ('{id}', '{org}', '{name}', '{status}', '{at}')"
        ))
        .await;
    }
}

async fn agency_id(app: &TestApp, code: &str) -> i64 {
    let conn = app.db.acquire().await.unwrap();
    drop(conn);
    app.db.agencies().await.unwrap().into_iter().find(|a| a.code == code).unwrap().id
}

/// A person of agency A with a phone, languages and a special-category vulnerability.
pub async fn person(app: &TestApp) -> i64 {
    let mut p = person_json("Arta", "Krasniqi");
    p["contacts"] = json!([{"kind": "phone", "value": "+383 44 111 222"}]);
    p["languages"] = json!(["sq", "de"]);
    p["vulnerabilities"] = json!(["chronic_illness"]);
    app.person("caseworker", p).await
}

pub fn referral(person: i64, service: &str, fields: Value) -> Value {
    json!({
        "person_id": person,
        "service_id": service,
        "need": "housing",
        "need_text": "The family's house was destroyed; needs shelter for winter",
        "due_on": day(14),
        "consent": {"given_by": "person", "given_on": day(0), "language": "sq", "means": "spoken",
                    "fields": ["name", "phone", "need", "sex", "vulnerabilities"]},
        "fields": fields,
    })
}

fn field_of(v: &Value) -> String {
    v["errors"][0]["field"].as_str().unwrap_or_default().to_string()
}

async fn third_agency_token(app: &TestApp) -> String {
    let c = app
        .db
        .create_agency(
            None,
            NewAgency { code: "agency-c".into(), name: "Agency C".into(), kind: "ngo".into(), municipality: None },
        )
        .await
        .unwrap();
    let u = app
        .db
        .create_user(
            None,
            NewUser {
                agency_id: c.id,
                username: "third".into(),
                display_name: "third".into(),
                role: Role::Supervisor,
                special_categories: true,
                protection_override: false,
                password: PASSWORD.into(),
            },
        )
        .await
        .unwrap();
    app.db.issue_token(&u, "test").await.unwrap()
}

async fn get_as(app: &TestApp, token: &str, path: &str) -> (StatusCode, Value) {
    let r = app.client.get(format!("{}{path}", app.addr)).bearer_auth(token).send().await.unwrap();
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

async fn refused_sending_writes_nothing(app: &TestApp) {
    directory(app).await;
    let p = person(app).await;
    let fields = json!(["name", "phone", "need"]);
    let mut no_consent = referral(p, ACTIVE, fields.clone());
    no_consent.as_object_mut().unwrap().remove("consent");
    let mut past = referral(p, ACTIVE, fields.clone());
    past["due_on"] = json!(day(-1));
    let cases = [
        (no_consent, "caseworker", "consent"),
        (referral(p, INACTIVE, fields.clone()), "caseworker", "service_id"),
        (past, "caseworker", "due_on"),
        (referral(p, ACTIVE, json!(["name", "languages"])), "caseworker", "fields.languages"),
        (referral(p, ACTIVE, json!(["name", "vulnerabilities"])), "plainworker", "fields.vulnerabilities"),
        (referral(p, "5b0a2a0e-8f43-4d9e-9a55-0000000000ff", fields.clone()), "caseworker", "service_id"),
    ];
    for (body, user, field) in cases {
        let (s, v) = app.post(user, "/api/v1/referrals", body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert_eq!(field_of(&v), field, "{v}");
    }
    // A person of another agency is not found; a viewer cannot send.
    let (s, v) = app.post("other", "/api/v1/referrals", referral(p, ACTIVE, fields.clone())).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(field_of(&v), "person_id");
    let (s, _) = app.post("viewer", "/api/v1/referrals", referral(p, ACTIVE, fields)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(app.count("referral").await, 0);
    assert_eq!(app.count("referral_event").await, 0);
}
both_backends!(refused_sending_writes_nothing);

async fn the_receiver_sees_the_shared_fields_and_nothing_else(app: &TestApp) {
    directory(app).await;
    let p = person(app).await;
    let (s, v) =
        app.post("caseworker", "/api/v1/referrals", referral(p, ACTIVE, json!(["name", "phone", "need"]))).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["id"].as_i64().unwrap();
    assert_eq!(v["status"], "requested");
    assert_eq!(v["side"], "sender");
    assert_eq!(v["person_id"], p);
    // The receiver: the referral and the fields shared, not the person's record.
    let (s, list) = app.get("other", "/api/v1/referrals?box=received").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["name"], "Arta Krasniqi");
    let (s, r) = app.get("other", &format!("/api/v1/referrals/{id}")).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["side"], "receiver");
    assert_eq!(r["shared"]["phone"], "+383 44 111 222");
    assert!(r["shared"].get("date_of_birth").is_none() && r["shared"].get("vulnerabilities").is_none(), "{r}");
    assert!(r["person_id"].is_null() && r["subject_id"].is_null(), "{r}");
    let (s, _) = app.get("other", &format!("/api/v1/persons/{p}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app.get("other", &format!("/api/v1/persons/{p}/history")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app.get("other", &format!("/api/v1/persons/{p}/referrals")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // The sender's box has it, the receiver's sent box does not.
    let (_, sent) = app.get("caseworker", "/api/v1/referrals?box=sent").await;
    assert_eq!(sent.as_array().unwrap().len(), 1);
    let (_, theirs) = app.get("other", "/api/v1/referrals").await;
    assert_eq!(theirs.as_array().unwrap().len(), 0);
    // A third agency sees nothing, not even in lists.
    let third = third_agency_token(app).await;
    let (s, _) = get_as(app, &third, &format!("/api/v1/referrals/{id}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    for b in ["sent", "received"] {
        let (s, l) = get_as(app, &third, &format!("/api/v1/referrals?box={b}")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(l.as_array().unwrap().is_empty(), "{l}");
    }
    // A special-category field shared by a sender with the grant is withheld from a receiver
    // without it... and shown, audited, to one with it.
    let (s, v) =
        app.post("caseworker", "/api/v1/referrals", referral(p, ACTIVE, json!(["name", "vulnerabilities"]))).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let special = v["id"].as_i64().unwrap();
    let (_, r) = app.get("other", &format!("/api/v1/referrals/{special}")).await;
    assert_eq!(r["shared"]["vulnerabilities"][0], "chronic_illness", "{r}");
    let audited: i64 = app.count("audit_log WHERE action = 'referral.read_special'").await;
    assert!(audited >= 1);
}
both_backends!(the_receiver_sees_the_shared_fields_and_nothing_else);

async fn statuses_follow_the_table_and_the_receiver_makes_a_case(app: &TestApp) {
    directory(app).await;
    let p = person(app).await;
    let (_, v) =
        app.post("caseworker", "/api/v1/referrals", referral(p, ACTIVE, json!(["name", "sex", "phone"]))).await;
    let id = v["id"].as_i64().unwrap();
    let path = format!("/api/v1/referrals/{id}/status");
    // Out of order: completed before accepted, the sender accepting, rejected without a reason.
    let (s, v) = app.post("other", &path, json!({"status": "completed", "outcome": "x"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    assert_eq!(v["refusal"]["code"], "referral-step", "{v}");
    let (s, _) = app.post("caseworker", &path, json!({"status": "accepted"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, v) = app.post("other", &path, json!({"status": "rejected"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_of(&v), "reason");
    // Not yet accepted: no case.
    let (s, _) = app.post("other", &format!("/api/v1/referrals/{id}/case"), json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, v) = app.post("other", &path, json!({"status": "accepted"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "accepted");
    let (s, v) = app.post("other", &path, json!({"status": "completed"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_of(&v), "outcome");
    let (s, _) = app.post("other", &path, json!({"status": "in-progress"})).await;
    assert_eq!(s, StatusCode::OK);
    // The receiver's own case from the shared values.
    let (s, v) = app.post("other", &format!("/api/v1/referrals/{id}/case"), json!({})).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let theirs = v["person_id"].as_i64().unwrap();
    assert_ne!(theirs, p);
    let (s, person) = app.get("other", &format!("/api/v1/persons/{theirs}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(person["given_name"], "Arta");
    assert_eq!(person["contacts"][0]["value"], "+383 44 111 222");
    assert!(person.get("date_of_birth").is_none_or(Value::is_null), "{person}");
    let (s, _) = app.post("other", &format!("/api/v1/referrals/{id}/case"), json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, v) = app.post("other", &path, json!({"status": "completed", "outcome": "Two months' rent paid"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    // The sender sees every change, who made it and when.
    let (_, r) = app.get("caseworker", &format!("/api/v1/referrals/{id}")).await;
    let statuses: Vec<&str> = r["history"].as_array().unwrap().iter().map(|e| e["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["requested", "accepted", "in-progress", "completed"]);
    assert_eq!(r["history"][3]["by_name"], "other");
    assert_eq!(r["outcome"], "Two months' rent paid");
    assert!(r["case_person_id"].is_null(), "the sender does not learn the receiver's record");
    // Final: nothing moves it, not even cancelling.
    let (s, _) = app.post("caseworker", &path, json!({"status": "cancelled"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (_, mine) = app.get("caseworker", &format!("/api/v1/persons/{p}/referrals")).await;
    assert_eq!(mine[0]["status"], "completed");
}
both_backends!(statuses_follow_the_table_and_the_receiver_makes_a_case);

async fn a_supervisor_revokes_and_withdrawn_consent_blanks_the_shared_values(app: &TestApp) {
    directory(app).await;
    let p = person(app).await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        let (s, v) = app.post("caseworker", "/api/v1/referrals", referral(p, ACTIVE, json!(["name", "phone"]))).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        ids.push(v["id"].as_i64().unwrap());
    }
    // Revocation: a supervisor of the sending agency, with a reason; not a caseworker of it,
    // not the receiver.
    let revoke = |id: i64| format!("/api/v1/referrals/{id}/revocation");
    let (s, _) = app.post("plainworker", &revoke(ids[0]), json!({"reason": "sent twice"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = app.post("supervisor", &revoke(ids[0]), json!({"reason": " "})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (s, v) = app.post("supervisor", &revoke(ids[0]), json!({"reason": "sent twice"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "cancelled");
    // A caseworker cancels only what they sent themselves.
    let (s, _) =
        app.post("plainworker", &format!("/api/v1/referrals/{}/status", ids[1]), json!({"status": "cancelled"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // One accepted, one waiting: withdrawal cancels both and blanks all three.
    let (s, _) =
        app.post("other", &format!("/api/v1/referrals/{}/status", ids[1]), json!({"status": "accepted"})).await;
    assert_eq!(s, StatusCode::OK);
    let before_b: i64 = app.count("audit_log WHERE action = 'referral.consent_withdrawn_received'").await;
    assert_eq!(before_b, 0);
    let (s, v) = app
        .post(
            "caseworker",
            &format!("/api/v1/persons/{p}/referrals/consent-withdrawal"),
            json!({"reason": "asked by phone"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["cancelled"], json!([ids[1], ids[2]]));
    assert_eq!(v["referrals"], json!(ids));
    for id in &ids {
        let (_, r) = app.get("other", &format!("/api/v1/referrals/{id}")).await;
        assert!(r["shared"].is_null(), "{r}");
        assert!(r["withdrawn_at"].is_string());
        assert_eq!(r["status"], "cancelled");
    }
    let (_, list) = app.get("other", "/api/v1/referrals?box=received").await;
    assert!(list.as_array().unwrap().iter().all(|l| l["name"].is_null() && l["withdrawn"] == true), "{list}");
    let b = agency_id(app, "agency-b").await;
    let received: i64 =
        app.count(&format!("audit_log WHERE action = 'referral.consent_withdrawn_received' AND agency_id = {b}")).await;
    assert_eq!(received, 3);
    let sent: i64 = app
        .count(&format!("audit_log WHERE action = 'referral.consent_withdrawn' AND agency_id = {}", app.agency_a))
        .await;
    assert_eq!(sent, 3);
    // Nothing to withdraw a second time; another agency's person is not found.
    let (_, v) = app.post("caseworker", &format!("/api/v1/persons/{p}/referrals/consent-withdrawal"), json!({})).await;
    assert_eq!(v["referrals"], json!([]));
    let (s, _) = app.post("other", &format!("/api/v1/persons/{p}/referrals/consent-withdrawal"), json!({})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}
both_backends!(a_supervisor_revokes_and_withdrawn_consent_blanks_the_shared_values);

async fn overdue_referrals_show_on_both_sides(app: &TestApp) {
    directory(app).await;
    let p = person(app).await;
    let (_, v) = app.post("caseworker", "/api/v1/referrals", referral(p, ACTIVE, json!(["name"]))).await;
    let id = v["id"].as_i64().unwrap();
    let (_, v) = app.get("caseworker", "/api/v1/referrals?overdue=true").await;
    assert!(v.as_array().unwrap().is_empty());
    app.tamper(&format!("UPDATE referral SET due_on = '{}' WHERE id = {id}", day(-2))).await;
    let (_, v) = app.get("caseworker", "/api/v1/referrals?overdue=true").await;
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["overdue"], true);
    let (_, v) = app.get("other", "/api/v1/referrals?box=received&overdue=true").await;
    assert_eq!(v.as_array().unwrap().len(), 1);
    let tasks = app.db.referrals().overdue_tasks(chrono::Utc::now().date_naive()).await.unwrap();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].agency_id, app.agency_a);
    assert_eq!(tasks[0].subject_id, p);
    // Answered: no longer overdue.
    let (s, _) = app.post("other", &format!("/api/v1/referrals/{id}/status"), json!({"status": "accepted"})).await;
    assert_eq!(s, StatusCode::OK);
    let (_, v) = app.get("caseworker", "/api/v1/referrals?overdue=true").await;
    assert!(v.as_array().unwrap().is_empty());
    assert!(app.db.referrals().overdue_tasks(chrono::Utc::now().date_naive()).await.unwrap().is_empty());
    let (s, v) = app.get("caseworker", "/api/v1/referrals?box=elsewhere").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
}
both_backends!(overdue_referrals_show_on_both_sides);

async fn the_peer_side_works_without_a_network(app: &TestApp) {
    directory(app).await;
    let p = person(app).await;
    // Outgoing: a referral to a peer's service, its cancellation and a withdrawal are messages.
    let (s, v) = app.post("caseworker", "/api/v1/referrals", referral(p, PEER_SERVICE, json!(["name", "need"]))).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let out_id = v["id"].as_i64().unwrap();
    let uid = v["uid"].as_str().unwrap().to_string();
    assert_eq!(v["receiver_peer_id"], PEER);
    assert_eq!(app.count("exchange_outbox WHERE kind = 'referral.request'").await, 1);
    // The peer answers.
    let r = app.db.referrals();
    let update = |status: &str, outcome: Option<&str>| wire::StatusUpdate {
        version: wire::VERSION,
        uid: uid.clone(),
        status: status.into(),
        reason: None,
        outcome: outcome.map(str::to_string),
        at: "2026-11-30T10:00:00Z".into(),
        by: "Besa at the employment centre".into(),
    };
    r.apply_status(PEER, &update("accepted", None)).await.unwrap();
    r.apply_status(PEER, &update("accepted", None)).await.unwrap();
    assert!(r.apply_status(PEER, &update("completed", None)).await.is_err());
    assert!(r.apply_status(PEER + 1, &update("in-progress", None)).await.is_err(), "another peer");
    let (_, v) = app.get("caseworker", &format!("/api/v1/referrals/{out_id}")).await;
    assert_eq!(v["status"], "accepted");
    assert_eq!(v["history"].as_array().unwrap().len(), 2, "{v}");
    assert_eq!(v["history"][1]["by_name"], "Besa at the employment centre");
    assert_eq!(app.count("exchange_outbox").await, 1, "the peer's own change is not echoed");
    // The sender cancels: the peer hears of it.
    let (s, _) =
        app.post("caseworker", &format!("/api/v1/referrals/{out_id}/status"), json!({"status": "cancelled"})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(app.count("exchange_outbox WHERE kind = 'referral.status'").await, 1);

    // Incoming: a peer's request to agency B's service, idempotent by uid.
    let request = wire::ReferralRequest {
        version: wire::VERSION,
        uid: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
        service_id: ACTIVE.into(),
        sender_agency: "Centre for Social Work, Ferizaj".into(),
        due_on: chrono::Utc::now().date_naive() + chrono::Duration::days(10),
        need: "housing".into(),
        consent: serde_json::from_value(json!({"given_by": "guardian", "guardian_name": "Drita Berisha",
            "given_on": day(0), "language": "sq", "means": "signed_paper", "fields": ["name", "phone"]}))
        .unwrap(),
        shared: serde_json::from_value(
            json!({"given_name": "Blend", "family_name": "Berisha", "phone": "+383 49 000 111"}),
        )
        .unwrap(),
        sent_at: "2026-11-30T09:00:00Z".into(),
    };
    let first = r.receive_request(PEER, &request).await.unwrap();
    assert_eq!(r.receive_request(PEER, &request).await.unwrap(), first);
    assert!(r.receive_request(PEER + 1, &request).await.is_err(), "the same uid from another peer");
    // A field the consent does not name, an inactive service, a version not understood: refused.
    let mut bad = request.clone();
    bad.uid = "0f8fad5b-d9cb-469f-a165-70867728950f".into();
    bad.shared.languages = Some(vec!["sq".into()]);
    assert!(r.receive_request(PEER, &bad).await.is_err());
    bad.shared.languages = None;
    bad.service_id = INACTIVE.into();
    assert!(r.receive_request(PEER, &bad).await.is_err());
    bad.service_id = ACTIVE.into();
    bad.version = 99;
    assert!(r.receive_request(PEER, &bad).await.is_err());
    assert_eq!(app.count("referral WHERE sender_peer_id IS NOT NULL").await, 1);
    let (_, list) = app.get("other", "/api/v1/referrals?box=received").await;
    assert_eq!(list[0]["name"], "Blend Berisha");
    assert_eq!(list[0]["sender_agency_name"], "Centre for Social Work, Ferizaj");
    // Agency B answers: the peer hears of it.
    let (s, v) = app.post("other", &format!("/api/v1/referrals/{first}/status"), json!({"status": "accepted"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(app.count("exchange_outbox WHERE kind = 'referral.status'").await, 2);
    // The peer's sender withdraws consent: blanked at once, cancelled, audited for agency B.
    let gone = wire::ConsentWithdrawn {
        version: wire::VERSION,
        uids: vec![request.uid.clone()],
        at: "2026-11-30T11:00:00Z".into(),
    };
    assert_eq!(r.apply_withdrawal(PEER, &gone).await.unwrap(), vec![first]);
    let (_, v) = app.get("other", &format!("/api/v1/referrals/{first}")).await;
    assert!(v["shared"].is_null() && v["status"] == "cancelled", "{v}");
    assert!(r.apply_withdrawal(PEER + 1, &gone).await.is_err());
    // Withdrawal on this side tells the peer.
    let (_, v) = app.post("caseworker", "/api/v1/referrals", referral(p, PEER_SERVICE, json!(["name"]))).await;
    assert_eq!(v["status"], "requested");
    let (s, _) = app.post("caseworker", &format!("/api/v1/persons/{p}/referrals/consent-withdrawal"), json!({})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(app.count("exchange_outbox WHERE kind = 'referral.consent_withdrawn'").await, 1);
}
both_backends!(the_peer_side_works_without_a_network);

async fn a_session_is_recorded_in_one_short_form(app: &TestApp) {
    let p = person(app).await;
    let (s, v) = app
        .post(
            "caseworker",
            "/api/v1/msc-sessions",
            json!({"topic": "work_abroad", "language": "sq", "outcome": "informed", "sex": "male",
                "age_group": "18_24", "municipality": "prizren"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["age_group"], "18_24");
    assert!(v["person_id"].is_null());
    // A registered person: sex, age group and municipality come from the record.
    let (s, v) = app
        .post(
            "caseworker",
            "/api/v1/msc-sessions",
            json!({"topic": "voluntary_return", "person_id": p, "language": "sq", "outcome": "referred"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["sex"], "female");
    assert!(v["age_group"].is_string(), "{v}");
    // Bad input names the field and writes nothing.
    for (body, field) in [
        (json!({"topic": "work_abroad", "language": "Albanian", "outcome": "informed"}), "language"),
        (
            json!({"topic": "work_abroad", "language": "sq", "outcome": "informed", "municipality": "atlantis"}),
            "municipality",
        ),
        (
            json!({"topic": "work_abroad", "language": "sq", "outcome": "informed", "person_id": p, "sex": "male"}),
            "sex",
        ),
        (json!({"topic": "work_abroad", "language": "sq", "outcome": "informed", "held_on": day(3)}), "held_on"),
    ] {
        let (s, v) = app.post("caseworker", "/api/v1/msc-sessions", body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert_eq!(field_of(&v), field, "{v}");
    }
    let (s, v) = app
        .post(
            "other",
            "/api/v1/msc-sessions",
            json!({"topic": "work_abroad", "person_id": p, "language": "sq", "outcome": "informed"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(app.count("msc_session").await, 2);
    let (_, list) = app.get("other", "/api/v1/msc-sessions").await;
    assert!(list.as_array().unwrap().is_empty());
    // A referral made in a session names it; another agency's session is refused.
    directory(app).await;
    let mut body = referral(p, ACTIVE, json!(["name"]));
    body["msc_session_id"] = json!(1);
    let (s, v) = app.post("caseworker", "/api/v1/referrals", body.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(app.count("referral WHERE msc_session_id = 1").await, 1);
    body["msc_session_id"] = json!(999);
    let (s, v) = app.post("caseworker", "/api/v1/referrals", body).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
}
both_backends!(a_session_is_recorded_in_one_short_form);

async fn the_report_counts_and_hides_small_cells(app: &TestApp) {
    directory(app).await;
    let p = person(app).await;
    for _ in 0..2 {
        let (s, v) = app.post("caseworker", "/api/v1/referrals", referral(p, ACTIVE, json!(["name"]))).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    let (_, first) = app.get("caseworker", "/api/v1/referrals").await;
    let id = first[0]["id"].as_i64().unwrap();
    let path = format!("/api/v1/referrals/{id}/status");
    app.post("other", &path, json!({"status": "accepted"})).await;
    let (s, _) = app.post("other", &path, json!({"status": "completed", "outcome": "Rent paid for two months"})).await;
    assert_eq!(s, StatusCode::OK);
    let period = format!("/api/v1/reports/referrals?from={}&to={}", day(-1), day(0));
    app.db.set_small_cell_threshold(1);
    let (s, r) = app.get("caseworker", &period).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["referrals"], 2);
    assert_eq!(r["by_need"][0], json!({"key": "housing", "count": 2}));
    assert_eq!(r["completed"], 1);
    assert_eq!(r["completed_with_outcome_share"], 1.0);
    assert!(r["median_days_to_acceptance"].is_number(), "{r}");
    let (_, theirs) = app.get("other", &period).await;
    assert_eq!(theirs["referrals"], 2, "the receiver counts what it received");
    app.db.set_small_cell_threshold(5);
    let (_, r) = app.get("caseworker", &period).await;
    assert!(r["referrals"].is_null() && r["suppressed"] == true, "{r}");
    assert!(r["by_status"].as_array().unwrap().iter().all(|c| c["count"].is_null()), "{r}");
}
both_backends!(the_report_counts_and_hides_small_cells);

async fn the_report_at_the_command_line(app: &TestApp) {
    directory(app).await;
    let p = person(app).await;
    let (s, _) = app.post("caseworker", "/api/v1/referrals", referral(p, ACTIVE, json!(["name"]))).await;
    assert_eq!(s, StatusCode::CREATED);
    let (from, to) = (day(-1), day(0));
    let run = |format: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_drom"))
            .args([
                "report",
                "referrals",
                "--from",
                &day(-1),
                "--to",
                &day(0),
                "--format",
                format,
                "--database",
                &app.url,
            ])
            .env_remove("DROM_DATABASE_URL")
            .env("DROM_SMALL_CELL", "1")
            .output()
            .expect("run drom");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let json: Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["referrals"], 1);
    assert_eq!(json["by_service"][0]["key"], "Housing assistance");
    let csv = run("csv");
    assert!(csv.starts_with("section,key,count\n") && csv.contains("\"need\",\"housing\",1"), "{csv}");
    assert!(run("table").contains("Referrals"));
    // A workbook: a file is needed, then a summary and a sheet per breakdown.
    let dir = std::env::temp_dir().join(format!("drom-referrals-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{}.xlsx", app.url.len()));
    let xlsx = |out: Option<&std::path::Path>| {
        let mut args =
            vec!["report", "referrals", "--from", &from, "--to", &to, "--format", "xlsx", "--database", &app.url];
        if let Some(f) = out {
            args.extend(["--out", f.to_str().unwrap()]);
        }
        std::process::Command::new(env!("CARGO_BIN_EXE_drom"))
            .args(args)
            .env_remove("DROM_DATABASE_URL")
            .env("DROM_SMALL_CELL", "1")
            .output()
            .expect("run drom")
    };
    let refused = xlsx(None);
    assert!(!refused.status.success() && String::from_utf8_lossy(&refused.stderr).contains("--out"));
    assert!(xlsx(Some(&file)).status.success());
    let mut book = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    let mut workbook = String::new();
    std::io::Read::read_to_string(&mut book.by_name("xl/workbook.xml").unwrap(), &mut workbook).unwrap();
    for sheet in ["Summary", "need", "service", "status", "session_topic"] {
        assert!(workbook.contains(&format!("name=\"{sheet}\"")), "{sheet}: {workbook}");
    }
    let mut strings = String::new();
    std::io::Read::read_to_string(&mut book.by_name("xl/sharedStrings.xml").unwrap(), &mut strings).unwrap();
    assert!(strings.contains("Housing assistance"), "{strings}");
    let _ = std::fs::remove_dir_all(&dir);
}
both_backends!(the_report_at_the_command_line);
