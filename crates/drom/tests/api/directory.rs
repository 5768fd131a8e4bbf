//! The service directory on real servers: an HSDS 3.0 file imported (all or nothing, every
//! error named), the public HSDS read API with paging and combined filters, and the export at
//! the command line read back to the same directory.

use crate::both_backends;
use crate::helpers::{TempDir, TestApp};
use drom_directory::DirectoryDb;
use drom_directory::domain::Need;
use drom_directory::hsds;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::process::Command;

pub const ORG_MSC: &str = "0b9c2f0e-3f4a-4c53-9d5e-1a0000000001";
pub const ORG_CSW: &str = "0b9c2f0e-3f4a-4c53-9d5e-1a0000000002";
pub const SERVICE_INFO: &str = "0b9c2f0e-3f4a-4c53-9d5e-2a0000000001";
pub const SERVICE_JOBS: &str = "0b9c2f0e-3f4a-4c53-9d5e-2a0000000002";
pub const SERVICE_SOCIAL: &str = "0b9c2f0e-3f4a-4c53-9d5e-2a0000000003";

fn id(kind: u32, n: u32) -> String {
    format!("0b9c2f0e-3f4a-4c53-9d5e-{kind:02x}{n:010}")
}

/// A need of Drom's taxonomy (its terms are in every directory) attached to service `s`.
fn need(s: u32, n: Need) -> Value {
    let k = Need::ALL.iter().position(|x| *x == n).unwrap() as u32;
    json!({"id": id(0x90, s * 100 + k), "link_entity": "service", "taxonomy_term_id": n.term_id()})
}

fn location(n: u32, name: &str, region: &str, city: &str) -> Value {
    json!({"id": id(0x40, n), "location_type": "physical", "name": name,
           "transportation": "Bus 4 to the municipal building",
           "addresses": [{"id": id(0x50, n), "address_1": "Rruga e Dëshmorëve 1", "city": city, "region": region,
                          "state_province": "Kosovo", "postal_code": "10000", "country": "XK", "address_type": "physical"}]})
}

/// A small directory in HSDS 3.0 JSON: three services of two organizations in Prishtinë and
/// Prizren; the information desk open every day of the week, the others with hours long past.
pub fn fixture() -> Value {
    let msc =
        json!({"id": ORG_MSC, "name": "Migrant Service Centre", "description": "Information, advice and referral"});
    let csw = json!({"id": ORG_CSW, "name": "Centre for Social Work Prizren", "description": "Social assistance"});
    json!([
        {"id": SERVICE_INFO, "name": "Information and referral desk", "status": "active",
         "description": "Advice on legal migration and referral", "organization": msc,
         "last_modified": "2026-01-10T09:00:00Z",
         "languages": [{"id": id(0x60, 1), "code": "sq", "name": "Albanian"}, {"id": id(0x60, 2), "code": "rom", "name": "Romani"}],
         "phones": [{"id": id(0x70, 1), "number": "+383 38 200 00 001"}],
         "required_documents": [{"id": id(0x80, 1), "document": "Identity card"}],
         "service_areas": [{"id": id(0xa0, 1), "name": "Prishtinë"}],
         "attributes": [need(1, Need::MigrationInformation)],
         "schedules": [{"id": id(0xb0, 1), "freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR,SA,SU", "opens_at": "00:00", "closes_at": "23:59"}],
         "service_at_locations": [{"id": id(0xc0, 1), "location": location(1, "MSC office", "Prishtinë", "Prishtinë")}]},
        {"id": SERVICE_JOBS, "name": "Job mediation", "status": "active", "organization_id": ORG_MSC,
         "description": "Jobs and training for returnees", "last_modified": "2025-06-01T09:00:00Z",
         "languages": [{"id": id(0x60, 3), "code": "sq"}],
         "attributes": [need(2, Need::Employment)],
         "schedules": [{"id": id(0xb0, 2), "byday": "MO", "opens_at": "08:00", "closes_at": "16:00", "valid_to": "2001-01-01"}],
         "service_at_locations": [{"id": id(0xc0, 2), "location_id": id(0x40, 1)}]},
        {"id": SERVICE_SOCIAL, "name": "Social assistance scheme", "status": "active", "organization": csw,
         "description": "Monthly social assistance", "last_modified": "2026-02-01T09:00:00Z",
         "fees_description": "Free", "eligibility_description": "Households without income",
         "languages": [{"id": id(0x60, 4), "code": "rom"}, {"id": id(0x60, 5), "code": "sr"}],
         "attributes": [need(3, Need::SocialAssistance), need(3, Need::Employment)],
         "service_at_locations": [{"id": id(0xc0, 3), "location": location(2, "CSW Prizren", "Prizren", "Prizren")}]}
    ])
}

async fn admin(app: &TestApp) -> drom_domain::permission::Actor {
    app.db.user_by_name("admin").await.unwrap().actor()
}

pub async fn import_fixture(app: &TestApp) {
    let tables = hsds::read_json(fixture().to_string().as_bytes()).expect("the fixture is HSDS");
    let actor = admin(app).await;
    app.db.directory().import(actor.administrator().unwrap(), "fixture.json", &tables, &|_| {}).await.unwrap();
}

async fn anon(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let r = app.call(None, Method::GET, path, None).await;
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

fn names(page: &Value) -> Vec<String> {
    page["contents"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap().to_string()).collect()
}

async fn hsds_api(app: &TestApp) {
    import_fixture(app).await;
    let (s, root) = anon(app, "/api/v1/hsds/").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(root["version"], "3.0");

    // Signed out, the whole list, by name; every service is valid HSDS 3.0.
    let (s, all) = anon(app, "/api/v1/hsds/services").await;
    assert_eq!(s, StatusCode::OK, "{all}");
    assert_eq!(all["total_items"], 3);
    assert_eq!(names(&all), ["Information and referral desk", "Job mediation", "Social assistance scheme"]);
    for service in all["contents"].as_array().unwrap() {
        assert_eq!(hsds::service_errors(service), Vec::<String>::new());
    }

    // Paging.
    let (_, p2) = anon(app, "/api/v1/hsds/services?per_page=2&page=2").await;
    assert_eq!(
        (p2["total_items"].as_i64(), p2["total_pages"].as_i64(), p2["page_number"].as_i64(), p2["size"].as_i64()),
        (Some(3), Some(2), Some(2), Some(1))
    );
    assert_eq!(
        (p2["first_page"].as_bool(), p2["last_page"].as_bool(), p2["empty"].as_bool()),
        (Some(false), Some(true), Some(false))
    );
    assert_eq!(names(&p2), ["Social assistance scheme"]);

    // Filters combine.
    let (_, rom) = anon(app, "/api/v1/hsds/services?language=rom").await;
    assert_eq!(names(&rom), ["Information and referral desk", "Social assistance scheme"]);
    let (_, rom_prizren) = anon(app, "/api/v1/hsds/services?language=rom&municipality=Prizren").await;
    assert_eq!(names(&rom_prizren), ["Social assistance scheme"]);
    let (_, jobs) = anon(app, &format!("/api/v1/hsds/services?taxonomy_term_id={}", Need::Employment.term_id())).await;
    assert_eq!(names(&jobs), ["Job mediation", "Social assistance scheme"]);
    let (_, jobs_msc) = anon(app, &format!("/api/v1/hsds/services?need=employment&organization_id={ORG_MSC}")).await;
    assert_eq!(names(&jobs_msc), ["Job mediation"]);
    let (_, recent) = anon(app, "/api/v1/hsds/services?modified_after=2026-01-01&search=assistance").await;
    assert_eq!(names(&recent), ["Social assistance scheme"]);
    let (_, needs) =
        anon(app, &format!("/api/v1/hsds/services?taxonomy_id={}", drom_directory::domain::NEEDS_TAXONOMY_ID)).await;
    assert_eq!(needs["total_items"], 3);
    // Open now: the desk is open all week; job mediation's hours ended in 2001; the scheme has none.
    let (_, open) = anon(app, "/api/v1/hsds/services?open_now=true").await;
    assert_eq!(names(&open), ["Information and referral desk"]);

    // Bad filters are problems naming the filter.
    for (query, field) in [
        ("municipality=Atlantis", "municipality"),
        ("per_page=500", "per_page"),
        ("page=0", "page"),
        ("modified_after=yesterday", "modified_after"),
        ("need=flying", "need"),
        ("language=albanian", "language"),
    ] {
        let (s, p) = anon(app, &format!("/api/v1/hsds/services?{query}")).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{query}: {p}");
        assert!(p.to_string().contains(field), "{query}: {p}");
    }

    // One service, compiled, with its organization, location and address.
    let (s, one) = anon(app, &format!("/api/v1/hsds/services/{SERVICE_SOCIAL}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(one["organization"]["name"], "Centre for Social Work Prizren");
    assert_eq!(one["service_at_locations"][0]["location"]["addresses"][0]["region"], "Prizren");
    assert_eq!(one["fees_description"], "Free");
    assert_eq!(hsds::service_errors(&one), Vec::<String>::new());
    let (s, _) = anon(app, "/api/v1/hsds/services/0b9c2f0e-3f4a-4c53-9d5e-ffffffffffff").await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    let (_, orgs) = anon(app, "/api/v1/hsds/organizations").await;
    assert_eq!(names(&orgs), ["Centre for Social Work Prizren", "Migrant Service Centre"]);
    let (s, org) = anon(app, &format!("/api/v1/hsds/organizations/{ORG_MSC}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(org["services"].as_array().unwrap().len(), 2);
    let (_, tax) = anon(app, "/api/v1/hsds/taxonomies").await;
    assert!(tax["contents"].as_array().unwrap().iter().any(|t| t["name"] == "drom-needs"), "{tax}");
    let (_, terms) = anon(
        app,
        &format!("/api/v1/hsds/taxonomy_terms?taxonomy_id={}&per_page=100", drom_directory::domain::NEEDS_TAXONOMY_ID),
    )
    .await;
    assert_eq!(terms["total_items"].as_i64(), Some(Need::ALL.len() as i64));
    let (_, sals) = anon(app, "/api/v1/hsds/service_at_locations").await;
    assert_eq!(sals["total_items"], 3);
}
both_backends!(hsds_api);

async fn service_count(app: &TestApp) -> usize {
    app.db.directory().tables().await.unwrap().services.len()
}

async fn import_errors_named(app: &TestApp) {
    let actor = admin(app).await;
    let mut bad = fixture();
    bad[0]["id"] = json!("not-a-uuid");
    bad[1].as_object_mut().unwrap().remove("name");
    let errors = hsds::read_json(bad.to_string().as_bytes()).unwrap_err();
    let fields: Vec<&str> = errors.0.iter().map(|f| f.field.as_str()).collect();
    assert!(fields.contains(&"/0/id"), "{fields:?}");
    assert!(fields.contains(&"/1"), "{fields:?}");
    assert!(errors.0.iter().any(|f| f.reason.to_string().contains("name")), "{errors:?}");

    // A municipality that is not one of Kosovo's: the file validates, the import refuses it
    // and writes nothing.
    let mut elsewhere = fixture();
    elsewhere[2]["service_at_locations"][0]["location"]["addresses"][0]["region"] = json!("Atlantis");
    let tables = hsds::read_json(elsewhere.to_string().as_bytes()).unwrap();
    let refused =
        app.db.directory().import(actor.administrator().unwrap(), "x.json", &tables, &|_| {}).await.unwrap_err();
    let drom_store::StoreError::Invalid(v) = refused else { panic!("{refused:?}") };
    assert_eq!(v.0[0].field, "/2/service_at_locations/0/location/addresses/0/region");
    assert!(v.0[0].reason.to_string().contains("Atlantis"));
    assert_eq!(service_count(app).await, 0);

    // A reference to nothing: refused, naming the row and field.
    let mut csv = std::collections::HashMap::new();
    csv.insert(
        "services.csv".to_string(),
        format!("id,organization_id,name,status\n{SERVICE_JOBS},{ORG_MSC},Jobs,active\n").into_bytes(),
    );
    let tables = hsds::read_csv(&csv).unwrap();
    let refused = app.db.directory().import(actor.administrator().unwrap(), "csv", &tables, &|_| {}).await.unwrap_err();
    let drom_store::StoreError::Invalid(v) = refused else { panic!("{refused:?}") };
    assert_eq!(v.0[0].field, "services.csv row 2, organization_id");

    // CSV rows are checked against HSDS too: a bad UUID and a missing status.
    csv.insert(
        "services.csv".to_string(),
        format!("id,organization_id,name,status\nnope,{ORG_MSC},Jobs,active\n{SERVICE_JOBS},{ORG_MSC},Jobs,\n")
            .into_bytes(),
    );
    let errors = hsds::read_csv(&csv).unwrap_err();
    let fields: Vec<&str> = errors.0.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["services.csv row 2, id", "services.csv row 3"], "{errors:?}");
    assert_eq!(service_count(app).await, 0);

    // The good file goes in whole, and again without doubling.
    import_fixture(app).await;
    import_fixture(app).await;
    assert_eq!(service_count(app).await, 3);
    let (_, audit) = app.get("admin", "/api/v1/audit?limit=500").await;
    assert_eq!(audit.as_array().unwrap().iter().filter(|e| e["action"] == "directory.import").count(), 2, "{audit}");
}
both_backends!(import_errors_named);

fn drom(args: &[&str]) -> (bool, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_drom")).args(args).env_remove("DROM_DATABASE_URL").output().expect("run drom");
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// Import at the command line, export as CSV and as JSON, import the CSV into another server,
/// export it: the same directory.
async fn round_trip(app: &TestApp) {
    let dir = TempDir::new();
    let file = dir.0.join("directory.json");
    std::fs::write(&file, fixture().to_string()).unwrap();
    let (ok, out) = drom(&["directory", "import", file.to_str().unwrap(), "--user", "admin", "--database", &app.url]);
    assert!(ok, "{out}");
    assert!(out.contains("3 services"), "{out}");
    let first = dir.0.join("first.json");
    let csv = dir.0.join("csv");
    let (ok, out) =
        drom(&["directory", "export", "--format", "json", "--out", first.to_str().unwrap(), "--database", &app.url]);
    assert!(ok, "{out}");
    let (ok, out) =
        drom(&["directory", "export", "--format", "csv", "--out", csv.to_str().unwrap(), "--database", &app.url]);
    assert!(ok, "{out}");
    assert!(csv.join("services.csv").exists() && csv.join("addresses.csv").exists());

    let other = TestApp::spawn(crate::helpers::Backend::Sqlite).await;
    let (ok, out) = drom(&["directory", "import", csv.to_str().unwrap(), "--user", "admin", "--database", &other.url]);
    assert!(ok, "{out}");
    let second = dir.0.join("second.json");
    let (ok, out) =
        drom(&["directory", "export", "--format", "json", "--out", second.to_str().unwrap(), "--database", &other.url]);
    assert!(ok, "{out}");
    let a: Value = serde_json::from_slice(&std::fs::read(&first).unwrap()).unwrap();
    let b: Value = serde_json::from_slice(&std::fs::read(&second).unwrap()).unwrap();
    assert_eq!(a.as_array().unwrap().len(), 3);
    assert_eq!(a, b);
    // And the JSON export reads back as the same tables.
    let mut again = hsds::read_json(&std::fs::read(&first).unwrap()).unwrap();
    let mut stored = app.db.directory().tables().await.unwrap();
    again.sort();
    stored.sort();
    assert_eq!(again.services, stored.services);
    assert_eq!(again.addresses, stored.addresses);
    assert_eq!(again.schedules, stored.schedules);

    // A refused file at the command line names the error and writes nothing.
    let mut bad = fixture();
    bad[0]["id"] = json!("not-a-uuid");
    std::fs::write(&file, bad.to_string()).unwrap();
    let (ok, out) = drom(&["directory", "import", file.to_str().unwrap(), "--user", "admin", "--database", &other.url]);
    assert!(!ok);
    assert!(out.contains("/0/id") && out.contains("nothing written"), "{out}");
    other.stop().await;
}
both_backends!(round_trip);

/// The finder, signed out and in Albanian: the search by need and municipality, a service's
/// page, and the map with its 38 municipalities, each a link, and the attribution.
async fn finder_signed_out(app: &TestApp) {
    import_fixture(app).await;
    let page = |path: String| async move {
        let r = app.client.get(format!("{}{path}", app.addr)).header("Accept-Language", "sq").send().await.unwrap();
        (r.status(), r.text().await.unwrap())
    };
    let (s, html) = page("/services".into()).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Gjej një shërbim"), "the page is in Albanian");
    assert!(html.contains("3 shërbime"), "three services found");
    let links: std::collections::BTreeSet<&str> =
        html.split("data-municipality=\"").skip(1).map(|rest| rest.split('"').next().unwrap()).collect();
    assert_eq!(links.len(), 38, "{links:?}");
    assert_eq!(html.matches("<a href=\"/services?municipality=").count(), 38 * 2, "map and list link each");
    assert!(html.contains("geoBoundaries (gbOpen), © OpenStreetMap contributors, ODbL"));
    // Prizren has one service: its shade is not the empty one.
    assert!(
        html.contains("<a href=\"/services?municipality=prizren\">Prizren</a></td><td>1</td>"),
        "the list's numbers"
    );

    let (_, found) = page("/services?need=social_assistance&municipality=prizren&language=rom".into()).await;
    assert!(found.contains("Social assistance scheme") && !found.contains("Job mediation"), "{found}");
    let (_, open) = page("/services?open_now=1".into()).await;
    assert!(open.contains("Information and referral desk") && !open.contains("Job mediation"));

    let (s, service) = page(format!("/services/{SERVICE_SOCIAL}")).await;
    assert_eq!(s, StatusCode::OK);
    for text in [
        "Çfarë të sillni",
        "Si të shkoni",
        "Bus 4 to the municipal building",
        "Prizren",
        "Free",
        "Romanisht",
        "Serbisht",
    ] {
        assert!(service.contains(text), "the service page shows {text}");
    }
    let (_, desk) = page(format!("/services/{SERVICE_INFO}")).await;
    assert!(desk.contains("Identity card") && desk.contains("+383 38 200 00 001"));
}
both_backends!(finder_signed_out);

/// Administrators link an organization to their agency and close a service; both audited, and
/// a closed service leaves the referral list.
async fn administration(app: &TestApp) {
    import_fixture(app).await;
    let (s, orgs) = app.get("admin", "/api/v1/directory/organizations").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(orgs.as_array().unwrap().len(), 2);
    let (s, _) = app.get("caseworker", "/api/v1/directory/organizations").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let path = format!("/api/v1/directory/organizations/{ORG_MSC}/agency");
    let r = app.call(Some("admin"), Method::PUT, &path, Some(json!({"agency_id": app.agency_a}))).await;
    assert_eq!(r.status(), StatusCode::OK);
    let linked: Value = r.json().await.unwrap();
    assert_eq!(linked["agency_id"], app.agency_a);
    // An administrator links their own agency only; a system administrator any that exists.
    let r = app.call(Some("admin"), Method::PUT, &path, Some(json!({"agency_id": 999_999}))).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app.call(Some("sysadmin"), Method::PUT, &path, Some(json!({"agency_id": 999_999}))).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refs = app.db.directory().service_ref(SERVICE_INFO).await.unwrap();
    assert_eq!(refs.agency_id, Some(app.agency_a));

    let status = format!("/api/v1/directory/services/{SERVICE_JOBS}/status");
    let r = app.call(Some("admin"), Method::PUT, &status, Some(json!({"status": "closed for ever"}))).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app.call(Some("admin"), Method::PUT, &status, Some(json!({"status": "inactive"}))).await;
    assert_eq!(r.status(), StatusCode::OK);
    let active: Vec<String> = app.db.directory().active_services().await.unwrap().into_iter().map(|s| s.id).collect();
    assert!(!active.contains(&SERVICE_JOBS.to_string()) && active.contains(&SERVICE_INFO.to_string()));
    let (_, audit) = app.get("admin", "/api/v1/audit?limit=500").await;
    assert!(audit.to_string().contains("directory.link_agency"), "{audit}");
    let (_, audit) = app.get("admin", "/api/v1/audit?limit=500").await;
    assert!(audit.to_string().contains("directory.service_status"), "{audit}");
}
both_backends!(administration);
