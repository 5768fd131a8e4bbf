//! Protection screening, one capability in one folder: the engine (`engine/`, its own crate so
//! that its purity is a dependency fact: facts in, decisions out, no I/O), `store` (screenings of
//! registered persons, officers' answers to the policy's facts, readmission lists kept for the
//! uploading agency, the policies in force on the `Db` handle), `web` (API routes and pages),
//! its templates and migrations. The engine's modules are re-exported here.

pub use drom_screening_engine::{
    AnswerBasis, Decision, Fact, FactSet, Finding, Member, Outcome, PersonFacts, Policy, PolicyError, PolicySet,
    ReturnType, Screener, Tri, Verdict, batch, engine, facts, gate, policy,
};

pub mod store;

drom_domain::reasons! {
    /// Why screening refuses a value (besides the reasons every capability gives).
    pub enum ScreeningReason {
        AnswerSomething = "answer_something": "answer at least one fact",
        NotInScreening { person: i64, screening: i64 } = "not_in_screening": "person {person} is not in screening {screening}",
        SpecialFact { category: String } = "special_fact": "is a special category ({category}): answering it needs the special-categories grant",
        BasisNeeded { choices: String } = "basis_needed": "say what the answer rests on: {choices}",
        NotPersonOrMember = "not_person_or_member": "is not the person or a member of their household",
        NotMember { value: String } = "not_member": "'{value}' is not a member of the household",
        ListTooLarge { mib: usize } = "list_too_large": "is larger than {mib} MiB",
        ListEmpty = "list_empty": "is empty: choose the list's CSV file",
        ListNotCsv = "list_not_csv": "is not a CSV text file (UTF-8): save the list as CSV",
        ListUnreadable { detail: String } = "list_unreadable": "cannot be read: {detail}",
        ListNoRows = "list_no_rows": "has a header but no rows",
        NoPolicy { id: String, known: String } = "no_policy": "there is no policy '{id}' (known: {known})",
        NoPolicyInForce { day: String } = "no_policy_in_force": "no policy is in force on {day}",
        ConsentWithdrawn { person: i64 } = "screening_consent_withdrawn": "person {person} withdrew their consent: record a new consent before a voluntary return",
    }
}
pub mod web;

pub use store::{ScreeningDb, Screenings};

/// The capability's migrations, numbered in the one sequence of all capabilities.
pub const MIGRATIONS: &[drom_store::migrate::Migration] = &[
    (4, "screenings", drom_store::migrate::Step::Sql(include_str!("../migrations/0004_screenings.sql"))),
    (
        7,
        "screening answers and lists",
        drom_store::migrate::Step::Sql(include_str!("../migrations/0007_screening_answers_lists.sql")),
    ),
];

// Protection screening's messages (`locales/`), looked up after the kernel's.
drom_web::capability_locales!(crate::ScreeningReason);
