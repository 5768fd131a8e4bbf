//! Country names in English, Albanian and Serbian (Latin) from CLDR, embedded from
//! `cldr/territories.csv` (its README says which release), for the languages the database does
//! not hold: it keeps one English name per country, which administrators correct.

use super::ctx::Lang;
use drom_domain::reference::Country;
use std::collections::HashMap;
use std::sync::LazyLock;

const TERRITORIES: &str = include_str!("../../cldr/territories.csv");

/// alpha-2 code → [English, Albanian, Serbian Latin].
static NAMES: LazyLock<HashMap<&'static str, [&'static str; 3]>> = LazyLock::new(|| {
    TERRITORIES
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut cells = line.split(',');
            let code = cells.next()?;
            Some((code, [cells.next()?, cells.next()?, cells.next()?]))
        })
        .collect()
});

/// A typed country name folded for lookup: case, diacritics, script and spacing ignored.
fn key(input: &str) -> String {
    drom_domain::fold::fold(input).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every CLDR name, folded, → its alpha-2 code (the first code where two names fold alike).
static BY_NAME: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut by_name = HashMap::new();
    for (code, names) in NAMES.iter() {
        for n in names {
            by_name.entry(key(n)).or_insert(*code);
        }
    }
    by_name
});

/// The alpha-2 code of the country of `countries` (the reference data) that `input` names: its
/// alpha-2 or alpha-3 code, its name in the database, or CLDR's name in English, Albanian or
/// Serbian, ignoring case and diacritics. `None` for anything else.
pub fn find(input: &str, countries: &[Country]) -> Option<String> {
    let k = key(input);
    if k.is_empty() {
        return None;
    }
    countries
        .iter()
        .find(|c| key(&c.alpha2) == k || key(&c.alpha3) == k || key(&c.name) == k)
        .or_else(|| BY_NAME.get(&k).and_then(|code| countries.iter().find(|c| c.alpha2 == *code)))
        .map(|c| c.alpha2.clone())
}

/// The country's name in `lang` (Romani pages, like their missing messages, take English), or
/// `None` for a code CLDR's table lacks.
pub fn name(alpha2: &str, lang: Lang) -> Option<&'static str> {
    let names = NAMES.get(alpha2.trim().to_ascii_uppercase().as_str())?;
    Some(match lang {
        Lang::En | Lang::Rom => names[0],
        Lang::Sq => names[1],
        Lang::Sr => names[2],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reference_country_has_its_cldr_names() {
        let reference = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../store/reference/countries.csv"),
        )
        .unwrap();
        let codes: Vec<&str> = reference.lines().skip(1).filter_map(|l| l.split(',').next()).collect();
        assert!(codes.len() > 200, "the reference list was read");
        let lacking: Vec<&str> = codes.iter().copied().filter(|c| name(c, Lang::Sq).is_none()).collect();
        assert_eq!(lacking, Vec::<&str>::new());
        assert!(TERRITORIES.lines().all(|l| l.split(',').count() == 4), "no name holds a comma");
    }

    #[test]
    fn a_country_is_found_by_code_or_any_name() {
        let stored = vec![
            Country { alpha2: "DE".into(), alpha3: "DEU".into(), name: "Germany".into() },
            Country { alpha2: "AT".into(), alpha3: "AUT".into(), name: "Austria".into() },
        ];
        for typed in ["DE", "de", "DEU", "Germany", "germany", "Gjermani", "Nemačka", "nemacka", " Немачка "] {
            assert_eq!(find(typed, &stored).as_deref(), Some("DE"), "{typed}");
        }
        assert_eq!(find("Austri", &stored).as_deref(), Some("AT"), "Albanian");
        assert_eq!(find("Aust", &stored), None, "no prefixes");
        assert_eq!(find("Atlantis", &stored), None);
        assert_eq!(find("France", &stored), None, "only what the reference data holds");
        assert_eq!(find("", &stored), None);
    }

    #[test]
    fn names_in_each_language() {
        assert_eq!(name("DE", Lang::En), Some("Germany"));
        assert_eq!(name("DE", Lang::Sq), Some("Gjermani"));
        assert_eq!(name("de", Lang::Sr), Some("Nemačka"));
        assert_eq!(name("XK", Lang::Sq), Some("Kosovë"));
        assert_eq!(name("DE", Lang::Rom), Some("Germany"));
        assert_eq!(name("ZZ", Lang::En), None);
    }
}
