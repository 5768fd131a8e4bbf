//! Synthetic households with realistic Albanian, Serbian and Roma, Ashkali and Egyptian names,
//! for the demo and the benchmarks. Deterministic for a seed, so figures are comparable between
//! runs. Nobody generated here exists.

use crate::domain::person::{LegalBasis, PersonData};
use drom_domain::date::PartialDate;
use drom_domain::fold::latin_to_cyrillic;
use drom_domain::vocab::{LegalBasisKind, Relation, Sex, Vulnerability};

pub mod national;

/// Where a generated household's names come from.
pub trait Names {
    fn family(&self, rng: &mut Rng, community: &str) -> String;
    fn given(&self, rng: &mut Rng, community: &str, sex: Sex) -> String;
    /// How often (percent) a spouse also carries their own family name, before the household's.
    fn double_family_percent(&self) -> u64 {
        0
    }
}

/// The demo's short lists of real names, skewed towards the first.
pub struct DemoNames;

impl Names for DemoNames {
    fn family(&self, rng: &mut Rng, community: &str) -> String {
        rng.skewed(pools(community).0).to_string()
    }

    fn given(&self, rng: &mut Rng, community: &str, sex: Sex) -> String {
        let (_, male, female) = pools(community);
        rng.skewed(if sex == Sex::Female { female } else { male }).to_string()
    }
}

/// splitmix64: small, fast and good enough for test data; no dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Skewed towards the start of a list, as real name frequencies are.
    pub fn skewed<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        &items[((u * u) * items.len() as f64) as usize % items.len()]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

const ALBANIAN_FAMILY: &[&str] = &[
    "Krasniqi",
    "Gashi",
    "Berisha",
    "Morina",
    "Shala",
    "Bytyqi",
    "Hoxha",
    "Kastrati",
    "Rexhepi",
    "Hasani",
    "Kryeziu",
    "Thaçi",
    "Musliu",
    "Mustafa",
    "Ahmeti",
    "Sylejmani",
    "Kelmendi",
    "Haxhiu",
    "Dervishi",
    "Zeqiri",
    "Hyseni",
    "Qerimi",
    "Bajrami",
    "Rama",
    "Bekteshi",
    "Gjoka",
    "Jashari",
    "Lushtaku",
    "Mehmeti",
    "Osmani",
    "Përvetica",
];
const ALBANIAN_MALE: &[&str] = &[
    "Arben",
    "Besim",
    "Driton",
    "Fatmir",
    "Agron",
    "Bekim",
    "Valon",
    "Ilir",
    "Blerim",
    "Shkëlzen",
    "Luan",
    "Ardit",
    "Arian",
    "Gëzim",
    "Naim",
    "Ramadan",
    "Xhevdet",
    "Afrim",
    "Lulzim",
    "Mentor",
    "Egzon",
    "Dardan",
];
const ALBANIAN_FEMALE: &[&str] = &[
    "Shpresa",
    "Vjosa",
    "Arta",
    "Drita",
    "Fatime",
    "Mimoza",
    "Teuta",
    "Blerta",
    "Lirie",
    "Nora",
    "Arbnora",
    "Valbona",
    "Zana",
    "Besarta",
    "Hana",
    "Edona",
    "Mirlinda",
    "Dafina",
    "Qëndresa",
    "Rina",
];
const SERBIAN_FAMILY: &[&str] = &[
    "Jovanović",
    "Petrović",
    "Nikolić",
    "Marković",
    "Đorđević",
    "Stojanović",
    "Ilić",
    "Stanković",
    "Pavlović",
    "Milošević",
    "Todorović",
    "Živković",
    "Ristić",
    "Kostić",
    "Đokić",
    "Mitić",
    "Savić",
    "Lazić",
    "Čolović",
    "Šćekić",
];
const SERBIAN_MALE: &[&str] = &[
    "Dragan", "Nenad", "Miloš", "Dejan", "Zoran", "Goran", "Nikola", "Stefan", "Marko", "Srđan", "Ljubiša", "Đorđe",
    "Vuk", "Nemanja", "Radoš", "Živko",
];
const SERBIAN_FEMALE: &[&str] = &[
    "Jelena", "Milica", "Dragana", "Snežana", "Ljiljana", "Jovana", "Marija", "Vesna", "Biljana", "Tijana", "Nataša",
    "Đurđa", "Gordana", "Ružica",
];
/// Roma, Ashkali and Egyptian families in Kosovo mostly carry Albanian-, Serbian- or
/// Turkish-influenced Muslim names.
const RAE_FAMILY: &[&str] = &[
    "Berisha", "Gashi", "Krasniqi", "Mustafa", "Ramadani", "Kurteshi", "Bajrami", "Demiri", "Selimi", "Ademi",
    "Sejdiu", "Avdiu", "Hajdini", "Osmani", "Kryeziu", "Salihu", "Ibrahimi", "Bislimi", "Durmishi", "Memeti", "Zymeri",
    "Fazliu", "Beqiri", "Bahtiri",
];
const RAE_MALE: &[&str] = &[
    "Sabit", "Bajram", "Hajrush", "Sefer", "Ramiz", "Mehmet", "Ismet", "Nexhat", "Muharem", "Qerim", "Sadri", "Bekim",
    "Ferat", "Kujtim", "Enver", "Senad", "Elvis", "Dževdet",
];
const RAE_FEMALE: &[&str] = &[
    "Sabrije", "Hanife", "Bukurije", "Fatime", "Sebahate", "Ajshe", "Nurije", "Shukrije", "Mejreme", "Elmaze", "Hava",
    "Remzije", "Selvije", "Mirvete", "Emine", "Sanije",
];
const BOSNIAK_FAMILY: &[&str] = &["Hodžić", "Delić", "Begović", "Kurtović", "Omerović", "Sejdić"];
const BOSNIAK_MALE: &[&str] = &["Amir", "Edin", "Emir", "Adnan", "Kenan", "Mirsad"];
const BOSNIAK_FEMALE: &[&str] = &["Amra", "Lejla", "Selma", "Emina", "Azra", "Merima"];

/// Community codes and how often they occur among the generated households (percent).
const COMMUNITIES: &[(&str, u64)] = &[
    ("roma", 22),
    ("ashkali", 18),
    ("egyptian", 10),
    ("albanian", 30),
    ("serb", 10),
    ("bosniak", 4),
    ("gorani", 3),
    ("turkish", 3),
];

const RAE_ORIGINS: &[&str] = &[
    "fushe-kosove",
    "prizren",
    "gjakove",
    "ferizaj",
    "peje",
    "mitrovice-e-jugut",
    "lipjan",
    "obiliq",
    "gjilan",
    "prishtine",
    "podujeve",
    "graçanice",
];
const ALBANIAN_ORIGINS: &[&str] = &[
    "prishtine",
    "prizren",
    "peje",
    "gjakove",
    "ferizaj",
    "gjilan",
    "mitrovice-e-jugut",
    "podujeve",
    "vushtrri",
    "suhareke",
    "mitrovice-e-veriut",
    "kline",
    "skenderaj",
];
const SERB_ORIGINS: &[&str] = &[
    "mitrovice-e-veriut",
    "graçanice",
    "leposaviq",
    "zveçan",
    "zubin-potok",
    "shterpce",
    "kllokot",
    "ranillug",
    "partesh",
    "novoberde",
    "prishtine",
    "peje",
];
/// Host countries, most frequent first (as in the 2008 period figures).
const HOST_COUNTRIES: &[&str] = &["AT", "DE", "NO", "BE", "GB", "CH", "NL", "LU", "HU", "FI", "SE", "FR", "IT"];

/// One generated household: members in order, the first is the head.
#[derive(Debug, Clone)]
pub struct SyntheticHousehold {
    pub community: &'static str,
    pub municipality: String,
    pub members: Vec<(Relation, PersonData)>,
}

fn pools(community: &str) -> (&'static [&'static str], &'static [&'static str], &'static [&'static str]) {
    match community {
        "serb" => (SERBIAN_FAMILY, SERBIAN_MALE, SERBIAN_FEMALE),
        "bosniak" | "gorani" => (BOSNIAK_FAMILY, BOSNIAK_MALE, BOSNIAK_FEMALE),
        "roma" | "ashkali" | "egyptian" | "turkish" => (RAE_FAMILY, RAE_MALE, RAE_FEMALE),
        _ => (ALBANIAN_FAMILY, ALBANIAN_MALE, ALBANIAN_FEMALE),
    }
}

fn origins(community: &str) -> &'static [&'static str] {
    match community {
        "serb" => SERB_ORIGINS,
        "albanian" | "bosniak" | "gorani" => ALBANIAN_ORIGINS,
        _ => RAE_ORIGINS,
    }
}

/// Municipality codes as the reference data derives them (the code of a name with `ç` folds
/// it to `c`).
fn code(name: &str) -> String {
    drom_domain::reference::Municipality::code_for(name)
}

/// Generates households for the reference year `year` (ages are counted from it), with the
/// demo's names.
pub fn household(rng: &mut Rng, year: i32) -> SyntheticHousehold {
    household_named(rng, year, &DemoNames)
}

/// Generates households for the reference year `year` with names from `names`.
pub fn household_named(rng: &mut Rng, year: i32, names: &impl Names) -> SyntheticHousehold {
    let mut roll = rng.below(100) as u64;
    let community = COMMUNITIES
        .iter()
        .find(|(_, w)| {
            if roll < *w {
                true
            } else {
                roll -= w;
                false
            }
        })
        .map(|(c, _)| *c)
        .unwrap_or("roma");
    let family = names.family(rng, community);
    let origin: &&str = rng.skewed(origins(community));
    let municipality = code(origin);
    let country = *rng.skewed(HOST_COUNTRIES);
    let serbian_script = community == "serb";
    let head_sex = if rng.chance(75) { Sex::Male } else { Sex::Female };
    let head_age = 25 + rng.below(45) as i32;
    let single_parent = rng.chance(12);
    let mut members = Vec::new();
    let person = |rng: &mut Rng, relation: Relation, sex: Sex, age: i32, family: &str| {
        let given = names.given(rng, community, sex);
        // Born before the reference year, so no date lies in the future.
        let y = year - age - 1;
        let dob = match rng.below(10) {
            0 => PartialDate::new(y, None, None),
            1 => PartialDate::new(y, Some(1 + rng.below(12) as u32), None),
            _ => PartialDate::new(y, Some(1 + rng.below(12) as u32), Some(1 + rng.below(28) as u32)),
        }
        .ok();
        let mut vulnerabilities = Vec::new();
        if relation == Relation::Head && single_parent {
            vulnerabilities.push(Vulnerability::SingleParentWithChildren);
        }
        if rng.chance(3) {
            vulnerabilities.push(Vulnerability::ChronicIllness);
        }
        if rng.chance(1) {
            vulnerabilities.push(Vulnerability::SevereDisability);
        }
        if age >= 70 && rng.chance(20) {
            vulnerabilities.push(Vulnerability::ElderlyWithoutSupport);
        }
        PersonData {
            given_name_other_script: serbian_script.then(|| latin_to_cyrillic(&given)),
            family_name_other_script: serbian_script.then(|| latin_to_cyrillic(family)),
            given_name: given,
            family_name: family.to_string(),
            date_of_birth: dob,
            date_of_birth_estimated: dob.is_some_and(|d| d.month.is_none()),
            sex,
            community: Some(community.to_string()),
            languages: match community {
                "serb" => vec!["sr".into()],
                "roma" => vec!["rom".into(), "sq".into(), "de".into()],
                "albanian" => vec!["sq".into(), "de".into()],
                _ => vec!["sq".into(), "sr".into()],
            },
            documents: vec![],
            contacts: vec![],
            municipality_of_origin: Some(municipality.clone()),
            current_country: Some(country.to_string()),
            current_place: None,
            vulnerabilities,
            legal_basis: LegalBasis {
                kind: LegalBasisKind::Consent,
                consent_date: chrono::NaiveDate::from_ymd_opt(
                    year - 1,
                    1 + rng.below(9) as u32,
                    1 + rng.below(28) as u32,
                ),
                consent_scope: Some("registration, counselling and referral for return and reintegration".into()),
                consent_language: Some(if serbian_script { "sr" } else { "sq" }.into()),
                legal_reference: None,
            },
        }
    };
    members.push((Relation::Head, person(rng, Relation::Head, head_sex, head_age, &family)));
    if !single_parent && rng.chance(80) {
        let sex = if head_sex == Sex::Male { Sex::Female } else { Sex::Male };
        let age = (head_age - 3 + rng.below(6) as i32).max(18);
        let percent = names.double_family_percent();
        let own = if percent > 0 && rng.chance(percent) {
            format!("{} {family}", names.family(rng, community))
        } else {
            family.clone()
        };
        members.push((Relation::Spouse, person(rng, Relation::Spouse, sex, age, &own)));
    }
    let children = if head_age < 55 { rng.below(6) } else { rng.below(2) };
    for _ in 0..children {
        let sex = if rng.chance(50) { Sex::Female } else { Sex::Male };
        let age = rng.below((head_age - 18).clamp(1, 25) as usize) as i32;
        members.push((Relation::Child, person(rng, Relation::Child, sex, age, &family)));
    }
    if rng.chance(10) {
        let age = head_age + 22 + rng.below(10) as i32;
        members.push((Relation::Grandparent, person(rng, Relation::Grandparent, Sex::Female, age, &family)));
    }
    SyntheticHousehold { community, municipality, members }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_people_and_data_is_valid() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        for _ in 0..500 {
            let (x, y) = (household(&mut a, 2026), household(&mut b, 2026));
            assert_eq!(x.members.len(), y.members.len());
            assert_eq!(x.members[0].0, Relation::Head);
            for (_, p) in x.members {
                p.validate(today).expect("generated person is valid");
            }
        }
    }

    #[test]
    fn origins_are_known_municipality_codes() {
        let csv = include_str!("../../../kernel/store/reference/kosovo_municipalities.csv");
        let known: Vec<String> = csv.lines().skip(1).map(|l| code(l.split(',').next().unwrap())).collect();
        for list in [RAE_ORIGINS, ALBANIAN_ORIGINS, SERB_ORIGINS] {
            for m in list {
                assert!(known.contains(&code(m)), "{m} is not a municipality code");
            }
        }
    }
}
