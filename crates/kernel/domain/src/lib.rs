//! Drom's domain: the types, vocabularies, rules and text handling that every other layer uses.
//!
//! Architecture invariant: this crate does no I/O. It knows nothing of SQL, HTTP or files; it
//! takes values and returns values, so every rule here is testable on its own.

pub mod audit;
pub mod code;
pub mod date;
pub mod disclosure;
pub mod error;
pub mod fold;
pub mod language;
pub mod lifecycle;
pub mod money;
pub mod permission;
pub mod reference;
pub mod spreadsheet;
pub mod vocab;

pub use error::{Common, FieldError, Reason, ValidationErrors};
