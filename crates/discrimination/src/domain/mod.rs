//! Pure rules of discrimination reports: the vocabularies (`vocab`), the tracking code
//! (`code`), the routing rules (`routing`), the proof of work of the public form (`pow`), when
//! a closed report is erased (`retention`), and what a report must say to be accepted.

pub mod code;
pub mod pow;
pub mod retention;
pub mod routing;
pub mod vocab;

use crate::DiscriminationReason;
use chrono::NaiveDate;
use drom_domain::error::{optional_text, required_text};
use drom_domain::{Common, ValidationErrors};
use serde::Deserialize;
use utoipa::ToSchema;
pub use vocab::*;

/// The longest description, message or decision.
pub const TEXT_MAX: usize = 10_000;
/// The longest short text (the place, a name, a reason).
pub const SHORT_MAX: usize = 300;

/// A report as the reporter fills it in (the public form and `POST /discrimination/reports`).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReport {
    /// What happened, in the reporter's words.
    pub description: String,
    /// The day it happened, if known (YYYY-MM-DD) ...
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub happened_on: Option<NaiveDate>,
    /// ... or roughly when.
    #[serde(default)]
    pub happened_period: Option<Period>,
    /// The municipality (reference data code).
    pub municipality: String,
    /// The place in words (a school, an office, a street).
    #[serde(default)]
    pub place: Option<String>,
    pub area: Area,
    /// At least one protected ground.
    pub grounds: Vec<Ground>,
    pub perpetrator: Perpetrator,
    pub reporter_role: ReporterRole,
    /// Contact details, all optional: a report may be anonymous.
    #[serde(default)]
    pub contact_name: Option<String>,
    #[serde(default)]
    pub contact_phone: Option<String>,
    #[serde(default)]
    pub contact_email: Option<String>,
    /// The reporter's community, if they choose to say (a special category).
    #[serde(default)]
    pub community: Option<String>,
    /// The language the reporter wrote in and wants answers in (en, sq, sr, rom).
    #[serde(default)]
    pub language: Option<String>,
}

/// An empty report (for building one field by field): other area, unknown perpetrator, victim.
impl Default for NewReport {
    fn default() -> Self {
        NewReport {
            description: String::new(),
            happened_on: None,
            happened_period: None,
            municipality: String::new(),
            place: None,
            area: Area::Other,
            grounds: Vec::new(),
            perpetrator: Perpetrator::Unknown,
            reporter_role: ReporterRole::Victim,
            contact_name: None,
            contact_phone: None,
            contact_email: None,
            community: None,
            language: None,
        }
    }
}

/// A report that passed every check.
#[derive(Debug, Clone)]
pub struct CheckedReport {
    pub description: String,
    pub happened_on: Option<NaiveDate>,
    pub happened_period: Option<Period>,
    pub municipality: String,
    pub place: Option<String>,
    pub area: Area,
    pub grounds: Vec<Ground>,
    pub perpetrator: Perpetrator,
    pub reporter_role: ReporterRole,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub community: Option<String>,
    pub language: String,
}

impl CheckedReport {
    /// Whether the reporter left a way to reach them.
    pub fn anonymous(&self) -> bool {
        self.contact_name.is_none() && self.contact_phone.is_none() && self.contact_email.is_none()
    }
}

/// Checks a report against `today` and the known municipalities and communities; every
/// mistake is named by its field.
pub fn check(
    r: NewReport,
    today: NaiveDate,
    municipalities: &[&str],
    communities: &[&str],
) -> Result<CheckedReport, ValidationErrors> {
    let mut e = ValidationErrors::default();
    let description = required_text(&mut e, "description", &r.description, TEXT_MAX);
    if let Some(d) = r.happened_on
        && d > today
    {
        e.push("happened_on", Common::InFuture { day: d.to_string() });
    }
    if r.happened_on.is_none() && r.happened_period.is_none() {
        e.push("happened_on", DiscriminationReason::WhenRequired);
    }
    let municipality = r.municipality.trim().to_string();
    if municipality.is_empty() {
        e.push("municipality", Common::Required);
    } else if !municipalities.contains(&municipality.as_str()) {
        e.push("municipality", Common::UnknownMunicipality { value: municipality.clone() });
    }
    let place = optional_text(&mut e, "place", r.place.as_deref(), SHORT_MAX);
    let mut grounds = r.grounds.clone();
    grounds.sort();
    grounds.dedup();
    if grounds.is_empty() {
        e.push("grounds", DiscriminationReason::GroundRequired);
    }
    let contact_name = optional_text(&mut e, "contact_name", r.contact_name.as_deref(), SHORT_MAX);
    let contact_phone = optional_text(&mut e, "contact_phone", r.contact_phone.as_deref(), 40);
    if let Some(p) = &contact_phone
        && !p.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '/'))
    {
        e.push("contact_phone", DiscriminationReason::NotAPhone { value: p.clone() });
    }
    let contact_email = optional_text(&mut e, "contact_email", r.contact_email.as_deref(), SHORT_MAX);
    if let Some(m) = &contact_email
        && !is_email(m)
    {
        e.push("contact_email", DiscriminationReason::NotAnEmail { value: m.clone() });
    }
    let community = r.community.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(str::to_string);
    if let Some(c) = &community
        && !communities.contains(&c.as_str())
    {
        e.push("community", Common::UnknownCommunity { value: c.clone() });
    }
    let language = match r.language.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        None => "en".to_string(),
        Some(l) if ["en", "sq", "sr", "rom"].contains(&l) => l.to_string(),
        Some(l) => {
            e.push("language", Common::NotOneOf { value: l.into(), choices: "en, sq, sr, rom".into() });
            String::new()
        }
    };
    e.into_result(CheckedReport {
        description,
        happened_on: r.happened_on,
        happened_period: r.happened_period,
        municipality,
        place,
        area: r.area,
        grounds,
        perpetrator: r.perpetrator,
        reporter_role: r.reporter_role,
        contact_name,
        contact_phone,
        contact_email,
        community,
        language,
    })
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.contains(char::is_whitespace)
}

/// A message's text: required, at most `TEXT_MAX` characters.
pub fn message_body(errors: &mut ValidationErrors, body: &str) -> String {
    required_text(errors, "body", body, TEXT_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> NewReport {
        NewReport {
            description: "They would not enrol my son".into(),
            happened_period: Some(Period::LastMonth),
            municipality: "fushe_kosove".into(),
            area: Area::Education,
            grounds: vec![Ground::Ethnicity, Ground::Ethnicity],
            perpetrator: Perpetrator::PublicInstitution,
            reporter_role: ReporterRole::Victim,
            ..Default::default()
        }
    }

    #[test]
    fn a_report_needs_words_a_time_a_known_place_and_a_ground() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let ms = ["fushe_kosove", "lipjan"];
        let ok = check(report(), today, &ms, &["roma"]).unwrap();
        assert!(ok.anonymous());
        assert_eq!(ok.grounds, [Ground::Ethnicity], "a ground given twice counts once");
        assert_eq!(ok.language, "en");
        let bad = NewReport {
            description: "  ".into(),
            happened_on: Some(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()),
            municipality: "Atlantis".into(),
            grounds: vec![],
            contact_email: Some("not-an-address".into()),
            contact_phone: Some("call me".into()),
            community: Some("martian".into()),
            ..report()
        };
        let errs = check(bad, today, &ms, &["roma"]).unwrap_err();
        let fields: Vec<&str> = errs.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["description", "happened_on", "municipality", "grounds", "contact_phone", "contact_email", "community"]
        );
        let no_when = NewReport { happened_period: None, ..report() };
        assert_eq!(check(no_when, today, &ms, &[]).unwrap_err().0[0].field, "happened_on");
    }
}
