//! The vocabularies of a discrimination report: the areas of life, the protected grounds of
//! Kosovo's Law No. 05/L-021 on Protection from Discrimination (article 1), who did it, who
//! reports, the report's status and outcome, the kinds of competent body and of outreach.

use drom_domain::code_enum;

code_enum! {
    /// The area of life in which it happened.
    pub enum Area {
        Employment = "employment",
        Education = "education",
        HealthCare = "health_care",
        Housing = "housing",
        SocialAssistance = "social_assistance",
        PublicServices = "public_services",
        PoliceJustice = "police_justice",
        GoodsServices = "goods_services",
        Other = "other",
    }
}

code_enum! {
    /// The grounds protected by Law No. 05/L-021, article 1.1.
    pub enum Ground {
        Nationality = "nationality",
        NationalSocialOrigin = "national_social_origin",
        Race = "race",
        Ethnicity = "ethnicity",
        Colour = "colour",
        Birth = "birth",
        Origin = "origin",
        Sex = "sex",
        Gender = "gender",
        GenderIdentity = "gender_identity",
        SexualOrientation = "sexual_orientation",
        Language = "language",
        Citizenship = "citizenship",
        Religion = "religion",
        PoliticalOpinion = "political_opinion",
        SocialStatus = "social_status",
        Age = "age",
        FamilyStatus = "family_status",
        Pregnancy = "pregnancy",
        Wealth = "wealth",
        HealthStatus = "health_status",
        Disability = "disability",
        GeneticInheritance = "genetic_inheritance",
        Other = "other",
    }
}

code_enum! {
    /// Who did it.
    pub enum Perpetrator {
        PublicInstitution = "public_institution",
        PrivatePerson = "private_person",
        Unknown = "unknown",
    }
}

code_enum! {
    /// Who reports.
    pub enum ReporterRole {
        Victim = "victim",
        Witness = "witness",
        OnBehalf = "on_behalf",
    }
}

code_enum! {
    /// When it happened, for a reporter who does not know the day.
    pub enum Period {
        LastWeek = "last_week",
        LastMonth = "last_month",
        LastSixMonths = "last_six_months",
        LastYear = "last_year",
        Earlier = "earlier",
    }
}

code_enum! {
    /// Where a report stands. `Received` carries the automatic acknowledgement only; a person
    /// of the competent body acknowledges it (`Acknowledged`), may ask the reporter for
    /// information (`AwaitingReporter` until they answer) and closes it with an outcome.
    pub enum Status {
        Received = "received",
        Acknowledged = "acknowledged",
        AwaitingReporter = "awaiting_reporter",
        Closed = "closed",
    }
}

code_enum! {
    /// How a closed report ended.
    pub enum Outcome {
        RecommendationIssued = "recommendation_issued",
        ResolvedByMediation = "resolved_by_mediation",
        ReferredToCourt = "referred_to_court",
        ReferredToOtherBody = "referred_to_other_body",
        /// With the reason, which the reporter is sent.
        Inadmissible = "inadmissible",
        Withdrawn = "withdrawn",
    }
}

code_enum! {
    /// The kinds of competent body the routing rules name.
    pub enum BodyKind {
        /// A municipality's Municipal Human Rights Unit (it has the municipality).
        MunicipalUnit = "municipal_unit",
        Ombudsperson = "ombudsperson",
        /// The Office for Good Governance of the Office of the Prime Minister.
        GoodGovernance = "good_governance",
        GenderEquality = "gender_equality",
        Police = "police",
    }
}

code_enum! {
    /// An outreach activity.
    pub enum ActivityKind {
        /// A public information meeting with community members.
        Meeting = "meeting",
        /// A training of officials.
        Training = "training",
        RoundTable = "round_table",
    }
}

impl Status {
    pub fn is_open(self) -> bool {
        self != Status::Closed
    }
}

impl Outcome {
    /// Whether closing with this outcome needs a reason (sent to the reporter).
    pub fn needs_reason(self) -> bool {
        matches!(self, Outcome::Inadmissible)
    }
}
