//! The facts a screening reads about one person: tri-state facts (yes, no, unknown), the return
//! type and the person's identity fields. Unknown is a value of its own here, never a default
//! for "no": the engine must be able to tell "not recorded" from "recorded as no".

use drom_domain::code_enum;
use drom_domain::date::PartialDate;
use drom_domain::vocab::{Relation, Sex, SpecialCategory, Vulnerability};
use serde::{Deserialize, Serialize};

code_enum! {
    /// A recorded answer to a yes/no question; `unknown` when nobody has established it.
    #[derive(Default)]
    pub enum Tri {
        Yes = "yes",
        No = "no",
        #[default]
        Unknown = "unknown",
    }
}

impl Tri {
    /// Parses a CSV or form value: empty means unknown; case and surrounding blanks are ignored.
    pub fn parse_lenient(s: &str) -> Result<Tri, String> {
        let t = s.trim();
        if t.is_empty() {
            return Ok(Tri::Unknown);
        }
        if t.eq_ignore_ascii_case("yes") {
            Ok(Tri::Yes)
        } else if t.eq_ignore_ascii_case("no") {
            Ok(Tri::No)
        } else if t.eq_ignore_ascii_case("unknown") {
            Ok(Tri::Unknown)
        } else {
            Err(format!("'{t}' is not yes, no or unknown (empty means unknown)"))
        }
    }
}

code_enum! {
    /// Whether the host country returns the person by force or the person chose to return.
    pub enum ReturnType { Forced = "forced", Voluntary = "voluntary" }
}

code_enum! {
    /// The tri-state facts a policy rule may test. Their codes are the CSV column names and the
    /// names a policy file uses in `fact = "..."`.
    pub enum Fact {
        InformedConsent = "informed_consent",
        MixedMarriage = "mixed_marriage",
        MixedEthnicity = "mixed_ethnicity",
        PerceivedRegimeAssociation = "perceived_regime_association",
        SeriousProtectionRisk = "serious_protection_risk",
        SevereIllnessUntreatable = "severe_illness_untreatable",
        SevereMentalIllnessUntreatable = "severe_mental_illness_untreatable",
        SevereDisability = "severe_disability",
        ElderlyWithoutSupport = "elderly_without_support",
        TraffickingVictim = "trafficking_victim",
        BestInterestsDetermination = "best_interests_determination",
    }
}

impl Fact {
    pub fn index(self) -> usize {
        self as usize
    }

    /// The fact a vulnerability recorded in the registry establishes as yes, if any.
    pub fn of_vulnerability(v: Vulnerability) -> Option<Fact> {
        use Vulnerability::*;
        Some(match v {
            SevereIllnessUntreatable => Fact::SevereIllnessUntreatable,
            SevereMentalIllness => Fact::SevereMentalIllnessUntreatable,
            SevereDisability => Fact::SevereDisability,
            ElderlyWithoutSupport => Fact::ElderlyWithoutSupport,
            VictimOfTrafficking => Fact::TraffickingVictim,
            SeriousProtectionRisk => Fact::SeriousProtectionRisk,
            MixedMarriage => Fact::MixedMarriage,
            MixedEthnicity => Fact::MixedEthnicity,
            PerceivedRegimeAssociation => Fact::PerceivedRegimeAssociation,
            _ => return None,
        })
    }

    /// The special category an answer to this fact reveals: the same as the vulnerability it
    /// stands for; a best-interests determination is about a child.
    pub fn special_category(self) -> Option<SpecialCategory> {
        if self == Fact::BestInterestsDetermination {
            return Some(SpecialCategory::Minors);
        }
        Vulnerability::ALL.iter().find(|v| Fact::of_vulnerability(**v) == Some(self)).and_then(|v| v.special_category())
    }
}

code_enum! {
    /// What an officer's answer to a fact rests on.
    pub enum AnswerBasis {
        Interview = "interview",
        Document = "document",
        MedicalReport = "medical_report",
        SocialReport = "social_report",
        Other = "other",
    }
}

/// All tri-state facts of one person packed two bits each, so a person is copied, compared and
/// completed without allocation. Bits `00` are unknown, so `FactSet::default()` knows nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FactSet(u32);

impl FactSet {
    pub fn get(self, fact: Fact) -> Tri {
        match (self.0 >> (2 * fact.index())) & 0b11 {
            0b01 => Tri::No,
            0b10 => Tri::Yes,
            _ => Tri::Unknown,
        }
    }

    pub fn set(&mut self, fact: Fact, value: Tri) {
        let shift = 2 * fact.index();
        let bits = match value {
            Tri::Unknown => 0b00,
            Tri::No => 0b01,
            Tri::Yes => 0b10,
        };
        self.0 = (self.0 & !(0b11 << shift)) | (bits << shift);
    }

    pub fn with(mut self, fact: Fact, value: Tri) -> Self {
        self.set(fact, value);
        self
    }

    /// Every fact set to `value`.
    pub fn all(value: Tri) -> Self {
        let mut s = FactSet::default();
        for f in Fact::ALL {
            s.set(*f, value);
        }
        s
    }
}

/// One person on a readmission list, as a protection officer or a host country states them.
/// Community and municipality are the texts given; the screener resolves them against reference
/// data and treats what it cannot resolve as unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonFacts {
    pub request_id: String,
    #[serde(default)]
    pub household_id: Option<String>,
    #[serde(default)]
    pub relation: Option<Relation>,
    #[serde(default)]
    pub given_name: String,
    #[serde(default)]
    pub family_name: String,
    #[serde(default)]
    pub date_of_birth: Option<PartialDate>,
    #[serde(default)]
    pub sex: Option<Sex>,
    /// Community code (or name) as self-declared; `None` when not known.
    #[serde(default)]
    pub community: Option<String>,
    /// Municipality of origin in either official form, any case, diacritics or script.
    #[serde(default)]
    pub municipality_of_origin: Option<String>,
    #[serde(default)]
    pub return_type: Option<ReturnType>,
    #[serde(default)]
    pub informed_consent: Tri,
    #[serde(default)]
    pub mixed_marriage: Tri,
    #[serde(default)]
    pub mixed_ethnicity: Tri,
    #[serde(default)]
    pub perceived_regime_association: Tri,
    #[serde(default)]
    pub serious_protection_risk: Tri,
    #[serde(default)]
    pub severe_illness_untreatable: Tri,
    #[serde(default)]
    pub severe_mental_illness_untreatable: Tri,
    #[serde(default)]
    pub severe_disability: Tri,
    /// The request id of the person this person cares for.
    #[serde(default)]
    pub caregiver_for: Option<String>,
    #[serde(default)]
    pub elderly_without_support: Tri,
    #[serde(default)]
    pub trafficking_victim: Tri,
    #[serde(default)]
    pub best_interests_determination: Tri,
}

impl PersonFacts {
    pub fn fact_set(&self) -> FactSet {
        use Fact::*;
        let mut s = FactSet::default();
        for (f, v) in [
            (InformedConsent, self.informed_consent),
            (MixedMarriage, self.mixed_marriage),
            (MixedEthnicity, self.mixed_ethnicity),
            (PerceivedRegimeAssociation, self.perceived_regime_association),
            (SeriousProtectionRisk, self.serious_protection_risk),
            (SevereIllnessUntreatable, self.severe_illness_untreatable),
            (SevereMentalIllnessUntreatable, self.severe_mental_illness_untreatable),
            (SevereDisability, self.severe_disability),
            (ElderlyWithoutSupport, self.elderly_without_support),
            (TraffickingVictim, self.trafficking_victim),
            (BestInterestsDetermination, self.best_interests_determination),
        ] {
            s.set(f, v);
        }
        s
    }

    /// Sets one tri-state fact by its vocabulary entry.
    pub fn set_fact(&mut self, fact: Fact, value: Tri) {
        use Fact::*;
        let slot = match fact {
            InformedConsent => &mut self.informed_consent,
            MixedMarriage => &mut self.mixed_marriage,
            MixedEthnicity => &mut self.mixed_ethnicity,
            PerceivedRegimeAssociation => &mut self.perceived_regime_association,
            SeriousProtectionRisk => &mut self.serious_protection_risk,
            SevereIllnessUntreatable => &mut self.severe_illness_untreatable,
            SevereMentalIllnessUntreatable => &mut self.severe_mental_illness_untreatable,
            SevereDisability => &mut self.severe_disability,
            ElderlyWithoutSupport => &mut self.elderly_without_support,
            TraffickingVictim => &mut self.trafficking_victim,
            BestInterestsDetermination => &mut self.best_interests_determination,
        };
        *slot = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_categories_of_facts_follow_the_vulnerabilities() {
        assert_eq!(Fact::SevereDisability.special_category(), Some(SpecialCategory::Health));
        assert_eq!(Fact::TraffickingVictim.special_category(), Some(SpecialCategory::Trafficking));
        assert_eq!(Fact::MixedMarriage.special_category(), Some(SpecialCategory::Ethnicity));
        assert_eq!(Fact::BestInterestsDetermination.special_category(), Some(SpecialCategory::Minors));
        assert_eq!(Fact::SeriousProtectionRisk.special_category(), None);
        assert_eq!(Fact::InformedConsent.special_category(), None);
    }

    #[test]
    fn fact_set_keeps_each_fact_apart() {
        let mut s = FactSet::default();
        assert!(Fact::ALL.iter().all(|f| s.get(*f) == Tri::Unknown));
        s.set(Fact::SevereDisability, Tri::Yes);
        s.set(Fact::InformedConsent, Tri::No);
        assert_eq!(s.get(Fact::SevereDisability), Tri::Yes);
        assert_eq!(s.get(Fact::InformedConsent), Tri::No);
        assert_eq!(s.get(Fact::BestInterestsDetermination), Tri::Unknown);
        s.set(Fact::SevereDisability, Tri::Unknown);
        assert_eq!(s.get(Fact::SevereDisability), Tri::Unknown);
        assert_eq!(FactSet::all(Tri::No).get(Fact::TraffickingVictim), Tri::No);
    }

    #[test]
    fn lenient_tri_reads_csv_values() {
        assert_eq!(Tri::parse_lenient(" YES "), Ok(Tri::Yes));
        assert_eq!(Tri::parse_lenient(""), Ok(Tri::Unknown));
        assert!(Tri::parse_lenient("y").unwrap_err().contains("not yes, no or unknown"));
    }
}
