//! Return and reintegration, one capability in one folder: `domain` (the case lifecycle, the
//! ledger's limits and the sustainability score: pure rules), `store` (programmes, information
//! sheets, cases and their steps through the protection gate, the ledger, monitoring and the
//! period report, on SQLite and PostgreSQL), `web` (the API routes and the pages), its templates
//! and its migrations.

pub mod domain;
pub mod store;
pub mod web;

pub use store::{Returns, ReturnsDb};

/// The capability's migrations, numbered in the one sequence of all capabilities.
pub const MIGRATIONS: &[drom_store::migrate::Migration] = &[
    (5, "returns", drom_store::migrate::Step::Sql(include_str!("../migrations/0005_returns.sql"))),
    (8, "protection gate", drom_store::migrate::Step::Sql(include_str!("../migrations/0008_protection_gate.sql"))),
    (
        11,
        "information sheet writers",
        drom_store::migrate::Step::Sql(include_str!("../migrations/0011_info_sheet_writers.sql")),
    ),
    (12, "imported cases", drom_store::migrate::Step::Sql(include_str!("../migrations/0012_imported_cases.sql"))),
    (15, "paper cases", drom_store::migrate::Step::Sql(include_str!("../migrations/0015_paper_cases.sql"))),
    (16, "supervisor approval", drom_store::migrate::Step::Sql(include_str!("../migrations/0016_approvals.sql"))),
];

// Return and reintegration's messages (`locales/`), looked up after the kernel's.
drom_web::capability_locales!(crate::domain::ReturnsReason);
