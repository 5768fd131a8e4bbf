//! No input panics the domain: any text through folding, dates and validation yields a value or
//! a named error.

use chrono::NaiveDate;
use drom_domain::date::PartialDate;
use drom_domain::fold::{fold, query_terms, tokens};
use drom_registry::domain::person::PersonData;
use proptest::prelude::*;

proptest! {
    #[test]
    fn folding_yields_lower_ascii_words(s in "\\PC{0,64}") {
        let f = fold(&s);
        prop_assert!(f.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' '));
        for t in tokens(&s).iter().chain(query_terms(&s).iter()) {
            prop_assert!(!t.is_empty() && !t.contains(' '));
        }
    }

    #[test]
    fn dates_parse_or_explain(s in "\\PC{0,16}", y in 0i32..12000, m in 0u32..15, d in 0u32..40) {
        let _ = s.parse::<PartialDate>();
        let text = format!("{y:04}-{m:02}-{d:02}");
        match text.parse::<PartialDate>() {
            Ok(p) => prop_assert!(NaiveDate::from_ymd_opt(p.year, m, d).is_some()),
            Err(e) => prop_assert!(!e.0.is_empty()),
        }
    }

    #[test]
    fn validation_names_fields_and_never_panics(given in "\\PC{0,120}", family in "\\PC{0,120}", lang in "\\PC{0,5}", country in "\\PC{0,3}") {
        let p: PersonData = serde_json::from_value(serde_json::json!({
            "given_name": given, "family_name": family, "sex": "unknown",
            "languages": [lang], "current_country": country,
            "legal_basis": {"kind": "legal_obligation", "legal_reference": "Law on Readmission"}
        })).unwrap();
        if let Err(e) = p.validate(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()) {
            prop_assert!(e.0.iter().all(|f| !f.field.is_empty() && !f.reason.is_empty()));
        }
    }
}
