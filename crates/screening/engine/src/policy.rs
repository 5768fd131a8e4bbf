//! Protection policies as data: the TOML file format, its validation (every error names the
//! file, line and reason), the shipped policies embedded in the binary, and the choice of the
//! policy in force on a date. This module never reads files: callers hand it texts.

use crate::facts::Fact;
use chrono::NaiveDate;
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// Most rules one policy may hold: the engine keeps the rules that fired in a 64-bit mask.
pub const MAX_RULES: usize = 64;

/// The policies shipped with Drom, as `(file name, text)`. An administrator adds or corrects a
/// policy by putting a file in the policies folder; these are the default set.
pub fn shipped() -> [(&'static str, &'static str); 2] {
    [
        ("unmik-2004.toml", include_str!("../../../../policies/unmik-2004.toml")),
        ("unhcr-2006.toml", include_str!("../../../../policies/unhcr-2006.toml")),
    ]
}

/// A policy file refused at load, or a set of policies that cannot be used together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {reason}")]
pub struct PolicyError {
    pub file: String,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

/// Whether a rule's `quote` is the source's own words or a paraphrase of a document that is
/// not at hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quotation {
    Verbatim,
    Paraphrase,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub document: String,
    pub location: String,
    pub quotation: Quotation,
}

/// What a rule does when its conditions hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// The person may not be returned by force.
    Bar,
    /// A protected member protects the whole household, unless `exempt_fact` is yes for the
    /// member (a best-interests-of-the-child determination).
    FamilyUnity { exempt_fact: Option<Fact> },
    /// A voluntary return is never barred but needs `consent_fact` recorded as yes.
    VoluntaryReturn { consent_fact: Fact },
}

/// The conditions of a bar rule; all that are given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conditions {
    /// The person's community is one of these codes.
    pub community_in: Option<Vec<String>>,
    /// The person's community is one of these codes and is not the majority of the
    /// municipality of origin (per reference data; a contested majority is undecided).
    pub community_minority_in_origin: Option<Vec<String>>,
    /// This fact is yes.
    pub fact: Option<Fact>,
    /// The person named in `caregiver_for` has this fact as yes.
    pub caregiver_of: Option<Fact>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub id: String,
    pub kind: RuleKind,
    /// A short human phrase used in explanations.
    pub summary: String,
    /// The sentence of the source the rule implements.
    pub quote: String,
    /// The part of `quote` this rule implements, when the sentence covers several rules.
    pub clause: Option<String>,
    pub quotation: Quotation,
    /// A source other than the policy's own, for a rule carried over from another document.
    pub source: Option<String>,
    pub when: Conditions,
    /// Where the rule starts in its file, for errors found after loading.
    pub line: usize,
    /// Community codes the rule names, each with its line and column.
    pub community_codes: Vec<(String, usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub id: String,
    pub title: String,
    pub notes: Option<String>,
    pub source: Source,
    pub effective_from: NaiveDate,
    /// Last day in force, if the policy was replaced or withdrawn.
    pub effective_until: Option<NaiveDate>,
    pub rules: Vec<Rule>,
    /// The file it was loaded from, for errors and for the record.
    pub file: String,
}

impl Policy {
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.effective_from <= day && self.effective_until.is_none_or(|u| day <= u)
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Refuses community codes that the reference data does not know, naming the line.
    pub fn check_communities(&self, known: &[&str]) -> Result<(), PolicyError> {
        for rule in &self.rules {
            for (code, line, column) in &rule.community_codes {
                if !known.contains(&code.as_str()) {
                    return Err(PolicyError {
                        file: self.file.clone(),
                        line: *line,
                        column: *column,
                        reason: format!(
                            "rule '{}': '{code}' is not a known community code (known: {})",
                            rule.id,
                            known.join(", ")
                        ),
                    });
                }
            }
        }
        Ok(())
    }
}

// The file as written. Unknown keys are refused, and spans give every error its line.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    notes: Option<String>,
    source: RawSource,
    effective_from: Spanned<toml::value::Datetime>,
    #[serde(default)]
    effective_until: Option<Spanned<toml::value::Datetime>>,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    document: String,
    location: String,
    quotation: Quotation,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum RawKind {
    Bar,
    FamilyUnity,
    VoluntaryReturn,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    #[serde(default)]
    kind: Option<Spanned<RawKind>>,
    summary: Spanned<String>,
    quote: Spanned<String>,
    #[serde(default)]
    clause: Option<Spanned<String>>,
    #[serde(default)]
    quotation: Option<Quotation>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    when: Option<Spanned<RawWhen>>,
    #[serde(default)]
    exempt_fact: Option<Spanned<Fact>>,
    #[serde(default)]
    consent_fact: Option<Spanned<Fact>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawWhen {
    #[serde(default)]
    community_in: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    community_minority_in_origin: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    fact: Option<Fact>,
    #[serde(default)]
    caregiver_of: Option<Fact>,
}

/// Line and column (1-based) of a byte offset. Works on bytes, so an offset that is not on a
/// character boundary cannot panic.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let last = before.rsplit(|b| *b == b'\n').next().unwrap_or(&[]);
    let column = String::from_utf8_lossy(last).chars().count() + 1;
    (line, column)
}

struct Ctx<'a> {
    file: &'a str,
    text: &'a str,
}

impl Ctx<'_> {
    fn err(&self, span: Range<usize>, reason: impl Into<String>) -> PolicyError {
        let (line, column) = position(self.text, span.start);
        PolicyError { file: self.file.to_string(), line, column, reason: reason.into() }
    }
}

fn date(ctx: &Ctx, field: &str, value: &Spanned<toml::value::Datetime>) -> Result<NaiveDate, PolicyError> {
    let dt = value.get_ref();
    match (dt.date, dt.time, dt.offset) {
        (Some(d), None, None) => NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            .ok_or_else(|| ctx.err(value.span(), format!("{field}: {dt} is not a date"))),
        _ => Err(ctx.err(value.span(), format!("{field}: write a plain date such as 2004-08-01 (got {dt})"))),
    }
}

fn is_code(s: &str, extra: u8) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == extra)
}

/// Text shown inside a one-line CSV explanation: no quotes, no line breaks.
fn check_phrase(ctx: &Ctx, field: &str, value: &Spanned<String>) -> Result<(), PolicyError> {
    let v = value.get_ref();
    if v.trim().is_empty() {
        return Err(ctx.err(value.span(), format!("{field} is empty")));
    }
    if v.contains(['"', '\n', '\r', ';']) {
        return Err(ctx.err(value.span(), format!("{field} must be one line without quotes or semicolons")));
    }
    Ok(())
}

fn community_list(
    ctx: &Ctx,
    rule: &str,
    key: &str,
    list: Option<Spanned<Vec<Spanned<String>>>>,
    codes: &mut Vec<(String, usize, usize)>,
) -> Result<Option<Vec<String>>, PolicyError> {
    let Some(list) = list else { return Ok(None) };
    let span = list.span();
    let items = list.into_inner();
    if items.is_empty() {
        return Err(ctx.err(span, format!("rule '{rule}': {key} is empty")));
    }
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let code = item.get_ref().clone();
        if !is_code(&code, b'_') {
            return Err(ctx.err(item.span(), format!("rule '{rule}': '{code}' is not a community code")));
        }
        if out.contains(&code) {
            return Err(ctx.err(item.span(), format!("rule '{rule}': '{code}' is listed twice in {key}")));
        }
        let (line, column) = position(ctx.text, item.span().start);
        codes.push((code.clone(), line, column));
        out.push(code);
    }
    Ok(Some(out))
}

/// Parses and validates one policy file. `known_communities`, when given, refuses community
/// codes that are not in it.
pub fn parse_policy(file: &str, text: &str, known_communities: Option<&[&str]>) -> Result<Policy, PolicyError> {
    let ctx = Ctx { file, text };
    let raw: RawPolicy = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        ctx.err(span, e.message().trim().to_string())
    })?;
    let id = raw.id.get_ref().clone();
    if !is_code(&id, b'-') {
        return Err(ctx.err(raw.id.span(), "id must be lower-case letters, digits and hyphens"));
    }
    let effective_from = date(&ctx, "effective_from", &raw.effective_from)?;
    let effective_until = match &raw.effective_until {
        Some(u) => {
            let d = date(&ctx, "effective_until", u)?;
            if d < effective_from {
                return Err(ctx.err(u.span(), format!("effective_until {d} is before effective_from {effective_from}")));
            }
            Some(d)
        }
        None => None,
    };
    if raw.title.trim().is_empty() {
        return Err(ctx.err(0..0, "title is empty"));
    }
    if raw.rule.is_empty() {
        return Err(ctx.err(text.len()..text.len(), "a policy needs at least one [[rule]]"));
    }
    if raw.rule.len() > MAX_RULES {
        return Err(ctx.err(raw.rule[MAX_RULES].span(), format!("a policy may hold at most {MAX_RULES} rules")));
    }
    let mut rules: Vec<Rule> = Vec::with_capacity(raw.rule.len());
    for spanned in raw.rule {
        let rule_span = spanned.span();
        let r = spanned.into_inner();
        let rid = r.id.get_ref().clone();
        if !is_code(&rid, b'-') {
            return Err(ctx.err(r.id.span(), "rule id must be lower-case letters, digits and hyphens"));
        }
        if let Some(first) = rules.iter().find(|x| x.id == rid) {
            return Err(ctx.err(r.id.span(), format!("rule id '{rid}' is used twice (first on line {})", first.line)));
        }
        check_phrase(&ctx, "summary", &r.summary)?;
        if r.quote.get_ref().trim().is_empty() {
            return Err(ctx.err(r.quote.span(), "quote is empty: every rule cites the sentence it implements"));
        }
        if let Some(c) = &r.clause
            && (c.get_ref().is_empty() || !r.quote.get_ref().contains(c.get_ref().as_str()))
        {
            return Err(ctx.err(c.span(), format!("rule '{rid}': clause is not part of the quote")));
        }
        let kind = r.kind.as_ref().map_or(RawKind::Bar, |k| *k.get_ref());
        let kind_span = r.kind.as_ref().map_or(rule_span.clone(), |k| k.span());
        let mut codes = Vec::new();
        let when = match (kind, r.when) {
            (RawKind::Bar, None) => {
                return Err(ctx.err(r.id.span(), format!("rule '{rid}': a bar rule needs conditions under `when`")));
            }
            (RawKind::Bar, Some(w)) => {
                let span = w.span();
                let w = w.into_inner();
                let c = Conditions {
                    community_in: community_list(&ctx, &rid, "community_in", w.community_in, &mut codes)?,
                    community_minority_in_origin: community_list(
                        &ctx,
                        &rid,
                        "community_minority_in_origin",
                        w.community_minority_in_origin,
                        &mut codes,
                    )?,
                    fact: w.fact,
                    caregiver_of: w.caregiver_of,
                };
                if c == Conditions::default() {
                    return Err(ctx.err(span, format!("rule '{rid}': `when` names no condition")));
                }
                c
            }
            (_, Some(w)) => {
                return Err(ctx.err(w.span(), format!("rule '{rid}': only bar rules take `when`")));
            }
            (_, None) => Conditions::default(),
        };
        let kind = match kind {
            RawKind::Bar => {
                if let Some(f) = r.exempt_fact.as_ref().or(r.consent_fact.as_ref()) {
                    return Err(
                        ctx.err(f.span(), format!("rule '{rid}': a bar rule takes no exempt_fact or consent_fact"))
                    );
                }
                RuleKind::Bar
            }
            RawKind::FamilyUnity => {
                if let Some(f) = &r.consent_fact {
                    return Err(
                        ctx.err(f.span(), format!("rule '{rid}': consent_fact belongs to a voluntary_return rule"))
                    );
                }
                RuleKind::FamilyUnity { exempt_fact: r.exempt_fact.map(Spanned::into_inner) }
            }
            RawKind::VoluntaryReturn => {
                if let Some(f) = &r.exempt_fact {
                    return Err(ctx.err(f.span(), format!("rule '{rid}': exempt_fact belongs to a family_unity rule")));
                }
                let Some(consent) = r.consent_fact else {
                    return Err(ctx.err(kind_span, format!("rule '{rid}': a voluntary_return rule needs consent_fact")));
                };
                RuleKind::VoluntaryReturn { consent_fact: consent.into_inner() }
            }
        };
        if !matches!(kind, RuleKind::Bar)
            && let Some(other) = rules.iter().find(|x| std::mem::discriminant(&x.kind) == std::mem::discriminant(&kind))
        {
            return Err(
                ctx.err(kind_span, format!("rule '{rid}': only one rule of this kind per policy (see '{}')", other.id))
            );
        }
        let (line, _) = position(text, r.id.span().start);
        rules.push(Rule {
            id: rid,
            kind,
            summary: r.summary.into_inner().trim().to_string(),
            quote: r.quote.into_inner(),
            clause: r.clause.map(Spanned::into_inner),
            quotation: r.quotation.unwrap_or(raw.source.quotation),
            source: r.source,
            when,
            line,
            community_codes: codes,
        });
    }
    let policy = Policy {
        id,
        title: raw.title,
        notes: raw.notes,
        source: Source {
            document: raw.source.document,
            location: raw.source.location,
            quotation: raw.source.quotation,
        },
        effective_from,
        effective_until,
        rules,
        file: file.to_string(),
    };
    if let Some(known) = known_communities {
        policy.check_communities(known)?;
    }
    Ok(policy)
}

/// A set of policies with distinct ids, from which the one in force on a date is chosen.
#[derive(Debug, Clone, Default)]
pub struct PolicySet {
    pub policies: Vec<Policy>,
}

impl PolicySet {
    /// The shipped policies.
    pub fn shipped(known_communities: Option<&[&str]>) -> Result<PolicySet, PolicyError> {
        PolicySet::from_texts(shipped(), known_communities)
    }

    /// Loads several files; a later file with the id of an earlier one is refused.
    pub fn from_texts<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
        known_communities: Option<&[&str]>,
    ) -> Result<PolicySet, PolicyError> {
        let mut set = PolicySet::default();
        for (file, text) in files {
            set.add(parse_policy(file, text, known_communities)?, false)?;
        }
        Ok(set)
    }

    /// Adds a policy. With `replace`, one with the same id is replaced (an administrator's
    /// corrected copy of a shipped policy); otherwise a second id is refused.
    pub fn add(&mut self, policy: Policy, replace: bool) -> Result<(), PolicyError> {
        if let Some(i) = self.policies.iter().position(|p| p.id == policy.id) {
            if !replace {
                return Err(PolicyError {
                    file: policy.file.clone(),
                    line: 0,
                    column: 0,
                    reason: format!("policy id '{}' is already defined in {}", policy.id, self.policies[i].file),
                });
            }
            self.policies.remove(i);
        }
        if let Some(p) = self.policies.iter().find(|p| p.effective_from == policy.effective_from) {
            return Err(PolicyError {
                file: policy.file.clone(),
                line: 0,
                column: 0,
                reason: format!(
                    "policies '{}' and '{}' both take effect on {}: which one is in force would be ambiguous",
                    p.id, policy.id, policy.effective_from
                ),
            });
        }
        self.policies.push(policy);
        self.policies.sort_by_key(|p| p.effective_from);
        Ok(())
    }

    pub fn by_id(&self, id: &str) -> Option<&Policy> {
        self.policies.iter().find(|p| p.id == id)
    }

    /// The policy in force on `day`: of those whose period covers it, the one that took effect
    /// last.
    pub fn in_force(&self, day: NaiveDate) -> Option<&Policy> {
        self.policies.iter().rev().find(|p| p.in_force_on(day))
    }

    pub fn ids(&self) -> Vec<&str> {
        self.policies.iter().map(|p| p.id.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_policies_load_and_switch_in_june_2006() {
        let set = PolicySet::shipped(None).unwrap();
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(set.in_force(day("2005-01-01")).unwrap().id, "unmik-2004");
        assert_eq!(set.in_force(day("2006-05-31")).unwrap().id, "unmik-2004");
        assert_eq!(set.in_force(day("2006-06-01")).unwrap().id, "unhcr-2006");
        assert!(set.in_force(day("2003-01-01")).is_none());
    }

    #[test]
    fn position_counts_lines_and_columns_from_one() {
        assert_eq!(position("a\nbc\nd", 3), (2, 2));
        assert_eq!(position("abc", 0), (1, 1));
    }
}
