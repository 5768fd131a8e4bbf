//! Discrimination reports, one capability in one folder: a public report form (anonymous
//! allowed) with a tracking code and two-way messages, routing to the competent body by rules
//! kept as data, handling to an outcome, retention and erasure, outreach activities and
//! statistics with small cells suppressed. `domain` (pure rules), `store` (storage through
//! `db.discrimination()`), `web` (the API routes and the pages).

pub mod domain;
pub mod store;
pub mod web;

pub use store::{Discrimination, DiscriminationDb};

drom_domain::reasons! {
    /// Why discrimination reports refuse a value (besides the reasons every capability gives).
    pub enum DiscriminationReason {
        WhenRequired = "when_required": "give the day, or roughly when it happened",
        GroundRequired = "ground_required": "choose at least one ground (or other)",
        NotAPhone { value: String } = "not_a_phone": "'{value}' is not a phone number",
        NotAnEmail { value: String } = "not_an_email": "'{value}' is not an e-mail address",
        TooManyFiles { max: i64 } = "too_many_files": "at most {max} files can be sent at once",
        EvidenceTooLarge { mib: i64 } = "evidence_too_large": "a file may be at most {mib} MiB",
        EvidenceType { found: String } = "evidence_type": "the file is {found}; only photographs and scans are accepted (PDF, PNG, JPEG, WebP, TIFF)",
        EvidenceFull = "evidence_full": "no more files can be received today; send your words without files, and add them later with your tracking code",
        FormExpired = "form_expired": "the form has expired or was changed; reload the page and send it again",
        NotAPerson = "not_a_person": "the form was not filled in as a person would",
        CodeFormat = "code_format": "a tracking code has 16 digits",
        NoSuchCode = "no_such_code": "no report has this tracking code; check the digits",
        NotABody { id: i64 } = "not_a_body": "agency {id} does not take discrimination reports",
        PeriodReversed { to: String } = "period_reversed": "the period must end on or after its first day (to is {to})",
        ReporterConsentRequired = "reporter_consent_required": "the reporter's consent is required",
    }
}

/// The capability's migrations, numbered in the one sequence of all capabilities.
pub const MIGRATIONS: &[drom_store::migrate::Migration] = &[(
    21,
    "discrimination reports",
    drom_store::migrate::Step::Sql(include_str!("../migrations/0021_discrimination.sql")),
)];

// Discrimination's messages (`locales/`), looked up after the kernel's.
drom_web::capability_locales!(crate::DiscriminationReason);
