//! The person form: what a caseworker typed, as kept for re-display with errors next to each
//! field, and its conversion to and from the registry record. Field names are the API's field
//! paths, so storage's errors land next to the right input.

use crate::domain::person::{Contact, Document, LegalBasis, PersonData};
use drom_domain::language::parse_languages;
use drom_domain::vocab::{ContactKind, DocumentKind, LegalBasisKind, Sex, Vulnerability};
use drom_domain::{Common, FieldError};

pub use drom_web::pages::fields::FormState;
use drom_web::pages::forms::FormData;

/// Rows of documents the form offers.
pub const DOCUMENT_ROWS: usize = 2;

/// The form's country fields, typed by name or code (`Choices::read_countries`).
pub fn country_fields() -> Vec<String> {
    std::iter::once("current_country".to_string())
        .chain((0..DOCUMENT_ROWS).map(|i| format!("documents[{i}].issuing_country")))
        .collect()
}

/// The form's municipality fields, typed by name or code (storage reads either).
pub const MUNICIPALITY_FIELDS: [&str; 1] = ["municipality_of_origin"];
const CONTACT_FIELDS: [(&str, ContactKind); 3] = [
    ("contact_phone", ContactKind::Phone),
    ("contact_email", ContactKind::Email),
    ("contact_address", ContactKind::Address),
];

/// The record a posted form describes, or the fields that could not even be read.
/// Storage validates the rest; `rekey` maps its errors back to the form's field names.
pub struct Parsed {
    pub data: PersonData,
    /// Storage's field name (or prefix) for each document and contact, and the form's. Documents
    /// keep their suffix (`.number`), since both name the same sub-field.
    rekey: Vec<(String, String)>,
}

impl Parsed {
    pub fn rekey(&self, errors: Vec<FieldError>) -> Vec<FieldError> {
        errors
            .into_iter()
            .map(|mut e| {
                if let Some((from, to)) =
                    self.rekey.iter().find(|(from, _)| e.field == *from || e.field.starts_with(&format!("{from}.")))
                {
                    e.field = format!("{to}{}", &e.field[from.len()..]);
                }
                e
            })
            .collect()
    }
}

/// A typed value of an input, if one was given; `refused` says why a value that does not parse
/// is wrong (not one of the choices, not a date).
fn parse<T: std::str::FromStr>(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: Option<String>,
    refused: fn(String) -> Common,
) -> Option<T> {
    let v = value?;
    match v.parse::<T>() {
        Ok(x) => Some(x),
        Err(_) => {
            errors.push(FieldError::new(field, refused(v)));
            None
        }
    }
}

fn choice(value: String) -> Common {
    Common::NotAChoice { value }
}

fn date(value: String) -> Common {
    Common::NotADate { value }
}

pub fn parse_person(form: &FormData) -> Result<Parsed, Vec<FieldError>> {
    let mut errors = Vec::new();
    let sex = match form.get("sex") {
        None => Sex::Unknown,
        Some(s) => parse(&mut errors, "sex", Some(s), choice).unwrap_or(Sex::Unknown),
    };
    let date_of_birth = match form.get("date_of_birth") {
        None => None,
        Some(d) => match d.parse::<drom_domain::date::PartialDate>() {
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(FieldError::new("date_of_birth", Common::NotAPartialDate { value: d.clone() }));
                None
            }
        },
    };
    let mut vulnerabilities = Vec::new();
    for v in form.all("vulnerabilities") {
        match v.parse::<Vulnerability>() {
            Ok(x) => vulnerabilities.push(x),
            Err(_) => errors.push(FieldError::new("vulnerabilities", Common::NotAChoice { value: v })),
        }
    }
    let kind =
        parse(&mut errors, "legal_basis.kind", form.get("legal_basis.kind"), choice).unwrap_or(LegalBasisKind::Consent);
    let consent_date = parse(&mut errors, "legal_basis.consent_date", form.get("legal_basis.consent_date"), date);
    let mut rekey = Vec::new();
    let mut documents = Vec::new();
    for i in 0..DOCUMENT_ROWS {
        let number = form.get(&format!("documents[{i}].number"));
        let kind_field = format!("documents[{i}].kind");
        let Some(number) = number else { continue };
        let kind = parse::<DocumentKind>(&mut errors, &kind_field, form.get(&kind_field), choice)
            .unwrap_or(DocumentKind::Other);
        let expires_on = parse(
            &mut errors,
            &format!("documents[{i}].expires_on"),
            form.get(&format!("documents[{i}].expires_on")),
            date,
        );
        rekey.push((format!("documents[{}]", documents.len()), format!("documents[{i}]")));
        documents.push(Document {
            kind,
            number,
            issuing_country: form.get(&format!("documents[{i}].issuing_country")),
            expires_on,
        });
    }
    let mut contacts = Vec::new();
    let mut contact_keys = Vec::new();
    for (field, kind) in CONTACT_FIELDS {
        if let Some(value) = form.get(field) {
            contact_keys.push((format!("contacts[{}].value", contacts.len()), field.to_string()));
            contacts.push(Contact { kind, value });
        }
    }
    let languages = parse_languages(&form.text("languages")).unwrap_or_else(|refused| {
        errors.extend(refused.into_iter().map(|(_, reason)| FieldError::new("languages", reason)));
        Vec::new()
    });
    if !errors.is_empty() {
        return Err(errors);
    }
    let data = PersonData {
        given_name: form.text("given_name"),
        family_name: form.text("family_name"),
        given_name_other_script: form.get("given_name_other_script"),
        family_name_other_script: form.get("family_name_other_script"),
        date_of_birth,
        date_of_birth_estimated: form.checked("date_of_birth_estimated"),
        sex,
        community: form.get("community"),
        languages,
        documents,
        contacts,
        municipality_of_origin: form.get("municipality_of_origin"),
        current_country: form.get("current_country"),
        current_place: form.get("current_place"),
        vulnerabilities,
        legal_basis: LegalBasis {
            kind,
            consent_date,
            consent_scope: form.get("legal_basis.consent_scope"),
            consent_language: form.get("legal_basis.consent_language"),
            legal_reference: form.get("legal_basis.legal_reference"),
        },
    };
    rekey.extend(contact_keys);
    Ok(Parsed { data, rekey })
}

pub fn person_state(p: &PersonData) -> FormState {
    let mut s = FormState::default();
    s.set("given_name", &p.given_name);
    s.set("family_name", &p.family_name);
    s.set("given_name_other_script", p.given_name_other_script.clone().unwrap_or_default());
    s.set("family_name_other_script", p.family_name_other_script.clone().unwrap_or_default());
    s.set("date_of_birth", p.date_of_birth.map(|d| d.to_string()).unwrap_or_default());
    if p.date_of_birth_estimated {
        s.set("date_of_birth_estimated", "on");
    }
    s.set("sex", p.sex.code());
    s.set("community", p.community.clone().unwrap_or_default());
    s.set("languages", p.languages.join(", "));
    s.set("municipality_of_origin", p.municipality_of_origin.clone().unwrap_or_default());
    s.set("current_country", p.current_country.clone().unwrap_or_default());
    s.set("current_place", p.current_place.clone().unwrap_or_default());
    for v in &p.vulnerabilities {
        s.add("vulnerabilities", v.code());
    }
    s.set("legal_basis.kind", p.legal_basis.kind.code());
    s.set("legal_basis.consent_date", p.legal_basis.consent_date.map(|d| d.to_string()).unwrap_or_default());
    s.set("legal_basis.consent_scope", p.legal_basis.consent_scope.clone().unwrap_or_default());
    s.set("legal_basis.consent_language", p.legal_basis.consent_language.clone().unwrap_or_default());
    s.set("legal_basis.legal_reference", p.legal_basis.legal_reference.clone().unwrap_or_default());
    for (i, d) in p.documents.iter().take(DOCUMENT_ROWS).enumerate() {
        s.set(&format!("documents[{i}].kind"), d.kind.code());
        s.set(&format!("documents[{i}].number"), &d.number);
        s.set(&format!("documents[{i}].issuing_country"), d.issuing_country.clone().unwrap_or_default());
        s.set(&format!("documents[{i}].expires_on"), d.expires_on.map(|e| e.to_string()).unwrap_or_default());
    }
    for (field, kind) in CONTACT_FIELDS {
        if let Some(c) = p.contacts.iter().find(|c| c.kind == kind) {
            s.set(field, &c.value);
        }
    }
    s
}

/// The fields a household's members share, which a new member's form starts from: family name,
/// origin, where they live now, languages, address, and the consent's scope, language and basis
/// (the consent's date is today's, the form's own default).
const SHARED_IN_HOUSEHOLD: [&str; 10] = [
    "family_name",
    "municipality_of_origin",
    "current_country",
    "current_place",
    "languages",
    "contact_address",
    "legal_basis.kind",
    "legal_basis.consent_scope",
    "legal_basis.consent_language",
    "legal_basis.legal_reference",
];

/// Fills a new member's form with what `member` shares with the rest of the household.
pub fn prefill_from_household(form: &mut FormState, member: &PersonData) {
    let theirs = person_state(member);
    for name in SHARED_IN_HOUSEHOLD {
        let v = theirs.v(name);
        if !v.is_empty() {
            form.set(name, v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> FormData {
        FormData(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    #[test]
    fn a_full_form_becomes_a_record_and_back() {
        let f = form(&[
            ("given_name", "Sabit"),
            ("family_name", "Berisha"),
            ("date_of_birth", "1980-03"),
            ("sex", "male"),
            ("languages", "sq, rom"),
            ("vulnerabilities", "severe_disability"),
            ("vulnerabilities", "elderly_without_support"),
            ("legal_basis.kind", "consent"),
            ("legal_basis.consent_date", "2026-10-01"),
            ("documents[1].kind", "passport"),
            ("documents[1].number", "P1"),
            ("contact_email", "s@example.org"),
        ]);
        let p = parse_person(&f).unwrap();
        assert_eq!(p.data.languages, vec!["sq", "rom"]);
        assert_eq!(p.data.vulnerabilities.len(), 2);
        assert_eq!(p.data.documents[0].number, "P1");
        // Storage says documents[0] and contacts[0]: the form shows them at row 1 and the e-mail field.
        let e = p.rekey(vec![
            FieldError::new("documents[0].number", Common::Required),
            FieldError::new("contacts[0].value", Common::Required),
        ]);
        assert_eq!(e[0].field, "documents[1].number");
        assert_eq!(e[1].field, "contact_email");
        let back = person_state(&p.data);
        assert_eq!(back.v("languages"), "sq, rom");
        assert!(back.has("vulnerabilities", "severe_disability"));
        assert_eq!(back.v("documents[0].number"), "P1");
    }

    #[test]
    fn a_new_member_starts_from_what_the_household_shares_and_nothing_personal() {
        let head = parse_person(&form(&[
            ("given_name", "Sabit"),
            ("family_name", "Berisha"),
            ("date_of_birth", "1980-03"),
            ("languages", "rom sq"),
            ("current_country", "DE"),
            ("legal_basis.consent_scope", "registration"),
            ("legal_basis.consent_language", "rom"),
            ("contact_phone", "+49 1"),
        ]))
        .unwrap();
        let mut s = FormState::default();
        s.set("legal_basis.consent_date", "2026-10-01");
        prefill_from_household(&mut s, &head.data);
        assert_eq!(s.v("languages"), "rom, sq");
        assert_eq!(s.v("current_country"), "DE");
        assert_eq!(s.v("family_name"), "Berisha");
        assert_eq!(s.v("legal_basis.consent_language"), "rom");
        assert_eq!(s.v("legal_basis.consent_date"), "2026-10-01", "the form's own default stays");
        assert_eq!(s.v("given_name"), "");
        assert_eq!(s.v("date_of_birth"), "");
        assert_eq!(s.v("contact_phone"), "", "a phone is the person's own");
    }

    #[test]
    fn a_list_of_languages_is_read_by_the_one_parser() {
        assert_eq!(
            parse_person(&form(&[("languages", "Romani; shqip de")])).unwrap().data.languages,
            ["rom", "sq", "de"]
        );
        let errors = parse_person(&form(&[("languages", "rom, Klingon")])).err().unwrap();
        assert_eq!(errors[0].field, "languages");
        assert!(errors[0].reason.contains("Klingon"), "{}", errors[0].reason);
    }

    #[test]
    fn unreadable_values_name_their_field() {
        let errors =
            parse_person(&form(&[("date_of_birth", "1985-13"), ("legal_basis.consent_date", "soon")])).err().unwrap();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["date_of_birth", "legal_basis.consent_date"]);
    }
}
