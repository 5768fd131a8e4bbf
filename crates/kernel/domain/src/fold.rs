//! Folding of names for search: case, diacritics and script are ignored.
//!
//! Serbian Latin (Gaj's alphabet) and Serbian Cyrillic are one alphabet written two ways, so both
//! fold through one table: `Đ`, `Dj` and `Ђ` all become `dj`, `ć`, `č`, `ћ` and `ч` all become `c`.
//! Generic transliteration would fold `Đ` to `d` but `Ђ` to `dj` and so miss matches.
//! Albanian letters (`ë`, `ç`, `xh`, ...) and other Latin diacritics fold by dropping the mark.

use unicode_normalization::UnicodeNormalization;

/// The one table for Serbian Cyrillic and the Latin letters that do not decompose into a base
/// letter and a mark. Everything else with a mark is handled by canonical decomposition.
fn special(c: char) -> Option<&'static str> {
    Some(match c {
        // Serbian Cyrillic, Gaj's one-to-one table (lower case; input is lower-cased first).
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'ђ' => "dj",
        'е' => "e",
        'ж' => "z",
        'з' => "z",
        'и' => "i",
        'ј' => "j",
        'к' => "k",
        'л' => "l",
        'љ' => "lj",
        'м' => "m",
        'н' => "n",
        'њ' => "nj",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'ћ' => "c",
        'у' => "u",
        'ф' => "f",
        'х' => "h",
        'ц' => "c",
        'ч' => "c",
        'џ' => "dz",
        'ш' => "s",
        // Latin letters without a canonical decomposition.
        'đ' => "dj",
        'ð' => "d",
        'ł' => "l",
        'ø' => "o",
        'æ' => "ae",
        'œ' => "oe",
        'ß' => "ss",
        'ı' => "i",
        'þ' => "th",
        _ => return None,
    })
}

/// Folds text to lower-case ASCII letters and digits; every other character becomes a space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(s) = special(c) {
            out.push_str(s);
        } else if c.is_alphanumeric() {
            // Decompose (é -> e + U+0301) and keep only the ASCII base letter.
            let mut kept = false;
            for d in std::iter::once(c).nfd() {
                if d.is_ascii_alphanumeric() {
                    out.push(d);
                    kept = true;
                }
            }
            if !kept {
                out.push(' ');
            }
        } else {
            out.push(' ');
        }
    }
    out
}

/// The search tokens of a text: folded words, without duplicates, in order of first appearance.
///
/// A name written with `Đ`/`Ђ` also yields the form people type without the letter (`Dordevic`
/// for `Đorđević`), so both spellings find it.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |t: &str| {
        if !t.is_empty() && !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    };
    for word in fold(text).split_whitespace() {
        push(word);
    }
    if text.chars().any(|c| matches!(c, 'Đ' | 'đ' | 'Ђ' | 'ђ')) {
        let plain: String = text
            .chars()
            .map(|c| match c {
                'Đ' | 'Ђ' => 'D',
                'đ' | 'ђ' => 'd',
                other => other,
            })
            .collect();
        for word in fold(&plain).split_whitespace() {
            push(word);
        }
    }
    out
}

/// The folded words of a search query, as typed (no extra spellings).
pub fn query_terms(query: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in fold(query).split_whitespace() {
        if !out.iter().any(|o| o == word) {
            out.push(word.to_string());
        }
    }
    out
}

/// Serbian Latin (Gaj) to Serbian Cyrillic, for showing a name in the other script.
/// Digraphs `lj`, `nj`, `dž` are single letters; `dj` is read as `đ`.
pub fn latin_to_cyrillic(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let upper = c.is_uppercase();
        let lower_next = next.map(|n| n.to_lowercase().next().unwrap_or(n));
        let pair = match (c.to_lowercase().next().unwrap_or(c), lower_next) {
            ('l', Some('j')) => Some('љ'),
            ('n', Some('j')) => Some('њ'),
            ('d', Some('ž')) => Some('џ'),
            ('d', Some('j')) => Some('ђ'),
            _ => None,
        };
        if let Some(p) = pair {
            out.extend(if upper { p.to_uppercase().collect::<Vec<_>>() } else { vec![p] });
            i += 2;
            continue;
        }
        let mapped = match c.to_lowercase().next().unwrap_or(c) {
            'a' => 'а',
            'b' => 'б',
            'v' => 'в',
            'g' => 'г',
            'd' => 'д',
            'đ' => 'ђ',
            'e' => 'е',
            'ž' => 'ж',
            'z' => 'з',
            'i' => 'и',
            'j' => 'ј',
            'k' => 'к',
            'l' => 'л',
            'm' => 'м',
            'n' => 'н',
            'o' => 'о',
            'p' => 'п',
            'r' => 'р',
            's' => 'с',
            't' => 'т',
            'ć' => 'ћ',
            'u' => 'у',
            'f' => 'ф',
            'h' => 'х',
            'c' => 'ц',
            'č' => 'ч',
            'š' => 'ш',
            _ => {
                out.push(c);
                i += 1;
                continue;
            }
        };
        if upper {
            out.extend(mapped.to_uppercase());
        } else {
            out.push(mapped);
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serbian_latin_and_cyrillic_fold_alike() {
        assert_eq!(fold("Đorđević"), "djordjevic");
        assert_eq!(fold("Ђорђевић"), "djordjevic");
        assert_eq!(fold("Djordjevic"), "djordjevic");
        assert_eq!(fold("Љубичић Његош Џаковић Жижић Шћекић"), "ljubicic njegos dzakovic zizic scekic");
        assert_eq!(fold("Čačak Ćuprija"), fold("Чачак Ћуприја"));
    }

    #[test]
    fn albanian_and_case_fold() {
        assert_eq!(fold("Prishtinë"), "prishtine");
        assert_eq!(fold("BERISHA"), "berisha");
        assert_eq!(fold("Fushë Kosovë"), "fushe kosove");
        assert_eq!(fold("Graçanicë"), "gracanice");
        assert_eq!(fold("Müller-Lüdenscheidt"), "muller ludenscheidt");
    }

    #[test]
    fn punctuation_separates_words() {
        assert_eq!(query_terms("  Drenas (Gllogoc) "), vec!["drenas", "gllogoc"]);
        assert!(query_terms("--- ,,,").is_empty());
    }

    #[test]
    fn dj_names_also_index_the_plain_d_spelling() {
        assert_eq!(tokens("Đorđević"), vec!["djordjevic", "dordevic"]);
        assert_eq!(tokens("Ђорђевић"), vec!["djordjevic", "dordevic"]);
        assert_eq!(tokens("Berisha Berisha"), vec!["berisha"]);
    }

    #[test]
    fn cyrillic_round_trip_of_gaj_latin() {
        assert_eq!(latin_to_cyrillic("Đorđević"), "Ђорђевић");
        assert_eq!(latin_to_cyrillic("Ljubica Njegoš Džaković"), "Љубица Његош Џаковић");
        assert_eq!(fold(&latin_to_cyrillic("Šćekić Čolović")), fold("Šćekić Čolović"));
    }
}
