//! `drom import returns` brings an office's records in without pretending they went through
//! Drom: every case keeps the file and row it came from, a voluntary return claims no consent
//! Drom never recorded, a forced return past its order carries the screening the gate read, and
//! one imported before its travel without a screening waits on the protection officer's desk.

use crate::both_backends;
use crate::helpers::{TempDir, TestApp, day, person_json};
use crate::pages::{get, sign_in};
use crate::returns::clear_for_forced_return;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The case of which `person` is a returnee, as the caseworker reads it.
async fn case_of(app: &TestApp, person: i64) -> Value {
    let (_, list) = app.get("caseworker", &format!("/api/v1/return-cases?person_id={person}")).await;
    let id = list["items"][0]["id"].as_i64().unwrap_or_else(|| panic!("no case of {person}: {list}"));
    let (s, v) = app.get("caseworker", &format!("/api/v1/return-cases/{id}")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v
}

async fn imported_cases_say_so_and_claim_nothing_unrecorded(app: &TestApp) {
    let (departed, arrived) = (day(-10), day(-9));
    let mut p = person_json("Arbnor", "Shala");
    p["community"] = json!("albanian");
    let cleared = app.person("caseworker", p).await;
    let screening = clear_for_forced_return(app, cleared, &departed).await;
    let unscreened = app.person("caseworker", person_json("Valbona", "Shala")).await;
    let rows = format!(
        "case_ref,person_id,given_name,family_name,host_country,return_type,transport,departure_date,arrival_date,destination_municipality\n\
         V-1,,Besim,Gashi,DE,voluntary,air,{departed},{arrived},Prishtinë\n\
         F-1,{cleared},,,DE,forced,air,{departed},{arrived},Prizren\n\
         F-2,{unscreened},,,AT,forced,,,,Prizren\n"
    );
    let dir = TempDir::new();
    let file = dir.0.join("returns-2026.csv");
    std::fs::write(&file, rows).unwrap();
    let (ok, out, err) = crate::cli::drom(
        &["import", "returns", file.to_str().unwrap(), "--user", "caseworker", "--database", &app.url],
        &[],
        None,
    );
    assert!(ok, "{err}");
    assert!(out.contains("imported 3 return cases"), "{out}");

    // A voluntary return that arrived: imported, from that file and row, with no consent.
    let (_, list) = app.get("caseworker", "/api/v1/return-cases").await;
    let besim = list["items"].as_array().unwrap().iter().find(|c| c["given_name"] == "Besim").unwrap();
    let voluntary = case_of(app, besim["person_id"].as_i64().unwrap()).await;
    assert_eq!(voluntary["stage"], "arrived");
    assert_eq!(voluntary["imported"], json!({"file": "returns-2026.csv", "row": 2}));
    assert_eq!((&voluntary["consent"], &voluntary["consent_on"]), (&Value::Null, &Value::Null), "{voluntary}");

    // A forced return past its order: the gate let it through on this screening, and says so.
    let forced = case_of(app, cleared).await;
    assert_eq!(forced["stage"], "arrived");
    assert_eq!(forced["imported"], json!({"file": "returns-2026.csv", "row": 3}));
    assert_eq!(
        (&forced["screening_id"], forced["screening_outcome"].as_str()),
        (&screening["id"], Some("no_bar_found"))
    );

    // A forced return imported before travel, never screened: held at the gate, on the desk.
    let held = case_of(app, unscreened).await;
    assert_eq!(held["stage"], "registered");
    assert!(held["screening_id"].is_null());
    assert_eq!(held["gate"]["open"], false, "{held}");
    let (s, v) = app.get("caseworker", "/api/v1/return-cases/held").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["total"], 1, "{v}");
    let item = &v["items"][0];
    assert_eq!(item["case_id"], held["id"]);
    assert_eq!(item["imported"], json!({"file": "returns-2026.csv", "row": 4}));
    assert_eq!(item["gate"]["blocks"][0]["code"], "not_screened", "{item}");

    let (c, _) = sign_in(app, "caseworker").await;
    let (s, html) = get(&c, app, "/screenings").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Valbona Shala") && html.contains("imported from returns-2026.csv, row 4"), "{html}");
    let (_, html) = get(&c, app, &format!("/return-cases/{}", voluntary["id"])).await;
    assert!(html.contains("Imported from returns-2026.csv, row 2: what happened before, consent included"));
    assert!(html.contains("No consent is recorded in Drom: the case was imported"));

    // The audit entry of each case names its file and row.
    let (_, audit) = app.get("admin", &format!("/api/v1/audit?record_type=return_case&record_id={}", held["id"])).await;
    let entry = &audit[0];
    assert_eq!(entry["action"], "return_case.import");
    let detail: Value = serde_json::from_str(entry["detail"].as_str().unwrap()).unwrap();
    assert_eq!((detail["file"].as_str(), detail["row"].as_i64()), (Some("returns-2026.csv"), Some(4)));
}
both_backends!(imported_cases_say_so_and_claim_nothing_unrecorded);

/// A database holding a case imported before Drom kept the source (with the consent that import
/// wrote) is mended by migration 12: the case says it was imported, and claims no consent.
async fn cases_imported_before_are_marked(backend: crate::helpers::Backend) {
    use drom_domain::permission::Role;
    use drom_returns::ReturnsDb;
    use drom_store::users::{NewAgency, NewUser};
    let (url, _dir, _name) = crate::helpers::fresh_database(backend).await;
    let db = drom_store::Db::connect(&url).await.unwrap();
    // The registry's name pairs (a later migration) too: today's code writes the person below.
    let before: Vec<&[drom_store::migrate::Migration]> = vec![
        drom_store::migrate::KERNEL,
        drom_registry::MIGRATIONS,
        drom_screening::MIGRATIONS,
        &drom_returns::MIGRATIONS[..drom_returns::MIGRATIONS.iter().position(|m| m.0 == 12).unwrap()],
    ];
    drom_store::migrate::migrate(&db, &before).await.unwrap();
    let agency = db
        .create_agency(
            None,
            NewAgency { code: "office".into(), name: "Office".into(), kind: "ngo".into(), municipality: None },
        )
        .await
        .unwrap();
    let user = db
        .create_user(
            None,
            NewUser {
                agency_id: agency.id,
                username: "counsellor".into(),
                display_name: "Counsellor".into(),
                role: Role::Caseworker,
                special_categories: false,
                protection_override: false,
                password: crate::helpers::PASSWORD.into(),
            },
        )
        .await
        .unwrap();
    let actor = user.actor();
    let person = drom_registry::RegistryDb::registry(&db)
        .create_person(
            actor.registry_writer().unwrap(),
            serde_json::from_value(person_json("Lirie", "Berisha")).unwrap(),
            None,
        )
        .await
        .unwrap()
        .id;
    // What the import wrote before: an arrived voluntary case with an invented consent.
    let case = {
        let mut tx = db.begin().await.unwrap();
        let mut c = tx.conn();
        let id: i64 = drom_store::sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO return_case (agency_id, version, person_id, return_type, stage, host_country, individuals, \
                 registered_on, consent, arrived_on, remigration, created_at, updated_at) \
                 VALUES ($1, 1, $2, 'voluntary', 'arrived', 'DE', 1, '2008-05-02', '{\"recorded_outside_drom\":true}', \
                 '2008-05-02', 'unknown', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z') RETURNING id"
            )
            .bind(agency.id)
            .bind(person)
        )
        .unwrap();
        drom_store::sql!(
            &mut c,
            execute,
            sqlx::query("INSERT INTO return_member (case_id, person_id, sex, agency_id) VALUES ($1, $2, 'female', $3)")
                .bind(id)
                .bind(person)
                .bind(agency.id)
        )
        .unwrap();
        drom_store::audit::append(
            &mut c,
            &actor,
            "return_case.import",
            "return_case",
            Some(id),
            None,
            json!({"row": 2}),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        id
    };
    drom_store::migrate::migrate(&db, drom::server::MIGRATIONS).await.unwrap();
    let c = db.returns().return_case(&actor, case).await.unwrap();
    assert!(c.consent.is_none(), "{:?}", c.consent);
    let imported = c.imported.expect("marked as imported");
    assert_eq!((imported.file, imported.row), (None, None));
    db.close().await;
}

#[tokio::test]
async fn cases_imported_before_are_marked_on_sqlite() {
    cases_imported_before_are_marked(crate::helpers::Backend::Sqlite).await;
}

#[tokio::test]
async fn cases_imported_before_are_marked_on_postgres() {
    cases_imported_before_are_marked(crate::helpers::Backend::Postgres).await;
}
