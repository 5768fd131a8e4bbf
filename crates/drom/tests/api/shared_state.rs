//! Several `drom serve` processes on one PostgreSQL database share what they cache: an
//! administrator's correction of reference data through one server is used by another within a
//! second, by its pages, its API and the screening engine.

use crate::helpers::{Backend, TestApp, person_json};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_correction_on_one_server_reaches_the_other_within_a_second() {
    let app = TestApp::spawn(Backend::Postgres).await;
    // A second server: its own process state (pool, caches), the same database.
    let db = drom::cli::open(&app.url).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let other = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let policies = drom_screening::PolicySet::shipped(None).unwrap();
        drom::server::serve(listener, db, policies, async {
            let _ = stopped.await;
        })
        .await
        .unwrap();
    });
    let get = |base: String, path: &'static str| {
        let client = app.client.clone();
        let token = app.token("caseworker").to_string();
        async move {
            let r = client.get(format!("{base}{path}")).bearer_auth(token).send().await.unwrap();
            r.json::<Value>().await.unwrap()
        }
    };
    let majority = |list: &Value| {
        list.as_array().unwrap().iter().find(|m| m["code"] == "decan").unwrap()["majority_community"].clone()
    };
    // Both servers have read (and cached) the reference data.
    assert_eq!(majority(&get(app.addr.clone(), "/api/v1/municipalities").await), "albanian");
    assert_eq!(majority(&get(other.clone(), "/api/v1/municipalities").await), "albanian");
    let mut p = person_json("Ilir", "Gashi");
    p["community"] = json!("albanian");
    p["municipality_of_origin"] = json!("Deçan");
    let person = app.person("caseworker", p).await;
    let screen = |base: String| {
        let client = app.client.clone();
        let token = app.token("caseworker").to_string();
        let body = json!({"person_id": person, "return_type": "forced", "as_of": "2007-01-01",
                          "facts": crate::screenings::all_no(person)});
        async move {
            let r =
                client.post(format!("{base}/api/v1/screenings")).bearer_auth(token).json(&body).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::CREATED);
            r.json::<Value>().await.unwrap()["outcome"].as_str().unwrap().to_string()
        }
    };
    assert_eq!(screen(other.clone()).await, "no_bar_found");

    // The system administrator corrects the majority community through the first server.
    let r = app
        .call(
            Some("sysadmin"),
            reqwest::Method::PUT,
            "/api/v1/municipalities/decan",
            Some(json!({"district": "Pejë", "majority_community": "serb"})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap_or_default());
    let corrected = Instant::now();
    loop {
        if majority(&get(other.clone(), "/api/v1/municipalities").await) == "serb" {
            break;
        }
        assert!(corrected.elapsed() < Duration::from_millis(1500), "the other server still has the old data");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let seen = corrected.elapsed();
    assert!(seen <= Duration::from_secs(1) + Duration::from_millis(200), "seen after {seen:?}");
    // The screening engine of the other server uses it: an Albanian from Deçan is now in a
    // minority situation there.
    assert_eq!(screen(other.clone()).await, "protected");
    let _ = stop.send(());
    app.stop().await;
}
