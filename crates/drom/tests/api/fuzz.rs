//! Fuzzing harnesses for every reader of outside input: the readmission-list CSV, the returns
//! import CSV, the policy files, the JSON bodies of the API and the form bodies of the pages.
//! Each feeds generated inputs (random bytes, and inputs close to valid ones) and asserts no
//! panic and an error that names where. `DROM_FUZZ_CASES` sets the number of inputs per
//! harness (default 2,000 in the test suite; docs/reliability.md records a run of 1,000,000).

use drom_web::pages::forms::FormData;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

fn cases() -> u32 {
    std::env::var("DROM_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000)
}

fn runner() -> TestRunner {
    TestRunner::new(Config { cases: cases(), failure_persistence: None, ..Config::default() })
}

/// Text that is mostly CSV-shaped: known header names, separators, quotes, line breaks and
/// formula starts, mixed with anything.
fn csv_like(header: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    let cell = prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 ,\"\n\r=+@-]{0,12}",
        proptest::sample::select(header.to_vec()).prop_map(str::to_string),
        any::<String>(),
    ];
    let row = proptest::collection::vec(cell, 0..(header.len() + 3)).prop_map(|cells| cells.join(","));
    let rows = proptest::collection::vec(row, 0..8);
    let head = proptest::sample::subsequence(header.to_vec(), 0..=header.len()).prop_map(|h| h.join(","));
    prop_oneof![
        (head, rows).prop_map(|(h, rows)| format!("{h}\n{}", rows.join("\n")).into_bytes()),
        proptest::collection::vec(any::<u8>(), 0..300),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readmission_lists_never_panic() {
    let dir = crate::helpers::TempDir::new();
    let db = drom::cli::open(&format!("sqlite://{}/f.db", dir.0.display())).await.unwrap();
    let policies = drom_screening::PolicySet::shipped(None).unwrap();
    let today = chrono::Utc::now().date_naive();
    let screener = drom_screening::ScreeningDb::screenings(&db).screener(&policies, None, today).await.unwrap();
    let header = &drom_screening::batch::INPUT_COLUMNS[..];
    runner()
        .run(&(csv_like(header), any::<bool>()), |(input, strict)| {
            let opts = drom_screening::batch::BatchOptions { strict, today };
            let mut out = Vec::new();
            match drom_screening::batch::screen_csv(&screener, &input[..], &mut out, &opts, &mut |_| {}) {
                Ok(_) => {}
                Err(drom_screening::batch::BatchError::Row { row, field, .. }) => {
                    prop_assert!(row >= 1 && !field.is_empty());
                }
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn returns_files_never_panic_and_errors_name_their_row() {
    runner()
        .run(&csv_like(drom_returns::store::import::COLUMNS), |input| {
            if let Err(e) = drom_returns::store::import::read_file(&input) {
                prop_assert!(!e.is_empty());
                prop_assert!(e.0.iter().all(|f| f.field.starts_with("row ")), "{e}");
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn policy_files_never_panic() {
    let shipped: Vec<(String, String)> =
        drom_screening::policy::shipped().iter().map(|(f, t)| (f.to_string(), t.to_string())).collect();
    let damaged = (0..shipped.len(), any::<usize>(), any::<usize>(), "[^\u{0}]{0,8}").prop_map(
        move |(which, at, len, insert)| {
            let text = &shipped[which].1;
            let cut = |i: usize| text.char_indices().map(|(b, _)| b).nth(i % text.chars().count().max(1)).unwrap_or(0);
            let (a, b) = (cut(at), cut(at.wrapping_add(len % 40)));
            let (a, b) = (a.min(b), a.max(b));
            format!("{}{insert}{}", &text[..a], &text[b..])
        },
    );
    let input = prop_oneof![damaged, any::<String>()];
    runner()
        .run(&input, |text| {
            if let Err(e) = drom_screening::policy::parse_policy("fuzz.toml", &text, None) {
                prop_assert!(!e.to_string().is_empty());
            }
            Ok(())
        })
        .unwrap();
}

/// JSON values of any shape, with the field names the API's bodies use.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let names = proptest::sample::select(vec![
        "given_name",
        "family_name",
        "date_of_birth",
        "sex",
        "community",
        "languages",
        "documents",
        "contacts",
        "legal_basis",
        "kind",
        "consent_date",
        "vulnerabilities",
        "members",
        "person_id",
        "relation",
        "return_type",
        "host_country",
        "registered_on",
        "role",
        "disabled",
        "answers",
        "fact",
        "answer",
        "basis",
        "x",
    ]);
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map(serde_json::Value::Number).unwrap_or_default()),
        "[a-z_0-9 -]{0,10}".prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 48, 8, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            proptest::collection::vec((names.clone(), inner), 0..8)
                .prop_map(|kv| serde_json::Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

/// Parses a body as one of the API's request types, answering the refusal if any.
type ParseCheck = fn(&[u8]) -> Option<drom_web::problem::ApiError>;

#[test]
fn json_bodies_never_panic_and_errors_name_the_field() {
    use drom_web::extract::parse_json;
    let input = prop_oneof![
        json_value().prop_map(|v| v.to_string().into_bytes()),
        proptest::collection::vec(any::<u8>(), 0..200),
    ];
    runner()
        .run(&input, |bytes| {
            let checks: [ParseCheck; 6] = [
                |b| parse_json::<drom_registry::domain::person::PersonData>(b).err(),
                |b| parse_json::<drom_registry::domain::household::HouseholdData>(b).err(),
                |b| parse_json::<drom_returns::store::cases::NewCase>(b).err(),
                |b| parse_json::<drom_screening::store::screenings::ScreeningRequest>(b).err(),
                |b| parse_json::<drom_store::accounts::UserChange>(b).err(),
                |b| parse_json::<drom_store::users::NewUser>(b).err(),
            ];
            for check in checks {
                if let Some(e) = check(&bytes) {
                    prop_assert!(e.code == "malformed_json" || e.errors.iter().all(|f| !f.field.is_empty()));
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn person_forms_never_panic() {
    let names = proptest::sample::select(vec![
        "given_name",
        "family_name",
        "date_of_birth",
        "sex",
        "vulnerabilities",
        "legal_basis.kind",
        "legal_basis.consent_date",
        "documents[0].number",
        "documents[0].kind",
        "documents[0].expires_on",
        "documents[1].number",
        "contact_email",
        "contact_phone",
        "languages",
        "municipality_of_origin",
        "csrf",
        "x",
    ]);
    let value = prop_oneof!["[a-z0-9 -]{0,10}", "[0-9]{4}(-[0-9]{2}){0,2}", any::<String>()];
    let form = proptest::collection::vec((names, value), 0..20);
    runner()
        .run(&form, |pairs| {
            let form = FormData(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect());
            if let Err(errors) = drom_registry::web::pages::person_form::parse_person(&form) {
                prop_assert!(errors.iter().all(|e| !e.field.is_empty() && !e.code.is_empty()));
            }
            Ok(())
        })
        .unwrap();
}
