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
drom_web::capability_locales!();
