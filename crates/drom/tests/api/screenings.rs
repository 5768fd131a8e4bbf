//! Protection screening of registered persons over the API: stored, audited, reproducible,
//! re-screened under a later policy; and a readmission list screened in one upload.

use crate::both_backends;
use crate::helpers::{TestApp, person_json};
use reqwest::StatusCode;
use serde_json::{Value, json};

pub(crate) fn all_no(id: i64) -> Value {
    let facts = [
        "mixed_marriage",
        "mixed_ethnicity",
        "perceived_regime_association",
        "serious_protection_risk",
        "severe_illness_untreatable",
        "severe_mental_illness_untreatable",
        "severe_disability",
        "elderly_without_support",
        "trafficking_victim",
        "best_interests_determination",
    ];
    let map: serde_json::Map<String, Value> = facts.iter().map(|f| (f.to_string(), json!("no"))).collect();
    json!({ id.to_string(): map })
}

async fn screening_records(app: &TestApp) {
    // A Roma mother and her child (community not recorded for the child).
    let mut mother = person_json("Sebahate", "Bislimi");
    mother["community"] = json!("roma");
    mother["municipality_of_origin"] = json!("Prizren");
    let mother = app.person("caseworker", mother).await;
    let child = app.person("caseworker", person_json("Elvis", "Bislimi")).await;
    let (s, _) = app
        .post(
            "caseworker",
            "/api/v1/households",
            json!({"members": [{"person_id": mother, "relation": "head"}, {"person_id": child, "relation": "child"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, v) = app
        .post(
            "caseworker",
            "/api/v1/screenings",
            json!({"person_id": child, "return_type": "forced", "as_of": "2005-01-01"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["policy_id"], "unmik-2004");
    assert_eq!(v["outcome"], "protected", "family unity with a protected mother: {v}");
    assert_eq!(v["facts"].as_array().unwrap().len(), 2);
    let text = v["decisions"].to_string();
    assert!(text.contains("Roma"), "the cited sentence names the group");
    let id = v["id"].as_i64().unwrap();
    let (_, r) = app.get("caseworker", &format!("/api/v1/screenings/{id}/reproduction")).await;
    assert_eq!(r["identical"], true);

    // An Ashkali man from an Albanian-majority municipality, every fact known: barred in 2005,
    // no longer presumed at risk after UNHCR's 2006 update.
    let mut man = person_json("Sabit", "Avdiu");
    man["community"] = json!("ashkali");
    man["municipality_of_origin"] = json!("Ferizaj");
    let man = app.person("caseworker", man).await;
    let mut outcomes = Vec::new();
    for day in ["2007-01-01", "2005-01-01"] {
        let (s, v) = app
            .post(
                "caseworker",
                "/api/v1/screenings",
                json!({"person_id": man, "return_type": "forced", "as_of": day, "facts": all_no(man)}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        outcomes.push(v["outcome"].as_str().unwrap().to_string());
    }
    assert_eq!(outcomes[1], "protected");
    assert_eq!(outcomes[0], "no_bar_found");
    // Open means open: a person in no open return case is not listed for re-screening.
    let (s, changed) = app.get("caseworker", "/api/v1/screenings/changes").await;
    assert_eq!((s, changed.as_array().map(Vec::len)), (StatusCode::OK, Some(0)), "{changed}");
    // In an open case, the man's newest screening (the 2005 one) changes under today's policy;
    // the Roma family, in an open case too, stays protected.
    for person in [man, child] {
        let (s, v) = app
            .post(
                "caseworker",
                "/api/v1/return-cases",
                json!({"person_id": person, "return_type": "forced", "host_country": "DE"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    let (s, changed) = app.get("caseworker", "/api/v1/screenings/changes").await;
    assert_eq!(s, StatusCode::OK, "{changed}");
    let list = changed.as_array().unwrap();
    assert!(list.iter().any(|c| c["person_id"] == man && c["new_outcome"] == "no_bar_found"), "{changed}");
    assert!(!list.iter().any(|c| c["person_id"] == child), "the Roma family stays protected");
    // Screened again in one action: nothing is left to change.
    let (s, done) = app.post("caseworker", "/api/v1/screenings/rescreen", json!(null)).await;
    assert_eq!(s, StatusCode::CREATED, "{done}");
    assert_eq!(done.as_array().map(Vec::len), Some(list.len()), "{done}");
    let (_, changed) = app.get("caseworker", "/api/v1/screenings/changes").await;
    assert_eq!(changed.as_array().map(Vec::len), Some(0), "{changed}");

    // Bad facts name their field; who may do what.
    let (s, v) = app
        .post(
            "caseworker",
            "/api/v1/screenings",
            json!({"person_id": man, "return_type": "forced", "facts": {"999": {"x": "yes"}}}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["errors"][0]["field"], "facts.999");
    let (s, _) = app.post("viewer", "/api/v1/screenings", json!({"person_id": man, "return_type": "forced"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app.post("other", "/api/v1/screenings", json!({"person_id": man, "return_type": "forced"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app.get("plainworker", &format!("/api/v1/screenings/{id}")).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "the stored facts are special categories");
    let (_, audit) = app.get("admin", &format!("/api/v1/audit?record_type=person&record_id={child}")).await;
    assert!(audit.to_string().contains("screening.create"));
}
both_backends!(screening_records);

async fn readmission_list_upload(app: &TestApp) {
    let header = "request_id,household_id,relation,given_name,family_name,date_of_birth,sex,community,municipality_of_origin,return_type,informed_consent,mixed_marriage,mixed_ethnicity,perceived_regime_association,serious_protection_risk,severe_illness_untreatable,severe_mental_illness_untreatable,severe_disability,caregiver_for,elderly_without_support,trafficking_victim,best_interests_determination";
    let csv = format!(
        "{header}\nR1,H1,head,Bajram,Ramadani,1970,male,roma,Prizren,forced,,no,no,no,no,no,no,no,,no,no,no\nR2,H1,child,Ajshe,Ramadani,2010,female,,Prizren,forced,,,,,,,,,,,,\nR3,,,Agim,Hoxha,1980,male,albanian,Atlantis,forced,,no,no,no,no,no,no,no,,no,no,no\n"
    );
    let r = app
        .client
        .post(format!("{}/api/v1/screenings/batch?as_of=2005-01-01", app.addr))
        .bearer_auth(app.token("caseworker"))
        .header("content-type", "text/csv")
        .body(csv.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let out = r.text().await.unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("request_id,household_id,outcome"));
    assert!(lines[1].starts_with("R1,H1,protected"), "{out}");
    assert!(lines[2].starts_with("R2,H1,protected"), "family unity: {out}");
    assert!(lines[3].starts_with("R3,,needs_assessment") && lines[3].contains("Atlantis"), "{out}");
    let r = app
        .client
        .post(format!("{}/api/v1/screenings/batch?strict=true", app.addr))
        .bearer_auth(app.token("caseworker"))
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let v: Value = r.json().await.unwrap();
    assert!(v["errors"][0]["field"].as_str().unwrap().starts_with("row 3"), "{v}");
}
both_backends!(readmission_list_upload);
