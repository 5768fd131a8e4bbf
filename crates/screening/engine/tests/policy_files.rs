//! Policy files: the shipped ones quote their source verbatim where they say so, and malformed
//! files are refused at load with the file, the line and the reason.

mod common;

use drom_screening_engine::policy::{Quotation, parse_policy};
use drom_screening_engine::{PolicySet, Screener};

const GOOD: &str = r#"id = "test-policy"
title = "A test policy"
effective_from = 2010-01-01

[source]
document = "a document"
location = "nowhere"
quotation = "paraphrase"

[[rule]]
id = "roma"
summary = "Roma are not returned"
quote = "Roma are not returned."
when.community_in = ["roma"]
"#;

/// The line number and reason of the error a text gives.
fn refused(text: &str) -> (usize, String) {
    let e = parse_policy("admin/bad.toml", text, Some(&["roma", "serb", "albanian"])).unwrap_err();
    assert_eq!(e.file, "admin/bad.toml");
    assert!(e.to_string().starts_with(&format!("admin/bad.toml:{}:", e.line)), "{e}");
    (e.line, e.reason)
}

#[test]
fn the_test_policy_itself_loads() {
    let p = parse_policy("good.toml", GOOD, Some(&["roma"])).unwrap();
    assert_eq!(p.rules.len(), 1);
    assert_eq!(p.effective_until, None);
}

#[test]
fn malformed_policies_are_refused_with_line_and_reason() {
    let cases: Vec<(String, usize, &str)> = vec![
        (GOOD.replace("when.community_in", "when.comunity_in"), 14, "comunity_in"),
        (GOOD.replace("summary =", "sumary = \"x\"\nsummary ="), 12, "sumary"),
        (GOOD.replace("[\"roma\"]", "[\"martian\"]"), 14, "'martian' is not a known community code"),
        (GOOD.replace("when.community_in = [\"roma\"]", "when.fact = \"is_tall\""), 14, "is_tall"),
        (GOOD.replace("2010-01-01", "2010-02-30"), 3, ""),
        (GOOD.replace("2010-01-01", "\"next year\""), 3, ""),
        (
            GOOD.replace("effective_from = 2010-01-01", "effective_from = 2010-01-01\neffective_until = 2009-12-31"),
            4,
            "before effective_from",
        ),
        (
            format!(
                "{GOOD}\n[[rule]]\nid = \"roma\"\nsummary = \"again\"\nquote = \"x\"\nwhen.fact = \"mixed_marriage\"\n"
            ),
            17,
            "used twice",
        ),
        (GOOD.replace("id = \"roma\"", "id = \"Roma Rule\""), 11, "lower-case"),
        (
            GOOD.replace(
                "when.community_in = [\"roma\"]",
                "clause = \"not in the quote\"\nwhen.community_in = [\"roma\"]",
            ),
            14,
            "clause is not part of the quote",
        ),
        (GOOD.replace("when.community_in = [\"roma\"]", ""), 11, "needs conditions"),
        (GOOD.replace("quote = \"Roma are not returned.\"", "quote = \"\""), 13, "quote is empty"),
        (GOOD.replace("[\"roma\"]", "[]"), 14, "is empty"),
        (GOOD.replace("title = ", "title = \n"), 3, "expected"),
        (
            GOOD.replace("kind", "").replace("[[rule]]", "[[rule]]\nkind = \"forbid_everything\""),
            11,
            "forbid_everything",
        ),
        (GOOD.replace("summary = \"Roma are not returned\"", "summary = \"Roma; others\""), 12, "semicolons"),
    ];
    for (text, line, reason) in cases {
        let (got_line, got_reason) = refused(&text);
        assert_eq!(got_line, line, "{got_reason}\n{text}");
        assert!(got_reason.contains(reason), "'{got_reason}' should mention '{reason}'");
    }
}

#[test]
fn a_second_policy_taking_effect_the_same_day_or_with_the_same_id_is_refused() {
    let other = GOOD.replace("test-policy", "other-policy");
    let e = PolicySet::from_texts([("a.toml", GOOD), ("b.toml", other.as_str())], None).unwrap_err();
    assert!(e.reason.contains("both take effect on 2010-01-01"), "{e}");
    let later = GOOD.replace("2010-01-01", "2011-01-01");
    let e = PolicySet::from_texts([("a.toml", GOOD), ("b.toml", later.as_str())], None).unwrap_err();
    assert!(e.reason.contains("already defined in a.toml"), "{e}");
    // An administrator's corrected copy of a shipped policy replaces it.
    let mut set = PolicySet::shipped(None).unwrap();
    let corrected = drom_screening_engine::policy::shipped()[0]
        .1
        .replace("Kosovo Serbs, Roma, Ashkali and Egyptians are not", "Serbs, Roma, Ashkali and Egyptians are not");
    set.add(parse_policy("local/unmik-2004.toml", &corrected, None).unwrap(), true).unwrap();
    assert_eq!(set.by_id("unmik-2004").unwrap().file, "local/unmik-2004.toml");
    assert_eq!(set.policies.len(), 2);
}

#[test]
fn a_policy_naming_a_community_the_reference_lacks_is_refused_when_compiled() {
    let (m, mut c) = common::reference();
    c.retain(|x| x.code != "egyptian");
    let set = PolicySet::shipped(None).unwrap();
    let e = Screener::new(set.by_id("unmik-2004").unwrap(), &m, &c).unwrap_err();
    assert_eq!(e.file, "unmik-2004.toml");
    assert!(e.reason.contains("'egyptian' is not a known community code"), "{e}");
    assert!(e.line > 0);
}

/// Verbatim quotes are the source's own words: each is found, exactly, in the note kept in
/// `policies/sources/` (inside the repository: a fresh clone checks it alone).
#[test]
fn verbatim_quotes_are_found_in_the_source() {
    let path = common::repo().join("policies/sources/unmik-forced-returns-background-note.txt");
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let set = PolicySet::shipped(None).unwrap();
    let mut checked = 0;
    for p in &set.policies {
        for r in &p.rules {
            if r.quotation == Quotation::Verbatim {
                assert!(source.contains(&r.quote), "{} / {}: quote not in the source", p.id, r.id);
                checked += 1;
            } else {
                assert_eq!(p.id, "unhcr-2006", "only the 2006 update is paraphrased");
            }
        }
    }
    assert_eq!(set.by_id("unmik-2004").unwrap().rules.len(), 13);
    assert!(checked >= 13 + 8, "{checked}");
}

proptest::proptest! {
    /// No policy text panics the loader: arbitrary text, and the good file with a stretch cut out.
    #[test]
    fn any_policy_text_is_refused_or_loaded_without_panic(text in "\\PC{0,300}", cut in 0usize..400, len in 0usize..40) {
        let _ = parse_policy("x.toml", &text, Some(&["roma"]));
        let bytes = GOOD.as_bytes();
        let (a, b) = (cut.min(bytes.len()), (cut + len).min(bytes.len()));
        let damaged = String::from_utf8_lossy(&[&bytes[..a], &bytes[b..]].concat()).into_owned();
        if let Err(e) = parse_policy("x.toml", &damaged, Some(&["roma"])) {
            proptest::prop_assert!(e.line <= damaged.lines().count() + 1, "{}", e);
        }
    }
}
