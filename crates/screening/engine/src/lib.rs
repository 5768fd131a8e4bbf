//! Protection screening: forced-return policies as dated, cited data, and the engine that
//! applies the one in force to people and households, one at a time or a whole list at once.
//!
//! Architecture invariant: this crate does no I/O of its own. It parses texts and streams its
//! caller opened; it knows nothing of files, databases or HTTP.

pub mod batch;
pub mod engine;
pub mod facts;
pub mod gate;
mod hash;
pub mod policy;

pub use engine::{Decision, Finding, Member, Outcome, Screener, Verdict};
pub use facts::{AnswerBasis, Fact, FactSet, PersonFacts, ReturnType, Tri};
pub use policy::{Policy, PolicyError, PolicySet};
