//! Referrals, one capability in one folder: closed-loop referrals from a person or a return case
//! to a service of the directory, between agencies of this server and (through the exchange)
//! to peer Drom servers, with the person's consent deciding exactly what is shared. `domain`
//! (the FHIR Task status table, fields and consent, the wire messages; the Migrant Service
//! Centre's session vocabularies: pure rules), `store` (referrals and their history, the peer
//! side, consent withdrawal, the outgoing hook, overdue referrals, sessions), `web` (the API
//! routes and the pages).

pub mod domain;
pub mod exchange;
pub mod store;
pub mod web;

pub use store::{Referrals, ReferralsDb};

drom_domain::reasons! {
    /// Why referrals refuse a value (besides the reasons every capability gives).
    pub enum ReferralsReason {
        OutcomeRequired = "outcome_required": "is required to complete a referral: the services actually delivered",
        NotInConsent { field: String } = "not_in_consent": "the consent does not name {field}",
        DueInPast { day: String } = "due_in_past": "{day} is in the past",
        ConsentRequired = "consent_required": "the person's consent to share is required",
        ServiceInactive { status: String } = "referral_service_inactive": "the service is not taking referrals (its status is {status})",
        NoService { id: String } = "no_service": "there is no service {id} in the directory",
        NoReceiver = "no_receiver": "the service's provider receives no referrals through Drom",
        NotAUuid { value: String } = "not_a_uuid": "'{value}' is not a UUID",
        WireVersion { version: u32 } = "wire_version": "message version {version} is not understood",
    }
}

/// The capability's migrations, numbered in the one sequence of all capabilities.
pub const MIGRATIONS: &[drom_store::migrate::Migration] = &[
    (19, "referrals", drom_store::migrate::Step::Sql(include_str!("../migrations/0019_referrals.sql"))),
    (
        20,
        "migrant service centre sessions",
        drom_store::migrate::Step::Sql(include_str!("../migrations/0020_msc_sessions.sql")),
    ),
];

// Referrals' messages (`locales/`), looked up after the kernel's.
drom_web::capability_locales!(crate::ReferralsReason);
