//! The registry's pages.

pub mod households;
pub mod person_form;
pub mod persons;
