//! Return and reintegration, from the programme to the last monitoring visit. Each module holds
//! one part of the work; all steps of a case go through `Returns::step_case` and the kernel's
//! `drom_store::cases::advance`, which enforces the lifecycle of `crate::domain::lifecycle` and
//! writes the audit entry.
//!
//! Storage is reached through `Returns`, a view of the kernel's `Db` (`db.returns()`): the
//! capability's queries live here, not on the kernel's handle.

pub mod approvals;
pub mod attention;
pub mod cases;
pub mod export;
pub mod gate;
pub mod import;
pub mod info_sheets;
pub mod monitoring;
pub mod plan;
pub mod programmes;
pub mod report;
pub mod steps;
pub mod tally;
pub mod task_rules;

use crate::domain::sustainability::SustainabilityConfig;
use drom_store::Db;
use std::sync::{Arc, OnceLock};

/// The sustainability scoring shipped with Drom (`config/sustainability.toml`).
pub const DEFAULT_SUSTAINABILITY: &str = include_str!("../../../../config/sustainability.toml");

/// Return and reintegration's storage, over the kernel's database handle.
#[derive(Clone, Copy)]
pub struct Returns<'a>(pub &'a Db);

impl std::ops::Deref for Returns<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.0
    }
}

/// `db.returns()`: the capability's storage on a kernel handle.
pub trait ReturnsDb {
    fn returns(&self) -> Returns<'_>;
}

impl ReturnsDb for Db {
    fn returns(&self) -> Returns<'_> {
        Returns(self)
    }
}

/// The scoring configuration in force: one set at start-up (`drom serve --sustainability`), else
/// the shipped one.
pub fn sustainability(db: &Db) -> Arc<SustainabilityConfig> {
    static SHIPPED: OnceLock<Arc<SustainabilityConfig>> = OnceLock::new();
    db.extension::<SustainabilityConfig>().unwrap_or_else(|| {
        SHIPPED
            .get_or_init(|| {
                Arc::new(SustainabilityConfig::from_toml(DEFAULT_SUSTAINABILITY).expect("the shipped scoring is valid"))
            })
            .clone()
    })
}

impl Returns<'_> {
    /// The sustainability scoring in use.
    pub fn sustainability(&self) -> Arc<SustainabilityConfig> {
        sustainability(self.0)
    }

    /// Replaces the sustainability scoring (from `--sustainability FILE`).
    pub fn set_sustainability(&self, config: SustainabilityConfig) {
        self.0.set_extension(config);
    }

    /// Months after arrival at which monitoring visits are due.
    pub fn sustainability_months(&self) -> Vec<u32> {
        self.sustainability().visit_months.clone()
    }
}
