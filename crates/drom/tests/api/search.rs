//! Search ignores case, diacritics and script, and filters and pages.

use crate::both_backends;
use crate::helpers::{TestApp, person_json};
use reqwest::StatusCode;
use serde_json::json;

async fn ids(app: &TestApp, user: &str, query: &str) -> Vec<i64> {
    let (s, v) = app.get(user, &format!("/api/v1/persons?{query}")).await;
    assert_eq!(s, StatusCode::OK, "{query}: {v}");
    v["items"].as_array().unwrap().iter().map(|p| p["id"].as_i64().unwrap()).collect()
}

async fn folding(app: &TestApp) {
    let mut dj = person_json("Dragan", "Đorđević");
    dj["family_name_other_script"] = json!("Ђорђевић");
    let latin = app.person("caseworker", dj).await;
    let cyrillic = app.person("caseworker", person_json("Драган", "Ђорђевић")).await;
    let plain = app.person("caseworker", person_json("Dragan", "Djordjevic")).await;
    let berisha = app.person("caseworker", person_json("Shpresa", "BERISHA")).await;
    let mut all_dj = vec![latin, cyrillic, plain];
    all_dj.sort();
    for q in [
        "Djordjevic",
        "%C4%90or%C4%91evi%C4%87",
        "%D0%82%D0%BE%D1%80%D1%92%D0%B5%D0%B2%D0%B8%D1%9B",
        "djordj",
        "dragan%20djordjevic",
    ] {
        let mut found = ids(app, "viewer", &format!("q={q}")).await;
        found.sort();
        assert_eq!(found, all_dj, "q={q}");
    }
    // Typed without the letter Đ at all.
    let mut found = ids(app, "viewer", "q=dordevic").await;
    found.sort();
    let mut with_dj_letter = vec![latin, cyrillic];
    with_dj_letter.sort();
    assert_eq!(found, with_dj_letter);
    assert_eq!(ids(app, "viewer", "q=berisha").await, vec![berisha]);
    assert_eq!(ids(app, "viewer", "q=BERISH").await, vec![berisha]);
    assert!(ids(app, "viewer", "q=nobody").await.is_empty());
    // Another agency's registry is not searched.
    assert!(ids(app, "other", "q=berisha").await.is_empty());
}
both_backends!(folding);

async fn filters_and_paging(app: &TestApp) {
    let mut ids_created = Vec::new();
    for i in 0..7 {
        let mut p = person_json(&format!("Given{i}"), "Krasniqi");
        p["municipality_of_origin"] = json!(if i % 2 == 0 { "Prishtinë" } else { "Pejë" });
        p["sex"] = json!(if i < 3 { "male" } else { "female" });
        p["date_of_birth"] = json!(format!("{}", 2020 - i * 10));
        if i == 6 {
            p["community"] = json!("roma");
        }
        ids_created.push(app.person("caseworker", p).await);
    }
    assert_eq!(ids(app, "viewer", "q=krasniqi&municipality=prishtine").await.len(), 4);
    assert_eq!(ids(app, "viewer", "q=krasniqi&municipality=Pri%C5%A1tina").await.len(), 4);
    assert_eq!(ids(app, "viewer", "q=krasniqi&sex=male").await.len(), 3);
    let this_year: i64 = chrono::Datelike::year(&chrono::Utc::now().date_naive()) as i64;
    // Born 2020, 2010, ...: ages by year this_year-2020 etc. Ask for those born 1990..=2010.
    let (lo, hi) = (this_year - 2010, this_year - 1990);
    assert_eq!(ids(app, "viewer", &format!("q=krasniqi&age_min={lo}&age_max={hi}")).await.len(), 3);
    // Paging in name order.
    let (_, p1) = app.get("viewer", "/api/v1/persons?q=krasniqi&per_page=3&page=1").await;
    let (_, p3) = app.get("viewer", "/api/v1/persons?q=krasniqi&per_page=3&page=3").await;
    assert_eq!(p1["total"], 7);
    assert_eq!(p1["items"][0]["given_name"], "Given0");
    assert_eq!(p3["items"].as_array().unwrap().len(), 1);
    // Community filter: with permission only.
    assert_eq!(ids(app, "caseworker", "community=roma").await, vec![ids_created[6]]);
    let (s, v) = app.get("viewer", "/api/v1/persons?community=roma").await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    // Bad filter values name the parameter.
    let (s, v) = app.get("viewer", "/api/v1/persons?sex=F").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["errors"][0]["field"], "sex");
    let (s, v) = app.get("viewer", "/api/v1/persons?per_page=1000").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["errors"][0]["field"], "per_page");
    let (s, v) = app.get("viewer", "/api/v1/persons?municipality=Beograd").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["errors"][0]["field"], "municipality");
}
both_backends!(filters_and_paging);

/// Two common words together: the count is exact past the few thousand persons either word
/// alone has (the pair index counts them), pages keep name order, and a person edited out of
/// the pair is no longer found by it.
async fn two_words_count_exactly(app: &TestApp) {
    use drom_registry::RegistryDb;
    use drom_registry::domain::person::PersonData;
    use drom_registry::store::import::ImportHousehold;
    let person =
        |given: &str, family: &str| -> PersonData { serde_json::from_value(person_json(given, family)).unwrap() };
    let households: Vec<ImportHousehold> = (0..6_200)
        .map(|i| {
            let (given, family) = match i % 3 {
                0 | 1 => ("Sabrije", "Krasniqi"),
                _ => (if i % 2 == 0 { "Sabrije" } else { "Arben" }, if i % 2 == 0 { "Gashi" } else { "Krasniqi" }),
            };
            ImportHousehold {
                label: None,
                municipality: None,
                members: vec![(drom_domain::vocab::Relation::Head, person(given, family))],
            }
        })
        .collect();
    let both = (0..6_200).filter(|i| i % 3 != 2).count() as i64;
    let caseworker = app.db.user_by_name("caseworker").await.unwrap().actor();
    app.db.registry().import_households(caseworker.registry_writer().unwrap(), households, None).await.unwrap();
    let (_, v) = app.get("viewer", "/api/v1/persons?q=sabrije%20krasniqi&per_page=5").await;
    assert_eq!(v["total"], both, "{}", v["total"]);
    assert_eq!(v["total_is_exact"], true);
    assert_eq!(v["items"].as_array().unwrap().len(), 5);
    // The same with a prefix for the family name, and in the other order.
    let (_, w) = app.get("viewer", "/api/v1/persons?q=krasn%20sabrije&per_page=5").await;
    assert_eq!(w["total"], both);
    let (_, g) = app.get("viewer", "/api/v1/persons?q=sabrije%20gashi").await;
    assert_eq!(g["total"], (0..6_200).filter(|i| i % 3 == 2 && i % 2 == 0).count() as i64);
    // An edit moves a person out of the pair.
    let id = v["items"][0]["id"].as_i64().unwrap();
    let (_, p) = app.get("caseworker", &format!("/api/v1/persons/{id}")).await;
    let changed = person_json("Sabrije", "Berisha");
    let r = app
        .client
        .put(format!("{}/api/v1/persons/{id}", app.addr))
        .bearer_auth(app.token("caseworker"))
        .header("If-Match", format!("\"{}\"", p["version"]))
        .json(&changed)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let (_, after) = app.get("viewer", "/api/v1/persons?q=sabrije%20krasniqi&per_page=5").await;
    assert_eq!(after["total"], both - 1);
    let (_, b) = app.get("viewer", "/api/v1/persons?q=sabrije%20berisha").await;
    assert_eq!(b["items"][0]["id"], id);
}
both_backends!(two_words_count_exactly);
