//! The table of cases: each is traced to the sentence of the source it tests, and together
//! they make every rule of both shipped policies fire (checked at the end).

mod common;

use common::{person, screener};
use drom_screening_engine::{Fact, Outcome, PersonFacts, PolicySet, ReturnType, Tri};
use std::collections::BTreeSet;

struct Case {
    policy: &'static str,
    /// The sentence of the source (for unhcr-2006: of its paraphrase) the case tests.
    source: &'static str,
    people: Vec<PersonFacts>,
    /// (request id, outcome, a rule that must be among those that fired, or "")
    expect: Vec<(&'static str, Outcome, &'static str)>,
}

fn with(id: &str, f: impl FnOnce(&mut PersonFacts)) -> PersonFacts {
    let mut p = person(id);
    f(&mut p);
    p
}

fn community(id: &str, c: &str) -> PersonFacts {
    with(id, |p| p.community = Some(c.into()))
}

fn fact(id: &str, fact: Fact, value: Tri) -> PersonFacts {
    with(id, |p| p.set_fact(fact, value))
}

fn household(h: &str, mut people: Vec<PersonFacts>) -> Vec<PersonFacts> {
    for p in &mut people {
        p.household_id = Some(h.into());
    }
    people
}

const RAE: &str = "Kosovo Serbs, Roma, Ashkaeli and Egyptians (RAE)";
const MINORITY: &str = "Kosovo Albanians / Bosniaks originating from areas where they constitute a minority, particularly in the northern municipalities of Kosovo, including Mitrovica (North)";
const SERIOUS: &str = "Kosovars who face serious protection-related problems including physical danger, Kosovo Albanians in ethnically mixed marriages, persons of mixed ethnicity and Kosovo Albanians, Gorani and Bosniaks perceived to have been associated with the Serbian regime.";
const ILL: &str = "Chronically or otherwise severely-ill persons whose condition requires specialized medical intervention of a type not currently available in Kosovo;";
const MENTAL: &str = "Persons with severe and chronic mental illness - including Post Traumatic Stress Disorder (PTSD)- whose condition requires specialized medical intervention of a type not currently available or rarely available in Kosovo;";
const DISABLED: &str = "Severely handicapped persons (including their caregivers) whose well-being depends on a specialized support system not currently available in Kosovo;";
const ELDERLY: &str = "Unaccompanied elderly persons who have no relatives or other societal support in Kosovo.";
const FAMILY: &str = "It is also UNMIK's policy, in accordance with the Convention on the Rights of the Child and the European Convention on Human Rights, to prevent separation of families, except when this is in the best interests of the child.";
const VOLUNTARY: &str = "UNMIK is not opposed to any person originating from Kosovo seeking voluntary repatriation. UNMIK interprets voluntary repatriation to mean that a person decides to return freely, without coercion, and with the full knowledge of the current situation in Kosovo.";
const MISSING: &str = "docs/screening.md: Unknown is never \"no\": it yields \"needs assessment\".";
const U06_GROUPS: &str = "Kosovo Serbs and Roma continue to be at risk of persecution and should continue to benefit from international protection in countries of asylum; Ashkali and Egyptians are no longer included among the groups presumed to be at risk.";
const U06_MINORITY: &str = "Kosovo Albanians in a minority situation, in the areas where they constitute a minority, continue to face risks and should not be returned there.";
const U06_MIXED: &str = "Persons in ethnically mixed marriages and persons of mixed ethnicity may face serious protection problems and continue to need international protection.";
const U06_ASSOCIATED: &str = "Persons perceived to have been associated with the Serbian authorities after 1990 may face serious risks and continue to need international protection.";
const U06_TRAFFICKING: &str = "Victims of trafficking may face serious protection risks upon return and continue to need international protection.";

fn cases() -> Vec<Case> {
    use Outcome::*;
    let mut v = vec![
        Case {
            policy: "unmik-2004",
            source: MISSING,
            people: vec![person("base")],
            expect: vec![("base", NoBarFound, "")],
        },
        Case {
            policy: "unmik-2004",
            source: RAE,
            people: vec![
                community("s", "serb"),
                community("r", "roma"),
                community("a", "ashkali"),
                community("e", "egyptian"),
            ],
            expect: vec![
                ("s", Protected, "serb-rae"),
                ("r", Protected, "serb-rae"),
                ("a", Protected, "serb-rae"),
                ("e", Protected, "serb-rae"),
            ],
        },
        Case {
            policy: "unmik-2004",
            source: RAE,
            // Communities may be given by name, in Albanian or Serbian, any case.
            people: vec![community("r1", "Roma"), community("a1", "ASHKALI"), community("e1", "Egipćanska")],
            expect: vec![("r1", Protected, "serb-rae"), ("a1", Protected, "serb-rae"), ("e1", Protected, "serb-rae")],
        },
        Case {
            policy: "unmik-2004",
            source: MINORITY,
            people: vec![
                with("north", |p| p.municipality_of_origin = Some("ZVEČAN".into())),
                with("mitrovica-north", |p| p.municipality_of_origin = Some("Severna Kosovska Mitrovica".into())),
                with("bosniak-prizren", |p| {
                    p.community = Some("bosniak".into());
                    p.municipality_of_origin = Some("prizren".into());
                }),
                with("albanian-south", |p| p.municipality_of_origin = Some("Mitrovicë (e Jugut)".into())),
                with("gorani-graçanicë", |p| {
                    p.community = Some("gorani".into());
                    p.municipality_of_origin = Some("Gračanica".into());
                }),
            ],
            expect: vec![
                ("north", Protected, "minority-in-origin"),
                ("mitrovica-north", Protected, "minority-in-origin"),
                ("bosniak-prizren", Protected, "minority-in-origin"),
                ("albanian-south", NoBarFound, ""),
                // Gorani are not named in the minority sentence.
                ("gorani-graçanicë", NoBarFound, ""),
            ],
        },
        Case {
            policy: "unmik-2004",
            source: MINORITY,
            // Novobërdë's majority is contested in the reference data: a professional decides.
            people: vec![with("novo-brdo", |p| p.municipality_of_origin = Some("Novo Brdo".into()))],
            expect: vec![("novo-brdo", NeedsAssessment, "")],
        },
        Case {
            policy: "unmik-2004",
            source: SERIOUS,
            people: vec![
                fact("danger", Fact::SeriousProtectionRisk, Tri::Yes),
                fact("mixed-marriage", Fact::MixedMarriage, Tri::Yes),
                with("turk-mixed-marriage", |p| {
                    p.community = Some("turkish".into());
                    p.mixed_marriage = Tri::Yes;
                }),
                with("turk-mixed-ethnicity", |p| {
                    p.community = Some("turkish".into());
                    p.mixed_ethnicity = Tri::Yes;
                }),
                with("gorani-associated", |p| {
                    p.community = Some("gorani".into());
                    p.municipality_of_origin = Some("Dragash".into());
                    p.perceived_regime_association = Tri::Yes;
                }),
                with("turk-associated", |p| {
                    p.community = Some("turkish".into());
                    p.perceived_regime_association = Tri::Yes;
                }),
            ],
            expect: vec![
                ("danger", Protected, "serious-protection-problem"),
                ("mixed-marriage", Protected, "mixed-marriage"),
                // "Kosovo Albanians in ethnically mixed marriages": the 2004 clause names Albanians only.
                ("turk-mixed-marriage", NoBarFound, ""),
                ("turk-mixed-ethnicity", Protected, "mixed-ethnicity"),
                ("gorani-associated", Protected, "perceived-regime-association"),
                ("turk-associated", NoBarFound, ""),
            ],
        },
        Case {
            policy: "unmik-2004",
            source: ILL,
            people: vec![fact("ill", Fact::SevereIllnessUntreatable, Tri::Yes)],
            expect: vec![("ill", Protected, "severe-illness")],
        },
        Case {
            policy: "unmik-2004",
            source: MENTAL,
            people: vec![fact("ptsd", Fact::SevereMentalIllnessUntreatable, Tri::Yes)],
            expect: vec![("ptsd", Protected, "severe-mental-illness")],
        },
        Case {
            policy: "unmik-2004",
            source: DISABLED,
            // The caregiver lives apart (no household), so only the caregiver clause can protect them.
            people: vec![
                fact("disabled", Fact::SevereDisability, Tri::Yes),
                with("carer", |p| p.caregiver_for = Some("disabled".into())),
                with("carer-of-unknown", |p| p.caregiver_for = Some("maybe-disabled".into())),
                fact("maybe-disabled", Fact::SevereDisability, Tri::Unknown),
                with("carer-of-able", |p| p.caregiver_for = Some("base2".into())),
                person("base2"),
            ],
            expect: vec![
                ("disabled", Protected, "severe-disability"),
                ("carer", Protected, "caregiver-of-severely-disabled"),
                ("carer-of-unknown", NeedsAssessment, ""),
                ("maybe-disabled", NeedsAssessment, ""),
                ("carer-of-able", NoBarFound, ""),
            ],
        },
        Case {
            policy: "unmik-2004",
            source: ELDERLY,
            people: vec![fact("alone", Fact::ElderlyWithoutSupport, Tri::Yes)],
            expect: vec![("alone", Protected, "elderly-without-support")],
        },
        Case {
            policy: "unmik-2004",
            source: FAMILY,
            // Rows of one household need not be next to each other.
            people: {
                let mut h =
                    household("H1", vec![person("head"), fact("wife", Fact::SevereIllnessUntreatable, Tri::Yes)]);
                h.insert(1, person("someone-else"));
                h.push(with("child", |p| p.household_id = Some("H1".into())));
                h
            },
            expect: vec![
                ("head", Protected, "family-unity"),
                ("wife", Protected, "severe-illness"),
                ("child", Protected, "family-unity"),
                ("someone-else", NoBarFound, ""),
            ],
        },
        Case {
            policy: "unmik-2004",
            source: FAMILY,
            // "except when this is in the best interests of the child".
            people: household(
                "H2",
                vec![
                    community("mother", "roma"),
                    with("child-bid", |p| p.best_interests_determination = Tri::Yes),
                    with("child-no-bid", |p| p.best_interests_determination = Tri::Unknown),
                ],
            ),
            expect: vec![
                ("mother", Protected, "serb-rae"),
                ("child-bid", NoBarFound, ""),
                // Unknown means no determination is recorded: the family stays together.
                ("child-no-bid", Protected, "family-unity"),
            ],
        },
        Case {
            policy: "unmik-2004",
            source: MISSING,
            people: vec![
                fact("ill-unknown", Fact::SevereIllnessUntreatable, Tri::Unknown),
                with("no-community", |p| p.community = None),
                with("no-origin", |p| p.municipality_of_origin = None),
                with("no-return-type", |p| p.return_type = None),
                with("bad-community", |p| p.community = Some("martian".into())),
                with("bad-origin", |p| p.municipality_of_origin = Some("Beograd".into())),
            ],
            expect: vec![
                ("ill-unknown", NeedsAssessment, ""),
                ("no-community", NeedsAssessment, ""),
                ("no-origin", NeedsAssessment, ""),
                ("no-return-type", NeedsAssessment, ""),
                ("bad-community", NeedsAssessment, ""),
                ("bad-origin", NeedsAssessment, ""),
            ],
        },
        Case {
            policy: "unmik-2004",
            source: FAMILY,
            // A member who may turn out protected holds the others in needs assessment.
            people: household("H3", vec![person("clear"), fact("pending", Fact::SevereDisability, Tri::Unknown)]),
            expect: vec![("clear", NeedsAssessment, ""), ("pending", NeedsAssessment, "")],
        },
        Case {
            policy: "unmik-2004",
            source: VOLUNTARY,
            people: vec![
                with("vol-yes", |p| {
                    p.return_type = Some(ReturnType::Voluntary);
                    p.community = Some("roma".into());
                    p.informed_consent = Tri::Yes;
                }),
                with("vol-no", |p| {
                    p.return_type = Some(ReturnType::Voluntary);
                    p.informed_consent = Tri::No;
                }),
                with("vol-unknown", |p| {
                    p.return_type = Some(ReturnType::Voluntary);
                    p.informed_consent = Tri::Unknown;
                }),
            ],
            expect: vec![
                ("vol-yes", NoBarFound, "voluntary-return"),
                ("vol-no", NeedsAssessment, "voluntary-return"),
                ("vol-unknown", NeedsAssessment, "voluntary-return"),
            ],
        },
    ];
    v.extend([
        Case {
            policy: "unhcr-2006",
            source: U06_GROUPS,
            people: vec![
                community("s", "serb"),
                community("r", "roma"),
                community("a", "ashkali"),
                community("e", "egyptian"),
                with("a-unknown", |p| {
                    p.community = Some("ashkali".into());
                    p.severe_illness_untreatable = Tri::Unknown;
                }),
            ],
            expect: vec![
                ("s", Protected, "serb-roma"),
                ("r", Protected, "serb-roma"),
                ("a", NoBarFound, ""),
                ("e", NoBarFound, ""),
                ("a-unknown", NeedsAssessment, ""),
            ],
        },
        Case {
            policy: "unhcr-2006",
            source: U06_MINORITY,
            people: vec![
                with("leposaviq", |p| p.municipality_of_origin = Some("Leposavić".into())),
                with("bosniak-prizren", |p| {
                    p.community = Some("bosniak".into());
                    p.municipality_of_origin = Some("Prizren".into());
                }),
            ],
            expect: vec![("leposaviq", Protected, "albanian-minority-situation"), ("bosniak-prizren", NoBarFound, "")],
        },
        Case {
            policy: "unhcr-2006",
            source: U06_MIXED,
            people: vec![
                with("turk-mixed-marriage", |p| {
                    p.community = Some("turkish".into());
                    p.mixed_marriage = Tri::Yes;
                }),
                fact("mixed-ethnicity", Fact::MixedEthnicity, Tri::Yes),
            ],
            expect: vec![
                ("turk-mixed-marriage", Protected, "mixed-marriage"),
                ("mixed-ethnicity", Protected, "mixed-ethnicity"),
            ],
        },
        Case {
            policy: "unhcr-2006",
            source: U06_ASSOCIATED,
            people: vec![with("turk-associated", |p| {
                p.community = Some("turkish".into());
                p.perceived_regime_association = Tri::Yes;
            })],
            expect: vec![("turk-associated", Protected, "perceived-association")],
        },
        Case {
            policy: "unhcr-2006",
            source: U06_TRAFFICKING,
            people: vec![fact("trafficked", Fact::TraffickingVictim, Tri::Yes)],
            expect: vec![("trafficked", Protected, "trafficking-victim")],
        },
        Case {
            policy: "unmik-2004",
            source: U06_TRAFFICKING,
            // Not a category of the 2004 note: the same person, screened under it, is not barred.
            people: vec![fact("trafficked", Fact::TraffickingVictim, Tri::Yes)],
            expect: vec![("trafficked", NoBarFound, "")],
        },
        Case {
            policy: "unhcr-2006",
            source: SERIOUS,
            people: vec![
                fact("danger", Fact::SeriousProtectionRisk, Tri::Yes),
                fact("ill", Fact::SevereIllnessUntreatable, Tri::Yes),
                fact("ptsd", Fact::SevereMentalIllnessUntreatable, Tri::Yes),
                fact("alone", Fact::ElderlyWithoutSupport, Tri::Yes),
                fact("disabled", Fact::SevereDisability, Tri::Yes),
                with("carer", |p| p.caregiver_for = Some("disabled".into())),
            ],
            expect: vec![
                ("danger", Protected, "serious-protection-problem"),
                ("ill", Protected, "severe-illness"),
                ("ptsd", Protected, "severe-mental-illness"),
                ("alone", Protected, "elderly-without-support"),
                ("disabled", Protected, "severe-disability"),
                ("carer", Protected, "caregiver-of-severely-disabled"),
            ],
        },
        Case {
            policy: "unhcr-2006",
            source: FAMILY,
            people: household("H9", vec![community("serb-wife", "serb"), person("albanian-husband")]),
            expect: vec![("serb-wife", Protected, "serb-roma"), ("albanian-husband", Protected, "family-unity")],
        },
        Case {
            policy: "unhcr-2006",
            source: VOLUNTARY,
            people: vec![with("vol", |p| {
                p.return_type = Some(ReturnType::Voluntary);
                p.informed_consent = Tri::Yes;
            })],
            expect: vec![("vol", NoBarFound, "voluntary-return")],
        },
    ]);
    v
}

#[test]
fn every_case_gets_its_outcome_and_cites_its_sentence() {
    let mut fired: BTreeSet<(String, String)> = BTreeSet::new();
    for case in cases() {
        let s = screener(case.policy);
        let decisions = s.screen_people(&case.people);
        let mut cited = false;
        assert_eq!(decisions.len(), case.people.len());
        for (id, outcome, rule) in &case.expect {
            let d = decisions.iter().find(|d| d.request_id == *id).unwrap_or_else(|| panic!("no decision for {id}"));
            assert_eq!(d.outcome, *outcome, "{} / {id} ({}): {}", case.policy, case.source, d.explanation);
            assert!(!d.explanation.is_empty());
            if !rule.is_empty() {
                let f =
                    d.findings.iter().find(|f| f.rule_id == *rule).unwrap_or_else(|| {
                        panic!("{} / {id}: rule {rule} did not fire: {}", case.policy, d.explanation)
                    });
                assert!(!f.quote.is_empty());
                cited |= f.quote == case.source;
                fired.insert((case.policy.to_string(), rule.to_string()));
            }
            if d.outcome == Outcome::NeedsAssessment {
                assert!(
                    !d.unknown.is_empty()
                        || !d.problems.is_empty()
                        || d.family_member.is_some()
                        || d.explanation.contains("consent"),
                    "{id}: a needs_assessment names what is missing: {}",
                    d.explanation
                );
            }
        }
        // The sentence a case is traced to is the one its rules cite (when a rule is expected).
        assert!(
            cited || case.expect.iter().all(|(_, _, r)| r.is_empty()),
            "{}: no expected rule cites '{}'",
            case.policy,
            case.source
        );
    }
    // Every rule of both shipped policies is exercised by at least one case.
    for p in &PolicySet::shipped(None).unwrap().policies {
        for r in &p.rules {
            assert!(fired.contains(&(p.id.clone(), r.id.clone())), "no case makes {} / {} fire", p.id, r.id);
        }
    }
}

#[test]
fn explanations_name_the_facts_and_the_family_member() {
    let s = screener("unmik-2004");
    let people =
        household("H1", vec![person("head"), with("wife", |p| p.municipality_of_origin = Some("zvecan".into()))]);
    let d = s.screen_people(&people);
    assert!(d[1].explanation.contains("origin Zveçan/Zvečan (majority serb)"), "{}", d[1].explanation);
    assert!(d[0].explanation.contains("household member wife is protected"), "{}", d[0].explanation);
    assert_eq!(d[0].family_member.as_deref(), Some("wife"));
    let unknown = s.screen_people(&[fact("x", Fact::SevereDisability, Tri::Unknown)]);
    assert_eq!(unknown[0].unknown, vec!["severe_disability"]);
    assert!(unknown[0].explanation.contains("unknown severe_disability"), "{}", unknown[0].explanation);
    let bad = s.screen_people(&[with("y", |p| p.community = Some("martian".into()))]);
    assert!(bad[0].problems[0].contains("'martian' is not a known community"), "{:?}", bad[0].problems);
}

/// "the same list screened as of 2005-01-01 and 2007-01-01 gives different outcomes for
/// Ashkali and Egyptian persons" (issue 4).
#[test]
fn the_policy_in_force_changes_outcomes_for_ashkali_and_egyptians() {
    let (m, c) = common::reference();
    let set = PolicySet::shipped(None).unwrap();
    let list = vec![community("a", "ashkali"), community("e", "egyptian"), community("r", "roma"), person("base")];
    let screen = |day: &str| {
        let policy = set.in_force(day.parse().unwrap()).unwrap();
        let s = drom_screening_engine::Screener::new(policy, &m, &c).unwrap();
        s.screen_people(&list).into_iter().map(|d| (d.policy_id, d.outcome)).collect::<Vec<_>>()
    };
    let (before, after) = (screen("2005-01-01"), screen("2007-01-01"));
    assert!(before.iter().all(|(p, _)| p == "unmik-2004"));
    assert!(after.iter().all(|(p, _)| p == "unhcr-2006"));
    assert_eq!(before[0].1, Outcome::Protected);
    assert_eq!(after[0].1, Outcome::NoBarFound);
    assert_eq!(before[1].1, Outcome::Protected);
    assert_eq!(after[1].1, Outcome::NoBarFound);
    // Roma and the baseline person do not change.
    assert_eq!(before[2], (before[2].0.clone(), after[2].1));
    assert_eq!(before[3].1, after[3].1);
}
