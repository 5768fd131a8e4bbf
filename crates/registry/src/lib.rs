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
drom_web::capability_locales!(crate::domain::RegistryReason);

/// The registry's migrations after the kernel's foundation (which created its first tables).
pub const MIGRATIONS: &[drom_store::migrate::Migration] = &[
    (
        22,
        "name pairs for two-word search",
        drom_store::migrate::Step::Sql(include_str!("../migrations/0022_name_pairs.sql")),
    ),
    (
        23,
        "indexes for the registry's counts",
        drom_store::migrate::Step::Sql(include_str!("../migrations/0023_counts.sql")),
    ),
];
