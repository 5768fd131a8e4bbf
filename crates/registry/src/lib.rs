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
