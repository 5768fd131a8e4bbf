//! The registry's storage, reached through `Registry`, a view of the kernel's `Db`
//! (`db.registry()`): persons with their versions, households, name search, the all-or-nothing
//! import of households, the home page's counts, and synthetic households.

pub mod counts;
pub mod households;
pub mod import;
pub mod persons;
pub mod search;
pub mod synthetic;

use drom_store::Db;

/// The registry's storage, over the kernel's database handle.
#[derive(Clone, Copy)]
pub struct Registry<'a>(pub &'a Db);

impl std::ops::Deref for Registry<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.0
    }
}

/// `db.registry()`: the capability's storage on a kernel handle.
pub trait RegistryDb {
    fn registry(&self) -> Registry<'_>;
}

impl RegistryDb for Db {
    fn registry(&self) -> Registry<'_> {
        Registry(self)
    }
}
