//! The directory's pure rules: the needs a service meets (Drom's taxonomy, exported as HSDS
//! taxonomy terms) and a service's status.

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
