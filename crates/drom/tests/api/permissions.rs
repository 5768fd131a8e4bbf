//! Walks every route with every role and asserts who sees what.

use crate::both_backends;
use crate::helpers::{TestApp, person_json};
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn every_route_every_role(app: &TestApp) {
    let mut p = person_json("Mimoza", "Kelmendi");
    p["community"] = json!("egyptian");
    p["vulnerabilities"] = json!(["victim_of_trafficking", "elderly_without_support"]);
    let id = app.person("caseworker", p.clone()).await;
    let hh = app
        .post("caseworker", "/api/v1/households", json!({"members": [{"person_id": id, "relation": "head"}]}))
        .await
        .1["id"]
        .as_i64()
        .unwrap();

    use StatusCode as S;
    let person = format!("/api/v1/persons/{id}");
    let history = format!("{person}/history");
    let household = format!("/api/v1/households/{hh}");
    let new_person = person_json("Agron", "Rama");
    let agency = json!({"code": "x-agency", "name": "X", "kind": "ngo"});
    let user = json!({"agency_id": app.agency_a, "username": "newuser", "display_name": "N", "role": "viewer", "password": "long enough password"});
    let community = json!({"code": "vlach", "name_en": "Vlach", "name_sq": "Vllah", "name_sr": "Vlaška"});
    let correction = json!({"district": "Prizren", "majority_community": "albanian"});
    let members = json!({"members": [{"person_id": id, "relation": "head"}]});
    let (_, case) = app
        .post(
            "caseworker",
            "/api/v1/return-cases",
            json!({"person_id": id, "return_type": "voluntary", "host_country": "DE",
                   "destination_municipality": "Prizren", "registered_on": "2024-10-01", "entered_from_paper": true}),
        )
        .await;
    let case = format!("/api/v1/return-cases/{}", case["id"]);
    let counselling_path = format!("{case}/counselling");
    let override_path = format!("{case}/gate-override");
    let conversion_path = format!("{case}/conversion");
    let override_body = json!({"reason": "A reason long enough to be accepted by the check"});
    let conversion = json!({"converted_on": "2024-10-02", "reason": "x"});
    let (_, screening) =
        app.post("caseworker", "/api/v1/screenings", json!({"person_id": id, "return_type": "forced"})).await;
    let screening = format!("/api/v1/screenings/{}", screening["id"]);
    let reproduction = format!("{screening}/reproduction");
    let answers_path = format!("{screening}/answers");
    let answers =
        json!({"answers": [{"person_id": id, "fact": "mixed_marriage", "answer": "no", "basis": "interview"}]});
    let withdrawal_path = format!("{person}/consent-withdrawal");
    let step = |s: &str| format!("{case}/{s}");
    let (consent_path, consent_withdrawal, order_path, travel_path, arrival_path) =
        (step("consent"), step("consent/withdrawal"), step("forced-return-order"), step("travel"), step("arrival"));
    let (assessment_path, plan_path, disbursement_path, visit_path, closure_path, confirm_path) = (
        step("assessment"),
        step("plan-items"),
        step("disbursements"),
        step("visits"),
        step("closure"),
        step("gate-override/confirmation"),
    );
    let refused_consent =
        json!({"given_on": "2024-10-03", "language": "sq", "free": false, "without_coercion": true, "informed": true});
    // The programme the administrator creates below is the first.
    let programme_path = "/api/v1/programmes/1".to_string();
    let municipality = json!({"name_sq": "Komuna e Re", "name_sr": "Nova Opština", "district": "Prizren", "majority_community": "albanian"});
    let counselling = json!({"held_on": "2024-10-02", "language": "sq", "topics": ["housing"]});
    let sheet = json!({"services": "s", "housing": "h", "schools": "s", "health_care": "h", "safety": "s"});
    let programme = json!({"code": "PERM", "name": "P", "donor": "D", "budget_cents": 100_000,
        "starts_on": "2024-01-01", "options": [{"code": "kit", "kind": "toolkit", "description": "Tools",
        "ceiling_cents": 10_000, "ceiling_basis": "per_person"}]});
    let plainworker = format!("/api/v1/users/{}", app.db.user_by_name("plainworker").await.unwrap().id);
    let plainworker_password = format!("{plainworker}/password");
    let rename = json!({"display_name": "Plain worker"});
    let new_password = json!({"password": "another long password"});
    let wrong_password = json!({"current_password": "not it at all", "new_password": "a new long password"});
    let viewer = app.db.user_by_name("viewer").await.unwrap();
    app.db.issue_token(&viewer, "spare").await.unwrap();
    let spare = app.db.tokens_of(viewer.id).await.unwrap().into_iter().find(|t| t.label == "spare").unwrap().id;
    let spare_token = format!("/api/v1/tokens/{spare}");
    // Casework: a task of the caseworker's, a file on the case.
    let (_, task) = app.post("caseworker", "/api/v1/tasks", json!({"title": "Call", "due_on": "2026-01-05"})).await;
    let completion = format!("/api/v1/tasks/{}/completion", task["id"]);
    let subject = format!("/api/v1/subjects/return-cases/{}", case.rsplit('/').next().unwrap());
    let (assignment, notes, attachments, timeline) = (
        format!("{subject}/assignment"),
        format!("{subject}/notes"),
        format!("{subject}/attachments?kind=other&file_name=a.pdf"),
        format!("{subject}/timeline"),
    );
    let file = app
        .client
        .post(format!("{}{attachments}", app.addr))
        .bearer_auth(app.token("caseworker"))
        .body(b"%PDF-1.4\n%%EOF\n".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(file.status(), S::CREATED);
    let approvals_path = format!("{case}/approvals");
    let download = format!("/api/v1/attachments/{}", file.json::<serde_json::Value>().await.unwrap()["id"]);
    // A referral to agency B (the other agency), sharing name and sex.
    crate::referrals::directory(app).await;
    // A person of its own: the walk withdraws the first person's consent to be registered.
    let referred = app.person("caseworker", person_json("Arta", "Krasniqi")).await;
    let new_referral = crate::referrals::referral(referred, crate::referrals::ACTIVE, json!(["name", "sex"]));
    let (_, r) = app.post("caseworker", "/api/v1/referrals", new_referral.clone()).await;
    let referral = format!("/api/v1/referrals/{}", r["id"]);
    let (referral_status, referral_case, referral_revoke) =
        (format!("{referral}/status"), format!("{referral}/case"), format!("{referral}/revocation"));
    let (person_referrals, person_withdrawal) = (
        format!("/api/v1/persons/{referred}/referrals"),
        format!("/api/v1/persons/{referred}/referrals/consent-withdrawal"),
    );
    // (method, path, body, [admin, caseworker, viewer, other agency, anonymous])
    // A discrimination report to the Ombudsperson (agency A); agency B is Prizren's unit.
    let unit_b = crate::discrimination::bodies(app).await;
    crate::discrimination::submit(app, crate::discrimination::report("They would not serve us.")).await;
    let (_, reports) = app.get("caseworker", "/api/v1/discrimination/reports").await;
    let report = format!("/api/v1/discrimination/reports/{}", reports[0]["id"]);
    let d = |s: &str| format!("{report}/{s}");
    let (report_ack, report_messages, report_person, report_closure, report_transfer) =
        (d("acknowledgement"), d("messages"), d("person"), d("closure"), d("transfer"));
    let body_a = format!("/api/v1/discrimination/bodies/{}", app.agency_a);
    let limits = serde_json::to_value(drom_discrimination::store::settings::Limits::default()).unwrap();
    let routes: Vec<(Method, &str, Option<serde_json::Value>, [S; 5])> = vec![
        // The HSDS read API is public: the same answer signed in or out.
        (Method::GET, "/api/v1/hsds/", None, [S::OK; 5]),
        (Method::GET, "/api/v1/hsds/services?language=rom&open_now=true", None, [S::OK; 5]),
        (Method::GET, "/api/v1/hsds/services/0b9c2f0e-3f4a-4c53-9d5e-ffffffffffff", None, [S::NOT_FOUND; 5]),
        (Method::GET, "/api/v1/hsds/organizations", None, [S::OK; 5]),
        (Method::GET, "/api/v1/hsds/organizations/0b9c2f0e-3f4a-4c53-9d5e-ffffffffffff", None, [S::NOT_FOUND; 5]),
        (Method::GET, "/api/v1/hsds/taxonomies", None, [S::OK; 5]),
        (Method::GET, "/api/v1/hsds/taxonomy_terms", None, [S::OK; 5]),
        (Method::GET, "/api/v1/hsds/service_at_locations", None, [S::OK; 5]),
        // The directory's administration is for administrators.
        (
            Method::GET,
            "/api/v1/directory/organizations",
            None,
            [S::OK, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (
            Method::PUT,
            "/api/v1/directory/organizations/0b9c2f0e-3f4a-4c53-9d5e-ffffffffffff/agency",
            Some(json!({"agency_id": null})),
            [S::NOT_FOUND, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (
            Method::GET,
            "/api/v1/directory/services",
            None,
            [S::OK, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (
            Method::PUT,
            "/api/v1/directory/services/0b9c2f0e-3f4a-4c53-9d5e-ffffffffffff/status",
            Some(json!({"status": "inactive"})),
            [S::NOT_FOUND, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (Method::GET, "/api/v1/me", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        (Method::GET, "/api/v1/persons", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        (
            Method::POST,
            "/api/v1/persons",
            Some(new_person.clone()),
            [S::CREATED, S::CREATED, S::FORBIDDEN, S::CREATED, S::UNAUTHORIZED],
        ),
        (Method::GET, &person, None, [S::OK, S::OK, S::OK, S::NOT_FOUND, S::UNAUTHORIZED]),
        (
            Method::PUT,
            &person,
            Some(p.clone()),
            [S::UNPROCESSABLE_ENTITY, S::OK, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (Method::GET, &history, None, [S::OK, S::OK, S::OK, S::NOT_FOUND, S::UNAUTHORIZED]),
        (Method::GET, "/api/v1/households", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        // The person is in a household already: every writer is refused the same way, and
        // another agency is told the person does not exist.
        (
            Method::POST,
            "/api/v1/households",
            Some(members.clone()),
            [S::UNPROCESSABLE_ENTITY, S::UNPROCESSABLE_ENTITY, S::FORBIDDEN, S::UNPROCESSABLE_ENTITY, S::UNAUTHORIZED],
        ),
        (Method::GET, &household, None, [S::OK, S::OK, S::OK, S::NOT_FOUND, S::UNAUTHORIZED]),
        (Method::PUT, &household, Some(members.clone()), [S::OK, S::OK, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED]),
        (Method::GET, "/api/v1/municipalities", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        // Reference data, shared by every agency, is the system administrator's alone.
        (
            Method::PUT,
            "/api/v1/municipalities/decan",
            Some(correction),
            [S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (Method::GET, "/api/v1/communities", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        (
            Method::POST,
            "/api/v1/communities",
            Some(community),
            [S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (Method::GET, "/api/v1/countries", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        (Method::GET, "/api/v1/agencies", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        (
            Method::POST,
            "/api/v1/agencies",
            Some(agency),
            [S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (Method::GET, "/api/v1/users", None, [S::OK, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED]),
        (
            Method::POST,
            "/api/v1/users",
            Some(user),
            [S::CREATED, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (Method::PATCH, &plainworker, Some(rename), [S::OK, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED]),
        (
            Method::POST,
            &plainworker_password,
            Some(new_password),
            [S::NO_CONTENT, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (
            Method::POST,
            "/api/v1/me/password",
            Some(wrong_password),
            [
                S::UNPROCESSABLE_ENTITY,
                S::UNPROCESSABLE_ENTITY,
                S::UNPROCESSABLE_ENTITY,
                S::UNPROCESSABLE_ENTITY,
                S::UNAUTHORIZED,
            ],
        ),
        (Method::GET, "/api/v1/me/tokens", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        // The viewer's spare token: its holder and their administrator may revoke it.
        (
            Method::DELETE,
            &spare_token,
            None,
            [S::NO_CONTENT, S::NOT_FOUND, S::NO_CONTENT, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (Method::GET, "/api/v1/audit", None, [S::OK, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED]),
        (Method::GET, "/api/v1/programmes", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        (
            Method::POST,
            "/api/v1/programmes",
            Some(programme),
            [S::CREATED, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (
            Method::PUT,
            "/api/v1/programmes/1/approval-rule",
            Some(json!({"approval_above_cents": 500_000, "orders_need_approval": true})),
            [S::OK, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (Method::GET, "/api/v1/info-sheets", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        // Information sheets are shared: agency administrators keep them current.
        (
            Method::PUT,
            "/api/v1/info-sheets/prizren",
            Some(sheet),
            [S::OK, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (Method::GET, "/api/v1/info-sheets/prizren", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        (Method::GET, "/api/v1/return-cases", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        // The person is in an open case already.
        (
            Method::POST,
            "/api/v1/return-cases",
            Some(json!({"person_id": id, "return_type": "voluntary", "host_country": "DE"})),
            [S::UNPROCESSABLE_ENTITY, S::UNPROCESSABLE_ENTITY, S::FORBIDDEN, S::UNPROCESSABLE_ENTITY, S::UNAUTHORIZED],
        ),
        (Method::GET, &case, None, [S::OK, S::OK, S::OK, S::NOT_FOUND, S::UNAUTHORIZED]),
        (
            Method::POST,
            &counselling_path,
            Some(counselling),
            [S::OK, S::OK, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (
            Method::GET,
            "/api/v1/reports/returns?from=2024-01-01&to=2024-12-31",
            None,
            [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED],
        ),
        (Method::GET, "/api/v1/reports/sustainability", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        (Method::GET, "/api/v1/sustainability-config", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        (Method::GET, "/api/v1/return-cases/held", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        // The token route reads the credentials of its body, not the caller's.
        (
            Method::POST,
            "/api/v1/auth/token",
            Some(json!({"username": "caseworker", "password": "wrong password"})),
            [S::UNAUTHORIZED; 5],
        ),
        (
            Method::POST,
            "/api/v1/municipalities",
            Some(municipality),
            [S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (Method::GET, &programme_path, None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        (Method::GET, "/api/v1/policies", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        // Stored screenings hold every member's special categories.
        (Method::GET, &screening, None, [S::FORBIDDEN, S::OK, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED]),
        (Method::GET, &reproduction, None, [S::FORBIDDEN, S::OK, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED]),
        (Method::GET, "/api/v1/screenings/changes", None, [S::FORBIDDEN, S::OK, S::FORBIDDEN, S::OK, S::UNAUTHORIZED]),
        (
            Method::POST,
            &answers_path,
            Some(answers),
            [S::FORBIDDEN, S::CREATED, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (
            Method::POST,
            "/api/v1/screenings",
            Some(json!({"person_id": id, "return_type": "forced"})),
            [S::FORBIDDEN, S::CREATED, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        // A readmission list is CSV: a JSON body is refused for what it is.
        (
            Method::POST,
            "/api/v1/screenings/batch",
            None,
            [
                S::UNSUPPORTED_MEDIA_TYPE,
                S::UNSUPPORTED_MEDIA_TYPE,
                S::FORBIDDEN,
                S::UNSUPPORTED_MEDIA_TYPE,
                S::UNAUTHORIZED,
            ],
        ),
        (
            Method::POST,
            "/api/v1/screening-lists",
            None,
            [
                S::UNSUPPORTED_MEDIA_TYPE,
                S::UNSUPPORTED_MEDIA_TYPE,
                S::UNSUPPORTED_MEDIA_TYPE,
                S::UNSUPPORTED_MEDIA_TYPE,
                S::UNAUTHORIZED,
            ],
        ),
        (
            Method::GET,
            "/api/v1/screening-lists/999999",
            None,
            [S::FORBIDDEN, S::NOT_FOUND, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (
            Method::GET,
            "/api/v1/screening-lists/999999/rows",
            None,
            [S::FORBIDDEN, S::NOT_FOUND, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (
            Method::DELETE,
            "/api/v1/screening-lists/999999",
            None,
            [S::FORBIDDEN, S::NOT_FOUND, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        // Steps the counselled voluntary case does not allow yet: every writer reaches the
        // lifecycle (409) or the input check (422); another agency never learns the case exists.
        (
            Method::POST,
            &consent_path,
            Some(refused_consent),
            [S::UNPROCESSABLE_ENTITY, S::UNPROCESSABLE_ENTITY, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (
            Method::POST,
            &consent_withdrawal,
            Some(json!({"withdrawn_on": "2024-10-04", "reason": "changed mind"})),
            [S::CONFLICT, S::CONFLICT, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (
            Method::POST,
            &order_path,
            Some(json!({"ordered_on": "2024-10-04", "reference": "R-1"})),
            [S::CONFLICT, S::CONFLICT, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (
            Method::POST,
            &travel_path,
            Some(
                json!({"transport": "air", "route": "x", "departure_on": "2024-10-05", "destination_municipality": "Prizren"}),
            ),
            [S::CONFLICT, S::CONFLICT, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (
            Method::POST,
            &arrival_path,
            Some(json!({"arrived_on": "2024-10-05"})),
            [S::CONFLICT, S::CONFLICT, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (
            Method::POST,
            &assessment_path,
            Some(json!({"skills": "welding"})),
            [S::CONFLICT, S::CONFLICT, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (
            Method::POST,
            &plan_path,
            Some(json!({"option_id": 1, "description": "Kit", "amount_cents": 100, "committed_on": "2024-10-05"})),
            [S::CONFLICT, S::CONFLICT, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (
            Method::POST,
            &disbursement_path,
            Some(json!({"plan_item_id": 1, "amount_cents": 100, "paid_on": "2024-10-05"})),
            [S::UNPROCESSABLE_ENTITY, S::UNPROCESSABLE_ENTITY, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (
            Method::POST,
            &visit_path,
            Some(json!({"visited_on": "2024-10-05", "remigration": "stayed", "answers": {}})),
            [S::CONFLICT, S::CONFLICT, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (Method::POST, &confirm_path, None, [S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED]),
        // Last, as it ends the case: the first writer closes it, the second finds it closed.
        (
            Method::POST,
            &closure_path,
            Some(json!({"closed_on": "2024-10-06", "reason": "The family stays abroad"})),
            [S::OK, S::CONFLICT, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (
            Method::POST,
            &withdrawal_path,
            Some(json!({"reason": "No longer wants to be registered"})),
            [S::OK, S::CONFLICT, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        // The override needs its own grant, held by no role: refused before the case is looked up.
        (
            Method::POST,
            &override_path,
            Some(override_body),
            [S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        // A voluntary case cannot be converted to what it is.
        (
            Method::POST,
            &conversion_path,
            Some(conversion),
            [S::CONFLICT, S::CONFLICT, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (Method::GET, &approvals_path, None, [S::OK, S::OK, S::OK, S::NOT_FOUND, S::UNAUTHORIZED]),
        // The case's programme (none) puts nothing behind a supervisor.
        (
            Method::POST,
            &approvals_path,
            Some(json!({"step": "order_forced_return", "input": {"ordered_on": "2024-10-03", "reference": "R-1"}})),
            [S::CONFLICT, S::CONFLICT, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (Method::GET, "/api/v1/approvals", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        (
            Method::POST,
            "/api/v1/approvals/999999/decision",
            Some(json!({"approve": true})),
            [S::NOT_FOUND, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (Method::GET, "/api/v1/my-work", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        (Method::GET, "/api/v1/tasks", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        (
            Method::POST,
            "/api/v1/tasks",
            Some(json!({"title": "Visit", "due_on": "2026-02-01"})),
            [S::CREATED, S::CREATED, S::FORBIDDEN, S::CREATED, S::UNAUTHORIZED],
        ),
        // The administrator supervises, so completes the caseworker's task; it is done after.
        (Method::POST, &completion, None, [S::OK, S::CONFLICT, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED]),
        (Method::GET, "/api/v1/team", None, [S::OK, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED]),
        (Method::GET, &assignment, None, [S::OK, S::OK, S::OK, S::NOT_FOUND, S::UNAUTHORIZED]),
        // Clearing an assignment is a supervisor's.
        (
            Method::PUT,
            &assignment,
            Some(json!({"user_id": null})),
            [S::OK, S::FORBIDDEN, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (Method::GET, &notes, None, [S::OK, S::OK, S::OK, S::NOT_FOUND, S::UNAUTHORIZED]),
        (
            Method::POST,
            &notes,
            Some(json!({"body": "Met the family."})),
            [S::CREATED, S::CREATED, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (Method::GET, &attachments, None, [S::OK, S::OK, S::OK, S::NOT_FOUND, S::UNAUTHORIZED]),
        // A JSON body is not a PDF or an image: refused for its content before anything else.
        (
            Method::POST,
            &attachments,
            Some(json!({"not": "a file"})),
            [S::UNPROCESSABLE_ENTITY, S::UNPROCESSABLE_ENTITY, S::FORBIDDEN, S::UNPROCESSABLE_ENTITY, S::UNAUTHORIZED],
        ),
        (Method::GET, &timeline, None, [S::OK, S::OK, S::OK, S::NOT_FOUND, S::UNAUTHORIZED]),
        (Method::GET, &download, None, [S::OK, S::OK, S::OK, S::NOT_FOUND, S::UNAUTHORIZED]),
        // The exchange: its state and the peers are administrators'; peers are registered and
        // changed by a system administrator only; a message must be signed, whoever sends it.
        (Method::GET, "/api/v1/exchange", None, [S::OK, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED]),
        (Method::GET, "/api/v1/peers", None, [S::OK, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED]),
        (
            Method::POST,
            "/api/v1/peers",
            Some(
                json!({"name": "P", "base_url": "http://127.0.0.1:9", "public_key": "JrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs="}),
            ),
            [S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (
            Method::PATCH,
            "/api/v1/peers/1",
            Some(json!({"active": false})),
            [S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (
            Method::POST,
            "/api/v1/exchange/messages",
            Some(json!({"kind": "exchange.ping", "body": {}})),
            // The walk's server has a key (the referral fixture's): an unsigned message is refused.
            [S::UNAUTHORIZED; 5],
        ),
        (Method::GET, "/api/v1/referrals", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        // The other agency cannot refer a person it does not hold.
        (
            Method::POST,
            "/api/v1/referrals",
            Some(new_referral.clone()),
            [S::CREATED, S::CREATED, S::FORBIDDEN, S::UNPROCESSABLE_ENTITY, S::UNAUTHORIZED],
        ),
        (Method::GET, &referral, None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        // Only the receiver (the other agency) accepts.
        (
            Method::POST,
            &referral_status,
            Some(json!({"status": "accepted"})),
            [S::CONFLICT, S::CONFLICT, S::FORBIDDEN, S::OK, S::UNAUTHORIZED],
        ),
        (Method::POST, &referral_case, None, [S::NOT_FOUND, S::NOT_FOUND, S::FORBIDDEN, S::CREATED, S::UNAUTHORIZED]),
        // A supervisor of the sender revokes (the administrator supervises).
        (
            Method::POST,
            &referral_revoke,
            Some(json!({"reason": "the family moved"})),
            [S::OK, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (Method::GET, &person_referrals, None, [S::OK, S::OK, S::OK, S::NOT_FOUND, S::UNAUTHORIZED]),
        (
            Method::POST,
            &person_withdrawal,
            Some(json!({})),
            [S::OK, S::OK, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (
            Method::GET,
            "/api/v1/reports/referrals?from=2026-01-01&to=2026-12-31",
            None,
            [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED],
        ),
        (Method::GET, "/api/v1/msc-sessions", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        (
            Method::POST,
            "/api/v1/msc-sessions",
            Some(json!({"topic": "work_abroad", "language": "sq", "outcome": "informed", "sex": "female",
                "age_group": "25_34", "municipality": "prizren"})),
            [S::CREATED, S::CREATED, S::FORBIDDEN, S::CREATED, S::UNAUTHORIZED],
        ),
        // Discrimination reports: the public side needs no token (these bodies are refused as
        // bad input, after the limits admit them); a body's side sees only its reports.
        (Method::GET, "/api/v1/discrimination/challenge", None, [S::OK; 5]),
        (Method::POST, "/api/v1/discrimination/reports", Some(json!({})), [S::UNPROCESSABLE_ENTITY; 5]),
        (Method::POST, "/api/v1/discrimination/tracking", Some(json!({"code": "12"})), [S::UNPROCESSABLE_ENTITY; 5]),
        (
            Method::POST,
            "/api/v1/discrimination/tracking/messages",
            Some(json!({"code": "12", "body": "x"})),
            [S::UNPROCESSABLE_ENTITY; 5],
        ),
        (Method::GET, "/api/v1/discrimination/reports", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        (Method::GET, &report, None, [S::OK, S::OK, S::OK, S::NOT_FOUND, S::UNAUTHORIZED]),
        (Method::POST, &report_ack, Some(json!({})), [S::OK, S::CONFLICT, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED]),
        (
            Method::POST,
            &report_messages,
            Some(json!({"body": "Which shop?", "question": true})),
            [S::OK, S::OK, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (
            Method::POST,
            &report_person,
            Some(json!({"given_name": "Drita", "family_name": "Berisha", "sex": "female", "consent": true,
                "consent_given_on": "2026-01-05"})),
            [S::CREATED, S::CONFLICT, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        (
            Method::POST,
            &report_closure,
            Some(json!({"outcome": "withdrawn", "decision": "The reporter withdrew it."})),
            [S::OK, S::CONFLICT, S::FORBIDDEN, S::NOT_FOUND, S::UNAUTHORIZED],
        ),
        // Closed: no transfer; B cannot transfer to itself.
        (
            Method::POST,
            &report_transfer,
            Some(json!({"agency_id": unit_b, "reason": "municipal matter"})),
            [S::CONFLICT, S::CONFLICT, S::FORBIDDEN, S::UNPROCESSABLE_ENTITY, S::UNAUTHORIZED],
        ),
        (Method::GET, "/api/v1/discrimination/statistics", None, [S::OK; 5]),
        (Method::GET, "/api/v1/discrimination/outreach", None, [S::OK, S::OK, S::OK, S::OK, S::UNAUTHORIZED]),
        (
            Method::POST,
            "/api/v1/discrimination/outreach",
            Some(json!({"kind": "meeting", "held_on": "2022-01-13", "organiser": "CRP/K", "topic": "Reporting"})),
            [S::CREATED, S::CREATED, S::FORBIDDEN, S::CREATED, S::UNAUTHORIZED],
        ),
        (Method::GET, "/api/v1/discrimination/bodies", None, [S::OK; 5]),
        (
            Method::PUT,
            &body_a,
            Some(json!({"kind": "ombudsperson"})),
            [S::OK, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (
            Method::GET,
            "/api/v1/discrimination/limits",
            None,
            [S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        (
            Method::PUT,
            "/api/v1/discrimination/limits",
            Some(limits.clone()),
            [S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::UNAUTHORIZED],
        ),
        // Readmission lists and re-screening hold special categories: the grant is needed.
        (Method::GET, "/api/v1/screening-lists", None, [S::FORBIDDEN, S::OK, S::FORBIDDEN, S::OK, S::UNAUTHORIZED]),
        (
            Method::POST,
            "/api/v1/screenings/rescreen",
            None,
            [S::FORBIDDEN, S::CREATED, S::FORBIDDEN, S::CREATED, S::UNAUTHORIZED],
        ),
    ];
    // Every operation of the OpenAPI document is walked: a route added without a line here fails.
    let doc: serde_json::Value =
        app.client.get(format!("{}/api/v1/openapi.json", app.addr)).send().await.unwrap().json().await.unwrap();
    let walked: Vec<(String, String)> = routes.iter().map(|(m, p, _, _)| (m.to_string(), p.to_string())).collect();
    let mut missing = Vec::new();
    for (template, item) in doc["paths"].as_object().unwrap() {
        for method in ["get", "post", "put", "delete", "patch"] {
            if item.get(method).is_none() {
                continue;
            }
            let template = format!("/api/v1{template}");
            let covered = walked
                .iter()
                .any(|(m, p)| m.eq_ignore_ascii_case(method) && matches(&template, p.split('?').next().unwrap_or(p)));
            if !covered {
                missing.push(format!("{} {template}", method.to_uppercase()));
            }
        }
    }
    assert!(missing.is_empty(), "routes of the OpenAPI document not walked: {missing:?}");
    let users = [Some("admin"), Some("caseworker"), Some("viewer"), Some("other"), None];
    for (method, path, body, expected) in &routes {
        for (user, want) in users.iter().zip(expected) {
            let r = app.call(*user, method.clone(), path, body.clone()).await;
            let got = r.status();
            let text = r.text().await.unwrap_or_default();
            assert_eq!(got, *want, "{method} {path} as {user:?}: {text}");
        }
    }
    // The admin's PUT above was refused because admins lack the special-category permission
    // and the body carries a community: no route lets a reader without it write it.

    // Special categories are present only for a reader with the permission.
    let (_, full) = app.get("caseworker", &person).await;
    assert_eq!(full["community"], "egyptian");
    assert_eq!(full["vulnerabilities"], json!(["elderly_without_support", "victim_of_trafficking"]));
    for reader in ["viewer", "admin"] {
        let (_, v) = app.get(reader, &person).await;
        assert!(v.get("community").is_none_or(|c| c.is_null()), "{reader}: {v}");
        assert_eq!(v["vulnerabilities"], json!(["elderly_without_support"]), "{reader}");
        assert_eq!(v["special_categories_withheld"], true);
        let (_, h) = app.get(reader, &history).await;
        assert!(!h.to_string().contains("egyptian") && !h.to_string().contains("trafficking"), "{reader}: {h}");
    }
    // Lists never carry special categories.
    let (_, list) = app.get("caseworker", "/api/v1/persons").await;
    assert!(!list.to_string().contains("egyptian"));
}
both_backends!(every_route_every_role);

/// Whether a concrete `path` is an instance of a path `template` (`{name}` is any one segment).
fn matches(template: &str, path: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
    a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| x.starts_with('{') || x == y)
}
