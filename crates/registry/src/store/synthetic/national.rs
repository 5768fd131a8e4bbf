//! Names at national scale, for benchmarks: thousands of Albanian, Serbian and Roma, Ashkali and
//! Egyptian given and family names with a heavy-tailed frequency, as a real registry has them (a
//! few names carried by a tenth of a community, most names rare).
//!
//! Each community's names are the demo's real names, most frequent first, followed by names
//! built the way the languages build them (an Albanian stem with `-i`, `-aj`, `-ku`; a Serbian
//! stem with `-ović`, `-ić`; given names from a first and a second part). The rank `r` of a
//! name (0 the most frequent) gives it a weight of `1 / (r + 1)`: Zipf's law with exponent 1,
//! the shape measured for surnames and given names in many countries.

use super::{Names, Rng, pools};
use drom_domain::vocab::Sex;
use std::collections::HashSet;

/// A ranked list of names and the cumulative Zipf weights to draw from it.
#[derive(Debug, Clone)]
pub struct Ranked {
    pub names: Vec<String>,
    cumulative: Vec<f64>,
}

impl Ranked {
    /// The `real` names first, then `built` ones not already there, ranked in a fixed shuffled
    /// order (so that rare names are spread over the alphabet).
    fn new(real: &[&str], built: Vec<String>) -> Ranked {
        let mut seen: HashSet<String> = HashSet::new();
        let mut names: Vec<String> = real.iter().map(|s| s.to_string()).filter(|n| seen.insert(n.clone())).collect();
        let mut rest: Vec<String> = built.into_iter().filter(|n| seen.insert(n.clone())).collect();
        let mut rng = Rng::new(names.len() as u64 * 7919 + rest.len() as u64);
        for i in (1..rest.len()).rev() {
            rest.swap(i, rng.below(i + 1));
        }
        names.extend(rest);
        let mut total = 0.0;
        let cumulative = (0..names.len())
            .map(|r| {
                total += 1.0 / (r as f64 + 1.0);
                total
            })
            .collect();
        Ranked { names, cumulative }
    }

    /// A name drawn with its Zipf weight.
    pub fn draw(&self, rng: &mut Rng) -> &str {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
        let i = self.cumulative.partition_point(|c| *c <= u).min(self.names.len() - 1);
        &self.names[i]
    }

    /// The share of draws that give the name of rank `r`.
    pub fn share(&self, r: usize) -> f64 {
        1.0 / (r as f64 + 1.0) / self.cumulative.last().copied().unwrap_or(1.0)
    }
}

/// One naming tradition's family, male and female names.
#[derive(Debug, Clone)]
pub struct Tradition {
    pub family: Ranked,
    pub male: Ranked,
    pub female: Ranked,
}

/// Every stem with every ending, capitalised as names are.
fn build(stems: &[&str], endings: &[&str]) -> Vec<String> {
    stems.iter().flat_map(|s| endings.iter().map(move |e| format!("{s}{e}"))).collect()
}

const ALBANIAN_STEMS: &[&str] = &[
    "Abaz", "Adem", "Ajet", "Alush", "Avdyl", "Bajram", "Balaj", "Bec", "Behram", "Berat", "Blak", "Brahim", "Bujar",
    "Cen", "Cakaj", "Çaush", "Çitak", "Dac", "Dem", "Dibran", "Dur", "Elez", "Emin", "Fazl", "Fejz", "Ferat", "Gjin",
    "Gjon", "Gjel", "Hajd", "Halil", "Hamz", "Hys", "Ibish", "Idriz", "Ilaz", "Isuf", "Jakup", "Kadr", "Kamber",
    "Kurt", "Lah", "Lek", "Limon", "Loxh", "Maliq", "Mazrek", "Mek", "Mur", "Nez", "Nuh", "Pajaz", "Pal", "Qamil",
    "Qorr", "Rexh", "Sadik", "Salih", "Selim", "Shab", "Shaqir", "Sinan", "Sop", "Tahir", "Tmav", "Ukshin", "Vesel",
    "Vokrr", "Xhem", "Xhaf", "Ymer", "Zen", "Zog", "Zymber", "Hoxh", "Kol", "Lul", "Muj", "Nikç", "Prek", "Rrus",
    "Sejd", "Tafil", "Ujkan", "Vrell", "Zeqir", "Bard", "Dush", "Fet", "Gash", "Hak", "Imer", "Jet", "Kel", "Lim",
    "Mal", "Neziraj", "Osm", "Pep", "Rugov", "Shem", "Thaq", "Uk", "Veb", "Xhel", "Ylm", "Zek",
];
const ALBANIAN_ENDINGS: &[&str] =
    &["i", "aj", "ku", "ani", "ija", "ollari", "iqi", "ushi", "eri", "ja", "ëri", "aku", "iu", "olli"];
const ALBANIAN_MALE_HEADS: &[&str] = &[
    "Ar", "Bes", "Dri", "Fat", "Gaz", "Lul", "Vlo", "Sha", "Bu", "Ke", "Ag", "Fl", "Il", "Ed", "En", "Val", "Lir",
    "Gen", "Kr", "Dar", "Mer", "Bar", "Sad", "Ard", "Alb", "Ber", "Bl", "Dua", "Fit", "Gra", "Hek", "Jet", "Kus",
    "Leu", "Mal", "Nol", "Pël", "Rin", "Sku", "Tau", "Ujë", "Xhe", "Yll", "Zan",
];
const ALBANIAN_MALE_TAILS: &[&str] =
    &["ben", "im", "ton", "mir", "iz", "on", "at", "it", "jet", "ian", "ent", "uar", "ush", "dan"];
const ALBANIAN_FEMALE_TAILS: &[&str] =
    &["a", "ije", "e", "ona", "ita", "ina", "ete", "ime", "jeta", "anda", "ore", "ëza"];
const SERBIAN_STEMS: &[&str] = &[
    "Jovan",
    "Petr",
    "Nikol",
    "Mark",
    "Đorđ",
    "Stojan",
    "Stank",
    "Pavl",
    "Milosavlj",
    "Rist",
    "Todor",
    "Živk",
    "Ran",
    "Lazar",
    "Mil",
    "Simon",
    "Stef",
    "Radivoj",
    "Vuk",
    "Dragan",
    "Bož",
    "Cvetk",
    "Dimitrij",
    "Đur",
    "Gaj",
    "Ignjat",
    "Jank",
    "Kost",
    "Lukić",
    "Matej",
    "Nedelj",
    "Obrad",
    "Perišić",
    "Rad",
    "Sav",
    "Tas",
    "Urošev",
    "Vasilj",
    "Zdravk",
    "Ćir",
    "Čol",
    "Šar",
    "Žug",
    "Bog",
    "Dobr",
    "Gvozden",
    "Jakš",
    "Kneževič",
    "Ljub",
    "Mihajl",
    "Nenad",
    "Ostoj",
    "Prok",
    "Resav",
    "Stevan",
    "Trifun",
    "Velj",
    "Zlat",
    "Arsen",
    "Blagoj",
    "Cvij",
    "Drag",
    "Filip",
    "Grb",
    "Hadž",
    "Ilij",
    "Jelis",
    "Krst",
    "Lek",
    "Mladen",
    "Nešk",
    "Obren",
    "Popadić",
    "Spas",
    "Tomaš",
    "Vlaj",
];
const SERBIAN_ENDINGS: &[&str] = &["ović", "ević", "ić", "in", "ac", "ski"];
const SERBIAN_MALE_HEADS: &[&str] = &[
    "Dra", "Mil", "Nen", "Zor", "Bra", "Slo", "Ves", "Vla", "Bog", "Dej", "Jov", "Ran", "Ljub", "Živ", "Stan", "Ned",
    "Rad", "Sve", "Goj", "Dob", "Mir", "Pre", "Sre", "Uro", "Ćir", "Đur",
];
const SERBIAN_MALE_TAILS: &[&str] =
    &["an", "oš", "ko", "ivoje", "omir", "islav", "ica", "e", "ojica", "en", "ko", "utin"];
const SERBIAN_FEMALE_TAILS: &[&str] = &["ana", "ka", "ica", "ena", "ija", "injka", "ojka", "ana", "a", "ina"];
const RAE_STEMS: &[&str] = &[
    "Ramadan", "Kurtesh", "Demir", "Selim", "Adem", "Sejd", "Avd", "Hajdin", "Salih", "Ibrahim", "Bislim", "Durmish",
    "Memet", "Zymer", "Fazl", "Beqir", "Bahtir", "Berish", "Mustaf", "Qerim", "Sefer", "Muharem", "Ismet", "Nexhat",
    "Sabit", "Hajrush", "Rram", "Xhemajl", "Jahir", "Kadri", "Mersel", "Nuredin", "Osman", "Rasim", "Sherif", "Tahir",
    "Veli", "Zeqir", "Alij", "Bajram", "Cen", "Dalip", "Emin", "Feriz", "Gani", "Hamdi", "Islam", "Jashar", "Kamer",
    "Latif", "Mahmut", "Nazif", "Orhan", "Qazim", "Redžep", "Šaban", "Tefik", "Usein", "Vehbi", "Zenel",
];
const RAE_ENDINGS: &[&str] = &["i", "aj", "iu", "ović", "oviq", "ani", "ija", "ij", "ski", "ollari"];
const RAE_MALE_HEADS: &[&str] = &[
    "Sa", "Baj", "Haj", "Se", "Ra", "Meh", "Is", "Ne", "Mu", "Qe", "Fe", "Ku", "En", "El", "Dže", "Xhe", "Ze", "Ve",
    "Ju", "Ke", "Or", "Ta", "Ha", "Ba",
];
const RAE_MALE_TAILS: &[&str] = &[
    "bit", "ram", "rush", "fer", "miz", "met", "xhat", "harem", "rim", "dri", "rat", "jtim", "ver", "nad", "vis",
    "vdet",
];
const RAE_FEMALE_TAILS: &[&str] =
    &["bahate", "mije", "nije", "vdije", "ide", "ana", "lije", "jrije", "fije", "mira", "dija", "lmije"];

/// Given names of one sex: a head with each tail.
fn given(heads: &[&str], tails: &[&str]) -> Vec<String> {
    build(heads, tails)
}

/// The national-scale name model.
#[derive(Debug, Clone)]
pub struct NationalNames {
    pub albanian: Tradition,
    pub serbian: Tradition,
    pub rae: Tradition,
    pub bosniak: Tradition,
}

impl Default for NationalNames {
    fn default() -> Self {
        Self::new()
    }
}

impl NationalNames {
    pub fn new() -> NationalNames {
        let tradition =
            |community: &str, stems: &[&str], endings: &[&str], heads: &[&str], male: &[&str], female: &[&str]| {
                let (real_family, real_male, real_female) = pools(community);
                Tradition {
                    family: Ranked::new(real_family, build(stems, endings)),
                    male: Ranked::new(real_male, given(heads, male)),
                    female: Ranked::new(real_female, given(heads, female)),
                }
            };
        NationalNames {
            albanian: tradition(
                "albanian",
                ALBANIAN_STEMS,
                ALBANIAN_ENDINGS,
                ALBANIAN_MALE_HEADS,
                ALBANIAN_MALE_TAILS,
                ALBANIAN_FEMALE_TAILS,
            ),
            serbian: tradition(
                "serb",
                SERBIAN_STEMS,
                SERBIAN_ENDINGS,
                SERBIAN_MALE_HEADS,
                SERBIAN_MALE_TAILS,
                SERBIAN_FEMALE_TAILS,
            ),
            rae: tradition("roma", RAE_STEMS, RAE_ENDINGS, RAE_MALE_HEADS, RAE_MALE_TAILS, RAE_FEMALE_TAILS),
            // Bosniak and Gorani families: Bosniak names, with the Serbian endings of the region.
            bosniak: tradition(
                "bosniak",
                RAE_STEMS,
                &["ić", "ović", "agić"],
                RAE_MALE_HEADS,
                &["ir", "in", "ad", "an"],
                &["a", "ina", "ra"],
            ),
        }
    }

    /// The tradition a community's names come from (as the demo's pools).
    pub fn tradition(&self, community: &str) -> &Tradition {
        match community {
            "serb" => &self.serbian,
            "bosniak" | "gorani" => &self.bosniak,
            "roma" | "ashkali" | "egyptian" | "turkish" => &self.rae,
            _ => &self.albanian,
        }
    }

    /// Distinct names over all traditions: (family, given).
    pub fn distinct(&self) -> (usize, usize) {
        let all = [&self.albanian, &self.serbian, &self.rae, &self.bosniak];
        let family: HashSet<&str> = all.iter().flat_map(|t| t.family.names.iter().map(String::as_str)).collect();
        let given: HashSet<&str> =
            all.iter().flat_map(|t| t.male.names.iter().chain(t.female.names.iter()).map(String::as_str)).collect();
        (family.len(), given.len())
    }

    /// The searches that are hardest for a name index, named: the most common given name with
    /// the most common family name, two common family names (a double name), a common given
    /// name with a family-name prefix, a family name late in the alphabet, and a rare name.
    pub fn worst_cases(&self) -> Vec<(&'static str, String)> {
        let a = &self.albanian;
        let late = a.family.names[..100.min(a.family.names.len())].iter().max().cloned().unwrap_or_default();
        let prefix: String = a.family.names[0].chars().take(4).collect();
        vec![
            ("most common given + family", format!("{} {}", a.male.names[0], a.family.names[0])),
            ("two common family names", format!("{} {}", a.family.names[1], a.family.names[0])),
            ("common given + family prefix", format!("{} {prefix}", a.male.names[0])),
            ("family late in the alphabet", late),
            ("rare family name", a.family.names[a.family.names.len() - 1].clone()),
        ]
    }
}

impl Names for NationalNames {
    fn family(&self, rng: &mut Rng, community: &str) -> String {
        self.tradition(community).family.draw(rng).to_string()
    }

    fn given(&self, rng: &mut Rng, community: &str, sex: Sex) -> String {
        let t = self.tradition(community);
        if sex == Sex::Female { t.female.draw(rng) } else { t.male.draw(rng) }.to_string()
    }

    fn double_family_percent(&self) -> u64 {
        10
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_of_names_with_a_heavy_tail() {
        let names = NationalNames::new();
        let (family, given) = names.distinct();
        assert!(family >= 2_000, "{family} family names");
        assert!(given >= 1_000, "{given} given names");
        // The most common Albanian family name is carried by about a tenth of its community,
        // the median name by a tiny share.
        let f = &names.albanian.family;
        assert!(f.share(0) > 0.08 && f.share(0) < 0.2, "{}", f.share(0));
        assert!(f.share(f.names.len() / 2) < 0.001);
        let mut rng = Rng::new(3);
        let draws = 100_000;
        let top = (0..draws).filter(|_| f.draw(&mut rng) == f.names[0]).count() as f64 / draws as f64;
        assert!((top - f.share(0)).abs() < 0.01, "drawn {top}, expected {}", f.share(0));
    }

    #[test]
    fn households_with_national_names_are_valid_and_some_spouses_have_two_family_names() {
        let names = NationalNames::new();
        let mut rng = Rng::new(11);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut double = 0;
        for _ in 0..2_000 {
            let h = super::super::household_named(&mut rng, 2026, &names);
            let head_family = h.members[0].1.family_name.clone();
            for (relation, p) in h.members {
                if relation == drom_domain::vocab::Relation::Spouse && p.family_name != head_family {
                    assert!(p.family_name.ends_with(&head_family));
                    double += 1;
                }
                p.validate(today).expect("generated person is valid");
            }
        }
        assert!(double > 50, "{double}");
    }

    #[test]
    fn worst_cases_are_named_and_found_in_the_lists() {
        let names = NationalNames::new();
        let cases = names.worst_cases();
        assert_eq!(cases.len(), 5);
        let a = &names.albanian;
        assert!(cases[0].1.contains(&a.family.names[0]) && cases[0].1.contains(&a.male.names[0]));
        assert!(a.family.names.contains(&cases[3].1));
    }
}
