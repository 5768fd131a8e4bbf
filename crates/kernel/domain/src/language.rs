//! Languages a person speaks or was counselled in, as ISO 639 codes. The one reading of a typed
//! language or list of languages, for every form and the API alike: a code (`rom`), or the name
//! of a language of the list below in English, Albanian or Serbian (`Romani`, `romisht`,
//! `romski`), separated by commas, semicolons and/or spaces.

use crate::Common;
use crate::fold::fold;

/// A language offered in the lists of the forms, with its name in the pages' languages. Any
/// other well-formed ISO 639 code is accepted too; these are the ones a name can be typed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    pub code: &'static str,
    pub en: &'static str,
    pub sq: &'static str,
    pub sr: &'static str,
}

macro_rules! languages {
    ($($code:literal $en:literal $sq:literal $sr:literal;)*) => {
        /// The languages of Kosovo's communities and of the host countries returnees come from.
        /// Each name is one word, so that a list may be separated by spaces.
        pub const LANGUAGES: &[Language] = &[$(Language { code: $code, en: $en, sq: $sq, sr: $sr }),*];
    };
}

languages! {
    "sq"  "Albanian"  "shqip"        "albanski";
    "sr"  "Serbian"   "serbisht"     "srpski";
    "rom" "Romani"    "romisht"      "romski";
    "tr"  "Turkish"   "turqisht"     "turski";
    "bs"  "Bosnian"   "boshnjakisht" "bosanski";
    "hr"  "Croatian"  "kroatisht"    "hrvatski";
    "mk"  "Macedonian" "maqedonisht" "makedonski";
    "en"  "English"   "anglisht"     "engleski";
    "de"  "German"    "gjermanisht"  "nemački";
    "fr"  "French"    "frëngjisht"   "francuski";
    "it"  "Italian"   "italisht"     "italijanski";
    "sv"  "Swedish"   "suedisht"     "švedski";
    "nl"  "Dutch"     "holandisht"   "holandski";
    "da"  "Danish"    "danisht"      "danski";
    "no"  "Norwegian" "norvegjisht"  "norveški";
    "fi"  "Finnish"   "finlandisht"  "finski";
    "hu"  "Hungarian" "hungarisht"   "mađarski";
}

impl Language {
    pub fn by_code(code: &str) -> Option<&'static Language> {
        LANGUAGES.iter().find(|l| l.code == code)
    }
}

/// One language: a code of two or three letters (any case), or a name of `LANGUAGES` in any of
/// its languages, ignoring case and diacritics. Returns the code in lower case.
pub fn parse_language(typed: &str) -> Result<String, Common> {
    let t = typed.trim();
    let folded = fold(t);
    if let Some(l) = LANGUAGES.iter().find(|l| [l.en, l.sq, l.sr].iter().any(|n| fold(n) == folded)) {
        return Ok(l.code.to_string());
    }
    let code = t.to_ascii_lowercase();
    if (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase()) {
        Ok(code)
    } else {
        Err(Common::NotLanguageCode { value: t.to_string() })
    }
}

/// A list of languages as typed ("rom, sq", "rom sq", "Romani; shqip"): each entry read by
/// `parse_language`, repeated ones once, in the order typed. Every entry that is not a language
/// is refused, with its position in the list.
pub fn parse_languages(typed: &str) -> Result<Vec<String>, Vec<(usize, Common)>> {
    let mut codes = Vec::new();
    let mut refused = Vec::new();
    for (i, entry) in typed.split([',', ';', ' ', '\t', '\n']).filter(|e| !e.trim().is_empty()).enumerate() {
        match parse_language(entry) {
            Ok(c) if !codes.contains(&c) => codes.push(c),
            Ok(_) => {}
            Err(e) => refused.push((i, e)),
        }
    }
    if refused.is_empty() { Ok(codes) } else { Err(refused) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commas_spaces_and_semicolons_all_separate() {
        for typed in ["rom, sq", "rom sq", "rom,sq", " rom ;  sq ", "ROM, SQ, rom"] {
            assert_eq!(parse_languages(typed).unwrap(), ["rom", "sq"], "{typed:?}");
        }
        assert_eq!(parse_languages("").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn a_name_in_any_page_language_is_its_code() {
        assert_eq!(parse_languages("Romani, shqip, nemacki").unwrap(), ["rom", "sq", "de"]);
        assert_eq!(parse_language("Nemački").unwrap(), "de");
        assert_eq!(parse_language("frengjisht").unwrap(), "fr");
    }

    #[test]
    fn what_is_neither_a_code_nor_a_name_is_refused_with_its_place() {
        let refused = parse_languages("sq, Klingon, r0m").unwrap_err();
        assert_eq!(refused.len(), 2);
        assert_eq!(refused[0], (1, Common::NotLanguageCode { value: "Klingon".into() }));
        assert_eq!(refused[1].0, 2);
        assert!(parse_language("e").is_err());
        assert!(parse_language("engl").is_err());
    }

    #[test]
    fn every_name_is_one_word_and_names_one_language() {
        let mut seen = std::collections::HashMap::new();
        for l in LANGUAGES {
            for n in [l.en, l.sq, l.sr] {
                assert!(!n.contains([' ', ',', ';']), "{n}: a list is split on spaces");
                if let Some(other) = seen.insert(fold(n), l.code) {
                    assert_eq!(other, l.code, "{n} names two languages");
                }
            }
            assert_eq!(parse_language(l.code).unwrap(), l.code);
        }
    }
}
