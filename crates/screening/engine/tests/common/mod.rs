//! Shared test fixtures: the reference data read from the real CSV files the store ships, and
//! people built from a plain, known baseline.
#![allow(dead_code)]

use drom_domain::reference::{Community, Municipality};
use drom_screening_engine::{PersonFacts, PolicySet, ReturnType, Screener, Tri};
use std::path::PathBuf;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

fn records(file: &str) -> Vec<Vec<String>> {
    let path = repo().join("crates/kernel/store/reference").join(file);
    let mut r = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    r.records().map(|x| x.unwrap().iter().map(str::to_string).collect()).collect()
}

/// Municipalities and communities exactly as the store loads them.
pub fn reference() -> (Vec<Municipality>, Vec<Community>) {
    let municipalities = records("kosovo_municipalities.csv")
        .into_iter()
        .map(|r| Municipality {
            code: Municipality::code_for(&r[0]),
            name_sq: r[0].clone(),
            name_sr: r[1].clone(),
            district: r[2].clone(),
            northern: r[3] == "yes",
            majority_community: r[4].clone(),
        })
        .collect();
    let communities = records("communities.csv")
        .into_iter()
        .map(|r| Community { code: r[0].clone(), name_en: r[1].clone(), name_sq: r[2].clone(), name_sr: r[3].clone() })
        .collect();
    (municipalities, communities)
}

/// The shipped policy compiled against the reference data, built once per test binary.
pub fn screener(policy_id: &str) -> &'static Screener {
    static ALL: std::sync::OnceLock<Vec<Screener>> = std::sync::OnceLock::new();
    let all = ALL.get_or_init(|| {
        let (m, c) = reference();
        PolicySet::shipped(None).unwrap().policies.iter().map(|p| Screener::new(p, &m, &c).unwrap()).collect()
    });
    all.iter().find(|s| s.policy().id == policy_id).unwrap()
}

/// A Kosovo Albanian from Prishtinë (Albanian majority), returned by force, every fact
/// recorded as no: the person no rule of either policy bars.
pub fn person(id: &str) -> PersonFacts {
    let mut p = PersonFacts {
        request_id: id.into(),
        given_name: "Arben".into(),
        family_name: "Krasniqi".into(),
        community: Some("albanian".into()),
        municipality_of_origin: Some("Prishtinë".into()),
        return_type: Some(ReturnType::Forced),
        ..PersonFacts::default()
    };
    for f in drom_screening_engine::Fact::ALL {
        p.set_fact(*f, Tri::No);
    }
    p
}
