//! The registry's records and their rules: a person (names in two scripts, partial dates,
//! documents, contacts, vulnerabilities, legal basis) and a household (members, one head). Pure.

pub mod household;
pub mod person;
