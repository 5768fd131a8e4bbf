//! The OpenAPI document is generated from the routes: every documented operation exists, and
//! the API's known routes are all documented.

use crate::both_backends;
use crate::helpers::TestApp;
use reqwest::{Method, StatusCode};
use serde_json::Value;

async fn document_matches_routes(app: &TestApp) {
    let r = app.client.get(format!("{}/api/v1/openapi.json", app.addr)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let doc: Value = r.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for required in [
        "/persons",
        "/persons/{id}",
        "/households",
        "/households/{id}",
        "/auth/token",
        "/programmes",
        "/return-cases",
        "/return-cases/{id}/arrival",
        "/reports/returns",
    ] {
        assert!(paths.contains_key(required), "{required} is not documented");
    }
    let mut operations = 0;
    for (path, item) in paths {
        for method in ["get", "post", "put", "delete", "patch"] {
            if item.get(method).is_none() {
                continue;
            }
            operations += 1;
            let concrete = path.replace("{id}", "1").replace("{code}", "prizren");
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let r = app.call(Some("admin"), m.clone(), &format!("/api/v1{concrete}"), None).await;
            // The operation exists: any answer but "no such route" (405 or a route-level 404
            // whose body is not a record lookup).
            assert_ne!(r.status(), StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            let body: Value = r.json().await.unwrap_or(Value::Null);
            if body["code"] == "not_found" {
                assert!(path.contains('{'), "{method} {path} answered not found");
            }
        }
    }
    assert!(operations >= 20, "only {operations} operations documented");
    let (s, _) = app.get("admin", "/healthz").await;
    assert_eq!(s, StatusCode::OK);
}
both_backends!(document_matches_routes);
