//! Forms that know the person: a list of languages is read by one parser on the person form,
//! the return-case forms and the API alike (codes or names, commas or spaces); a case's
//! counselling and consent forms start in the returnee's languages, not the interface's; a new
//! household member's form starts from what the household shares.

use crate::both_backends;
use crate::helpers::{TestApp, person_json};
use crate::pages::{get, post, sign_in};
use crate::returns::{open_case, sheet};
use reqwest::StatusCode;
use serde_json::json;

/// The value of the input with this id on a page.
fn value_of(html: &str, id: &str) -> String {
    let at = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no input #{id}"));
    let tag = &html[at..at + html[at..].find('>').unwrap()];
    let v = tag.find("value=\"").map(|v| &tag[v + 7..]).unwrap_or_default();
    v.split('"').next().unwrap_or_default().to_string()
}

async fn languages_of(app: &TestApp, person: i64) -> serde_json::Value {
    app.get("caseworker", &format!("/api/v1/persons/{person}")).await.1["languages"].clone()
}

async fn one_parser_for_lists_of_languages(app: &TestApp) {
    // The API: an entry may be a code, a name in any page language, or a list itself.
    let mut body = person_json("Sabaheta", "Gashi");
    body["languages"] = json!(["Romani", "sq de", "romski"]);
    let person = app.person("caseworker", body).await;
    assert_eq!(languages_of(app, person).await, json!(["rom", "sq", "de"]));
    let before = app.count("person").await;
    let mut bad = person_json("Nobody", "Gashi");
    bad["languages"] = json!(["rom", "Klingon"]);
    let (s, v) = app.post("caseworker", "/api/v1/persons", bad).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(v.to_string().contains("languages[1]") && v.to_string().contains("Klingon"), "{v}");
    assert_eq!(app.count("person").await, before, "nothing saved");

    // The person form reads "rom, sq" and "rom sq" the same way, and names what it refuses.
    let (c, csrf) = sign_in(app, "caseworker").await;
    let form = |languages: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("given_name", "Dritan".to_string()),
            ("family_name", "Gashi".to_string()),
            ("sex", "male".to_string()),
            ("languages", languages.to_string()),
            ("legal_basis.kind", "consent".to_string()),
            ("legal_basis.consent_date", "2026-01-05".to_string()),
            ("legal_basis.consent_scope", "registration".to_string()),
            ("legal_basis.consent_language", "Romani".to_string()),
        ]
    };
    let post_form = |fields: Vec<(&'static str, String)>| {
        let c = c.clone();
        async move {
            let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post(&c, app, "/persons/new", &f).await
        }
    };
    let r = post_form(form("rom, Klingon")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"languages-error\"") && html.contains("Klingon"), "the field names what it refused");
    assert_eq!(app.count("person").await, before, "nothing saved");
    for typed in ["rom, sq", "rom sq"] {
        let r = post_form(form(typed)).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{typed}");
        let id: i64 = r.headers()["location"].to_str().unwrap().rsplit('/').next().unwrap().parse().unwrap();
        assert_eq!(languages_of(app, id).await, json!(["rom", "sq"]), "{typed}");
        let (_, p) = app.get("caseworker", &format!("/api/v1/persons/{id}")).await;
        assert_eq!(p["legal_basis"]["consent_language"], "rom", "a name is its code");
    }

    // A case's counselling is in the returnee's languages; the API reads "Romani sq" as the
    // form does, and refuses what is no language, naming the field.
    sheet(app, "prizren").await;
    let case = open_case(app, json!({"person_id": person, "return_type": "voluntary", "host_country": "DE", "destination_municipality": "prizren"})).await;
    let id = case["id"].as_i64().unwrap();
    let (_, html) = get(&c, app, &format!("/return-cases/{id}")).await;
    assert_eq!(value_of(&html, "counselling-language"), "rom, sq, de", "the session in the person's languages");
    assert!(
        html.contains("list=\"counselling-language-list\"") && html.contains("<option value=\"rom\">Romani</option>")
    );
    let path = format!("/api/v1/return-cases/{id}/counselling");
    let (s, v) = app
        .post(
            "caseworker",
            &path,
            json!({"held_on": crate::helpers::day(0), "language": "Romani Klingon", "topics": ["housing"]}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(v.to_string().contains("\"language\"") && v.to_string().contains("Klingon"), "{v}");
    let (s, v) = app
        .post(
            "caseworker",
            &path,
            json!({"held_on": crate::helpers::day(0), "language": "Romani sq", "topics": ["housing"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["counselling"][0]["language"], "rom, sq");
    // Counselled, the consent form is offered, in the language of the registration's consent.
    let (_, html) = get(&c, app, &format!("/return-cases/{id}")).await;
    assert_eq!(value_of(&html, "consent-language"), "sq", "the consent in the registration's consent language");
}
both_backends!(one_parser_for_lists_of_languages);

async fn a_new_member_starts_from_the_household(app: &TestApp) {
    let mut head = person_json("Sebahate", "Bislimi");
    head["languages"] = json!(["rom", "sq"]);
    head["current_country"] = json!("AT");
    head["current_place"] = json!("Graz");
    let head = app.person("caseworker", head).await;
    let (s, hh) = app
        .post("caseworker", "/api/v1/households", json!({"members": [{"person_id": head, "relation": "head"}]}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{hh}");
    let (c, _) = sign_in(app, "caseworker").await;
    let (_, html) = get(&c, app, &format!("/households/{}", hh["id"])).await;
    let link = format!("/persons/new?household={}", hh["id"]);
    assert!(html.contains(&format!("href=\"{link}\"")), "the household page offers to add a member");
    let (s, html) = get(&c, app, &link).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(value_of(&html, "languages"), "rom, sq");
    assert_eq!(value_of(&html, "current_place"), "Graz");
    assert_eq!(value_of(&html, "family_name"), "Bislimi");
    assert_eq!(value_of(&html, "legal_basis.consent_scope"), "registration");
    assert_eq!(value_of(&html, "given_name"), "", "nothing of the head's own");
    assert_eq!(value_of(&html, "current_country"), "Austria", "the household's country, by name");
    assert_eq!(
        value_of(&html, "municipality_of_origin"),
        "Fushë Kosovë/Kosovo Polje",
        "the household's municipality, by name"
    );
}
both_backends!(a_new_member_starts_from_the_household);
