//! Reference data types (municipalities, communities, countries). The facts live in the
//! database and can be corrected by administrators; this module only knows their shape and how
//! a name typed by a person is matched to one of them.

use crate::fold::fold;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Municipality {
    /// Stable code (the folded Albanian name), e.g. `prishtine`.
    pub code: String,
    pub name_sq: String,
    pub name_sr: String,
    pub district: String,
    pub northern: bool,
    /// Community code of the majority, or `contested`.
    pub majority_community: String,
}

impl Municipality {
    /// "Prishtinë/Priština": both official forms, as signs and documents write them.
    pub fn display_name(&self) -> String {
        if self.name_sq == self.name_sr { self.name_sq.clone() } else { format!("{}/{}", self.name_sq, self.name_sr) }
    }

    pub fn code_for(name_sq: &str) -> String {
        fold(name_sq).split_whitespace().collect::<Vec<_>>().join("-")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Community {
    pub code: String,
    pub name_en: String,
    pub name_sq: String,
    pub name_sr: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Country {
    pub alpha2: String,
    pub alpha3: String,
    pub name: String,
}

/// The forms a municipality may be typed in, folded: its code, both official names, both
/// together as English pages show them ("Prishtinë/Priština"), and for a name with a
/// parenthesised part ("Drenas (Gllogoc)") the part before and the part inside.
fn lookup_keys(m: &Municipality) -> Vec<String> {
    let mut f = vec![m.code.replace('-', " "), fold(&m.name_sq), fold(&m.name_sr), fold(&m.display_name())];
    for name in [&m.name_sq, &m.name_sr] {
        if let Some((before, after)) = name.split_once('(') {
            f.push(fold(before));
            f.push(fold(after));
        }
    }
    f.into_iter().map(|s| lookup_key(&s)).collect()
}

/// An input folded the way `lookup_keys` are.
fn lookup_key(input: &str) -> String {
    fold(input).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Finds municipalities by code or by either official name, ignoring case, diacritics, script
/// and a parenthesised part ("Drenas (Gllogoc)" is found by "Drenas" and "Gllogoc"). Built once
/// per set of municipalities, so a lookup folds only the input.
#[derive(Debug, Clone, Default)]
pub struct MunicipalityIndex {
    keys: std::collections::HashMap<String, usize>,
}

impl MunicipalityIndex {
    pub fn new(all: &[Municipality]) -> Self {
        let mut keys = std::collections::HashMap::new();
        for (i, m) in all.iter().enumerate() {
            for k in lookup_keys(m) {
                keys.entry(k).or_insert(i);
            }
        }
        MunicipalityIndex { keys }
    }

    /// The position in the slice the index was built from.
    pub fn find(&self, input: &str) -> Option<usize> {
        self.keys.get(&lookup_key(input)).copied()
    }
}

/// One lookup without an index (for a single value; build a `MunicipalityIndex` for many).
pub fn find_municipality<'a>(all: &'a [Municipality], input: &str) -> Option<&'a Municipality> {
    MunicipalityIndex::new(all).find(input).map(|i| &all[i])
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn finds_by_either_name_in_any_script_and_case() {
        let all = vec![m("Prishtinë", "Priština"), m("Drenas (Gllogoc)", "Glogovac"), m("Gjakovë", "Đakovica")];
        assert_eq!(all[0].code, "prishtine");
        for q in ["prishtine", "PRISHTINË", "Pristina", "Приштина"] {
            assert_eq!(find_municipality(&all, q).map(|m| m.code.as_str()), Some("prishtine"), "{q}");
        }
        assert_eq!(find_municipality(&all, "Gllogoc").unwrap().code, "drenas-gllogoc");
        assert_eq!(find_municipality(&all, "Ђаковица").unwrap().code, "gjakove");
        assert!(find_municipality(&all, "Beograd").is_none());
        assert_eq!(
            find_municipality(&all, "Prishtinë/Priština").unwrap().code,
            "prishtine",
            "as English pages show it"
        );
        assert_eq!(all[0].display_name(), "Prishtinë/Priština");
    }
}
