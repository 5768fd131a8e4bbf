//! Readmission lists screened and kept for the uploading agency: upload over the API and the
//! page, progress to `done`, counts, filters, exports with formula cells neutralised, audited
//! reads, deletion, refusals that write nothing, and who may see a list.

use crate::both_backends;
use crate::helpers::TestApp;
use crate::pages::{get, post, sign_in};
use drom_screening::ScreeningDb;
use reqwest::StatusCode;
use serde_json::Value;

/// Uploads `csv` as `user` over the API.
pub(crate) async fn upload(app: &TestApp, user: &str, csv: &str) -> (StatusCode, Value) {
    let r = app
        .client
        .post(format!("{}/api/v1/screening-lists?name=ra-2026-14.csv&as_of=2007-01-01", app.addr))
        .bearer_auth(app.token(user))
        .header("content-type", "text/csv")
        .body(csv.to_string())
        .send()
        .await
        .unwrap();
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

/// Waits (bounded) until the list's rows are all stored.
pub(crate) async fn done(app: &TestApp, id: i64) -> Value {
    for _ in 0..100 {
        let (s, v) = app.get("caseworker", &format!("/api/v1/screening-lists/{id}")).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        if v["status"] != "storing" {
            return v;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("list {id} was not stored in 5 s");
}

async fn lists_are_screened_kept_and_deleted(app: &TestApp) {
    // A cell a spreadsheet would run as a formula, from the host country's list.
    let csv = crate::screen::list().replace("B1,,head,Arben", "=HYPERLINK(\"x\"),,head,Arben");
    let (s, v) = upload(app, "caseworker", &csv).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let id = v["id"].as_i64().unwrap();
    let list = done(app, id).await;
    assert_eq!(list["status"], "done", "{list}");
    assert_eq!(list["policy_id"], "unhcr-2006");
    assert_eq!((list["rows_total"].as_i64(), list["rows_done"].as_i64()), (Some(7), Some(7)));
    let counts = [&list["protected"], &list["needs_assessment"], &list["no_bar_found"]];
    assert_eq!(counts.iter().map(|c| c.as_i64().unwrap()).sum::<i64>(), 7);

    // Filtered by outcome and by household; each read is audited.
    let audit = app.count("audit_log").await;
    let (_, rows) = app.get("caseworker", &format!("/api/v1/screening-lists/{id}/rows?outcome=protected")).await;
    let protected: Vec<&str> =
        rows["items"].as_array().unwrap().iter().map(|r| r["request_id"].as_str().unwrap()).collect();
    assert_eq!(protected.len() as i64, list["protected"].as_i64().unwrap());
    assert!(protected.contains(&"R1") && protected.contains(&"X1"), "the Roma head and, by family unity, his wife");
    let (_, rows) = app.get("caseworker", &format!("/api/v1/screening-lists/{id}/rows?household_id=H1")).await;
    let names: Vec<&str> =
        rows["items"].as_array().unwrap().iter().map(|r| r["given_name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Sabit", "Nurije"]);
    assert_eq!(app.count("audit_log").await, audit + 2);
    let (s, v) = app.get("caseworker", &format!("/api/v1/screening-lists/{id}/rows?outcome=maybe")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");

    // Only the uploading agency, and only with the special-categories grant.
    let (s, _) = app.get("other", &format!("/api/v1/screening-lists/{id}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app.get("plainworker", &format!("/api/v1/screening-lists/{id}")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = upload(app, "plainworker", &csv).await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // The page: counts, the reasons in words, and the files.
    let (c, csrf) = sign_in(app, "caseworker").await;
    let (s, html) = get(&c, app, &format!("/screenings/lists/{id}?outcome=protected")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Kosovo Serbs and Roma remain presumed at risk"), "reasons in words: {html}");
    assert!(html.contains("families are not separated"), "{html}");
    let r = c.get(format!("{}/screenings/lists/{id}/decisions.csv", app.addr)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let text = r.text().await.unwrap();
    assert!(text.starts_with("row,request_id,household_id"), "{text}");
    assert!(text.contains("'=HYPERLINK"), "formula neutralised: {text}");
    assert!(!text.contains(",=HYPERLINK"), "{text}");
    let r = c.get(format!("{}/screenings/lists/{id}/decisions.xlsx", app.addr)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.bytes().await.unwrap().starts_with(b"PK"), "an XLSX (zip) file");
    let (_, html) = get(&c, app, &format!("/screenings/lists/{id}/summary")).await;
    assert!(html.contains("Who may not be returned by force, and why") && html.contains("Ramiz Demiri"));

    // Deleted: gone, audited.
    let r = post(&c, app, &format!("/screenings/lists/{id}/delete"), &[("csrf", &csrf)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (s, _) = app.get("caseworker", &format!("/api/v1/screening-lists/{id}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(app.count("screening_list_row").await, 0);
}
both_backends!(lists_are_screened_kept_and_deleted);

async fn bad_lists_are_refused_and_nothing_is_written(app: &TestApp) {
    let header_only = crate::screen::list().lines().next().unwrap().to_string() + "\n";
    let missing = crate::screen::list().replacen("community,", "", 1);
    for (body, reason) in [
        ("%PDF-1.4\0\0binary".to_string(), "is not a CSV text file"),
        (missing, "missing column(s) community"),
        (header_only, "has a header but no rows"),
        (String::new(), "is empty"),
    ] {
        let (s, v) = upload(app, "caseworker", &body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert_eq!(v["errors"][0]["field"], "file");
        assert!(v["errors"][0]["reason"].as_str().unwrap().contains(reason), "{reason}: {v}");
    }
    let r = app
        .client
        .post(format!("{}/api/v1/screening-lists", app.addr))
        .bearer_auth(app.token("caseworker"))
        .header("content-type", "application/pdf")
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // Larger than a list may be: refused before it is read.
    let caseworker = app.db.user_by_name("caseworker").await.unwrap().actor();
    let big = vec![b'a'; drom_screening::store::screening_lists::MAX_LIST_BYTES + 1];
    let e = app
        .db
        .screenings()
        .upload_screening_list(caseworker.registry_writer().unwrap(), "big.csv", big, None)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("file: is larger than 256 MiB"), "{e}");
    assert_eq!(app.count("screening_list").await, 0);

    // On the page, a file upload (multipart) with the reason shown and nothing saved.
    let (c, csrf) = sign_in(app, "caseworker").await;
    let boundary = "drom-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF\0\0\r\n\
         --{boundary}--\r\n"
    );
    let r = c
        .post(format!("{}/screenings/lists", app.addr))
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("The list was not accepted: is not a CSV text file"));
    // Without the form's token, nothing is read.
    let forged = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"l.csv\"\r\n\r\n{}\r\n--{boundary}--\r\n",
        crate::screen::list()
    );
    let r = c
        .post(format!("{}/screenings/lists", app.addr))
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(forged)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("screening_list").await, 0);

    // A good file through the page: the list's page follows it to the end.
    let good = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ra.csv\"\r\nContent-Type: text/csv\r\n\r\n{}\r\n\
         --{boundary}--\r\n",
        crate::screen::list()
    );
    let r = c
        .post(format!("{}/screenings/lists", app.addr))
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(good)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = r.headers()["location"].to_str().unwrap().to_string();
    let id: i64 = page.rsplit('/').next().unwrap().parse().unwrap();
    done(app, id).await;
    let (_, html) = get(&c, app, &page).await;
    assert!(html.contains("7 rows"), "{html}");
}
both_backends!(bad_lists_are_refused_and_nothing_is_written);
