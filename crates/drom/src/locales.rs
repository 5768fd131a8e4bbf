//! `drom locales`: how complete each language's messages are, folder by folder (the kernel's and
//! each capability's): how many messages, which English ones are missing, and which await review
//! by a speaker (marked `# review` directly above the message, see docs/localisation.md). The
//! files are embedded, so the command needs no source tree.

use drom_web::pages::ctx::{awaiting_review, keys_in};

/// The page languages as their folders are named; English is the reference.
pub const LANGUAGES: [&str; 4] = ["en", "sq", "sr-Latn", "rom"];

/// Every `.ftl` file: (folder, language, text). A language without a file in a folder has
/// none of its messages there.
const FILES: &[(&str, &str, &str)] = &[
    ("kernel", "en", include_str!("../../kernel/web/locales/en/main.ftl")),
    ("kernel", "sq", include_str!("../../kernel/web/locales/sq/main.ftl")),
    ("kernel", "sr-Latn", include_str!("../../kernel/web/locales/sr-Latn/main.ftl")),
    ("kernel", "rom", include_str!("../../kernel/web/locales/rom/main.ftl")),
    ("casework", "en", include_str!("../../casework/locales/en/casework.ftl")),
    ("casework", "sq", include_str!("../../casework/locales/sq/casework.ftl")),
    ("casework", "sr-Latn", include_str!("../../casework/locales/sr-Latn/casework.ftl")),
    ("discrimination", "en", include_str!("../../discrimination/locales/en/discrimination.ftl")),
    ("discrimination", "sq", include_str!("../../discrimination/locales/sq/discrimination.ftl")),
    ("discrimination", "sr-Latn", include_str!("../../discrimination/locales/sr-Latn/discrimination.ftl")),
    ("discrimination", "rom", include_str!("../../discrimination/locales/rom/discrimination.ftl")),
    ("directory", "en", include_str!("../../directory/locales/en/directory.ftl")),
    ("directory", "sq", include_str!("../../directory/locales/sq/directory.ftl")),
    ("directory", "sr-Latn", include_str!("../../directory/locales/sr-Latn/directory.ftl")),
    ("directory", "rom", include_str!("../../directory/locales/rom/directory.ftl")),
    ("exchange", "en", include_str!("../../exchange/locales/en/exchange.ftl")),
    ("exchange", "sq", include_str!("../../exchange/locales/sq/exchange.ftl")),
    ("exchange", "sr-Latn", include_str!("../../exchange/locales/sr-Latn/exchange.ftl")),
    ("referrals", "en", include_str!("../../referrals/locales/en/referrals.ftl")),
    ("referrals", "sq", include_str!("../../referrals/locales/sq/referrals.ftl")),
    ("referrals", "sr-Latn", include_str!("../../referrals/locales/sr-Latn/referrals.ftl")),
    ("registry", "en", include_str!("../../registry/locales/en/registry.ftl")),
    ("registry", "sq", include_str!("../../registry/locales/sq/registry.ftl")),
    ("registry", "sr-Latn", include_str!("../../registry/locales/sr-Latn/registry.ftl")),
    ("registry", "rom", include_str!("../../registry/locales/rom/registry.ftl")),
    ("screening", "en", include_str!("../../screening/locales/en/screening.ftl")),
    ("screening", "sq", include_str!("../../screening/locales/sq/screening.ftl")),
    ("screening", "sr-Latn", include_str!("../../screening/locales/sr-Latn/screening.ftl")),
    ("returns", "en", include_str!("../../returns/locales/en/returns.ftl")),
    ("returns", "sq", include_str!("../../returns/locales/sq/returns.ftl")),
    ("returns", "sr-Latn", include_str!("../../returns/locales/sr-Latn/returns.ftl")),
];

/// One language's messages in one folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub folder: &'static str,
    pub language: &'static str,
    pub messages: usize,
    /// English keys this language lacks.
    pub missing: Vec<String>,
    /// Keys whose translation awaits review.
    pub review: Vec<String>,
}

/// The coverage of every language in every folder, in the order of `FILES`' folders.
pub fn coverage() -> Vec<Coverage> {
    let mut folders: Vec<&'static str> = FILES.iter().map(|f| f.0).collect();
    folders.dedup();
    let text = |folder: &str, lang: &str| FILES.iter().find(|f| f.0 == folder && f.1 == lang).map(|f| f.2);
    let mut out = Vec::new();
    for folder in folders {
        let english = keys_in(text(folder, "en").unwrap_or_default());
        for language in LANGUAGES {
            let ftl = text(folder, language).unwrap_or_default();
            let keys = keys_in(ftl);
            out.push(Coverage {
                folder,
                language,
                messages: keys.len(),
                missing: english.iter().filter(|k| !keys.contains(k)).cloned().collect(),
                review: awaiting_review(ftl),
            });
        }
    }
    out
}

/// The report `drom locales` prints: a table, then (unless `summary`) the keys of each row.
pub fn report(summary: bool) -> String {
    let rows = coverage();
    let mut out =
        format!("{:<10} {:<8} {:>8} {:>8} {:>16}\n", "folder", "language", "messages", "missing", "awaiting review");
    for c in &rows {
        out += &format!(
            "{:<10} {:<8} {:>8} {:>8} {:>16}\n",
            c.folder,
            c.language,
            c.messages,
            c.missing.len(),
            c.review.len()
        );
    }
    if !summary {
        for c in &rows {
            for (what, keys) in [("missing", &c.missing), ("awaiting review", &c.review)] {
                if !keys.is_empty() {
                    out += &format!("\n{} {} {what}:\n  {}\n", c.folder, c.language, keys.join("\n  "));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locales_folder_is_counted() {
        // A new capability's files must be added to FILES: compare with the folders on disk.
        let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut on_disk = Vec::new();
        for entry in std::fs::read_dir(&crates).unwrap().flatten() {
            if entry.path().join("locales/en").is_dir() {
                on_disk.push(entry.file_name().to_string_lossy().to_string());
            }
        }
        on_disk.push("kernel".into());
        on_disk.sort();
        let mut counted: Vec<String> = FILES.iter().map(|f| f.0.to_string()).collect();
        counted.sort();
        counted.dedup();
        assert_eq!(counted, on_disk);
    }

    #[test]
    fn no_two_folders_define_the_same_message() {
        // Messages are looked up in the kernel's folder, then each capability's: a second
        // definition of an id would never be shown, and its page would say the other one's words.
        let mut seen: std::collections::HashMap<(String, &str), &str> = std::collections::HashMap::new();
        let mut twice = Vec::new();
        for (folder, lang, text) in FILES {
            for key in keys_in(text) {
                if let Some(first) = seen.insert((key.clone(), lang), folder)
                    && first != *folder
                {
                    twice.push(format!("{lang} {key}: {first} and {folder}"));
                }
            }
        }
        assert_eq!(twice, Vec::<String>::new());
    }

    #[test]
    fn complete_languages_miss_nothing_and_romani_is_marked_for_review() {
        let rows = coverage();
        for c in rows.iter().filter(|c| c.language != "rom") {
            assert_eq!(c.missing, Vec::<String>::new(), "{} {}", c.folder, c.language);
        }
        let kernel_rom = rows.iter().find(|c| c.folder == "kernel" && c.language == "rom").unwrap();
        assert!(kernel_rom.messages > 0 && kernel_rom.review.len() == kernel_rom.messages, "{kernel_rom:?}");
        let returns_rom = rows.iter().find(|c| c.folder == "returns" && c.language == "rom").unwrap();
        assert_eq!(
            (returns_rom.messages, returns_rom.missing.len()),
            (0, keys_in(FILES.iter().find(|f| f.0 == "returns" && f.1 == "en").unwrap().2).len())
        );
    }

    #[test]
    fn counted_messages_take_each_languages_plural_form() {
        use drom_web::pages::ctx::{Ctx, Lang};
        crate::server::capabilities();
        let say = |lang, key, n: i64| Ctx { lang, ..Ctx::english() }.tn(key, n);
        // (key, count, English, Albanian, Serbian): Serbian's "one" is 1 and 21, "few" 2 to 4.
        let cases = [
            ("persons-found", 1, "One person found", "U gjet një person", "Pronađena je 1 osoba"),
            ("persons-found", 2, "2 persons found", "U gjetën 2 persona", "Pronađene su 2 osobe"),
            ("persons-found", 5, "5 persons found", "U gjetën 5 persona", "Pronađeno je 5 osoba"),
            ("persons-found", 21, "21 persons found", "U gjetën 21 persona", "Pronađena je 21 osoba"),
            ("rc-found", 1, "One case", "Një rast", "1 slučaj"),
            ("rc-found", 2, "2 cases", "2 raste", "2 slučaja"),
            ("rc-found", 5, "5 cases", "5 raste", "5 slučajeva"),
            ("rc-found", 21, "21 cases", "21 raste", "21 slučaj"),
            ("list-rows-found", 2, "2 rows", "2 rreshta", "2 reda"),
            ("list-rows-found", 21, "21 rows", "21 rreshta", "21 red"),
            ("list-households", 1, "1 household", "1 familje", "1 domaćinstvo"),
            ("list-households", 5, "5 households", "5 familje", "5 domaćinstava"),
            ("report-months", 3, "3 months after arrival", "3 muaj pas mbërritjes", "3 meseca posle dolaska"),
            ("report-months", 12, "12 months after arrival", "12 muaj pas mbërritjes", "12 meseci posle dolaska"),
            ("home-open-cases", 1, "open return case", "rast kthimi i hapur", "otvoren slučaj povratka"),
            ("home-open-cases", 2, "open return cases", "raste kthimi të hapura", "otvorena slučaja povratka"),
            ("home-open-cases", 5, "open return cases", "raste kthimi të hapura", "otvorenih slučajeva povratka"),
        ];
        for (key, n, en, sq, sr) in cases {
            assert_eq!(
                [say(Lang::En, key, n), say(Lang::Sq, key, n), say(Lang::Sr, key, n)],
                [en, sq, sr].map(String::from),
                "{key} {n}"
            );
        }
        // A count is a number to the message: grouped as the language groups figures.
        assert_eq!(say(Lang::Sr, "rc-found", 12_345), "12.345 slučajeva");
        assert_eq!(say(Lang::En, "rc-found", 12_345), "12,345 cases");
    }

    #[test]
    fn every_role_and_kernel_vocabulary_code_has_its_label_in_each_complete_language() {
        use drom_domain::permission::Role;
        use drom_domain::vocab::*;
        fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> Vec<&'static str> {
            all.iter().map(|c| code(*c)).collect()
        }
        let groups = [
            ("role", codes(Role::ALL, Role::code)),
            ("sex", codes(Sex::ALL, Sex::code)),
            ("relation", codes(Relation::ALL, Relation::code)),
            ("document", codes(DocumentKind::ALL, DocumentKind::code)),
            ("contact", codes(ContactKind::ALL, ContactKind::code)),
            ("basis", codes(LegalBasisKind::ALL, LegalBasisKind::code)),
            ("vulnerability", codes(Vulnerability::ALL, Vulnerability::code)),
        ];
        let mut lacking = Vec::new();
        for lang in ["en", "sq", "sr-Latn"] {
            let keys: Vec<String> = FILES.iter().filter(|f| f.1 == lang).flat_map(|f| keys_in(f.2)).collect();
            for (group, codes) in &groups {
                for code in codes {
                    let key = format!("{group}-{}", code.replace('_', "-"));
                    if !keys.contains(&key) {
                        lacking.push(format!("{lang}: {key}"));
                    }
                }
            }
        }
        assert_eq!(lacking, Vec::<String>::new());
    }

    #[test]
    fn the_review_mark_is_the_line_directly_above() {
        let ftl = "# review\na = A\nb = B\n# review: ask Sead\nc = C\n    continued\n# review\n\nd = D\n";
        assert_eq!(awaiting_review(ftl), vec!["a".to_string(), "c".to_string()]);
        assert_eq!(keys_in(ftl), ["a", "b", "c", "d"].map(String::from).to_vec());
    }
}
