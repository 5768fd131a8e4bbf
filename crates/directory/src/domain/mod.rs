//! The directory's pure rules: the needs a service meets (Drom's taxonomy, exported as HSDS
//! taxonomy terms) and a service's status.

pub mod hours;

use drom_domain::code_enum;

code_enum! {
    /// The needs a service meets: the taxonomy the finder searches by and referrals are counted
    /// by. Exported as the HSDS taxonomy `drom-needs`, one term a need, the code as its `code`.
    pub enum Need {
        Employment = "employment",
        VocationalTraining = "vocational_training",
        BusinessSupport = "business_support",
        Housing = "housing",
        Health = "health",
        MentalHealth = "mental_health",
        Education = "education",
        SocialAssistance = "social_assistance",
        LegalAid = "legal_aid",
        CivilDocuments = "civil_documents",
        CounterTrafficking = "counter_trafficking",
        DiscriminationComplaints = "discrimination_complaints",
        ChildProtection = "child_protection",
        Interpretation = "interpretation",
        MigrationInformation = "migration_information",
        ReturnReintegration = "return_reintegration",
    }
}

code_enum! {
    /// A service's status as HSDS 3.0 names it; only an active service takes referrals.
    pub enum ServiceStatus {
        Active = "active",
        Inactive = "inactive",
        Defunct = "defunct",
        TemporarilyClosed = "temporarily closed",
    }
}

/// The id of Drom's needs taxonomy (seeded by migration 17, the same on every server).
pub const NEEDS_TAXONOMY_ID: &str = "c1d5c5a0-0d7a-4b0e-9a57-64726f6d0000";

impl Need {
    /// The id of this need's term in Drom's needs taxonomy (seeded by migration 17).
    pub fn term_id(self) -> String {
        let n = Need::ALL.iter().position(|x| *x == self).unwrap_or(0) + 1;
        format!("c1d5c5a0-0d7a-4b0e-9a57-64726f6d{n:04}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_need_is_seeded_with_its_term_id_and_code() {
        let sql = include_str!("../../migrations/0017_directory.sql");
        for n in Need::ALL {
            assert!(sql.contains(&format!("('{}', '{}'", n.term_id(), n.code())), "{n:?}");
        }
    }
}
