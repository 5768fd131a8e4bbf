//! The protection gate: whether a forced return may go past its order. A forced return proceeds
//! only when the household was screened under the policy in force on the order date, recently
//! enough, with every returnee's outcome `no_bar_found` both as stored and as the policy decides
//! today from the stored facts. Anything else blocks, and each block says why with a stable code
//! and its arguments, so that a page can say it in the reader's language.
//!
//! Pure: the caller reads the screening and the policies; this module only decides.

use crate::engine::{Decision, Outcome};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How long a screening stays valid for the gate when nothing else says (days).
pub const DEFAULT_MAX_AGE_DAYS: u32 = 180;

/// Whether a finding's status is one that bars the return.
fn bars(status: &str) -> bool {
    matches!(status, "fired" | "family_unity")
}

/// One person's outcome in a screening: what the gate reads of a stored or recomputed decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MemberOutcome {
    /// The person's id, as the screening's `request_id`.
    #[serde(rename = "request_id")]
    pub person: String,
    #[schema(value_type = String)]
    pub outcome: Outcome,
    /// For `protected`: the rules that bar the return (`fired` or `family_unity`).
    #[serde(default)]
    pub rules: Vec<String>,
    /// For `needs_assessment`: what is unknown.
    #[serde(default)]
    pub unknown: Vec<String>,
}

impl MemberOutcome {
    /// Reads a decision as the gate needs it.
    pub fn of(d: &Decision) -> MemberOutcome {
        MemberOutcome {
            person: d.request_id.clone(),
            outcome: d.outcome,
            rules: d.findings.iter().filter(|f| bars(f.status)).map(|f| f.rule_id.clone()).collect(),
            unknown: d.unknown.iter().map(|u| u.to_string()).collect(),
        }
    }
}

#[derive(Deserialize)]
struct StoredFinding {
    rule_id: String,
    status: String,
}

#[derive(Deserialize)]
struct StoredDecision {
    request_id: String,
    outcome: Outcome,
    #[serde(default)]
    findings: Vec<StoredFinding>,
    #[serde(default)]
    unknown: Vec<String>,
}

impl MemberOutcome {
    /// Reads the decisions of a stored screening (the JSON of `Vec<Decision>`).
    pub fn from_stored(json: &str) -> Result<Vec<MemberOutcome>, serde_json::Error> {
        let stored: Vec<StoredDecision> = serde_json::from_str(json)?;
        Ok(stored
            .into_iter()
            .map(|d| MemberOutcome {
                person: d.request_id,
                outcome: d.outcome,
                rules: d.findings.into_iter().filter(|f| bars(&f.status)).map(|f| f.rule_id).collect(),
                unknown: d.unknown,
            })
            .collect())
    }
}

/// The screening the gate looks at.
#[derive(Debug, Clone)]
pub struct ScreeningSeen {
    pub id: i64,
    pub policy_id: String,
    pub return_type: String,
    /// The day it was made.
    pub made_on: NaiveDate,
    /// The outcomes as stored.
    pub stored: Vec<MemberOutcome>,
    /// The outcomes the policy in force on the order date gives today from the stored facts.
    pub now: Vec<MemberOutcome>,
}

/// Everything the gate decides on.
#[derive(Debug, Clone)]
pub struct GateInput<'a> {
    /// The returnees of the case (person ids as text).
    pub members: &'a [String],
    /// The order date (or today before an order exists).
    pub order_on: NaiveDate,
    /// The policy in force on `order_on`, if any.
    pub in_force: Option<&'a str>,
    pub screening: Option<&'a ScreeningSeen>,
    pub today: NaiveDate,
    pub max_age_days: u32,
}

/// Why the gate is closed. Each has a stable code (its serde tag) and the arguments a message
/// needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Block {
    /// No policy is in force on the order date: nobody can say the return is allowed.
    NoPolicy { order_on: String },
    /// The household has never been screened for a forced return.
    NotScreened,
    /// The screening applied another policy than the one in force on the order date.
    OtherPolicy { screening_id: i64, screened_under: String, in_force: String },
    /// The screening is older than the period it stays valid.
    Stale { screening_id: i64, made_on: String, max_age_days: u32 },
    /// The policy now decides differently on the stored facts.
    PolicyChanged { screening_id: i64, person: String, stored: String, now: String },
    /// A returnee of the case is not in the screening (the household changed).
    NotInScreening { screening_id: i64, person: String },
    /// A returnee may not be returned by force.
    Protected { screening_id: i64, person: String, rules: Vec<String> },
    /// A returnee needs assessment: these facts are still unknown.
    NeedsAssessment { screening_id: i64, person: String, unknown: Vec<String> },
}

impl Block {
    /// The stable code of this block (the same as its `code` on the wire).
    pub fn code(&self) -> &'static str {
        match self {
            Block::NoPolicy { .. } => "no_policy",
            Block::NotScreened => "not_screened",
            Block::OtherPolicy { .. } => "other_policy",
            Block::Stale { .. } => "stale",
            Block::PolicyChanged { .. } => "policy_changed",
            Block::NotInScreening { .. } => "not_in_screening",
            Block::Protected { .. } => "protected",
            Block::NeedsAssessment { .. } => "needs_assessment",
        }
    }

    /// The block in plain English (the API's text; pages translate the code).
    pub fn english(&self) -> String {
        match self {
            Block::NoPolicy { order_on } => format!("no protection policy is in force on {order_on}"),
            Block::NotScreened => "the household has not been screened for a forced return".into(),
            Block::OtherPolicy { screening_id, screened_under, in_force } => format!(
                "screening {screening_id} applied {screened_under}, but {in_force} is in force on the order date: screen the household again"
            ),
            Block::Stale { screening_id, made_on, max_age_days } => format!(
                "screening {screening_id} was made on {made_on}, more than {max_age_days} days ago: screen the household again"
            ),
            Block::PolicyChanged { screening_id, person, stored, now } => format!(
                "the policy now decides {now} for person {person} where screening {screening_id} said {stored}: screen the household again"
            ),
            Block::NotInScreening { screening_id, person } => {
                format!("person {person} was not in screening {screening_id}: screen the household again")
            }
            Block::Protected { person, rules, .. } => {
                format!("person {person} may not be returned by force ({})", rules.join(", "))
            }
            Block::NeedsAssessment { person, unknown, .. } => {
                format!("person {person} needs assessment: unknown {}", unknown.join(", "))
            }
        }
    }

    /// The person a block is about, if it is about one.
    pub fn person(&self) -> Option<&str> {
        match self {
            Block::PolicyChanged { person, .. }
            | Block::NotInScreening { person, .. }
            | Block::Protected { person, .. }
            | Block::NeedsAssessment { person, .. } => Some(person),
            _ => None,
        }
    }

    /// Groups blocks that differ only in their person, in order: a family of seven protected by
    /// one rule is one reason naming seven people, not seven reasons.
    pub fn grouped(blocks: &[Block]) -> Vec<(&Block, Vec<&str>)> {
        let anonymous = |b: &Block| {
            let mut b = b.clone();
            match &mut b {
                Block::PolicyChanged { person, .. }
                | Block::NotInScreening { person, .. }
                | Block::Protected { person, .. }
                | Block::NeedsAssessment { person, .. } => person.clear(),
                _ => {}
            }
            b
        };
        let mut groups: Vec<(Block, &Block, Vec<&str>)> = Vec::new();
        for b in blocks {
            let key = anonymous(b);
            match groups.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, _, people)) => people.extend(b.person()),
                None => groups.push((key, b, b.person().into_iter().collect())),
            }
        }
        groups.into_iter().map(|(_, b, people)| (b, people)).collect()
    }

    /// Whether screening the household again (after answering facts) could open the gate.
    pub fn rescreen_helps(&self) -> bool {
        !matches!(self, Block::NoPolicy { .. } | Block::Protected { .. })
    }
}

/// What the gate says about a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct GateStatus {
    /// Whether the forced return may go past its order.
    pub open: bool,
    /// The screening the gate read, if any.
    pub screening_id: Option<i64>,
    /// The policy in force on the order date.
    pub policy_in_force: Option<String>,
    /// Why it is closed (empty when open).
    pub blocks: Vec<Block>,
}

impl GateStatus {
    /// All blocks in English, for an API error's detail.
    pub fn english(&self) -> String {
        self.blocks.iter().map(Block::english).collect::<Vec<_>>().join("; ")
    }
}

/// Decides the gate.
pub fn decide(input: &GateInput) -> GateStatus {
    let mut blocks = Vec::new();
    let in_force = input.in_force.map(str::to_string);
    let status = |blocks: Vec<Block>, screening_id| GateStatus {
        open: blocks.is_empty(),
        screening_id,
        policy_in_force: in_force.clone(),
        blocks,
    };
    let Some(policy) = input.in_force else {
        return status(vec![Block::NoPolicy { order_on: input.order_on.to_string() }], None);
    };
    let Some(s) = input.screening.filter(|s| s.return_type == "forced") else {
        return status(vec![Block::NotScreened], None);
    };
    let id = s.id;
    if s.policy_id != policy {
        blocks.push(Block::OtherPolicy {
            screening_id: id,
            screened_under: s.policy_id.clone(),
            in_force: policy.to_string(),
        });
    }
    let age = (input.today - s.made_on).num_days();
    if age > i64::from(input.max_age_days) {
        blocks.push(Block::Stale {
            screening_id: id,
            made_on: s.made_on.to_string(),
            max_age_days: input.max_age_days,
        });
    }
    for person in input.members {
        let stored = s.stored.iter().find(|m| &m.person == person);
        let now = s.now.iter().find(|m| &m.person == person);
        let (Some(stored), Some(now)) = (stored, now) else {
            blocks.push(Block::NotInScreening { screening_id: id, person: person.clone() });
            continue;
        };
        if stored.outcome != now.outcome {
            blocks.push(Block::PolicyChanged {
                screening_id: id,
                person: person.clone(),
                stored: stored.outcome.code().into(),
                now: now.outcome.code().into(),
            });
        }
        // The stricter of the two answers decides what the officer must do next.
        let worst =
            if now.outcome == Outcome::Protected || stored.outcome != Outcome::Protected { now } else { stored };
        match worst.outcome {
            Outcome::NoBarFound => {}
            Outcome::Protected => {
                blocks.push(Block::Protected { screening_id: id, person: person.clone(), rules: worst.rules.clone() })
            }
            Outcome::NeedsAssessment => blocks.push(Block::NeedsAssessment {
                screening_id: id,
                person: person.clone(),
                unknown: worst.unknown.clone(),
            }),
        }
    }
    status(blocks, Some(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn member(person: &str, outcome: Outcome) -> MemberOutcome {
        let (rules, unknown) = match outcome {
            Outcome::Protected => (vec!["serb-roma".to_string()], vec![]),
            Outcome::NeedsAssessment => (vec![], vec!["mixed_marriage".to_string()]),
            Outcome::NoBarFound => (vec![], vec![]),
        };
        MemberOutcome { person: person.into(), outcome, rules, unknown }
    }

    fn screening(outcomes: &[(&str, Outcome)]) -> ScreeningSeen {
        let all: Vec<MemberOutcome> = outcomes.iter().map(|(p, o)| member(p, *o)).collect();
        ScreeningSeen {
            id: 7,
            policy_id: "unhcr-2006".into(),
            return_type: "forced".into(),
            made_on: day("2026-11-01"),
            stored: all.clone(),
            now: all,
        }
    }

    fn gate(members: &[&str], s: Option<&ScreeningSeen>) -> GateStatus {
        let members: Vec<String> = members.iter().map(|m| m.to_string()).collect();
        decide(&GateInput {
            members: &members,
            order_on: day("2026-11-10"),
            in_force: Some("unhcr-2006"),
            screening: s,
            today: day("2026-12-01"),
            max_age_days: 180,
        })
    }

    fn codes(g: &GateStatus) -> Vec<&'static str> {
        g.blocks.iter().map(Block::code).collect()
    }

    #[test]
    fn only_a_whole_household_with_no_bar_found_passes() {
        let s = screening(&[("1", Outcome::NoBarFound), ("2", Outcome::NoBarFound)]);
        let g = gate(&["1", "2"], Some(&s));
        assert!(g.open && g.blocks.is_empty() && g.screening_id == Some(7));
        let s = screening(&[("1", Outcome::NoBarFound), ("2", Outcome::Protected)]);
        assert_eq!(codes(&gate(&["1", "2"], Some(&s))), ["protected"]);
        let s = screening(&[("1", Outcome::NeedsAssessment), ("2", Outcome::NoBarFound)]);
        let g = gate(&["1", "2"], Some(&s));
        assert!(!g.open);
        assert_eq!(
            g.blocks,
            [Block::NeedsAssessment { screening_id: 7, person: "1".into(), unknown: vec!["mixed_marriage".into()] }]
        );
    }

    #[test]
    fn a_missing_screening_or_policy_blocks() {
        assert_eq!(codes(&gate(&["1"], None)), ["not_screened"]);
        let mut s = screening(&[("1", Outcome::NoBarFound)]);
        s.return_type = "voluntary".into();
        assert_eq!(codes(&gate(&["1"], Some(&s))), ["not_screened"], "a voluntary screening does not count");
        let members = vec!["1".to_string()];
        let g = decide(&GateInput {
            members: &members,
            order_on: day("2000-01-01"),
            in_force: None,
            screening: None,
            today: day("2026-12-01"),
            max_age_days: 180,
        });
        assert_eq!(codes(&g), ["no_policy"]);
    }

    #[test]
    fn another_policy_an_old_screening_or_a_new_member_blocks() {
        let mut s = screening(&[("1", Outcome::NoBarFound)]);
        s.policy_id = "unmik-2004".into();
        assert_eq!(codes(&gate(&["1"], Some(&s))), ["other_policy"]);
        let mut s = screening(&[("1", Outcome::NoBarFound)]);
        s.made_on = day("2026-06-03");
        assert_eq!(codes(&gate(&["1"], Some(&s))), ["stale"], "181 days");
        s.made_on = day("2026-06-04");
        assert!(gate(&["1"], Some(&s)).open, "180 days is still valid");
        let s = screening(&[("1", Outcome::NoBarFound)]);
        assert_eq!(codes(&gate(&["1", "3"], Some(&s))), ["not_in_screening"]);
    }

    #[test]
    fn blocks_alike_but_for_the_person_are_one_reason() {
        let s = screening(&[("1", Outcome::Protected), ("2", Outcome::Protected), ("3", Outcome::NeedsAssessment)]);
        let g = gate(&["1", "2", "3"], Some(&s));
        let grouped = Block::grouped(&g.blocks);
        assert_eq!(grouped.len(), 2);
        assert_eq!((grouped[0].0.code(), grouped[0].1.clone()), ("protected", vec!["1", "2"]));
        assert_eq!((grouped[1].0.code(), grouped[1].1.clone()), ("needs_assessment", vec!["3"]));
    }

    #[test]
    fn a_policy_that_now_protects_blocks_and_says_so() {
        let mut s = screening(&[("1", Outcome::NoBarFound)]);
        s.now = vec![member("1", Outcome::Protected)];
        let g = gate(&["1"], Some(&s));
        assert_eq!(codes(&g), ["policy_changed", "protected"]);
        assert!(g.blocks[1].english().contains("serb-roma"), "{}", g.english());
        assert!(!g.blocks[1].rescreen_helps() && g.blocks[0].rescreen_helps());
    }
}
