//! Return and reintegration: the vocabularies of a return case, its lifecycle, money, the
//! assistance ledger's limits and the sustainability score. Pure rules; storage applies them.

pub mod ledger;
pub mod lifecycle;
pub mod sustainability;

use drom_domain::code_enum;

pub use drom_domain::money::Cents;
pub use lifecycle::{Stage, Step};

code_enum! {
    /// Whether the person decided to return, or a host country returns them by force.
    pub enum ReturnType { Voluntary = "voluntary", Forced = "forced" }
}

code_enum! {
    pub enum Transport { Air = "air", Land = "land" }
}

code_enum! {
    /// Transport suited to special needs (sources/002: "specific transport in accordance with
    /// the needs").
    pub enum SpecialNeed {
        Wheelchair = "wheelchair",
        Stretcher = "stretcher",
        MedicalEscort = "medical_escort",
        UnaccompaniedMinorEscort = "unaccompanied_minor_escort",
    }
}

code_enum! {
    /// Kinds of reintegration assistance named by the programmes in sources/002.
    pub enum AssistanceKind {
        FinancialGrant = "financial_grant",
        VocationalTraining = "vocational_training",
        BusinessSetup = "business_setup",
        MicroGrant = "micro_grant",
        Toolkit = "toolkit",
        EducationSupport = "education_support",
        SchoolFees = "school_fees",
        Housing = "housing",
        HousingEquipment = "housing_equipment",
        MedicalSupport = "medical_support",
        SocialCare = "social_care",
        OnTheJobTraining = "on_the_job_training",
        SalarySubsidy = "salary_subsidy",
        JobReferral = "job_referral",
    }
}

code_enum! {
    /// What an assistance option's ceiling is counted per.
    pub enum CeilingBasis { PerPerson = "per_person", PerHousehold = "per_household" }
}

code_enum! {
    /// Where a returnee is at a monitoring visit: the evidence of whether a return lasted.
    pub enum Remigration {
        Stayed = "stayed",
        MovedWithinCountry = "moved_within_country",
        LeftAgain = "left_again",
        Unknown = "unknown",
    }
}

impl Remigration {
    /// Still in the country of return (at home or elsewhere in it).
    pub fn still_in_place(self) -> Option<bool> {
        match self {
            Remigration::Stayed | Remigration::MovedWithinCountry => Some(true),
            Remigration::LeftAgain => Some(false),
            Remigration::Unknown => None,
        }
    }
}

code_enum! {
    pub enum LedgerKind { Commitment = "commitment", Disbursement = "disbursement" }
}

/// Age groups of period reports, from the age on the day of return.
pub fn age_group(age: Option<i32>) -> &'static str {
    match age {
        None => "unknown",
        Some(a) if a < 18 => "0-17",
        Some(a) if a < 35 => "18-34",
        Some(a) if a < 60 => "35-59",
        Some(_) => "60+",
    }
}

/// The age groups in report order.
pub const AGE_GROUPS: &[&str] = &["0-17", "18-34", "35-59", "60+", "unknown"];
