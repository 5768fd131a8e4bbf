//! The registry's records and their rules: a person (names in two scripts, partial dates,
//! documents, contacts, vulnerabilities, legal basis) and a household (members, one head). Pure.

pub mod household;
pub mod person;

drom_domain::reasons! {
    /// Why the registry refuses a value (besides the reasons every capability gives).
    pub enum RegistryReason {
        NoMembers = "no_members": "a household needs at least one member",
        ConsentBeforeWithdrawal { day: String, withdrawn: String } = "consent_before_withdrawal": "{day} is before the withdrawal of consent on {withdrawn}",
        TooManyMembers { max: usize } = "too_many_members": "has more than {max} members",
        OneHead { found: usize } = "one_head": "needs exactly one member with relation 'head' (found {found})",
        ListedTwice { person: i64 } = "listed_twice": "person {person} is listed twice",
        NotEmail = "not_email": "is not an e-mail address",
        TooManyEntries { max: usize } = "too_many_entries": "has more than {max} entries",
        NeededForConsent = "needed_for_consent": "is required when the basis is consent",
        NeededForObligation = "needed_for_obligation": "is required when the basis is a legal obligation",
        NotOnConsent = "not_on_consent": "this record is not held on consent",
        AgeOrder = "age_order": "is smaller than age_min",
        InOtherHousehold { person: i64, household: i64 } = "in_other_household": "person {person} is already a member of household {household}",
    }
}
