//! A caseworker's day (issue 11): a case typed in from paper records with its old dates, and
//! saying so; countries and municipalities typed by name in any of the three languages; consent
//! recorded again after it was withdrawn.

use crate::both_backends;
use crate::helpers::{TestApp, day, person_json};
use crate::pages::{get, post, sign_in};
use crate::return_pages::{current_stage, step, write_sheet};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The reason code a problem gives for `field`, if it names it.
fn code_of(problem: &Value, field: &str) -> Option<String> {
    problem["errors"].as_array()?.iter().find(|e| e["field"] == field).map(|e| e["code"].as_str().unwrap().to_string())
}

async fn a_case_is_entered_from_paper_and_says_so(app: &TestApp) {
    let person = app.person("caseworker", person_json("Fatime", "Berisha")).await;
    let case = |registered_on: String, paper: bool| {
        json!({"person_id": person, "return_type": "voluntary", "host_country": "DE",
               "destination_municipality": "Fushë Kosovë", "registered_on": registered_on, "entered_from_paper": paper})
    };
    // Typed as it happens, a case is registered within the last 30 days: an older day is
    // refused naming the field, and nothing is recorded.
    let (s, v) = app.post("caseworker", "/api/v1/return-cases", case(day(-200), false)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(code_of(&v, "registered_on").as_deref(), Some("registered_long_ago"), "{v}");
    let (s, v) = app
        .post(
            "caseworker",
            "/api/v1/return-cases",
            json!({"person_id": person, "return_type": "voluntary",
        "host_country": "DE", "registered_on": day(-200)}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "the flag is false unless given: {v}");
    // Entered from paper, a day in the future is still refused.
    let (s, v) = app.post("caseworker", "/api/v1/return-cases", case(day(1), true)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(code_of(&v, "registered_on").as_deref(), Some("in_future"), "{v}");
    assert_eq!(app.count("return_case").await, 0, "nothing recorded by refused input");

    // A recent day needs no flag, and the case does not claim to be from paper.
    let other = app.person("caseworker", person_json("Arben", "Gashi")).await;
    let (s, v) = app
        .post(
            "caseworker",
            "/api/v1/return-cases",
            json!({"person_id": other, "return_type": "forced",
            "host_country": "AT", "registered_on": day(-30)}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["entered_from_paper"], false);
    assert!(v["paper"].is_null());

    let (s, v) = app.post("caseworker", "/api/v1/return-cases", case(day(-200), true)).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["id"].as_i64().unwrap();
    assert_eq!(v["registered_on"], day(-200));
    assert_eq!(v["entered_from_paper"], true);
    assert_eq!(v["paper"]["entered_by_name"], "caseworker");
    assert!(v["paper"]["entered_at"].as_str().unwrap().starts_with(&day(0)), "{v}");
    let (_, read) = app.get("viewer", &format!("/api/v1/return-cases/{id}")).await;
    assert_eq!(read["entered_from_paper"], true, "kept: {read}");
    let (_, audit) = app.get("admin", &format!("/api/v1/audit?record_type=return_case&record_id={id}")).await;
    let create = audit.as_array().unwrap().iter().find(|e| e["action"] == "return_case.create").expect("audited");
    let detail: Value = serde_json::from_str(create["detail"].as_str().unwrap()).unwrap();
    assert_eq!(detail["entered_from_paper"], true, "{create}");
    assert_eq!(detail["registered_on"], day(-200), "{create}");

    // The case page says so in the reader's language.
    let (c, csrf) = sign_in(app, "caseworker").await;
    let (_, html) = get(&c, app, &format!("/return-cases/{id}")).await;
    assert!(html.contains("id=\"paper\">Entered from paper on ") && html.contains(" by caseworker."), "{html}");
    let r = post(&c, app, "/language", &[("csrf", &csrf), ("lang", "sq"), ("next", "/home")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = get(&c, app, &format!("/return-cases/{id}")).await;
    assert!(html.contains("id=\"paper\">Futur nga letra më ") && html.contains(" nga caseworker."), "{html}");
    let (_, html) = get(&c, app, &format!("/return-cases/{}", v["id"].as_i64().unwrap() - 1)).await;
    assert!(!html.contains("id=\"paper\""), "a case typed as it happened says nothing of paper");
}
both_backends!(a_case_is_entered_from_paper_and_says_so);

async fn a_paper_case_is_walked_through_its_past_dates_on_the_pages(app: &TestApp) {
    let person = app.person("caseworker", person_json("Lirie", "Hoxha")).await;
    let (c, csrf) = sign_in(app, "caseworker").await;
    write_sheet(app, &c).await;
    let (_, html) = get(&c, app, &format!("/return-cases/new?person_id={person}")).await;
    assert!(html.contains("name=\"entered_from_paper\"") && html.contains("name=\"registered_on\""), "{html}");
    let person = person.to_string();
    let long_ago = day(-400);
    let form = |paper: bool| {
        let mut f = vec![
            ("csrf", csrf.as_str()),
            ("person_id", person.as_str()),
            ("return_type", "voluntary"),
            ("host_country", "DE"),
            ("destination_municipality", "fushe-kosove"),
            ("registered_on", long_ago.as_str()),
        ];
        if paper {
            f.push(("entered_from_paper", "on"));
        }
        f
    };
    let r = post(&c, app, "/return-cases/new", &form(false)).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"case-registered_on-error\""), "the field named: {html}");
    assert!(html.contains("more than 30 days ago"), "{html}");
    assert_eq!(app.count("return_case").await, 0);

    let r = post(&c, app, "/return-cases/new", &form(true)).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    let case = r.headers()["location"].to_str().unwrap().rsplit('/').next().unwrap().to_string();
    let days: Vec<String> = [-390, -380, -300, -299].into_iter().map(day).collect();
    for (key, fields) in [
        (
            "counselling",
            vec![
                ("held_on", days[0].as_str()),
                ("language", "sq"),
                ("info_municipality", "fushe-kosove"),
                ("topics", "housing"),
            ],
        ),
        (
            "consent",
            vec![
                ("given_on", &days[1]),
                ("language", "sq"),
                ("free", "on"),
                ("without_coercion", "on"),
                ("informed", "on"),
            ],
        ),
        (
            "travel",
            vec![
                ("transport", "air"),
                ("route", "Munich MUC - Prishtinë PRN"),
                ("departure_on", &days[2]),
                ("destination_municipality", "fushe-kosove"),
            ],
        ),
        ("arrival", vec![("arrived_on", days[3].as_str())]),
    ] {
        let r = step(&c, app, &csrf, &case, key, &fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{key}: {}", r.text().await.unwrap());
    }
    let (_, v) = app.get("caseworker", &format!("/api/v1/return-cases/{case}")).await;
    assert_eq!(v["arrived_on"], days[3], "{v}");
    assert_eq!(v["counselling"][0]["held_on"], days[0]);
    let (_, html) = get(&c, app, &format!("/return-cases/{case}")).await;
    assert_eq!(current_stage(&html), "arrived");
}
both_backends!(a_paper_case_is_walked_through_its_past_dates_on_the_pages);

async fn countries_and_municipalities_are_typed_by_name_or_code(app: &TestApp) {
    let (c, csrf) = sign_in(app, "caseworker").await;
    let (_, html) = get(&c, app, "/persons/new").await;
    assert!(
        html.contains("id=\"current_country\" name=\"current_country\" value=\"\" list=\"countries-list\""),
        "{html}"
    );
    assert!(html.contains("<option value=\"Germany\">DE</option>"), "names suggested in the reader's language");
    assert!(html.contains("<option value=\"Fushë Kosovë/Kosovo Polje\">"), "municipalities suggested");
    let person = |given: &'static str, country: &'static str, municipality: &'static str, issued_in: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("given_name", given.to_string()),
            ("family_name", "Rama".to_string()),
            ("sex", "male".to_string()),
            ("municipality_of_origin", municipality.to_string()),
            ("current_country", country.to_string()),
            ("documents[0].kind", "passport".to_string()),
            ("documents[0].number", format!("P-{given}")),
            ("documents[0].issuing_country", issued_in.to_string()),
            ("legal_basis.kind", "consent".to_string()),
            ("legal_basis.consent_date", day(-1)),
            ("legal_basis.consent_scope", "registration".to_string()),
            ("legal_basis.consent_language", "sq".to_string()),
        ]
    };
    let post_person = async |fields: Vec<(&str, String)>| {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        post(&c, app, "/persons/new", &fields).await
    };
    // A country by its Albanian, Serbian or English name or its code, any case or accents; a
    // municipality by either official name or its code.
    for (given, country, municipality, issued_in) in [
        ("Agim", "Gjermani", "Pejë", "gjermani"),
        ("Bekim", "Nemačka", "Peć", "nemacka"),
        ("Cen", "Germany", "Fushë Kosovë/Kosovo Polje", "AUSTRIA"),
        ("Dardan", "DE", "peje", "at"),
    ] {
        let r = post_person(person(given, country, municipality, issued_in)).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{given}: {}", r.text().await.unwrap());
        let id = r.headers()["location"].to_str().unwrap().rsplit('/').next().unwrap().to_string();
        let (_, p) = app.get("caseworker", &format!("/api/v1/persons/{id}")).await;
        assert_eq!(p["current_country"], "DE", "{given}: {p}");
        assert!(["peje", "fushe-kosove"].contains(&p["municipality_of_origin"].as_str().unwrap()), "{p}");
        assert!(["DE", "AT"].contains(&p["documents"][0]["issuing_country"].as_str().unwrap()), "{p}");
        // Its edit form shows the country and municipality by name.
        let (_, html) = get(&c, app, &format!("/persons/{id}/edit")).await;
        assert!(html.contains("name=\"current_country\" value=\"Germany\""), "{given}");
    }
    let before = app.count("person").await;
    // Anything else is refused naming the field, and nothing is saved.
    let r = post_person(person("Edon", "Atlantis", "peje", "DE")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"current_country-error\">&#39;Atlantis&#39; is not a known country"), "{html}");
    assert!(html.contains("value=\"Atlantis\""), "what was typed is kept");
    let r = post_person(person("Edon", "DE", "Gotham", "Atlantida")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"documents[0].issuing_country-error\""), "{html}");
    let r = post_person(person("Edon", "DE", "Gotham", "DE")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("id=\"municipality_of_origin-error\""));
    assert_eq!(app.count("person").await, before, "nothing saved");

    // The new return case form reads the host country and destination the same way.
    let person_id = app.person("caseworker", person_json("Flutura", "Rama")).await.to_string();
    let (_, html) = get(&c, app, &format!("/return-cases/new?person_id={person_id}")).await;
    assert!(html.contains("name=\"destination_municipality\" value=\"Fushë Kosovë/Kosovo Polje\""), "{html}");
    let case = |host: &'static str, destination: &'static str| {
        [
            ("csrf", csrf.as_str()),
            ("person_id", person_id.as_str()),
            ("return_type", "voluntary"),
            ("host_country", host),
            ("destination_municipality", destination),
        ]
    };
    let r = post(&c, app, "/return-cases/new", &case("Atlantis", "Prizren")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"case-host_country-error\""), "{html}");
    let r = post(&c, app, "/return-cases/new", &case("Nemačka", "Gotham")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("id=\"case-destination_municipality-error\""));
    assert_eq!(app.count("return_case").await, 0, "nothing saved");
    let r = post(&c, app, "/return-cases/new", &case("gjermani", "Prizren")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    let (_, v) = app
        .get(
            "caseworker",
            r.headers()["location"].to_str().unwrap().replace("/return-cases", "/api/v1/return-cases").as_str(),
        )
        .await;
    assert_eq!(
        (v["host_country"].as_str(), v["destination_municipality"].as_str()),
        (Some("DE"), Some("prizren")),
        "{v}"
    );
}
both_backends!(countries_and_municipalities_are_typed_by_name_or_code);

async fn consent_is_recorded_again_after_a_withdrawal(app: &TestApp) {
    let person = app.person("caseworker", person_json("Mimoza", "Kryeziu")).await;
    let voluntary = json!({"person_id": person, "return_type": "voluntary", "host_country": "DE"});
    let (s, _) = app
        .post(
            "caseworker",
            &format!("/api/v1/persons/{person}/consent-withdrawal"),
            json!({"reason": "Changed her mind"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = app.post("caseworker", "/api/v1/return-cases", voluntary.clone()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(code_of(&v, "person_id").as_deref(), Some("case_consent_withdrawn"), "{v}");

    let (c, csrf) = sign_in(app, "caseworker").await;
    let page = format!("/persons/{person}");
    let (_, html) = get(&c, app, &page).await;
    assert!(html.contains(&format!("action=\"/persons/{person}/record-consent\"")), "offered after a withdrawal");
    assert!(!html.contains("/withdraw-consent\""), "no second withdrawal");
    assert!(html.contains("name=\"legal_basis.consent_language\" value=\"sq\""), "starts from the withdrawn consent");
    let action = format!("/persons/{person}/record-consent");
    // A consent dated before the withdrawal, or without its scope, is refused next to its field,
    // and the withdrawal stays.
    for (date, scope, field) in [
        (day(-3), "registration and return", "legal_basis.consent_date"),
        (day(0), "", "legal_basis.consent_scope"),
        (day(1), "registration and return", "legal_basis.consent_date"),
    ] {
        let r = post(
            &c,
            app,
            &action,
            &[
                ("csrf", &csrf),
                ("legal_basis.consent_date", &date),
                ("legal_basis.consent_language", "sq"),
                ("legal_basis.consent_scope", scope),
            ],
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{date} {scope}");
        let html = r.text().await.unwrap();
        assert!(html.contains(&format!("id=\"{field}-error\"")), "{field}: {html}");
        let (_, p) = app.get("caseworker", &format!("/api/v1/persons/{person}")).await;
        assert!(p["consent_withdrawn_at"].is_string(), "still withdrawn: {p}");
    }
    let r = post(
        &c,
        app,
        &action,
        &[
            ("csrf", &csrf),
            ("legal_basis.consent_date", &day(0)),
            ("legal_basis.consent_language", "Serbian"),
            ("legal_basis.consent_scope", "registration and return"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    let (_, p) = app.get("caseworker", &format!("/api/v1/persons/{person}")).await;
    assert!(p["consent_withdrawn_at"].is_null(), "{p}");
    assert_eq!(p["legal_basis"]["consent_date"], day(0));
    assert_eq!(p["legal_basis"]["consent_language"], "sr");
    assert_eq!(p["legal_basis"]["consent_scope"], "registration and return");
    let (_, audit) = app.get("admin", &format!("/api/v1/audit?record_type=person&record_id={person}")).await;
    assert!(audit.as_array().unwrap().iter().any(|e| e["action"] == "person.consent_record"), "{audit}");
    let (_, html) = get(&c, app, &page).await;
    assert!(html.contains("consent recorded again"), "in the history");
    assert!(html.contains("/withdraw-consent\""), "and it can be withdrawn again");
    // Once more on the page: nothing to record again.
    let r = post(
        &c,
        app,
        &action,
        &[
            ("csrf", &csrf),
            ("legal_basis.consent_date", &day(0)),
            ("legal_basis.consent_language", "sq"),
            ("legal_basis.consent_scope", "registration"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, p) = app.get("caseworker", &format!("/api/v1/persons/{person}")).await;
    assert_eq!(p["legal_basis"]["consent_scope"], "registration and return", "unchanged");

    let (s, v) = app.post("caseworker", "/api/v1/return-cases", voluntary).await;
    assert_eq!(s, StatusCode::CREATED, "a voluntary return can be opened again: {v}");
}
both_backends!(consent_is_recorded_again_after_a_withdrawal);
