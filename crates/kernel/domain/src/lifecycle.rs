//! Case lifecycles as data: a capability describes its cases' stages and steps and the one
//! function that says which step is allowed from which stage (for a kind of case); the kernel's
//! storage applies any such lifecycle the same way (`drom_store::cases::advance`): check the
//! step, write the new stage with a version bump so a concurrent step fails, and audit it in the
//! same transaction. Return cases use it; referrals, discrimination reports, grant applications
//! and protection cases will.

use crate::error::Refusal;
use std::fmt::Display;
use std::str::FromStr;

/// A lifecycle of one kind of case.
pub trait Lifecycle {
    /// How far a case has come (stored as its code).
    type Stage: Copy + Eq + Display + FromStr<Err = crate::error::Common>;
    /// What someone does to a case (its code names the audit action).
    type Step: Copy + Eq + Display + 'static;
    /// What kind of case it is, when the allowed steps depend on it (forced or voluntary).
    type Kind: Copy + FromStr<Err = crate::error::Common>;

    /// The table of the cases, and the record type of their audit entries.
    const TABLE: &'static str;

    /// Every step, in the order pages offer them.
    fn steps() -> &'static [Self::Step];

    /// The stage a case reaches by `step`, or why the step is refused.
    fn apply(stage: Self::Stage, kind: Self::Kind, step: Self::Step) -> Result<Self::Stage, Refusal>;

    /// The steps allowed from `stage`.
    fn next_steps(stage: Self::Stage, kind: Self::Kind) -> Vec<Self::Step> {
        Self::steps().iter().copied().filter(|s| Self::apply(stage, kind, *s).is_ok()).collect()
    }
}
