//! Routing rules, kept as data (`policies/discrimination-routing.toml`, replaceable at start-up
//! with `drom serve --routing FILE`): each rule names the kind of competent body it proposes and
//! the facts it applies to; the first rule that applies and whose body takes reports here wins.
//! A staff member of that body confirms the proposal or transfers the report with a reason.

use super::vocab::{Area, BodyKind, Ground, Perpetrator};
use serde::Deserialize;

/// The rules shipped with Drom (and embedded in the binary).
pub const SHIPPED: &str = include_str!("../../../../policies/discrimination-routing.toml");

/// A set of routing rules, in order.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// The version of the rules, recorded with each proposal.
    pub version: String,
    #[serde(rename = "rule")]
    pub rules: Vec<Rule>,
}

/// One rule: every condition it states must hold (a list holds when any of its values does).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    /// The kind of body proposed; a municipal unit is the one of the report's municipality.
    pub body: BodyKind,
    /// Why, in a sentence staff read beside the proposal.
    pub because: String,
    #[serde(default)]
    pub grounds: Vec<Ground>,
    #[serde(default)]
    pub areas: Vec<Area>,
    #[serde(default)]
    pub perpetrators: Vec<Perpetrator>,
    /// Word beginnings, any of which in the description (folded: case, diacritics and script
    /// ignored) makes the rule apply: the signs of violence or threats in a hate crime.
    #[serde(default)]
    pub words: Vec<String>,
}

/// The facts of a report the rules look at.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    pub grounds: &'a [Ground],
    pub area: Area,
    pub perpetrator: Perpetrator,
    pub description: &'a str,
}

/// What the rules propose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub rule: String,
    pub body: BodyKind,
    pub because: String,
}

impl Rules {
    /// Reads rules, naming the rule and field of any mistake. A rule set must end with a rule
    /// without conditions, so that every report gets a proposal.
    pub fn from_toml(text: &str) -> Result<Rules, String> {
        let rules: Rules = toml::from_str(text).map_err(|e| e.to_string())?;
        if rules.rules.is_empty() {
            return Err("no [[rule]]".into());
        }
        for (i, r) in rules.rules.iter().enumerate() {
            if r.id.trim().is_empty() {
                return Err(format!("rule {}: id is empty", i + 1));
            }
            if rules.rules[..i].iter().any(|o| o.id == r.id) {
                return Err(format!("rule {} ({}): the id is used twice", i + 1, r.id));
            }
            if r.because.trim().is_empty() {
                return Err(format!("rule {} ({}): because is empty", i + 1, r.id));
            }
            if let Some(w) = r.words.iter().find(|w| drom_domain::fold::fold(w).trim().len() < 3) {
                return Err(format!("rule {} ({}): word '{w}' is shorter than 3 letters", i + 1, r.id));
            }
        }
        let last = rules.rules.last().expect("checked above");
        if !last.unconditional() {
            return Err(format!("the last rule ({}) must have no conditions, so that every report is routed", last.id));
        }
        if last.body == BodyKind::MunicipalUnit {
            return Err(format!(
                "the last rule ({}) must name a body that exists everywhere, not a municipal unit",
                last.id
            ));
        }
        Ok(rules)
    }

    /// The shipped rules.
    pub fn shipped() -> Rules {
        Rules::from_toml(SHIPPED).expect("the shipped routing rules are valid (tested)")
    }

    /// The first rule that applies to `facts` and whose body `exists` (a municipal unit is asked
    /// for with the report's municipality).
    pub fn propose(&self, facts: &Facts, exists: impl Fn(BodyKind) -> bool) -> Option<Proposal> {
        self.rules.iter().find(|r| r.applies(facts) && exists(r.body)).map(|r| Proposal {
            rule: r.id.clone(),
            body: r.body,
            because: r.because.clone(),
        })
    }
}

impl Rule {
    fn unconditional(&self) -> bool {
        self.grounds.is_empty() && self.areas.is_empty() && self.perpetrators.is_empty() && self.words.is_empty()
    }

    fn applies(&self, f: &Facts) -> bool {
        let any = |list_empty: bool, hit: bool| list_empty || hit;
        any(self.grounds.is_empty(), self.grounds.iter().any(|g| f.grounds.contains(g)))
            && any(self.areas.is_empty(), self.areas.contains(&f.area))
            && any(self.perpetrators.is_empty(), self.perpetrators.contains(&f.perpetrator))
            && any(self.words.is_empty(), {
                let text = drom_domain::fold::fold(f.description);
                let words: Vec<&str> = text.split_whitespace().collect();
                self.words.iter().any(|stem| {
                    let stem = drom_domain::fold::fold(stem);
                    let stem = stem.trim();
                    words.iter().any(|w| w.starts_with(stem))
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(grounds: &'a [Ground], area: Area, perpetrator: Perpetrator, text: &'a str) -> Facts<'a> {
        Facts { grounds, area, perpetrator, description: text }
    }

    #[test]
    fn the_shipped_rules_route_each_kind_of_report_to_its_body() {
        let rules = Rules::shipped();
        let all = |_: BodyKind| true;
        let p = |f: &Facts| rules.propose(f, all).unwrap().body;
        // Violence in any script or spelling: the police.
        let beaten = "Më sulmuan dhe më rrahën para shkollës";
        assert_eq!(
            p(&facts(&[Ground::Ethnicity], Area::Education, Perpetrator::PrivatePerson, beaten)),
            BodyKind::Police
        );
        assert_eq!(
            p(&facts(&[Ground::Ethnicity], Area::Other, Perpetrator::Unknown, "Напали су нас на улици")),
            BodyKind::Police
        );
        // A municipality's office refusing a service: its Municipal Human Rights Unit.
        let refused = "The clerk refused to register my child's birth and told us to leave";
        assert_eq!(
            p(&facts(&[Ground::Ethnicity], Area::PublicServices, Perpetrator::PublicInstitution, refused)),
            BodyKind::MunicipalUnit
        );
        // ... and where the municipality has no unit in Drom, the Office for Good Governance.
        let no_unit = rules.propose(
            &facts(&[Ground::Ethnicity], Area::PublicServices, Perpetrator::PublicInstitution, refused),
            |b| b != BodyKind::MunicipalUnit,
        );
        assert_eq!(no_unit.unwrap().body, BodyKind::GoodGovernance);
        // Sex or pregnancy by an employer: the Gender Equality Agency.
        let fired = "I was dismissed when I told them I was pregnant";
        assert_eq!(
            p(&facts(&[Ground::Pregnancy], Area::Employment, Perpetrator::PrivatePerson, fired)),
            BodyKind::GenderEquality
        );
        // Anything else: the Ombudsperson.
        let shop = "The shop would not serve us";
        assert_eq!(
            p(&facts(&[Ground::Ethnicity], Area::GoodsServices, Perpetrator::PrivatePerson, shop)),
            BodyKind::Ombudsperson
        );
        // "Attack" inside another word's beginning only: "attach" does not match "attack".
        assert_eq!(
            p(&facts(&[Ground::Language], Area::GoodsServices, Perpetrator::PrivatePerson, "I attached the receipt")),
            BodyKind::Ombudsperson
        );
    }

    #[test]
    fn bad_rules_are_refused_naming_the_rule() {
        let base = "version = \"t\"\n";
        let err = |t: &str| Rules::from_toml(&format!("{base}{t}")).unwrap_err();
        assert!(
            err("[[rule]]\nid = \"a\"\nbody = \"police\"\nbecause = \"x\"\nwords = [\"hit\"]\n")
                .contains("must have no conditions")
        );
        assert!(err("[[rule]]\nid = \"a\"\nbody = \"mayor\"\nbecause = \"x\"\n").contains("mayor"));
        assert!(
            err("[[rule]]\nid = \"a\"\nbody = \"municipal_unit\"\nbecause = \"x\"\n").contains("not a municipal unit")
        );
        assert!(
            err("[[rule]]\nid = \"a\"\nbody = \"police\"\nbecause = \"x\"\nwords=[\"h\"]\n[[rule]]\nid = \"b\"\nbody = \"police\"\nbecause = \"x\"\n")
                .contains("rule 1 (a): word 'h'")
        );
        assert!(
            err("[[rule]]\nid = \"a\"\nbody = \"police\"\nbecause = \"x\"\n[[rule]]\nid = \"a\"\nbody = \"police\"\nbecause = \"x\"\n")
                .contains("used twice")
        );
    }
}
