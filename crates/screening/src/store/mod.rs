//! Screening's storage, reached through `Screenings`, a view of the kernel's `Db`
//! (`db.screenings()`): stored screenings of registered persons (`screenings`), officers' answers
//! to the policy's facts (`fact_answers`), readmission lists kept for the uploading agency
//! (`screening_lists`), and the policies and valid period every process applies, kept on the
//! handle.

pub mod fact_answers;
pub mod screening_lists;
pub mod screenings;

use drom_screening_engine::PolicySet;
use drom_store::Db;
use std::sync::{Arc, OnceLock};

/// Screening's storage, over the kernel's database handle.
#[derive(Clone, Copy)]
pub struct Screenings<'a>(pub &'a Db);

impl std::ops::Deref for Screenings<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.0
    }
}

/// `db.screenings()`: the capability's storage on a kernel handle.
pub trait ScreeningDb {
    fn screenings(&self) -> Screenings<'_>;
}

impl ScreeningDb for Db {
    fn screenings(&self) -> Screenings<'_> {
        Screenings(self)
    }
}

/// How many days a screening stays valid for the protection gate, as set at start-up.
struct ValidDays(u32);

impl Screenings<'_> {
    /// The policies in use: the shipped ones plus an administrator's folder, as set at start-up.
    pub fn policies(&self) -> Arc<PolicySet> {
        static SHIPPED: OnceLock<Arc<PolicySet>> = OnceLock::new();
        self.0.extension::<PolicySet>().unwrap_or_else(|| {
            SHIPPED.get_or_init(|| Arc::new(PolicySet::shipped(None).expect("the shipped policies load"))).clone()
        })
    }

    /// Sets the policies every request of this process uses (`--policies DIR`).
    pub fn set_policies(&self, policies: PolicySet) {
        self.0.set_extension(policies);
    }

    /// How many days a screening stays valid for the protection gate.
    pub fn valid_days(&self) -> u32 {
        self.0.extension::<ValidDays>().map_or(drom_screening_engine::gate::DEFAULT_MAX_AGE_DAYS, |d| d.0)
    }

    /// Sets the valid period (`--screening-valid-days`).
    pub fn set_valid_days(&self, days: u32) {
        self.0.set_extension(ValidDays(days));
    }
}
