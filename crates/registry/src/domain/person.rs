//! A person in the registry: names in both scripts, a possibly partial date of birth, community
//! and vulnerabilities (special categories), documents, contacts, origin and the legal basis on
//! which the data is held.

use super::RegistryReason;
use chrono::NaiveDate;
use drom_domain::Common;
use drom_domain::date::PartialDate;
use drom_domain::error::{ValidationErrors, optional_text, required_text};
use drom_domain::language::{parse_language, parse_languages};
use drom_domain::vocab::{ContactKind, DocumentKind, LegalBasisKind, Sex, Vulnerability};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const NAME_MAX: usize = 100;
pub const TEXT_MAX: usize = 200;
pub const LIST_MAX: usize = 20;

/// An identity document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub kind: DocumentKind,
    pub number: String,
    /// ISO 3166-1 alpha-2 code of the issuing country.
    #[serde(default)]
    pub issuing_country: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub expires_on: Option<NaiveDate>,
}

/// A way to reach the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub kind: ContactKind,
    pub value: String,
}

/// Why Drom may hold the person's data: their consent (dated, with its scope and the language it
/// was explained in) or a legal obligation (with its reference).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    pub kind: LegalBasisKind,
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub consent_date: Option<NaiveDate>,
    /// What the person agreed to, e.g. "registration and referral to municipal services".
    #[serde(default)]
    pub consent_scope: Option<String>,
    /// Language code in which consent was explained (`sq`, `sr`, `rom`, ...).
    #[serde(default)]
    pub consent_language: Option<String>,
    /// The law or agreement, for a legal obligation.
    #[serde(default)]
    pub legal_reference: Option<String>,
}

/// The editable content of a person record, as sent by clients and as kept in history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonData {
    pub given_name: String,
    pub family_name: String,
    /// The given name in the other script (Cyrillic for a Latin name, or the reverse).
    #[serde(default)]
    pub given_name_other_script: Option<String>,
    #[serde(default)]
    pub family_name_other_script: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "1984-05")]
    pub date_of_birth: Option<PartialDate>,
    #[serde(default)]
    pub date_of_birth_estimated: bool,
    pub sex: Sex,
    /// Self-declared community code. Special category (ethnicity): recorded only with the
    /// special-categories grant, left out for a reader without it.
    #[serde(default)]
    pub community: Option<String>,
    /// ISO 639 language codes.
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub documents: Vec<Document>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Municipality code, or its Albanian or Serbian name in any case or diacritics.
    #[serde(default)]
    pub municipality_of_origin: Option<String>,
    /// ISO 3166-1 alpha-2 code of the country where the person is now.
    #[serde(default)]
    pub current_country: Option<String>,
    #[serde(default)]
    pub current_place: Option<String>,
    /// Vulnerabilities. Special category (health, trafficking, minors) for most of them: those
    /// are recorded only with the special-categories grant and left out for a reader without it.
    #[serde(default)]
    pub vulnerabilities: Vec<Vulnerability>,
    pub legal_basis: LegalBasis,
}

fn is_country_code(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase())
}

impl PersonData {
    /// Checks everything that can be checked without reference data, and returns the record
    /// trimmed and normalised. Reference codes (community, municipality, countries) are checked
    /// by storage against its tables.
    pub fn validate(self, today: NaiveDate) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::default();
        let given_name = required_text(&mut e, "given_name", &self.given_name, NAME_MAX);
        let family_name = required_text(&mut e, "family_name", &self.family_name, NAME_MAX);
        let given_name_other_script =
            optional_text(&mut e, "given_name_other_script", self.given_name_other_script.as_deref(), NAME_MAX);
        let family_name_other_script =
            optional_text(&mut e, "family_name_other_script", self.family_name_other_script.as_deref(), NAME_MAX);
        if let Some(dob) = self.date_of_birth
            && dob.is_after(today)
        {
            e.push("date_of_birth", Common::InFuture { day: dob.to_string() });
        }
        let community = optional_text(&mut e, "community", self.community.as_deref(), 40);
        let mut languages = Vec::new();
        // Each entry is read as the forms read a list ("rom, sq" is two languages).
        for (i, l) in self.languages.iter().enumerate() {
            match parse_languages(l) {
                Err(refused) => refused.into_iter().for_each(|(_, reason)| e.push(format!("languages[{i}]"), reason)),
                Ok(codes) => languages.extend(codes.into_iter().filter(|c| !languages.contains(c)).collect::<Vec<_>>()),
            }
        }
        let mut documents = Vec::new();
        for (i, d) in self.documents.into_iter().enumerate() {
            let number = required_text(&mut e, &format!("documents[{i}].number"), &d.number, 50);
            let issuing_country = d.issuing_country.map(|c| c.trim().to_ascii_uppercase());
            if let Some(c) = &issuing_country
                && !is_country_code(c)
            {
                e.push(format!("documents[{i}].issuing_country"), Common::NotCountryCode { value: c.to_string() });
            }
            documents.push(Document { kind: d.kind, number, issuing_country, expires_on: d.expires_on });
        }
        let mut contacts = Vec::new();
        for (i, c) in self.contacts.into_iter().enumerate() {
            let value = required_text(&mut e, &format!("contacts[{i}].value"), &c.value, TEXT_MAX);
            if c.kind == ContactKind::Email && !value.is_empty() && !value.contains('@') {
                e.push(format!("contacts[{i}].value"), RegistryReason::NotEmail);
            }
            contacts.push(Contact { kind: c.kind, value });
        }
        for (field, len) in
            [("languages", languages.len()), ("documents", documents.len()), ("contacts", contacts.len())]
        {
            if len > LIST_MAX {
                e.push(field, RegistryReason::TooManyEntries { max: LIST_MAX });
            }
        }
        let municipality_of_origin =
            optional_text(&mut e, "municipality_of_origin", self.municipality_of_origin.as_deref(), TEXT_MAX);
        let current_country =
            self.current_country.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(str::to_ascii_uppercase);
        if let Some(c) = &current_country
            && !is_country_code(c)
        {
            e.push("current_country", Common::NotCountryCode { value: c.to_string() });
        }
        let current_place = optional_text(&mut e, "current_place", self.current_place.as_deref(), TEXT_MAX);
        let mut vulnerabilities = self.vulnerabilities;
        vulnerabilities.sort();
        vulnerabilities.dedup();
        let legal_basis = validate_legal_basis(&mut e, self.legal_basis, today);
        e.into_result(PersonData {
            given_name,
            family_name,
            given_name_other_script,
            family_name_other_script,
            date_of_birth: self.date_of_birth,
            date_of_birth_estimated: self.date_of_birth_estimated,
            sex: self.sex,
            community,
            languages,
            documents,
            contacts,
            municipality_of_origin,
            current_country,
            current_place,
            vulnerabilities,
            legal_basis,
        })
    }

    /// Whether the record holds any special-category data.
    pub fn has_special_categories(&self) -> bool {
        self.community.is_some() || self.vulnerabilities.iter().any(|v| v.special_category().is_some())
    }

    /// Removes the special categories, for a reader without the permission.
    pub fn without_special_categories(mut self) -> Self {
        self.community = None;
        self.vulnerabilities.retain(|v| v.special_category().is_none());
        self
    }

    /// Carries over the special categories of `old` into `self`: a writer who cannot see them
    /// must not erase them by sending a record without them.
    pub fn keep_special_categories_of(mut self, old: &PersonData) -> Self {
        self.community = old.community.clone();
        self.vulnerabilities.retain(|v| v.special_category().is_none());
        self.vulnerabilities.extend(old.vulnerabilities.iter().filter(|v| v.special_category().is_some()));
        self.vulnerabilities.sort();
        self.vulnerabilities.dedup();
        self
    }

    /// The text that search indexes: names in both scripts.
    pub fn search_text(&self) -> String {
        [
            Some(self.given_name.as_str()),
            Some(self.family_name.as_str()),
            self.given_name_other_script.as_deref(),
            self.family_name_other_script.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
    }

    /// Sort key: family name, then given name, folded.
    pub fn sort_key(&self) -> String {
        format!("{} {}", drom_domain::fold::fold(&self.family_name), drom_domain::fold::fold(&self.given_name))
    }
}

fn validate_legal_basis(e: &mut ValidationErrors, b: LegalBasis, today: NaiveDate) -> LegalBasis {
    let consent_scope = optional_text(e, "legal_basis.consent_scope", b.consent_scope.as_deref(), TEXT_MAX);
    // A consent is given in one language, read as every language is (a code or its name).
    let consent_language = match b.consent_language.filter(|l| !l.trim().is_empty()).map(|l| parse_language(&l)) {
        Some(Err(reason)) => {
            e.push("legal_basis.consent_language", reason);
            Err(())
        }
        other => Ok(other.map(Result::unwrap_or_default)),
    };
    let legal_reference = optional_text(e, "legal_basis.legal_reference", b.legal_reference.as_deref(), TEXT_MAX);
    match b.kind {
        LegalBasisKind::Consent => {
            match b.consent_date {
                None => e.push("legal_basis.consent_date", RegistryReason::NeededForConsent),
                Some(d) if d > today => e.push("legal_basis.consent_date", Common::InFuture { day: d.to_string() }),
                _ => {}
            }
            if consent_scope.is_none() {
                e.push("legal_basis.consent_scope", RegistryReason::NeededForConsent);
            }
            if consent_language == Ok(None) {
                e.push("legal_basis.consent_language", RegistryReason::NeededForConsent);
            }
        }
        LegalBasisKind::LegalObligation => {
            if legal_reference.is_none() {
                e.push("legal_basis.legal_reference", RegistryReason::NeededForObligation);
            }
        }
    }
    let consent_language = consent_language.unwrap_or_default();
    LegalBasis { kind: b.kind, consent_date: b.consent_date, consent_scope, consent_language, legal_reference }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        "2026-11-22".parse().unwrap()
    }

    pub(crate) fn sample() -> PersonData {
        serde_json::from_value(serde_json::json!({
            "given_name": " Shpresa ",
            "family_name": "Berisha",
            "date_of_birth": "1984-05",
            "sex": "female",
            "community": "ashkali",
            "languages": ["SQ", "rom", "sq"],
            "vulnerabilities": ["single_parent_with_children", "severe_disability"],
            "legal_basis": {"kind": "consent", "consent_date": "2026-10-01",
                            "consent_scope": "registration", "consent_language": "sq"}
        }))
        .unwrap()
    }

    #[test]
    fn valid_record_is_normalised() {
        let p = sample().validate(today()).unwrap();
        assert_eq!(p.given_name, "Shpresa");
        assert_eq!(p.languages, vec!["sq", "rom"]);
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let mut p = sample();
        p.given_name = "  ".into();
        p.family_name = "x".repeat(101);
        p.date_of_birth = Some("2030".parse().unwrap());
        p.current_country = Some("Germany".into());
        p.legal_basis.consent_scope = None;
        let fields: Vec<String> = p.validate(today()).unwrap_err().0.into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["given_name", "family_name", "date_of_birth", "current_country", "legal_basis.consent_scope"]
        );
    }

    #[test]
    fn unknown_fields_are_refused() {
        let mut v = serde_json::to_value(sample()).unwrap();
        v["ethnicity"] = "roma".into();
        assert!(serde_json::from_value::<PersonData>(v).is_err());
    }

    #[test]
    fn redaction_removes_only_special_categories_and_merge_keeps_them() {
        let p = sample().validate(today()).unwrap();
        let r = p.clone().without_special_categories();
        assert_eq!(r.community, None);
        assert_eq!(r.vulnerabilities, vec![Vulnerability::SingleParentWithChildren]);
        assert!(!r.has_special_categories());
        let merged = r.keep_special_categories_of(&p);
        assert_eq!(merged, p);
    }
}
