//! The screening engine: a policy compiled against reference data into flat rules, evaluated
//! for each member of a household, with family unity across the household. Facts in, verdicts
//! and explanations out; no I/O, and no allocation per person on the batch path.

use crate::facts::{Fact, FactSet, PersonFacts, ReturnType, Tri};
use crate::policy::{Policy, PolicyError, Quotation, RuleKind};
use drom_domain::code_enum;
use drom_domain::reference::{Community, Municipality, MunicipalityIndex};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;

code_enum! {
    /// The answer for one person.
    pub enum Outcome {
        /// May not be returned by force under the policy in force.
        Protected = "protected",
        /// A fact the policy needs is unknown or must be checked by a professional.
        NeedsAssessment = "needs_assessment",
        /// No rule of the policy bars the return on the facts given (all of them known).
        NoBarFound = "no_bar_found",
    }
}

/// Bits of `Verdict::unknown` beyond the tri-state facts (which use their `Fact` index).
pub mod need {
    pub const COMMUNITY: u32 = 1 << 16;
    pub const MUNICIPALITY_OF_ORIGIN: u32 = 1 << 17;
    /// The municipality's majority community is contested in the reference data.
    pub const MAJORITY_OF_ORIGIN: u32 = 1 << 18;
    pub const RETURN_TYPE: u32 = 1 << 19;
    /// A fact of the person named in `caregiver_for`.
    pub const CARED_FOR: u32 = 1 << 20;
}

/// The names of the unknown items in `unknown`: identity items first, then facts.
pub fn unknown_names(unknown: u32) -> impl Iterator<Item = &'static str> {
    const OTHERS: [(u32, &str); 5] = [
        (need::COMMUNITY, "community"),
        (need::MUNICIPALITY_OF_ORIGIN, "municipality_of_origin"),
        (need::MAJORITY_OF_ORIGIN, "majority_community_of_origin"),
        (need::RETURN_TYPE, "return_type"),
        (need::CARED_FOR, "caregiver_for_facts"),
    ];
    let others = OTHERS.into_iter().filter(move |(bit, _)| unknown & bit != 0).map(|(_, n)| n);
    others.chain(Fact::ALL.iter().filter(move |f| unknown & (1 << f.index()) != 0).map(|f| f.code()))
}

/// One person as the engine sees them: resolved to reference indices, facts packed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Member {
    /// Index into the screener's communities.
    pub community: Option<u8>,
    /// Index into the screener's municipalities.
    pub origin: Option<u16>,
    pub return_type: Option<ReturnType>,
    pub facts: FactSet,
    /// The facts of the person this member cares for, when `caregiver_for` names someone.
    pub cares_for: Option<FactSet>,
    /// The input row could not be read as given: the person needs assessment whatever else.
    pub malformed: bool,
}

/// Why a verdict is what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Bar rules of the policy apply to the person (`fired`).
    OwnRules,
    /// Another household member is protected (`family`) and families are not separated.
    FamilyUnity,
    /// Forced return and no rule applies on known facts.
    Clear,
    /// Rules could apply but facts are unknown (`undetermined`, `unknown`).
    Undetermined,
    /// The person is clear, but a household member (`family`) needs assessment, and so
    /// family unity may yet protect the person.
    FamilyPending,
    /// No rule applies but the return type is unknown.
    ReturnTypeUnknown,
    VoluntaryConsent,
    VoluntaryNoConsent,
    /// The input row was malformed.
    Malformed,
}

/// The engine's answer for one member, compact: masks index the policy's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Verdict {
    pub outcome: Outcome,
    pub basis: Basis,
    pub fired: u64,
    pub undetermined: u64,
    pub unknown: u32,
    /// Index in the household of the member whose protection (or pending assessment) decided.
    pub family: Option<u32>,
    /// A member is protected but family unity was not applied: a best-interests determination
    /// is recorded for this person.
    pub exempted_from_family_unity: bool,
}

#[derive(Debug, Clone, Copy)]
enum Majority {
    Community(u8),
    /// Contested, or a code the community list does not know.
    Undecided,
}

/// A bar rule flattened: community sets as bit masks over community indices.
#[derive(Debug, Clone, Copy)]
struct Compiled {
    /// Index in `policy.rules`.
    index: u8,
    community_in: u64,
    minority_in_origin: u64,
    fact: Option<Fact>,
    caregiver_of: Option<Fact>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Truth {
    False,
    True,
    Unknown(u32),
}

/// A policy ready to screen: compiled once, then shared by any number of evaluations.
#[derive(Debug, Clone)]
pub struct Screener {
    policy: Policy,
    bars: Vec<Compiled>,
    family: Option<(u8, Option<Fact>)>,
    voluntary: Option<(u8, Fact)>,
    municipalities: Vec<Municipality>,
    communities: Vec<Community>,
    majority: Vec<Majority>,
    /// Every folded form of every municipality name, as `find_municipality` matches them.
    municipality_index: MunicipalityIndex,
}

enum Own {
    Protected(u64),
    Undetermined(u64, u32),
    Clear,
}

impl Screener {
    /// Compiles `policy` against the reference data. Community codes the policy names must be
    /// in `communities`.
    pub fn new(
        policy: &Policy,
        municipalities: &[Municipality],
        communities: &[Community],
    ) -> Result<Self, PolicyError> {
        let fail = |reason: String| PolicyError { file: policy.file.clone(), line: 0, column: 0, reason };
        if communities.len() > 64 {
            return Err(fail(format!(
                "at most 64 communities are supported (reference data has {})",
                communities.len()
            )));
        }
        if municipalities.len() > usize::from(u16::MAX) {
            return Err(fail("too many municipalities in the reference data".into()));
        }
        let codes: Vec<&str> = communities.iter().map(|c| c.code.as_str()).collect();
        policy.check_communities(&codes)?;
        let mask = |list: &Option<Vec<String>>| -> u64 {
            list.iter().flatten().filter_map(|c| codes.iter().position(|k| k == c)).fold(0, |m, i| m | (1 << i))
        };
        let mut bars = Vec::new();
        let (mut family, mut voluntary) = (None, None);
        for (i, rule) in policy.rules.iter().enumerate() {
            let index = u8::try_from(i).map_err(|_| fail("too many rules".into()))?;
            match rule.kind {
                RuleKind::Bar => bars.push(Compiled {
                    index,
                    community_in: mask(&rule.when.community_in),
                    minority_in_origin: mask(&rule.when.community_minority_in_origin),
                    fact: rule.when.fact,
                    caregiver_of: rule.when.caregiver_of,
                }),
                RuleKind::FamilyUnity { exempt_fact } => family = Some((index, exempt_fact)),
                RuleKind::VoluntaryReturn { consent_fact } => voluntary = Some((index, consent_fact)),
            }
        }
        let majority = municipalities
            .iter()
            .map(|m| match codes.iter().position(|c| *c == m.majority_community) {
                Some(i) => Majority::Community(i as u8),
                None => Majority::Undecided,
            })
            .collect();
        Ok(Screener {
            municipality_index: MunicipalityIndex::new(municipalities),
            policy: policy.clone(),
            bars,
            family,
            voluntary,
            municipalities: municipalities.to_vec(),
            communities: communities.to_vec(),
            majority,
        })
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    pub fn municipalities(&self) -> &[Municipality] {
        &self.municipalities
    }

    pub fn communities(&self) -> &[Community] {
        &self.communities
    }

    /// A community by code or by its English, Albanian or Serbian name, ignoring case and
    /// diacritics.
    pub fn resolve_community(&self, input: &str) -> Option<u8> {
        let t = input.trim();
        if let Some(i) = self.communities.iter().position(|c| c.code == t) {
            return Some(i as u8);
        }
        let key = drom_domain::fold::fold(t).split_whitespace().collect::<Vec<_>>().join("_");
        if key.is_empty() {
            return None;
        }
        let folded = |s: &str| drom_domain::fold::fold(s).split_whitespace().collect::<Vec<_>>().join("_");
        self.communities
            .iter()
            .position(|c| {
                c.code == key || folded(&c.name_en) == key || folded(&c.name_sq) == key || folded(&c.name_sr) == key
            })
            .map(|i| i as u8)
    }

    /// A municipality by code or either official name, as `find_municipality` finds it.
    pub fn resolve_municipality(&self, input: &str) -> Option<u16> {
        self.municipality_index.find(input).map(|i| i as u16)
    }

    fn test(&self, rule: &Compiled, m: &Member) -> Truth {
        let mut unknown = 0u32;
        let community_bit = m.community.map(|c| 1u64 << c);
        if rule.community_in != 0 {
            match community_bit {
                None => unknown |= need::COMMUNITY,
                Some(b) if rule.community_in & b == 0 => return Truth::False,
                Some(_) => {}
            }
        }
        if rule.minority_in_origin != 0 {
            match (community_bit, m.community) {
                (Some(b), _) if rule.minority_in_origin & b == 0 => return Truth::False,
                (Some(_), Some(c)) => match m.origin {
                    None => unknown |= need::MUNICIPALITY_OF_ORIGIN,
                    Some(o) => match self.majority.get(usize::from(o)) {
                        Some(Majority::Community(maj)) if *maj == c => return Truth::False,
                        Some(Majority::Community(_)) => {}
                        _ => unknown |= need::MAJORITY_OF_ORIGIN,
                    },
                },
                _ => unknown |= need::COMMUNITY,
            }
        }
        if let Some(f) = rule.fact {
            match m.facts.get(f) {
                Tri::No => return Truth::False,
                Tri::Unknown => unknown |= 1 << f.index(),
                Tri::Yes => {}
            }
        }
        if let Some(f) = rule.caregiver_of {
            match m.cares_for.map(|t| t.get(f)) {
                // Not a caregiver of anyone on the list.
                None | Some(Tri::No) => return Truth::False,
                Some(Tri::Unknown) => unknown |= need::CARED_FOR,
                Some(Tri::Yes) => {}
            }
        }
        if unknown == 0 { Truth::True } else { Truth::Unknown(unknown) }
    }

    fn own(&self, m: &Member) -> Own {
        let (mut fired, mut undetermined, mut unknown) = (0u64, 0u64, 0u32);
        for rule in &self.bars {
            match self.test(rule, m) {
                Truth::True => fired |= 1 << rule.index,
                Truth::Unknown(u) => {
                    undetermined |= 1 << rule.index;
                    unknown |= u;
                }
                Truth::False => {}
            }
        }
        if fired != 0 {
            Own::Protected(fired)
        } else if undetermined != 0 {
            Own::Undetermined(undetermined, unknown)
        } else {
            Own::Clear
        }
    }

    /// Screens one household (or one person alone: a slice of one). `out` receives one verdict
    /// per member, in order; it is cleared first so a caller can reuse it without allocating.
    pub fn screen_household(&self, members: &[Member], out: &mut Vec<Verdict>) {
        out.clear();
        let blank = Verdict {
            outcome: Outcome::NeedsAssessment,
            basis: Basis::Malformed,
            fired: 0,
            undetermined: 0,
            unknown: 0,
            family: None,
            exempted_from_family_unity: false,
        };
        // Members who are protected, or who could turn out protected once assessed, can hold
        // the household together; voluntary returnees are never returned by force, so cannot.
        let (mut protected, mut pending) = ([u32::MAX; 2], [u32::MAX; 2]);
        let note = |slots: &mut [u32; 2], i: u32| {
            if slots[0] == u32::MAX {
                slots[0] = i;
            } else if slots[1] == u32::MAX {
                slots[1] = i;
            }
        };
        for (i, m) in members.iter().enumerate() {
            let i = i as u32;
            let mut v = blank;
            if m.malformed {
                if m.return_type != Some(ReturnType::Voluntary) {
                    note(&mut pending, i);
                }
            } else if m.return_type == Some(ReturnType::Voluntary) {
                match self.voluntary {
                    Some((rule, consent)) => {
                        v.fired = 1 << rule;
                        if m.facts.get(consent) == Tri::Yes {
                            (v.outcome, v.basis) = (Outcome::NoBarFound, Basis::VoluntaryConsent);
                        } else {
                            (v.outcome, v.basis) = (Outcome::NeedsAssessment, Basis::VoluntaryNoConsent);
                            v.unknown = if m.facts.get(consent) == Tri::Unknown { 1 << consent.index() } else { 0 };
                        }
                    }
                    None => (v.outcome, v.basis) = (Outcome::NoBarFound, Basis::VoluntaryConsent),
                }
            } else {
                match self.own(m) {
                    Own::Protected(fired) => {
                        (v.outcome, v.basis, v.fired) = (Outcome::Protected, Basis::OwnRules, fired);
                        note(&mut protected, i);
                    }
                    Own::Undetermined(undetermined, unknown) => {
                        (v.outcome, v.basis) = (Outcome::NeedsAssessment, Basis::Undetermined);
                        (v.undetermined, v.unknown) = (undetermined, unknown);
                        note(&mut pending, i);
                    }
                    Own::Clear if m.return_type.is_none() => {
                        (v.outcome, v.basis, v.unknown) =
                            (Outcome::NeedsAssessment, Basis::ReturnTypeUnknown, need::RETURN_TYPE);
                    }
                    Own::Clear => (v.outcome, v.basis) = (Outcome::NoBarFound, Basis::Clear),
                }
            }
            out.push(v);
        }
        let Some((family_rule, exempt)) = self.family else { return };
        if protected[0] == u32::MAX && pending[0] == u32::MAX {
            return;
        }
        let other = |slots: &[u32; 2], i: u32| {
            let j = if slots[0] == i { slots[1] } else { slots[0] };
            (j != u32::MAX).then_some(j)
        };
        for (i, (m, v)) in members.iter().zip(out.iter_mut()).enumerate() {
            let i = i as u32;
            if m.malformed || m.return_type == Some(ReturnType::Voluntary) || v.basis == Basis::OwnRules {
                continue;
            }
            let exempted = exempt.is_some_and(|f| m.facts.get(f) == Tri::Yes);
            if let Some(j) = other(&protected, i) {
                if exempted {
                    v.exempted_from_family_unity = true;
                    continue;
                }
                (v.outcome, v.basis, v.fired, v.family) =
                    (Outcome::Protected, Basis::FamilyUnity, 1 << family_rule, Some(j));
                (v.undetermined, v.unknown) = (0, 0);
            } else if let Some(j) = other(&pending, i) {
                if exempted {
                    continue;
                }
                v.family = Some(j);
                if matches!(v.basis, Basis::Clear | Basis::ReturnTypeUnknown) {
                    (v.outcome, v.basis) = (Outcome::NeedsAssessment, Basis::FamilyPending);
                }
            }
        }
    }

    /// Writes the fired rules' ids, `;`-separated.
    pub fn write_rules(&self, out: &mut String, v: &Verdict) {
        let mut first = true;
        for (i, r) in self.policy.rules.iter().enumerate() {
            if v.fired & (1 << i) != 0 {
                if !first {
                    out.push(';');
                }
                out.push_str(&r.id);
                first = false;
            }
        }
    }

    /// Writes the unknown items, `;`-separated.
    pub fn write_unknown(out: &mut String, unknown: u32) {
        for (k, name) in unknown_names(unknown).enumerate() {
            if k > 0 {
                out.push(';');
            }
            out.push_str(name);
        }
    }

    fn write_facts_used(&self, out: &mut String, rule: usize, m: &Member, cared_for_id: &str) {
        let r = &self.policy.rules[rule];
        let mut sep = "";
        let mut push = |out: &mut String, s: &dyn Fn(&mut String)| {
            out.push_str(sep);
            s(out);
            sep = ", ";
        };
        let community = m.community.and_then(|c| self.communities.get(usize::from(c)));
        if r.when.community_in.is_some() || r.when.community_minority_in_origin.is_some() {
            push(out, &|o| {
                o.push_str("community ");
                o.push_str(community.map_or("unknown", |c| c.code.as_str()));
            });
        }
        if r.when.community_minority_in_origin.is_some() {
            push(out, &|o| match m.origin.and_then(|i| self.municipalities.get(usize::from(i))) {
                Some(mu) => {
                    o.push_str("origin ");
                    o.push_str(&mu.name_sq);
                    if mu.name_sr != mu.name_sq {
                        o.push('/');
                        o.push_str(&mu.name_sr);
                    }
                    o.push_str(" (majority ");
                    o.push_str(&mu.majority_community);
                    o.push(')');
                }
                None => o.push_str("origin unknown"),
            });
        }
        if let Some(f) = r.when.fact {
            push(out, &|o| {
                o.push_str(f.code());
                o.push(' ');
                o.push_str(m.facts.get(f).code());
            });
        }
        if let Some(f) = r.when.caregiver_of {
            push(out, &|o| {
                o.push_str("cares for ");
                o.push_str(cared_for_id);
                o.push_str(" (");
                o.push_str(f.code());
                o.push(' ');
                o.push_str(m.cares_for.map_or(Tri::Unknown, |t| t.get(f)).code());
                o.push(')');
            });
        }
    }

    /// The facts a rule used for a member, as (name, value) pairs.
    pub fn facts_used(&self, rule: usize, m: &Member, cared_for_id: &str) -> String {
        let mut s = String::new();
        self.write_facts_used(&mut s, rule, m, cared_for_id);
        s
    }

    /// Writes a one-line explanation of `v` for member `m`. `family_id` is the request id of
    /// the member `v.family` points to, `cared_for_id` the one `caregiver_for` names, and
    /// `problems` what was wrong with a malformed row.
    pub fn write_explanation(
        &self,
        out: &mut String,
        v: &Verdict,
        m: &Member,
        family_id: &str,
        cared_for_id: &str,
        problems: &str,
    ) {
        let pid = &self.policy.id;
        match v.basis {
            Basis::Malformed => {
                out.push_str("needs assessment: the row could not be read as given: ");
                out.push_str(problems);
                if v.family.is_some() {
                    out.push_str("; household member ");
                    out.push_str(family_id);
                    out.push_str(" is concerned by family unity");
                }
            }
            Basis::OwnRules => {
                out.push_str("protected under ");
                out.push_str(pid);
                out.push_str(": ");
                let mut first = true;
                for (i, r) in self.policy.rules.iter().enumerate() {
                    if v.fired & (1 << i) != 0 {
                        if !first {
                            out.push_str("; ");
                        }
                        first = false;
                        out.push_str(&r.summary);
                        out.push_str(" [");
                        out.push_str(&r.id);
                        out.push_str(": ");
                        self.write_facts_used(out, i, m, cared_for_id);
                        out.push(']');
                    }
                }
            }
            Basis::FamilyUnity => {
                out.push_str("protected under ");
                out.push_str(pid);
                out.push_str(" by family unity: household member ");
                out.push_str(family_id);
                out.push_str(" is protected and ");
                if let Some((rule, _)) = self.family {
                    out.push_str(&self.policy.rules[usize::from(rule)].summary);
                }
            }
            Basis::Undetermined => {
                out.push_str("needs assessment under ");
                out.push_str(pid);
                out.push_str(": unknown ");
                let mut sep = "";
                for name in unknown_names(v.unknown) {
                    out.push_str(sep);
                    out.push_str(name);
                    sep = ", ";
                }
                out.push_str("; cannot decide ");
                let mut sep = "";
                for (i, r) in self.policy.rules.iter().enumerate() {
                    if v.undetermined & (1 << i) != 0 {
                        out.push_str(sep);
                        out.push_str(&r.id);
                        sep = ", ";
                    }
                }
            }
            Basis::FamilyPending => {
                out.push_str("needs assessment under ");
                out.push_str(pid);
                out.push_str(": no rule applies to the person, but household member ");
                out.push_str(family_id);
                out.push_str(" needs assessment and families are not separated");
            }
            Basis::ReturnTypeUnknown => {
                out.push_str("needs assessment under ");
                out.push_str(pid);
                out.push_str(
                    ": no rule applies on the facts given, but the return type (forced or voluntary) is unknown",
                );
            }
            Basis::Clear => {
                out.push_str("no bar found under ");
                out.push_str(pid);
                out.push_str(": forced return and none of the ");
                let _ = write!(out, "{}", self.bars.len());
                out.push_str(" rules applies on the facts given");
            }
            Basis::VoluntaryConsent => {
                out.push_str("no bar found under ");
                out.push_str(pid);
                out.push_str(": voluntary return with informed consent recorded");
            }
            Basis::VoluntaryNoConsent => {
                out.push_str("needs assessment under ");
                out.push_str(pid);
                out.push_str(": voluntary return without a recorded informed consent (");
                if let Some((rule, consent)) = self.voluntary {
                    out.push_str(consent.code());
                    out.push(' ');
                    out.push_str(m.facts.get(consent).code());
                    out.push_str("); ");
                    out.push_str(&self.policy.rules[usize::from(rule)].summary);
                } else {
                    out.push(')');
                }
            }
        }
        if v.exempted_from_family_unity {
            out.push_str("; family unity not applied: a best-interests determination is recorded");
        }
        if v.family.is_some() && v.basis == Basis::Undetermined {
            out.push_str("; household member ");
            out.push_str(family_id);
            out.push_str(" needs assessment too");
        }
    }
}

// The rich interface: people as given, decisions with citations.

/// A rule that fired (or could not be decided) for a person, with its citation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule_id: String,
    /// `fired`, `undetermined`, `family_unity` or `voluntary_return`.
    pub status: &'static str,
    pub summary: String,
    /// The facts the rule used, as written in the explanation.
    pub facts: String,
    pub quote: String,
    pub clause: Option<String>,
    pub verbatim: bool,
    pub source: String,
}

/// A decision for one person: outcome, the rules with their citations, what is unknown, and
/// a one-line explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub request_id: String,
    pub outcome: Outcome,
    pub basis: Basis,
    pub policy_id: String,
    pub findings: Vec<Finding>,
    pub unknown: Vec<&'static str>,
    /// What was wrong with the input for this person, as `field: reason`.
    pub problems: Vec<String>,
    /// The household member whose protection or pending assessment decided, if any.
    pub family_member: Option<String>,
    pub explanation: String,
}

impl Screener {
    /// Resolves a person's texts against the reference data; what cannot be resolved is
    /// reported as a problem and left unknown.
    pub fn member(&self, p: &PersonFacts, problems: &mut Vec<String>) -> Member {
        let community = p.community.as_deref().map(str::trim).filter(|s| !s.is_empty()).and_then(|c| {
            let r = self.resolve_community(c);
            if r.is_none() {
                problems.push(format!("community: '{c}' is not a known community"));
            }
            r
        });
        let origin = p.municipality_of_origin.as_deref().map(str::trim).filter(|s| !s.is_empty()).and_then(|c| {
            let r = self.resolve_municipality(c);
            if r.is_none() {
                problems.push(format!("municipality_of_origin: '{c}' is not a known municipality"));
            }
            r
        });
        Member {
            community,
            origin,
            return_type: p.return_type,
            facts: p.fact_set(),
            cares_for: None,
            malformed: !problems.is_empty(),
        }
    }

    /// Screens people given with their facts. People sharing a `household_id` are one
    /// household wherever they stand in the list; `caregiver_for` names a `request_id` in it.
    pub fn screen_people(&self, people: &[PersonFacts]) -> Vec<Decision> {
        let mut problems: Vec<Vec<String>> = vec![Vec::new(); people.len()];
        let mut members: Vec<Member> = people.iter().zip(problems.iter_mut()).map(|(p, e)| self.member(p, e)).collect();
        let mut by_id: HashMap<&str, usize> = HashMap::new();
        for (i, p) in people.iter().enumerate() {
            if p.request_id.trim().is_empty() {
                problems[i].push("request_id: is required".into());
            } else if let Some(first) = by_id.get(p.request_id.as_str()) {
                problems[i].push(format!("request_id: '{}' is also used by person {}", p.request_id, first + 1));
            } else {
                by_id.insert(&p.request_id, i);
            }
        }
        let mut cared: Vec<&str> = vec![""; people.len()];
        for (i, p) in people.iter().enumerate() {
            if let Some(target) = p.caregiver_for.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                match by_id.get(target) {
                    Some(&j) if j != i => {
                        members[i].cares_for = Some(members[j].facts);
                        cared[i] = &people[j].request_id;
                    }
                    Some(_) => problems[i].push("caregiver_for: names the person themself".into()),
                    None => problems[i].push(format!("caregiver_for: '{target}' names nobody on the list")),
                }
            }
            members[i].malformed = !problems[i].is_empty();
        }
        let mut groups: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
        let mut group_of: HashMap<&str, usize> = HashMap::new();
        for (i, p) in people.iter().enumerate() {
            match p.household_id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                Some(h) => {
                    let g = *group_of.entry(h).or_insert_with(|| {
                        groups.push((Some(h), Vec::new()));
                        groups.len() - 1
                    });
                    groups[g].1.push(i);
                }
                None => groups.push((None, vec![i])),
            }
        }
        let mut decisions: Vec<Option<Decision>> = vec![None; people.len()];
        let mut verdicts = Vec::new();
        for (_, idx) in &groups {
            let ms: Vec<Member> = idx.iter().map(|&i| members[i]).collect();
            self.screen_household(&ms, &mut verdicts);
            for (k, &i) in idx.iter().enumerate() {
                let v = verdicts[k];
                let family_id = v.family.map(|j| people[idx[j as usize]].request_id.as_str());
                decisions[i] = Some(self.decision(&people[i], &members[i], &v, family_id, cared[i], &problems[i]));
            }
        }
        decisions.into_iter().flatten().collect()
    }

    /// Turns a verdict into a decision with citations.
    pub fn decision(
        &self,
        p: &PersonFacts,
        m: &Member,
        v: &Verdict,
        family_id: Option<&str>,
        cared_for_id: &str,
        problems: &[String],
    ) -> Decision {
        let mut findings = Vec::new();
        for (i, r) in self.policy.rules.iter().enumerate() {
            let status = if v.fired & (1 << i) != 0 {
                match r.kind {
                    RuleKind::Bar => "fired",
                    RuleKind::FamilyUnity { .. } => "family_unity",
                    RuleKind::VoluntaryReturn { .. } => "voluntary_return",
                }
            } else if v.undetermined & (1 << i) != 0 {
                "undetermined"
            } else {
                continue;
            };
            findings.push(Finding {
                rule_id: r.id.clone(),
                status,
                summary: r.summary.clone(),
                facts: if r.kind == RuleKind::Bar { self.facts_used(i, m, cared_for_id) } else { String::new() },
                quote: r.quote.clone(),
                clause: r.clause.clone(),
                verbatim: r.quotation == Quotation::Verbatim,
                source: r
                    .source
                    .clone()
                    .unwrap_or_else(|| format!("{} ({})", self.policy.source.document, self.policy.source.location)),
            });
        }
        let mut explanation = String::new();
        self.write_explanation(&mut explanation, v, m, family_id.unwrap_or(""), cared_for_id, &problems.join("; "));
        Decision {
            request_id: p.request_id.clone(),
            outcome: v.outcome,
            basis: v.basis,
            policy_id: self.policy.id.clone(),
            findings,
            unknown: unknown_names(v.unknown).collect(),
            problems: problems.to_vec(),
            family_member: family_id.map(str::to_string),
            explanation,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use drom_domain::reference::find_municipality;

    fn m(sq: &str, sr: &str) -> Municipality {
        Municipality {
            code: Municipality::code_for(sq),
            name_sq: sq.into(),
            name_sr: sr.into(),
            district: String::new(),
            northern: false,
            majority_community: "albanian".into(),
        }
    }

    /// The screener's index must find exactly what the domain's matcher finds.
    #[test]
    fn municipality_index_agrees_with_find_municipality() {
        let all =
            vec![m("Prishtinë", "Priština"), m("Drenas (Gllogoc)", "Glogovac"), m("Mitrovicë (e Jugut)", "Južna")];
        let policy = crate::policy::PolicySet::shipped(None).unwrap().policies[0].clone();
        let communities: Vec<Community> = ["serb", "roma", "ashkali", "egyptian", "albanian", "bosniak", "gorani"]
            .iter()
            .map(|c| Community {
                code: c.to_string(),
                name_en: c.to_string(),
                name_sq: c.to_string(),
                name_sr: c.to_string(),
            })
            .collect();
        let s = Screener::new(&policy, &all, &communities).unwrap();
        for q in [
            "prishtine",
            "  PRIŠTINA ",
            "Приштина",
            "Gllogoc",
            "drenas",
            "drenas gllogoc",
            "e Jugut",
            "Beograd",
            "",
            "()",
        ] {
            let expected = find_municipality(&all, q).map(|x| x.code.clone());
            let got = s.resolve_municipality(q).map(|i| all[usize::from(i)].code.clone());
            assert_eq!(got, expected, "{q}");
        }
    }
}
