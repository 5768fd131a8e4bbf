//! The registry's fixed vocabularies. Communities, municipalities and countries are reference
//! data in the database, not here: they differ per deployment.

use crate::code_enum;

code_enum! {
    /// Sex as recorded by the person or their documents.
    pub enum Sex { Female = "female", Male = "male", Other = "other", Unknown = "unknown" }
}

code_enum! {
    /// A member's relation to the head of the household.
    pub enum Relation {
        Head = "head",
        Spouse = "spouse",
        Child = "child",
        Parent = "parent",
        Sibling = "sibling",
        Grandparent = "grandparent",
        Grandchild = "grandchild",
        Caregiver = "caregiver",
        Other = "other",
    }
}

code_enum! {
    pub enum DocumentKind {
        Passport = "passport",
        IdCard = "id_card",
        BirthCertificate = "birth_certificate",
        TravelDocument = "travel_document",
        ResidencePermit = "residence_permit",
        Other = "other",
    }
}

code_enum! {
    pub enum ContactKind { Phone = "phone", Email = "email", Address = "address", Other = "other" }
}

code_enum! {
    /// Why Drom may hold a person's data (GDPR-style lawful basis).
    pub enum LegalBasisKind { Consent = "consent", LegalObligation = "legal_obligation" }
}

code_enum! {
    /// Vulnerabilities, from the UNMIK forced-returns note (sources/001) and the groups IOM's
    /// return programmes give special attention to (sources/002).
    pub enum Vulnerability {
        /// "Chronically or otherwise severely-ill persons whose condition requires specialized
        /// medical intervention of a type not currently available in Kosovo" (001).
        SevereIllnessUntreatable = "severe_illness_untreatable",
        /// "Persons with severe and chronic mental illness - including Post Traumatic Stress
        /// Disorder (PTSD)" needing treatment not or rarely available (001).
        SevereMentalIllness = "severe_mental_illness",
        /// "Severely handicapped persons ... whose well-being depends on a specialized support
        /// system not currently available" (001).
        SevereDisability = "severe_disability",
        /// "(including their caregivers)" (001).
        CaregiverOfSeverelyDisabled = "caregiver_of_severely_disabled",
        /// "Unaccompanied elderly persons who have no relatives or other societal support" (001).
        ElderlyWithoutSupport = "elderly_without_support",
        /// "unaccompanied minors" (002).
        UnaccompaniedMinor = "unaccompanied_minor",
        /// "single women travelling with children" (002), for any single parent.
        SingleParentWithChildren = "single_parent_with_children",
        /// Counter-trafficking direct assistance (002).
        VictimOfTrafficking = "victim_of_trafficking",
        /// "the sick persons" (002) whose illness is treatable at home.
        ChronicIllness = "chronic_illness",
        /// "the handicapped" (002) below the severity of the UNMIK bar.
        Disability = "disability",
        /// "Kosovars who face serious protection-related problems including physical danger" (001).
        SeriousProtectionRisk = "serious_protection_risk",
        /// "Kosovo Albanians in ethnically mixed marriages" (001).
        MixedMarriage = "mixed_marriage",
        /// "persons of mixed ethnicity" (001).
        MixedEthnicity = "mixed_ethnicity",
        /// "perceived to have been associated with the Serbian regime" (001).
        PerceivedRegimeAssociation = "perceived_regime_association",
    }
}

/// The special categories of data: reading or writing them needs an explicit permission, and
/// every read is audited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecialCategory {
    Ethnicity,
    Health,
    Trafficking,
    Minors,
}

impl Vulnerability {
    /// The special category a vulnerability reveals, if any. Mixed marriage and mixed ethnicity
    /// reveal ethnicity; illness and disability reveal health.
    pub fn special_category(self) -> Option<SpecialCategory> {
        use Vulnerability::*;
        match self {
            SevereIllnessUntreatable
            | SevereMentalIllness
            | SevereDisability
            | CaregiverOfSeverelyDisabled
            | ChronicIllness
            | Disability => Some(SpecialCategory::Health),
            VictimOfTrafficking => Some(SpecialCategory::Trafficking),
            UnaccompaniedMinor => Some(SpecialCategory::Minors),
            MixedMarriage | MixedEthnicity | PerceivedRegimeAssociation => Some(SpecialCategory::Ethnicity),
            ElderlyWithoutSupport | SingleParentWithChildren | SeriousProtectionRisk => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_errors_list_the_choices() {
        for v in Vulnerability::ALL {
            assert_eq!(v.code().parse::<Vulnerability>().unwrap(), *v);
        }
        let err = "spouse ".parse::<Relation>().unwrap_err();
        assert!(err.to_string().contains("head, spouse, child"), "{err}");
        assert_eq!(serde_json::to_string(&Relation::Grandparent).unwrap(), "\"grandparent\"");
        assert!(serde_json::from_str::<Sex>("\"F\"").is_err());
    }
}
