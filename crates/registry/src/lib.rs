//! The registry, one capability in one folder: `domain` (the person and household records and
//! their validation: pure rules), `store` (persons, households, search in any script, import,
//! counts, the synthetic households of the demo and benchmarks), `web` (API routes and pages),
//! its templates and translations. Its tables were created in the kernel's foundation migration,
//! before capabilities had migrations of their own.

pub mod domain;
pub mod store;
pub mod web;

pub use store::{Registry, RegistryDb};

// The registry's messages (`locales/`), looked up after the kernel's.
fluent_templates::static_loader! {
    pub static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

#[cfg(test)]
mod locale_tests {
    #[test]
    fn every_language_has_every_english_message_except_romani() {
        let locales = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        assert!(!drom_web::pages::ctx::message_keys(&locales.join("en")).is_empty());
        assert_eq!(drom_web::pages::ctx::untranslated(&locales), Vec::<String>::new());
    }
}
