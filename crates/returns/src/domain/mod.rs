//! Return and reintegration: the vocabularies of a return case, its lifecycle, money, the
//! assistance ledger's limits and the sustainability score. Pure rules; storage applies them.

pub mod ledger;
pub mod lifecycle;
pub mod sustainability;

drom_domain::reasons! {
    /// Why return and reintegration refuses a value (besides the reasons every capability
    /// gives).
    pub enum ReturnsReason {
        NoProgramme { programme: String } = "no_programme": "there is no programme {programme}",
        ProgrammeElsewhere { programme: String, host: String } = "programme_elsewhere": "{programme} does not serve returns from {host}",
        ConsentWithdrawn { person: i64 } = "case_consent_withdrawn": "person {person} withdrew their consent: record a new consent before a voluntary return",
        InOpenCase { person: i64, case: i64 } = "in_open_case": "person {person} is already in open return case {case}",
        ReturneeTwice { person: i64, row: usize } = "returnee_twice": "person {person} is a returnee of row {row} already",
        OverrideReason { min: usize } = "override_reason": "explain in at least {min} characters why the return must go ahead",
        SecondPerson = "second_person": "a second person must confirm: you asked for this override yourself",
        DiffersFromFirstRow { row: usize } = "differs_from_first_row": "differs from the case's first row ({row})",
        ArrivalBeforeDeparture { arrival: String, departure: String } = "arrival_before_departure": "arrival on {arrival} is before departure on {departure}",
        TransportNeeded = "transport_needed": "is required when the arrival date is given (air or land)",
        PersonIdOnEveryRow = "person_id_on_every_row": "a case refers to existing persons on every row, or to none (then give names)",
        ImportForcedNew = "import_forced_new": "a forced return with a departure or arrival date must pass the protection gate: register and screen the household first, then import its rows with person_id",
        ImportGateClosed { detail: String } = "import_gate_closed": "protection gate closed: {detail}",
        VisitBeforeArrival { day: String, arrived: String } = "visit_before_arrival": "a visit on {day} is before the arrival on {arrived}",
        PaidBeforeArrival { day: String, arrived: String } = "paid_before_arrival": "{day} is before the arrival on {arrived}",
        CaseWithoutProgramme = "case_without_programme": "the case has no programme: assistance comes from one",
        OverBudget { amount: String, programme: String, budget: String } = "over_budget": "{amount} would take programme {programme} over its budget of {budget}",
        EmptyEntry = "empty_entry": "is empty",
        NotAnOption { option: i64, programme: String, options: String } = "not_an_option": "{option} is not an option of {programme}; its options are {options}",
        NotAPlanItem { item: i64 } = "not_a_plan_item": "{item} is not an item of this case's plan",
        OverCommitment { amount: String, item: i64, after: String, committed: String, paid: String } = "over_commitment": "a disbursement of {amount} would bring plan item {item} to {after}, over its commitment of {committed} ({paid} paid already)",
        CommitmentOverCeiling { amount: String, option: String, after: String, limit: String, so_far: String } = "commitment_over_ceiling": "a commitment of {amount} would bring '{option}' for this case to {after}, over its ceiling of {limit} ({so_far} already)",
        DisbursementOverCeiling { amount: String, option: String, after: String, limit: String, so_far: String } = "disbursement_over_ceiling": "a disbursement of {amount} would bring '{option}' for this case to {after}, over its ceiling of {limit} ({so_far} already)",
        CommitmentOverBudget { amount: String, programme: String, after: String, budget: String, so_far: String, left: String } = "commitment_over_budget": "a commitment of {amount} would bring programme {programme} to {after}, over its budget of {budget} ({so_far} already; {left} left)",
        DisbursementOverBudget { amount: String, programme: String, after: String, budget: String, so_far: String, left: String } = "disbursement_over_budget": "a disbursement of {amount} would bring programme {programme} to {after}, over its budget of {budget} ({so_far} already; {left} left)",
        ProgrammeCode = "programme_code": "must be 2 to 20 letters, digits, '-' or '_'",
        TargetGroup = "target_group": "must be 1 to 200 characters",
        EndsBeforeStart { end: String, start: String } = "ends_before_start": "{end} is before the start, {start}",
        NoOptions = "no_options": "a programme needs at least one assistance option",
        CeilingOverBudget { budget: String } = "ceiling_over_budget": "must be more than zero and at most the budget, {budget}",
        PeriodOrder { to: String, from: String } = "period_order": "{to} is before the start of the period, {from}",
        InfoMunicipalityNeeded = "info_municipality_needed": "is required: the municipality the person would return to",
        NoInfoSheet { municipality: String } = "no_info_sheet": "{municipality} has no information sheet yet: write one before counselling",
        SheetBackdated { day: String, today: String } = "sheet_backdated": "{day} is before today ({today}): a new version of a sheet is dated the day it is written",
        SheetBeforePrevious { day: String, version: i64, previous: String } = "sheet_before_previous": "{day} is before version {version} of the sheet ({previous})",
        TopicsNeeded = "topics_needed": "say which topics of the information sheet were covered",
        NotFree = "not_free": "a voluntary return needs the decision taken freely: do not record consent",
        NotWithoutCoercion = "not_without_coercion": "a voluntary return needs the decision taken without coercion: do not record consent",
        NotInformed = "not_informed": "a voluntary return needs the decision taken with full knowledge of the situation at home: do not record consent",
        RegisteredLongAgo { day: String, days: i64 } = "registered_long_ago": "{day} is more than {days} days ago: a case recorded from paper records says so (entered from paper)",
        BeforeRegistration { day: String, earlier: String } = "before_registration": "{day} is before the case's registration ({earlier})",
        BeforeCounselling { day: String, earlier: String } = "before_counselling": "{day} is before the counselling it rests on ({earlier})",
        BeforeConsent { day: String, earlier: String } = "before_consent": "{day} is before the consent ({earlier})",
        BeforeConsentOrOrder { day: String, earlier: String } = "before_consent_or_order": "{day} is before the consent or order it follows ({earlier})",
        BeforeLastEvent { day: String, earlier: String } = "before_last_event": "{day} is before the case's last event ({earlier})",
        SustainabilityFile { detail: String } = "sustainability_file": "cannot be read: {detail}",
        DimensionWithoutIndicator { dimension: String } = "dimension_without_indicator": "dimension '{dimension}' has no indicator",
        Thresholds = "thresholds": "need 0 < partial < sustainable <= 1",
        VisitMonths = "visit_months": "must list months after arrival in increasing order",
        NotAnIndicator { config: String } = "not_an_indicator": "is not an indicator of {config}",
    }
}

use drom_domain::code_enum;

/// How many days back a case typed as it happens may be registered. A case registered earlier
/// is one entered from paper records, and must say so: its dates are then the paper's, not
/// the day someone typed them.
pub const RECENT_REGISTRATION_DAYS: i64 = 30;

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
