//! Property tests of the engine over random households: protection is never taken away by a
//! larger family, and an unknown fact never lets a person through as `no_bar_found`.

mod common;

use drom_screening_engine::{Fact, FactSet, Member, Outcome, ReturnType, Screener, Tri};
use proptest::prelude::*;

/// A member before linking: the caregiver target is an index into the household.
#[derive(Debug, Clone)]
struct Spec {
    community: Option<u8>,
    origin: Option<u16>,
    return_type: Option<ReturnType>,
    facts: Vec<Tri>,
    cares_for: Option<usize>,
}

fn tri() -> impl Strategy<Value = Tri> {
    prop_oneof![3 => Just(Tri::No), 1 => Just(Tri::Yes), 1 => Just(Tri::Unknown)]
}

fn spec(communities: u8, municipalities: u16) -> impl Strategy<Value = Spec> {
    (
        prop::option::weighted(0.9, 0..communities),
        prop::option::weighted(0.9, 0..municipalities),
        prop::option::weighted(0.9, prop_oneof![4 => Just(ReturnType::Forced), 1 => Just(ReturnType::Voluntary)]),
        prop::collection::vec(tri(), Fact::ALL.len()),
        prop::option::weighted(0.2, 0usize..8),
    )
        .prop_map(|(community, origin, return_type, facts, cares_for)| Spec {
            community,
            origin,
            return_type,
            facts,
            cares_for,
        })
}

fn household() -> impl Strategy<Value = Vec<Spec>> {
    let s = &screeners()[0];
    prop::collection::vec(spec(s.communities().len() as u8, s.municipalities().len() as u16), 1..7)
}

fn members(specs: &[Spec]) -> Vec<Member> {
    let facts: Vec<FactSet> = specs
        .iter()
        .map(|s| Fact::ALL.iter().zip(&s.facts).fold(FactSet::default(), |set, (f, v)| set.with(*f, *v)))
        .collect();
    specs
        .iter()
        .enumerate()
        .map(|(i, s)| Member {
            community: s.community,
            origin: s.origin,
            return_type: s.return_type,
            facts: facts[i],
            cares_for: s.cares_for.filter(|&j| j < specs.len() && j != i).map(|j| facts[j]),
            malformed: false,
        })
        .collect()
}

fn outcomes(s: &Screener, m: &[Member]) -> Vec<Outcome> {
    let mut out = Vec::new();
    s.screen_household(m, &mut out);
    out.iter().map(|v| v.outcome).collect()
}

fn screeners() -> &'static [Screener] {
    static S: std::sync::OnceLock<Vec<Screener>> = std::sync::OnceLock::new();
    S.get_or_init(|| vec![common::screener("unmik-2004").clone(), common::screener("unhcr-2006").clone()])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Family unity: a protected member joining (anywhere in the list) keeps everyone who was
    /// protected protected.
    #[test]
    fn adding_a_protected_member_never_removes_protection(specs in household(), at in 0usize..8) {
        for s in screeners() {
            let serb = s.communities().iter().position(|c| c.code == "serb").unwrap() as u8;
            let before_members = members(&specs);
            let before = outcomes(s, &before_members);
            let newcomer = Member {
                community: Some(serb),
                return_type: Some(ReturnType::Forced),
                facts: FactSet::all(Tri::No),
                ..Member::default()
            };
            prop_assert_eq!(outcomes(s, std::slice::from_ref(&newcomer)), vec![Outcome::Protected]);
            let at = at.min(before_members.len());
            let mut after_members = before_members.clone();
            after_members.insert(at, newcomer);
            let after = outcomes(s, &after_members);
            prop_assert_eq!(after[at], Outcome::Protected);
            for (i, o) in before.iter().enumerate() {
                let j = if i < at { i } else { i + 1 };
                if *o == Outcome::Protected {
                    prop_assert_eq!(after[j], Outcome::Protected, "member {} under {}", i, s.policy().id);
                }
            }
        }
    }

    /// Missing facts never default to returnable: whatever the unknowns of a household turn
    /// out to be, a member found `no_bar_found` stays `no_bar_found`. (If some completion
    /// protected them, the engine would have had to say `needs_assessment`.)
    #[test]
    fn no_unknown_fact_yields_no_bar_found(specs in household(), seed in any::<u64>()) {
        let (m, c) = (screeners()[0].municipalities(), screeners()[0].communities());
        for s in screeners() {
            let before = outcomes(s, &members(&specs));
            let mut rng = seed;
            let mut next = move |n: u64| {
                rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                (rng >> 33) % n
            };
            for _ in 0..16 {
                let mut completed = specs.clone();
                for x in &mut completed {
                    x.community = x.community.or(Some(next(c.len() as u64) as u8));
                    x.origin = x.origin.or(Some(next(m.len() as u64) as u16));
                    x.return_type = x.return_type.or(Some(if next(2) == 0 { ReturnType::Forced } else { ReturnType::Voluntary }));
                    for f in &mut x.facts {
                        if *f == Tri::Unknown {
                            *f = if next(2) == 0 { Tri::Yes } else { Tri::No };
                        }
                    }
                }
                let after = outcomes(s, &members(&completed));
                for (i, o) in before.iter().enumerate() {
                    if *o == Outcome::NoBarFound {
                        prop_assert_eq!(after[i], Outcome::NoBarFound, "member {} under {}: {:?}", i, s.policy().id, completed);
                    }
                }
            }
        }
    }

    /// A forced return of someone about whom nothing is known is never let through.
    #[test]
    fn a_person_about_whom_nothing_is_known_is_never_no_bar_found(return_type in prop::option::of(Just(ReturnType::Forced))) {
        for s in screeners() {
            let m = Member { return_type, ..Member::default() };
            prop_assert_eq!(outcomes(s, &[m]), vec![Outcome::NeedsAssessment]);
        }
    }
}
