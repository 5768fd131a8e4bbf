//! Return and reintegration over the API: programmes, information sheets, a voluntary return
//! from registration to closure, forced returns with their screening, refused steps that write
//! nothing, who may do what, and the period and sustainability reports.

use crate::both_backends;
use crate::helpers::{TestApp, person_json};
use drom_returns::ReturnsDb;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A programme for returns from Germany and Austria with a business grant (per household) and a
/// toolkit (per person).
pub(crate) fn programme_body(code: &str, budget_cents: i64) -> Value {
    json!({
        "code": code,
        "name": "Return and reintegration in Kosovo",
        "donor": "European Union",
        "host_countries": ["DE", "AT"],
        "target_groups": ["Roma, Ashkali and Egyptian returnees"],
        "budget_cents": budget_cents,
        "starts_on": "2024-01-01",
        "ends_on": "2027-12-31",
        "options": [
            {"code": "business", "kind": "business_setup", "description": "Start-up grant for a small business",
             "ceiling_cents": 150_000, "ceiling_basis": "per_household"},
            {"code": "kit", "kind": "toolkit", "description": "Tools for a trade", "ceiling_cents": 30_000,
             "ceiling_basis": "per_person"}
        ]
    })
}

async fn programme(app: &TestApp, code: &str, budget_cents: i64) -> Value {
    let (s, p) = app.post("admin", "/api/v1/programmes", programme_body(code, budget_cents)).await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    p
}

pub(crate) fn option_id(programme: &Value, code: &str) -> i64 {
    programme["options"].as_array().unwrap().iter().find(|o| o["code"] == code).unwrap()["id"].as_i64().unwrap()
}

fn sheet_body(services: &str) -> Value {
    json!({
        "services": services,
        "housing": "Social housing list at the municipal office for communities and returns",
        "schools": "Primary school in Jeta e Re; learning centres for returnee children",
        "health_care": "Family medicine centre; health card needs civil registration",
        "safety": "No incidents reported against returnees in the last year"
    })
}

/// Writes a sheet as the administrator (who keeps them), dated today.
pub(crate) async fn sheet(app: &TestApp, municipality: &str) -> Value {
    let r = app
        .call(
            Some("admin"),
            Method::PUT,
            &format!("/api/v1/info-sheets/{municipality}"),
            Some(sheet_body("Centre for Social Work; employment office")),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

pub(crate) async fn open_case(app: &TestApp, body: Value) -> Value {
    let (s, v) = app.post("caseworker", "/api/v1/return-cases", body).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v
}

/// A step that must succeed; the updated case.
pub(crate) async fn step(app: &TestApp, case: i64, path: &str, body: Value) -> Value {
    let (s, v) = app.post("caseworker", &format!("/api/v1/return-cases/{case}/{path}"), body).await;
    assert_eq!(s, StatusCode::OK, "{path}: {v}");
    assert_eq!(v["id"], case);
    v
}

/// Walks a case registered on 2024-10-01 to its arrival: counselling and consent for a voluntary
/// return, the order for a forced one, then travel leaving the day it arrives.
pub(crate) async fn walk_to_arrival(app: &TestApp, case: &Value, transport: &str, arrived_on: &str) -> Value {
    let id = case["id"].as_i64().unwrap();
    if case["return_type"] == "voluntary" {
        let counselling = json!({"held_on": "2024-10-02", "language": "sq", "topics": ["housing"]});
        step(app, id, "counselling", counselling).await;
        step(app, id, "consent", consent("2024-10-03")).await;
    } else {
        clear_for_forced_return(app, case["person_id"].as_i64().unwrap(), "2024-10-03").await;
        step(app, id, "forced-return-order", json!({"ordered_on": "2024-10-03", "reference": "RÜB-2024-1"})).await;
    }
    let travel = json!({"transport": transport, "route": "Vienna - Prishtinë", "departure_on": arrived_on,
                        "destination_municipality": "Prizren"});
    step(app, id, "travel", travel).await;
    let v = step(app, id, "arrival", json!({"arrived_on": arrived_on})).await;
    assert_eq!(v["stage"], "arrived");
    v
}

/// Screens a person (with a known community of origin) for a forced return as of `as_of` with
/// every fact answered no: the protection gate opens for them.
pub(crate) async fn clear_for_forced_return(app: &TestApp, person: i64, as_of: &str) -> Value {
    let (s, v) = app
        .post(
            "caseworker",
            "/api/v1/screenings",
            json!({"person_id": person, "return_type": "forced", "as_of": as_of,
                   "facts": crate::screenings::all_no(person)}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["outcome"], "no_bar_found", "{v}");
    v
}

pub(crate) fn consent(given_on: &str) -> Value {
    json!({"given_on": given_on, "language": "rom", "free": true, "without_coercion": true, "informed": true})
}

async fn actions(app: &TestApp, case: i64) -> Vec<(String, Option<String>)> {
    let (s, v) = app.get("admin", &format!("/api/v1/audit?record_type=return_case&record_id={case}")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let mut out: Vec<(String, Option<String>)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap().to_string(), e["reason"].as_str().map(str::to_string)))
        .collect();
    out.reverse();
    out
}

fn steps(case: &Value) -> Vec<&str> {
    case["next_steps"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect()
}

/// The case's version, read as the viewer (whose reads write no audit entry).
async fn version(app: &TestApp, case: i64) -> i64 {
    let (s, v) = app.get("viewer", &format!("/api/v1/return-cases/{case}")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["version"].as_i64().unwrap()
}

/// Posts a step that must be refused with `status`, naming `field` (a 422) or as an invalid
/// transition (a 409), and asserts nothing was written. Returns the problem document.
async fn refused(app: &TestApp, case: i64, path: &str, body: Value, status: StatusCode, field: Option<&str>) -> Value {
    let before = version(app, case).await;
    let audit = app.count("audit_log").await;
    let ledger = app.count("ledger_entry").await;
    let (s, v) = app.post("caseworker", &format!("/api/v1/return-cases/{case}/{path}"), body).await;
    assert_eq!(s, status, "{path}: {v}");
    match field {
        Some(f) => {
            assert_eq!(v["code"], "validation_failed", "{v}");
            assert!(v["errors"].as_array().unwrap().iter().any(|e| e["field"] == f), "{f} not named in {v}");
        }
        None => assert_eq!(v["code"], "invalid_transition", "{v}"),
    }
    assert!(!v["detail"].as_str().unwrap_or("").is_empty());
    assert_eq!(version(app, case).await, before, "{path}: the case was changed");
    assert_eq!(app.count("audit_log").await, audit, "{path}: something was audited");
    assert_eq!(app.count("ledger_entry").await, ledger, "{path}: the ledger was written");
    v
}

fn reason<'a>(problem: &'a Value, field: &str) -> &'a str {
    problem["errors"].as_array().unwrap().iter().find(|e| e["field"] == field).unwrap()["reason"].as_str().unwrap()
}

async fn programmes_by_administrators(app: &TestApp) {
    let p = programme(app, "VARRP", 10_000_000).await;
    assert_eq!(p["currency"], "EUR");
    assert_eq!(p["host_countries"], json!(["DE", "AT"]));
    assert_eq!((p["committed_cents"].as_i64(), p["disbursed_cents"].as_i64()), (Some(0), Some(0)));
    let kit = p["options"].as_array().unwrap().iter().find(|o| o["code"] == "kit").unwrap();
    assert_eq!((kit["ceiling_cents"].as_i64(), kit["ceiling_basis"].as_str()), (Some(30_000), Some("per_person")));
    let id = p["id"].as_i64().unwrap();
    let (s, got) = app.get("viewer", &format!("/api/v1/programmes/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(got["options"], p["options"]);
    let (_, all) = app.get("other", "/api/v1/programmes").await;
    assert_eq!(all.as_array().unwrap().len(), 1, "programmes are shared by all agencies");
    let (s, _) = app.get("viewer", "/api/v1/programmes/999999").await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    let programmes = app.count("programme").await;
    let audit = app.count("audit_log").await;
    let other = programme_body("OTHER", 10_000_000);
    let (s, v) = app.post("caseworker", "/api/v1/programmes", other.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    for (field, value, named) in [
        ("budget_cents", json!(0), "budget_cents"),
        ("host_countries", json!(["XX"]), "host_countries[0]"),
        ("ends_on", json!("2023-12-31"), "ends_on"),
        ("options", json!([]), "options"),
        ("code", json!("VARRP"), "code"),
    ] {
        let mut bad = other.clone();
        bad[field] = value;
        let (s, v) = app.post("admin", "/api/v1/programmes", bad).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {v}");
        assert!(v["errors"].as_array().unwrap().iter().any(|e| e["field"] == named), "{named}: {v}");
    }
    let mut bad = other.clone();
    bad["options"][1]["ceiling_cents"] = json!(20_000_000);
    let (s, v) = app.post("admin", "/api/v1/programmes", bad).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reason(&v, "options[1].ceiling_cents").contains("100000.00 EUR"), "{v}");
    let mut bad = other;
    bad["options"][0]["kind"] = json!("cash");
    let (s, v) = app.post("admin", "/api/v1/programmes", bad).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["errors"][0]["field"], "options[0].kind", "{v}");
    assert_eq!(app.count("programme").await, programmes, "nothing written");
    assert_eq!(app.count("audit_log").await, audit, "nothing audited");
}
both_backends!(programmes_by_administrators);

async fn voluntary_return_lifecycle(app: &TestApp) {
    let p = programme(app, "VARRP", 10_000_000).await;
    let business = option_id(&p, "business");
    // Two versions of the sheet: counselling records the one in force.
    sheet(app, "Prizren").await;
    let r =
        app.call(Some("admin"), Method::PUT, "/api/v1/info-sheets/prizren", Some(sheet_body("Updated services"))).await;
    let current: Value = r.json().await.unwrap();
    assert_eq!((current["municipality_code"].as_str(), current["version"].as_i64()), (Some("prizren"), Some(2)));
    let (_, first) = app.get("viewer", "/api/v1/info-sheets/Prizren?version=1").await;
    assert_eq!(first["services"], "Centre for Social Work; employment office");
    let (_, sheets) = app.get("viewer", "/api/v1/info-sheets").await;
    assert_eq!(sheets.as_array().unwrap().len(), 1);
    assert_eq!(sheets[0]["version"], 2);
    let (s, _) = app.get("viewer", "/api/v1/info-sheets/prizren?version=7").await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // A mother and her son return from Germany.
    let mother = app.person("caseworker", person_json("Sebahate", "Bislimi")).await;
    let mut son = person_json("Elvis", "Bislimi");
    son["sex"] = json!("male");
    son["date_of_birth"] = json!("2015-03");
    let son = app.person("caseworker", son).await;
    let (s, _) = app
        .post(
            "caseworker",
            "/api/v1/households",
            json!({"members": [{"person_id": mother, "relation": "head"}, {"person_id": son, "relation": "child"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let case = open_case(
        app,
        json!({"person_id": mother, "return_type": "voluntary", "host_country": "de", "programme_id": p["id"],
               "destination_municipality": "Prizren", "registered_on": "2025-01-06", "entered_from_paper": true}),
    )
    .await;
    let id = case["id"].as_i64().unwrap();
    assert_eq!(case["stage"], "registered");
    assert_eq!((case["individuals"].as_i64(), case["host_country"].as_str()), (Some(2), Some("DE")));
    assert_eq!(case["person_name"], "Sebahate Bislimi");
    assert_eq!(case["programme_code"], "VARRP");
    assert_eq!(steps(&case), ["counsel", "close"]);

    let v = step(
        app,
        id,
        "counselling",
        json!({"held_on": "2025-01-08", "language": "rom", "interpreter": "Bekim Gashi",
               "topics": ["housing", "schools", "safety"], "notes": "Asked about school enrolment"}),
    )
    .await;
    assert_eq!(v["stage"], "counselled");
    assert_eq!(v["counselling"][0]["info_municipality"], "prizren");
    assert_eq!(v["counselling"][0]["info_version"], 2, "the sheet in force is recorded");
    assert_eq!(steps(&v), ["counsel", "record_consent", "close"]);

    let v = step(app, id, "consent", consent("2025-01-10")).await;
    assert_eq!(v["stage"], "consent_recorded");
    assert_eq!(v["consent_on"], "2025-01-10");
    assert_eq!(v["consent"]["informed"], true);
    assert_eq!(steps(&v), ["counsel", "arrange_travel", "withdraw_consent"]);

    let v = step(
        app,
        id,
        "travel",
        json!({"transport": "air", "route": "Düsseldorf DUS - Prishtinë PRN", "departure_on": "2025-02-03",
               "special_needs": ["wheelchair"], "airport_assistance": true, "destination_municipality": "Prizren"}),
    )
    .await;
    assert_eq!(v["stage"], "travel_arranged");
    assert_eq!((v["transport"].as_str(), v["airport_assistance"].as_bool()), (Some("air"), Some(true)));
    assert_eq!(v["special_needs"], json!(["wheelchair"]));
    assert_eq!(steps(&v), ["counsel", "arrange_travel", "confirm_arrival", "withdraw_consent"]);

    let v = step(app, id, "arrival", json!({"arrived_on": "2025-02-04", "note": "Met at the airport"})).await;
    assert_eq!(v["stage"], "arrived");
    assert_eq!(v["arrived_on"], "2025-02-04");
    let ages: Vec<i64> =
        v["members"].as_array().unwrap().iter().map(|m| m["age_at_return"].as_i64().unwrap()).collect();
    assert_eq!(ages, [41, 10]);
    let due: Vec<&str> = v["visits_due"].as_array().unwrap().iter().map(|d| d["due_on"].as_str().unwrap()).collect();
    assert_eq!(due, ["2025-05-04", "2025-08-04", "2026-02-04"]);
    assert_eq!(steps(&v), ["plan_reintegration", "record_visit"]);

    let v = step(
        app,
        id,
        "assessment",
        json!({"skills": "tailoring", "education": "primary school", "languages": ["rom", "sq", "de"],
               "housing": "with relatives", "children_schooling": "enrol the son in grade 4"}),
    )
    .await;
    assert_eq!(v["stage"], "reintegration_planned");
    assert_eq!(v["assessment"]["skills"], "tailoring");
    assert_eq!(steps(&v), ["plan_reintegration", "disburse", "record_visit"]);

    let v = step(
        app,
        id,
        "plan-items",
        json!({"option_id": business, "description": "Tailoring workshop", "amount_cents": 150_000,
               "committed_on": "2025-02-10", "indirect_beneficiaries": 3}),
    )
    .await;
    assert_eq!(v["stage"], "reintegration_planned");
    let item = &v["plan"][0];
    assert_eq!(
        (item["option_code"].as_str(), item["assistance_kind"].as_str()),
        (Some("business"), Some("business_setup"))
    );
    assert_eq!((item["committed_cents"].as_i64(), item["disbursed_cents"].as_i64()), (Some(150_000), Some(0)));
    assert_eq!(item["direct_beneficiaries"], 2, "the household by default");
    let item_id = item["id"].as_i64().unwrap();

    let v = step(
        app,
        id,
        "disbursements",
        json!({"plan_item_id": item_id, "amount_cents": 100_000, "paid_on": "2025-02-12", "note": "first instalment"}),
    )
    .await;
    assert_eq!(v["stage"], "assistance_delivered");
    assert_eq!(v["plan"][0]["disbursed_cents"], 100_000);
    let kinds: Vec<&str> = v["ledger"].as_array().unwrap().iter().map(|l| l["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["commitment", "disbursement"]);
    let (_, p) = app.get("viewer", &format!("/api/v1/programmes/{}", p["id"])).await;
    assert_eq!((p["committed_cents"].as_i64(), p["disbursed_cents"].as_i64()), (Some(150_000), Some(100_000)));

    // Scores come from the answers and the shipped configuration's indicators and weights.
    let (s, config) = app.get("viewer", "/api/v1/sustainability-config").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(config["id"], "drom-rss-1");
    assert_eq!(config["visit_months"], json!([3, 6, 12]));
    assert_eq!(config["indicator"].as_array().unwrap().len(), 13);
    let answers = json!({
        "income_source": 2, "meets_basic_needs": 2, "debt": 1, "business_or_job": 1,
        "housing": 2, "health_care_access": 2, "children_in_school": 2, "civil_documents": 1,
        "sense_of_belonging": 3, "feels_safe": 2, "no_discrimination": 1, "wellbeing": 2, "no_wish_to_leave": 2
    });
    let v =
        step(app, id, "visits", json!({"visited_on": "2025-05-06", "remigration": "stayed", "answers": answers})).await;
    assert_eq!(v["stage"], "monitored");
    let visit = &v["visits"][0];
    assert_eq!((visit["months_after_arrival"].as_i64(), visit["config_id"].as_str()), (Some(3), Some("drom-rss-1")));
    // The home page's count of overdue visits: the 3-month visit is made, the 6-month one falls
    // due on 2025-08-04 and is overdue from the day after.
    let caseworker = app.db.user_by_name("caseworker").await.unwrap().actor();
    let due_on = |d: &str| {
        let (db, actor) = (app.db.clone(), caseworker.clone());
        let d: chrono::NaiveDate = d.parse().unwrap();
        async move { db.returns().return_attention(&actor, d).await.unwrap().visits_due }
    };
    assert_eq!(due_on("2025-08-05").await - due_on("2025-08-04").await, 1);
    assert_eq!(due_on("2025-05-20").await, due_on("2025-08-04").await);
    // economic (2·1 + 2·2/3 + 1 + ½)/6, social (2·2/3 + 1 + 1 + ½)/5, psychosocial (1 + 2 + ½ + 2/3 + 1)/6.
    let scores: Vec<i64> =
        ["economic", "social", "psychosocial", "composite"].iter().map(|d| visit[*d].as_i64().unwrap()).collect();
    assert_eq!(scores, [806, 767, 861, 811]);
    assert_eq!(v["remigration"], "stayed");
    let done: Vec<bool> = v["visits_due"].as_array().unwrap().iter().map(|d| d["done"].as_bool().unwrap()).collect();
    assert_eq!(done, [true, false, false]);
    assert_eq!(steps(&v), ["plan_reintegration", "disburse", "record_visit", "close"]);

    let v = step(app, id, "closure", json!({"closed_on": "2025-08-10", "reason": "Monitoring completed"})).await;
    assert_eq!(v["stage"], "closed");
    assert_eq!(v["close_reason"], "Monitoring completed");
    assert!(steps(&v).is_empty());
    assert_eq!(v["version"], 10, "one version per step");

    let (_, list) = app.get("viewer", "/api/v1/return-cases?stage=closed&return_type=voluntary").await;
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["id"], id);
    assert_eq!(list["items"][0]["programme_code"], "VARRP");
    let (_, list) = app.get("viewer", "/api/v1/return-cases?return_type=forced").await;
    assert_eq!(list["total"], 0);
    let (s, v) = app.get("viewer", "/api/v1/return-cases?stage=gone").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["errors"][0]["field"], "stage");

    let audit: Vec<String> = actions(app, id).await.into_iter().map(|(a, _)| a).collect();
    let expected = [
        "create",
        "counsel",
        "record_consent",
        "arrange_travel",
        "confirm_arrival",
        "plan_reintegration",
        "plan_reintegration",
        "disburse",
        "record_visit",
        "close",
    ]
    .map(|a| format!("return_case.{a}"));
    assert_eq!(audit, expected);
}
both_backends!(voluntary_return_lifecycle);

fn plan_item(option: i64, amount_cents: i64) -> Value {
    json!({"option_id": option, "description": "Support", "amount_cents": amount_cents,
           "committed_on": "2025-02-10"})
}

async fn refused_steps_write_nothing(app: &TestApp) {
    // A small budget, so that two items of one case can pass it.
    let p = programme(app, "SMALL", 160_000).await;
    let (business, kit) = (option_id(&p, "business"), option_id(&p, "kit"));
    let elsewhere = programme(app, "ELSEWHERE", 1_000_000).await;
    sheet(app, "Prizren").await;
    let person = app.person("caseworker", person_json("Agim", "Berisha")).await;

    let cases = app.count("return_case").await;
    let (s, v) = app
        .post(
            "caseworker",
            "/api/v1/return-cases",
            json!({"person_id": person, "return_type": "voluntary", "host_country": "CH", "programme_id": p["id"]}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reason(&v, "programme_id").contains("does not serve returns from CH"), "{v}");
    // The API says why with a code and its arguments too, for a client to say it in its language.
    assert_eq!(v["errors"][0]["code"], "programme_elsewhere", "{v}");
    assert_eq!(v["errors"][0]["args"]["host"], "CH", "{v}");
    assert_eq!(app.count("return_case").await, cases);

    let case = open_case(
        app,
        json!({"person_id": person, "return_type": "voluntary", "host_country": "AT", "programme_id": p["id"],
               "destination_municipality": "Prizren", "registered_on": "2025-01-06", "entered_from_paper": true}),
    )
    .await;
    let id = case["id"].as_i64().unwrap();
    // Out of order: travel before consent, arrival before travel.
    let v = refused(
        app,
        id,
        "travel",
        json!({"transport": "land", "route": "Vienna - Prizren",
        "departure_on": "2025-02-03", "destination_municipality": "Prizren"}),
        StatusCode::CONFLICT,
        None,
    )
    .await;
    assert!(v["detail"].as_str().unwrap().contains("consent"), "{v}");
    refused(app, id, "arrival", json!({"arrived_on": "2025-02-04"}), StatusCode::CONFLICT, None).await;
    refused(
        app,
        id,
        "counselling",
        json!({"held_on": "2025-01-08", "language": "sq", "topics": ["weather"]}),
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("topics[0]"),
    )
    .await;
    step(app, id, "counselling", json!({"held_on": "2025-01-08", "language": "sq", "topics": ["housing"]})).await;
    let mut coerced = consent("2025-01-10");
    coerced["without_coercion"] = json!(false);
    refused(app, id, "consent", coerced, StatusCode::UNPROCESSABLE_ENTITY, Some("without_coercion")).await;
    step(app, id, "consent", consent("2025-01-10")).await;
    step(
        app,
        id,
        "travel",
        json!({"transport": "land", "route": "Vienna - Prizren", "departure_on": "2025-02-03",
        "destination_municipality": "Prizren"}),
    )
    .await;

    let v = refused(
        app,
        id,
        "arrival",
        json!({"arrived_on": "2025-02-01"}),
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("arrived_on"),
    )
    .await;
    assert!(reason(&v, "arrived_on").contains("before departure on 2025-02-03"), "{v}");
    // A visit needs an arrival: before it, the lifecycle refuses; before its day, the date is refused.
    refused(
        app,
        id,
        "visits",
        json!({"visited_on": "2025-02-05", "remigration": "stayed"}),
        StatusCode::CONFLICT,
        None,
    )
    .await;
    step(app, id, "arrival", json!({"arrived_on": "2025-02-04"})).await;
    let v = refused(
        app,
        id,
        "visits",
        json!({"visited_on": "2025-02-01", "remigration": "stayed"}),
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("visited_on"),
    )
    .await;
    assert!(reason(&v, "visited_on").contains("before the arrival on 2025-02-04"), "{v}");
    refused(
        app,
        id,
        "visits",
        json!({"visited_on": "2025-05-05", "remigration": "stayed", "answers": {"wealth": 1}}),
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("answers.wealth"),
    )
    .await;

    let v = refused(app, id, "plan-items", plan_item(business, 50_000), StatusCode::CONFLICT, None).await;
    assert!(v["detail"].as_str().unwrap().contains("assessment"), "{v}");
    step(app, id, "assessment", json!({"skills": "driving"})).await;
    let v = refused(
        app,
        id,
        "plan-items",
        plan_item(option_id(&elsewhere, "kit"), 10_000),
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("option_id"),
    )
    .await;
    assert!(reason(&v, "option_id").contains(&format!("{business} (business)")), "lists the options: {v}");
    let v = refused(
        app,
        id,
        "plan-items",
        plan_item(business, 160_000),
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("amount_cents"),
    )
    .await;
    let why = reason(&v, "amount_cents");
    assert!(why.contains("1600.00 EUR") && why.contains("ceiling of 1500.00 EUR"), "{why}");
    step(app, id, "plan-items", plan_item(business, 150_000)).await;
    // Within the kit's ceiling (300.00 EUR for one person) but over what is left of the budget.
    let v =
        refused(app, id, "plan-items", plan_item(kit, 20_000), StatusCode::UNPROCESSABLE_ENTITY, Some("amount_cents"))
            .await;
    let why = reason(&v, "amount_cents");
    assert!(why.contains("budget of 1600.00 EUR") && why.contains("100.00 EUR left"), "{why}");
    let v = step(app, id, "plan-items", plan_item(kit, 10_000)).await;
    let item_id = v["plan"][0]["id"].as_i64().unwrap();
    // A disbursement can never pass the budget: it is bounded by its commitment, itself within
    // the budget. More than the whole budget is refused naming the commitment it would pass.
    let v = refused(
        app,
        id,
        "disbursements",
        json!({"plan_item_id": item_id, "amount_cents": 170_000,
        "paid_on": "2025-02-12"}),
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("amount_cents"),
    )
    .await;
    assert!(reason(&v, "amount_cents").contains("over its commitment of 1500.00 EUR"), "{v}");
    refused(
        app,
        id,
        "disbursements",
        json!({"plan_item_id": item_id, "amount_cents": 1000, "paid_on": "2025-02-01"}),
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("paid_on"),
    )
    .await;
    let (_, p) = app.get("viewer", &format!("/api/v1/programmes/{}", p["id"])).await;
    assert_eq!((p["committed_cents"].as_i64(), p["disbursed_cents"].as_i64()), (Some(160_000), Some(0)));

    // A forced return has no consent.
    let forced = app.person("caseworker", person_json("Bekim", "Krasniqi")).await;
    let case = open_case(app, json!({"person_id": forced, "return_type": "forced", "host_country": "DE"})).await;
    let forced = case["id"].as_i64().unwrap();
    let v = refused(app, forced, "consent", consent("2025-01-10"), StatusCode::CONFLICT, None).await;
    assert!(v["detail"].as_str().unwrap().contains("forced-return order"), "{v}");
    refused(
        app,
        forced,
        "consent/withdrawal",
        json!({"withdrawn_on": "2025-01-10", "reason": "x"}),
        StatusCode::CONFLICT,
        None,
    )
    .await;
    refused(
        app,
        id,
        "forced-return-order",
        json!({"ordered_on": "2025-01-10", "reference": "X"}),
        StatusCode::CONFLICT,
        None,
    )
    .await;
    // Unknown fields and ids are refused like everywhere else.
    refused(
        app,
        forced,
        "closure",
        json!({"closed_on": "2025-01-10", "reason": "x", "extra": 1}),
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("extra"),
    )
    .await;
    let (s, _) =
        app.post("caseworker", "/api/v1/return-cases/999999/arrival", json!({"arrived_on": "2025-02-04"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}
both_backends!(refused_steps_write_nothing);

async fn forced_return_carries_its_screening(app: &TestApp) {
    let mut man = person_json("Sabit", "Avdiu");
    man["sex"] = json!("male");
    man["community"] = json!("ashkali");
    man["municipality_of_origin"] = json!("Ferizaj");
    let man = app.person("caseworker", man).await;
    // Screened under the 2006 and then the 2004 policy: the order takes the screening under the
    // policy in force on its date, not the one made last.
    let mut screenings = Vec::new();
    for day in ["2007-01-01", "2005-01-01"] {
        let (s, v) = app
            .post(
                "caseworker",
                "/api/v1/screenings",
                json!({"person_id": man, "return_type": "forced", "as_of": day,
                       "facts": crate::screenings::all_no(man)}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        screenings.push((v["id"].as_i64().unwrap(), v["outcome"].as_str().unwrap().to_string()));
    }
    assert_ne!(screenings[0].1, screenings[1].1, "the two policies decide differently");
    let case = open_case(
        app,
        json!({"person_id": man, "return_type": "forced", "host_country": "DE", "registered_on": "2025-03-01", "entered_from_paper": true}),
    )
    .await;
    let id = case["id"].as_i64().unwrap();
    assert_eq!(steps(&case), ["counsel", "order_forced_return", "close", "convert_to_voluntary"]);
    assert!(case["screening_id"].is_null());
    let v =
        step(app, id, "forced-return-order", json!({"ordered_on": "2025-03-05", "reference": "BAMF 2025/0042"})).await;
    assert_eq!(v["stage"], "forced_return_ordered");
    assert_eq!(v["order_reference"], "BAMF 2025/0042");
    assert_eq!(v["screening_id"], screenings[0].0);
    assert_eq!(v["screening_outcome"], "no_bar_found");
    assert_eq!(screenings[1].1, "protected", "the 2004 policy protected Ashkali");
    assert_eq!(v["gate"]["open"], true, "{}", v["gate"]);
    assert_eq!(steps(&v), ["counsel", "arrange_travel", "close", "convert_to_voluntary"]);
    let audit = actions(app, id).await;
    assert_eq!(audit.last().unwrap().0, "return_case.order_forced_return");
    let (_, entries) = app.get("admin", &format!("/api/v1/audit?record_type=return_case&record_id={id}")).await;
    assert!(entries[0]["detail"].as_str().unwrap().contains(&format!("\"screening_id\":{}", screenings[0].0)));
    // The rest of a forced return is the same journey.
    let v = step(
        app,
        id,
        "travel",
        json!({"transport": "air", "route": "Munich - Prishtinë", "departure_on": "2025-03-20",
        "destination_municipality": "Ferizaj"}),
    )
    .await;
    assert_eq!(v["destination_municipality"], "ferizaj");
    let v = step(app, id, "arrival", json!({"arrived_on": "2025-03-20"})).await;
    assert_eq!(v["stage"], "arrived");
}
both_backends!(forced_return_carries_its_screening);

async fn withdrawal_stops_the_case(app: &TestApp) {
    sheet(app, "Prizren").await;
    let person = app.person("caseworker", person_json("Drita", "Hasani")).await;
    let body = json!({"person_id": person, "return_type": "voluntary", "host_country": "DE",
                      "destination_municipality": "Prizren", "registered_on": "2024-10-01", "entered_from_paper": true});
    let case = open_case(app, body.clone()).await;
    let id = case["id"].as_i64().unwrap();
    step(app, id, "counselling", json!({"held_on": "2024-10-02", "language": "sq", "topics": ["housing"]})).await;
    step(app, id, "consent", consent("2024-10-03")).await;
    step(
        app,
        id,
        "travel",
        json!({"transport": "air", "route": "Berlin - Prishtinë", "departure_on": "2024-11-01",
        "destination_municipality": "Prizren"}),
    )
    .await;
    // While the case is open the person cannot be in a second one.
    let (s, v) = app.post("caseworker", "/api/v1/return-cases", body.clone()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reason(&v, "person_id").contains(&format!("open return case {id}")), "{v}");

    refused(
        app,
        id,
        "consent/withdrawal",
        json!({"withdrawn_on": "2024-10-20", "reason": "  "}),
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("reason"),
    )
    .await;
    refused(
        app,
        id,
        "consent/withdrawal",
        json!({"withdrawn_on": "2024-10-01", "reason": "Changed her mind"}),
        StatusCode::UNPROCESSABLE_ENTITY,
        Some("withdrawn_on"),
    )
    .await;
    let why = "Her daughter's asylum appeal is still pending in Germany";
    let v = step(app, id, "consent/withdrawal", json!({"withdrawn_on": "2024-10-20", "reason": why})).await;
    assert_eq!(v["stage"], "stopped");
    assert_eq!(v["consent_withdrawn_on"], "2024-10-20");
    assert_eq!(v["consent_withdrawal_reason"], why);
    assert!(steps(&v).is_empty());
    let (last, logged) = actions(app, id).await.pop().unwrap();
    assert_eq!(last, "return_case.withdraw_consent");
    assert_eq!(logged.as_deref(), Some(why));

    for (path, body) in [
        ("arrival", json!({"arrived_on": "2024-11-01"})),
        ("counselling", json!({"held_on": "2024-10-21", "language": "sq", "topics": ["housing"]})),
        ("consent", consent("2024-10-21")),
        ("closure", json!({"closed_on": "2024-10-21", "reason": "x"})),
    ] {
        let v = refused(app, id, path, body, StatusCode::CONFLICT, None).await;
        assert!(v["detail"].as_str().unwrap().contains("stopped"), "{path}: {v}");
    }
    // A stopped case is over: the person may start again.
    open_case(app, body).await;
}
both_backends!(withdrawal_stops_the_case);

async fn who_may_do_what(app: &TestApp) {
    sheet(app, "Prizren").await;
    let person = app.person("caseworker", person_json("Fitore", "Shala")).await;
    let case = open_case(
        app,
        json!({"person_id": person, "return_type": "voluntary", "host_country": "DE", "registered_on": "2024-10-01", "entered_from_paper": true,
               "destination_municipality": "Prizren"}),
    )
    .await;
    let id = case["id"].as_i64().unwrap();
    let path = format!("/api/v1/return-cases/{id}");
    let counselling = json!({"held_on": "2024-10-02", "language": "sq", "topics": ["housing"]});

    // The viewer reads everything and writes nothing.
    let audit = app.count("audit_log").await;
    for (method, route, body) in [
        (
            Method::POST,
            "/api/v1/return-cases".to_string(),
            json!({"person_id": person, "return_type": "voluntary", "host_country": "DE"}),
        ),
        (Method::POST, format!("{path}/counselling"), counselling.clone()),
        (Method::POST, format!("{path}/closure"), json!({"closed_on": "2024-10-02", "reason": "x"})),
        (Method::PUT, "/api/v1/info-sheets/prizren".to_string(), sheet_body("x")),
        (Method::POST, "/api/v1/programmes".to_string(), programme_body("VIEWER", 100_000)),
    ] {
        let r = app.call(Some("viewer"), method, &route, Some(body)).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{route}");
    }
    assert_eq!(app.count("audit_log").await, audit);
    for route in [
        path.clone(),
        "/api/v1/return-cases".into(),
        "/api/v1/info-sheets/prizren".into(),
        "/api/v1/programmes".into(),
        "/api/v1/sustainability-config".into(),
        "/api/v1/reports/returns?from=2024-01-01&to=2024-12-31".into(),
        "/api/v1/reports/sustainability".into(),
    ] {
        let (s, v) = app.get("viewer", &route).await;
        assert_eq!(s, StatusCode::OK, "{route}: {v}");
    }

    // Another agency does not know the case exists.
    let (s, v) = app.get("other", &path).await;
    assert_eq!((s, v["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    let (s, _) = app.post("other", &format!("{path}/counselling"), counselling.clone()).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, list) = app.get("other", "/api/v1/return-cases").await;
    assert_eq!(list["total"], 0);
    let (s, v) = app
        .post(
            "other",
            "/api/v1/return-cases",
            json!({"person_id": person, "return_type": "voluntary",
        "host_country": "DE"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["errors"][0]["field"], "person_id");
    assert!(!v.to_string().contains("Fitore"));

    // Health needs: recorded only with the permission, withheld from readers without it.
    walk_to_arrival(app, &case, "air", "2024-11-05").await;
    let before = version(app, id).await;
    let (s, v) = app
        .post("plainworker", &format!("{path}/assessment"), json!({"skills": "cooking", "health_needs": "insulin"}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["errors"][0]["field"], "health_needs");
    assert_eq!(version(app, id).await, before);
    let v =
        step(app, id, "assessment", json!({"skills": "cooking", "health_needs": "Daily insulin for diabetes"})).await;
    assert_eq!(v["health_needs"], "Daily insulin for diabetes");
    assert!(v["assessment"].get("health_needs").is_none(), "kept apart from the assessment: {v}");
    let (s, v) = app.get("plainworker", &path).await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["health_needs"].is_null());
    assert_eq!(v["special_categories_withheld"], true);
    assert!(!v.to_string().contains("insulin"));
    // A writer without the permission may change the assessment; the health needs stay.
    let (s, v) = app.post("plainworker", &format!("{path}/assessment"), json!({"skills": "cooking, cleaning"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["special_categories_withheld"], true);
    let (_, v) = app.get("caseworker", &path).await;
    assert_eq!(v["special_categories_withheld"], false);
    assert_eq!(v["health_needs"], "Daily insulin for diabetes");
    assert_eq!(v["assessment"]["skills"], "cooking, cleaning");
    let audit = actions(app, id).await;
    assert_eq!(audit.last().unwrap().0, "return_case.read_special", "the read of health needs is audited");
}
both_backends!(who_may_do_what);

async fn period_report_and_dashboard(app: &TestApp) {
    // Exact counts of a handful of cases: no small-cell threshold here (the next test has one).
    app.db.set_small_cell_threshold(1);
    sheet(app, "Prizren").await;
    let p = programme(app, "VARRP", 10_000_000).await;
    let kit = option_id(&p, "kit");
    let mut ids = Vec::new();
    // (given name, born, return type, host country, transport, arrival): the third arrives
    // before the period, the last never leaves.
    for (name, born, return_type, host, transport, arrived) in [
        ("Arben", "1995", "voluntary", "DE", "air", Some("2025-03-10")),
        ("Burim", "2010", "forced", "AT", "land", Some("2025-04-20")),
        ("Cenet", "1950", "voluntary", "DE", "land", Some("2024-12-15")),
        ("Dafina", "1980", "voluntary", "AT", "air", None),
    ] {
        let mut person = person_json(name, "Morina");
        person["date_of_birth"] = json!(born);
        // A forced returnee passes the protection gate only with a known community.
        if return_type == "forced" {
            person["community"] = json!("albanian");
        }
        let person = app.person("caseworker", person).await;
        let case = open_case(
            app,
            json!({"person_id": person, "return_type": return_type, "host_country": host, "programme_id": p["id"],
                   "destination_municipality": "Prizren", "registered_on": "2024-10-01", "entered_from_paper": true}),
        )
        .await;
        if let Some(day) = arrived {
            walk_to_arrival(app, &case, transport, day).await;
        }
        ids.push(case["id"].as_i64().unwrap());
    }
    // Assistance paid in the period for the first case.
    step(app, ids[0], "assessment", json!({"skills": "welding"})).await;
    let v = step(
        app,
        ids[0],
        "plan-items",
        json!({"option_id": kit, "description": "Welding kit", "amount_cents": 25_000,
        "committed_on": "2025-03-12", "indirect_beneficiaries": 4}),
    )
    .await;
    let item = v["plan"][0]["id"].as_i64().unwrap();
    step(app, ids[0], "disbursements", json!({"plan_item_id": item, "amount_cents": 25_000, "paid_on": "2025-03-15"}))
        .await;

    let (s, r) = app.get("caseworker", "/api/v1/reports/returns?from=2025-01-01&to=2025-06-30").await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!((r["from"].as_str(), r["to"].as_str()), (Some("2025-01-01"), Some("2025-06-30")));
    assert_eq!((r["returns"].as_i64(), r["cases"].as_i64()), (Some(2), Some(2)));
    let cells = |key: &str| -> Vec<(String, i64)> {
        r[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["key"].as_str().unwrap().to_string(), c["persons"].as_i64().unwrap()))
            .collect()
    };
    assert_eq!(cells("by_host_country"), [("AT".to_string(), 1), ("DE".to_string(), 1)]);
    assert_eq!(cells("by_transport"), [("air".to_string(), 1), ("land".to_string(), 1)]);
    assert_eq!(cells("by_return_type"), [("forced".to_string(), 1), ("voluntary".to_string(), 1)]);
    assert_eq!(cells("by_municipality"), [("prizren".to_string(), 2)]);
    assert_eq!(cells("by_programme"), [("VARRP".to_string(), 2)]);
    assert_eq!(cells("by_age_group"), [("0-17".to_string(), 1), ("18-34".to_string(), 1)]);
    assert_eq!(r["assistance"][0]["assistance_kind"], "toolkit");
    assert_eq!(r["assistance"][0]["disbursed_cents"], 25_000);
    assert_eq!((r["direct_beneficiaries"].as_i64(), r["indirect_beneficiaries"].as_i64()), (Some(1), Some(4)));
    assert!(r["by_community"].is_array(), "the caseworker holds the permission");
    assert!(!r.to_string().contains("Morina"), "counts only");
    let (_, r) = app.get("viewer", "/api/v1/reports/returns?from=2024-01-01&to=2024-12-31").await;
    assert_eq!(r["returns"], 1);
    assert_eq!(r["by_host_country"][0]["key"], "DE");
    assert_eq!(r["by_age_group"][0]["key"], "60+");
    assert!(r["by_community"].is_null(), "withheld without the permission");
    let (_, r) = app.get("other", "/api/v1/reports/returns?from=2024-01-01&to=2025-12-31").await;
    assert_eq!(r["returns"], 0, "another agency's returns are not counted");
    for (query, field) in [
        ("to=2025-06-30", "from"),
        ("from=2025-01-01", "to"),
        ("from=2025-01-01&to=2025-13-01", "to"),
        ("from=01.01.2025&to=2025-06-30", "from"),
        ("from=2025-07-01&to=2025-06-30", "to"),
        ("from=2025-01-01&to=2025-06-30&format=pdf", "format"),
    ] {
        let (s, v) = app.get("viewer", &format!("/api/v1/reports/returns?{query}")).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{query}: {v}");
        assert_eq!(v["errors"][0]["field"], field, "{query}: {v}");
    }
    // The same report as CSV and XLSX files.
    let period = "/api/v1/reports/returns?from=2025-01-01&to=2025-06-30";
    let csv = app.call(Some("caseworker"), Method::GET, &format!("{period}&format=csv"), None).await;
    assert!(csv.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = csv.text().await.unwrap();
    assert!(csv.contains("\ntotal,returns,2025-01-01 to 2025-06-30,2,2,"), "{csv}");
    assert!(csv.contains("\nhost_country,AT,Austria,1,1,"), "{csv}");
    let xlsx = app.call(Some("caseworker"), Method::GET, &format!("{period}&format=xlsx"), None).await;
    assert_eq!(xlsx.status(), StatusCode::OK);
    let bytes = xlsx.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX file is a zip archive");

    // Three months on, the voluntary returnee stayed and the forced one had left again.
    let answers = json!({"income_source": 2, "housing": 3, "feels_safe": 2});
    step(app, ids[0], "visits", json!({"visited_on": "2025-06-12", "remigration": "stayed", "answers": answers})).await;
    step(app, ids[1], "visits", json!({"visited_on": "2025-07-21", "remigration": "left_again"})).await;
    let (s, d) = app.get("viewer", "/api/v1/reports/sustainability?from=2025-01-01&to=2025-06-30").await;
    assert_eq!(s, StatusCode::OK, "{d}");
    assert_eq!(d["config_id"], "drom-rss-1");
    let months: Vec<i64> = d["milestones"].as_array().unwrap().iter().map(|m| m["months"].as_i64().unwrap()).collect();
    assert_eq!(months, [3, 6, 12]);
    let row = |milestone: usize, return_type: &str| -> Value {
        d["milestones"][milestone]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["return_type"] == return_type)
            .unwrap()
            .clone()
    };
    let voluntary = row(0, "voluntary");
    assert_eq!((voluntary["cases_due"].as_i64(), voluntary["in_place"].as_i64()), (Some(1), Some(1)));
    assert_eq!(voluntary["share_in_place"], 1.0);
    assert_eq!(voluntary["composite"], 1000, "every answer at its best");
    let forced = row(0, "forced");
    assert_eq!((forced["cases_due"].as_i64(), forced["left_again"].as_i64()), (Some(1), Some(1)));
    assert_eq!(forced["share_in_place"], 0.0);
    // A year on, nobody has visited the voluntary returnee again; the forced one is still gone.
    assert_eq!(row(2, "voluntary")["unknown"], 1);
    // A share says what it rests on: nothing is known of the voluntary returnee a year on.
    assert_eq!(
        (voluntary["share_known"].as_f64(), row(2, "voluntary")["share_known"].as_f64()),
        (Some(1.0), Some(0.0))
    );
    assert_eq!(row(2, "forced")["left_again"], 1);
    // Counted on a day before any milestone was due, nothing is.
    let (_, d) = app.get("viewer", "/api/v1/reports/sustainability?as_of=2025-05-01").await;
    let due: i64 = d["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["rows"].as_array().unwrap().iter().map(|r| r["cases_due"].as_i64().unwrap()))
        .sum();
    assert_eq!(due, 1, "only the case of December 2024 had reached three months");
    let (s, v) = app.get("viewer", "/api/v1/reports/sustainability?as_of=tomorrow").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["errors"][0]["field"], "as_of");
}
both_backends!(period_report_and_dashboard);

/// With the default threshold, a report of one family's return says nothing about that family.
async fn small_counts_are_hidden(app: &TestApp) {
    sheet(app, "Prizren").await;
    let mut ids = Vec::new();
    for name in ["Ardian", "Besa", "Cen", "Dea"] {
        let person = app.person("caseworker", person_json(name, "Krasniqi")).await;
        let case = open_case(
            app,
            json!({"person_id": person, "return_type": "voluntary", "host_country": "DE",
                   "destination_municipality": "Prizren", "registered_on": "2024-10-01", "entered_from_paper": true}),
        )
        .await;
        walk_to_arrival(app, &case, "air", "2025-03-10").await;
        ids.push(case["id"].as_i64().unwrap());
    }
    let (s, r) = app.get("caseworker", "/api/v1/reports/returns?from=2025-01-01&to=2025-06-30").await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!((r["small_cell_threshold"].as_i64(), r["suppressed"].as_bool()), (Some(5), Some(true)));
    for breakdown in ["by_host_country", "by_municipality", "by_transport", "by_sex"] {
        for cell in r[breakdown].as_array().unwrap() {
            assert!(cell["persons"].is_null() && cell["cases"].is_null(), "{breakdown}: {cell}");
        }
    }
    let csv = app
        .call(Some("caseworker"), Method::GET, "/api/v1/reports/returns?from=2025-01-01&to=2025-06-30&format=csv", None)
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.contains("\nhost_country,DE,Germany,<5,<5,"), "{csv}");
    let (c, _) = crate::pages::sign_in(app, "caseworker").await;
    let (_, html) = crate::pages::get(&c, app, "/reports/returns?from=2025-01-01&to=2025-06-30").await;
    assert!(html.contains("fewer than 5") && html.contains("id=\"suppressed\""), "the page says what it hides");
    assert!(!html.contains("no person can be identified"), "and claims no more than it gives");
    // The dashboard hides a milestone of four cases whole: counts, shares and scores.
    let (_, d) = app.get("caseworker", "/api/v1/reports/sustainability").await;
    let row = &d["milestones"][0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["return_type"] == "voluntary")
        .unwrap()
        .clone();
    for field in ["cases_due", "in_place", "unknown", "share_in_place", "share_known", "composite"] {
        assert!(row[field].is_null(), "{field}: {row}");
    }
}
both_backends!(small_counts_are_hidden);
