//! The architecture's rules that the compiler does not check, checked here on the source: the
//! pure parts (the kernel's domain crate, the screening engine, each capability's `domain`
//! module) do no I/O and know nothing of storage or HTTP; each capability keeps its parts in its
//! own folder.

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Paths that mean I/O, storage or HTTP.
const FORBIDDEN: &[&str] = &[
    "sqlx",
    "tokio",
    "axum",
    "reqwest",
    "std::fs",
    "std::net",
    "std::process",
    "std::env",
    "File::",
    "drom_store",
    "drom_web",
    "askama",
    "println!",
    "eprintln!",
];

#[test]
fn the_pure_parts_do_no_io() {
    let root = repo();
    let mut pure = vec!["crates/kernel/domain/src".to_string(), "crates/screening/engine/src".to_string()];
    pure.extend(capabilities().iter().map(|c| format!("crates/{c}/src/domain")).filter(|d| root.join(d).is_dir()));
    assert!(pure.len() >= 5, "{pure:?}");
    let mut checked = 0;
    for dir in &pure {
        let mut files = Vec::new();
        rust_files(&root.join(dir), &mut files);
        assert!(!files.is_empty(), "{dir} has no source");
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for word in FORBIDDEN {
                    assert!(!code.contains(word), "{}:{}: {word} in a pure part: {line}", f.display(), n + 1);
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "{checked} files checked");
    // The pure crates cannot even name an I/O crate: their manifests depend on none.
    for manifest in ["crates/kernel/domain/Cargo.toml", "crates/screening/engine/Cargo.toml"] {
        let text = std::fs::read_to_string(root.join(manifest)).unwrap();
        let deps = text.split("[dependencies]").nth(1).unwrap_or("").split("\n[").next().unwrap_or("");
        for word in ["sqlx", "tokio", "axum", "reqwest", "drom-store", "drom-web"] {
            assert!(!deps.contains(word), "{manifest} depends on {word}");
        }
    }
}

/// The capabilities: the folders of `crates/` with a store of their own (not the kernel's, not
/// the binary).
fn capabilities() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(repo().join("crates"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("src/store").is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

#[test]
fn each_capability_keeps_its_parts_in_its_folder() {
    let root = repo();
    let all = capabilities();
    assert!(all.len() >= 4, "{all:?}");
    for capability in &all {
        let dir = root.join("crates").join(capability);
        for part in ["src/store", "src/web", "templates", "locales/en", "locales/sq", "locales/sr-Latn", "askama.toml"]
        {
            assert!(dir.join(part).exists(), "{capability} lacks {part}");
        }
    }
    for capability in ["casework", "screening", "returns"] {
        assert!(root.join("crates").join(capability).join("migrations").is_dir(), "{capability} has no migrations");
    }
}

/// Every refusal code written in the source (`Refusal::new("...")`, and the codes a refusal is
/// chosen from) has its message `refusal-<code>` in English, Albanian and Serbian, in some
/// capability's or the kernel's messages: a conflict or a refused step is never shown as a bare
/// code.
#[test]
fn every_refusal_written_in_the_source_has_its_message() {
    let root = repo();
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    let quoted = refusal_codes_in(&files);
    assert!(quoted.len() >= 10, "found {quoted:?}");
    let mut keys: std::collections::HashMap<&str, Vec<String>> = Default::default();
    for lang in ["en", "sq", "sr-Latn"] {
        let mut dirs = vec!["crates/kernel/web/locales".to_string()];
        dirs.extend(capabilities().iter().map(|c| format!("crates/{c}/locales")));
        for dir in dirs {
            keys.entry(lang).or_default().extend(drom_web::pages::ctx::message_keys(&root.join(dir).join(lang)));
        }
    }
    for code in &quoted {
        for (lang, theirs) in &keys {
            assert!(theirs.contains(&format!("refusal-{code}")), "{lang} lacks refusal-{code}");
        }
    }
}

/// The codes in `Refusal::new("code")` and in the lines that choose a code for one
/// (`let code = if ... { "a" } else { "b" }` right before `Refusal::new(code)`).
fn refusal_codes_in(files: &[PathBuf]) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for f in files.iter().filter(|f| f.components().any(|c| c.as_os_str() == "src")) {
        let text = std::fs::read_to_string(f).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (n, line) in lines.iter().enumerate() {
            for part in line.split("Refusal::new(").skip(1) {
                if let Some(rest) = part.strip_prefix('"') {
                    out.insert(rest.split('"').next().unwrap_or("").to_string());
                } else if n > 0 && lines[n - 1].contains("let code =") {
                    out.extend(lines[n - 1].split('"').skip(1).step_by(2).map(str::to_string));
                }
            }
        }
    }
    out
}

/// Every table of every template sits in the one phone mechanism: a focusable region that
/// scrolls sideways on its own (`.table-scroll` in app.css), so that on a phone a row keeps its
/// column names and the page does not scroll sideways. A table added without it fails here.
#[test]
fn every_table_scrolls_in_its_own_region() {
    let crates = repo().join("crates");
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(&crates).unwrap().flatten().map(|e| e.path().join("templates")).collect();
    dirs.push(crates.join("kernel/web/templates"));
    let mut tables = 0;
    for dir in dirs.into_iter().filter(|d| d.is_dir()) {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let text = std::fs::read_to_string(&path).unwrap();
            for (at, _) in text.match_indices("<table") {
                tables += 1;
                let before = text[..at].trim_end();
                let opening = before.rfind("<div").map(|d| &before[d..]).unwrap_or_default();
                assert!(
                    opening.starts_with(r#"<div class="table-scroll" role="region" aria-label=""#)
                        && opening.ends_with(r#"tabindex="0">"#),
                    "{}: a table outside a <div class=\"table-scroll\" role=\"region\" aria-label=\"…\" tabindex=\"0\">",
                    path.display()
                );
            }
        }
    }
    assert!(tables > 20, "only {tables} tables found: the walk over the templates is broken");
}
