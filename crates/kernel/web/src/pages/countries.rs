//! Country names in English, Albanian and Serbian (Latin) from CLDR, embedded from
//! `cldr/territories.csv` (its README says which release), for the languages the database does
//! not hold: it keeps one English name per country, which administrators correct.

use super::ctx::Lang;
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
    fn names_in_each_language() {
        assert_eq!(name("DE", Lang::En), Some("Germany"));
        assert_eq!(name("DE", Lang::Sq), Some("Gjermani"));
        assert_eq!(name("de", Lang::Sr), Some("Nemačka"));
        assert_eq!(name("XK", Lang::Sq), Some("Kosovë"));
        assert_eq!(name("DE", Lang::Rom), Some("Germany"));
        assert_eq!(name("ZZ", Lang::En), None);
    }
}
