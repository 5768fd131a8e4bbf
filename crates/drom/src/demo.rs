//! Demo data: the agencies of the sources (IOM's return and reintegration programmes, the
//! Ministry of Internal Affairs, a municipal office for communities and returns, a centre for
//! social work, a civil-rights NGO, the Ombudsperson), their users, households of several
//! communities, and a service directory of the providers the sources name. Loaded once; a
//! restart finds it and keeps what users changed.

use anyhow::Result;
use drom_domain::permission::Role;
use drom_domain::vocab::{LegalBasisKind, Relation, Sex, Vulnerability};
use drom_registry::RegistryDb;
use drom_registry::domain::household::{HouseholdData, MemberInput};
use drom_registry::domain::person::{LegalBasis, PersonData};
use drom_registry::store::synthetic::{Rng, household};
use drom_store::Db;
use drom_store::users::{NewAgency, NewUser, User};

pub const DEMO_PASSWORD: &str = "drom-demo-2026";

/// User name and what the user shows, for the start-up message.
pub const DEMO_LOGINS: &[(&str, &str)] = &[
    ("sysadmin", "system administrator (agencies, reference data, users of every agency)"),
    ("admin", "administrator, IOM Kosovo (its own users)"),
    ("counsellor", "return counsellor, IOM Kosovo (sees special categories)"),
    ("supervisor", "supervisor of the return counsellors, IOM Kosovo (assigns cases, sees the team's load)"),
    ("viewer", "viewer, IOM Kosovo (no special categories)"),
    ("officer", "protection officer, Ministry of Internal Affairs"),
    ("municipal", "caseworker, Office for Communities and Returns, Fushë Kosovë"),
    ("ombuds", "caseworker, Ombudsperson Institution (discrimination reports; sees reporters' contacts)"),
    ("crp", "project officer, Civil Rights Program Kosovo (outreach activities)"),
];

const AGENCIES: &[(&str, &str, &str, Option<&str>)] = &[
    ("iom-kosovo", "IOM Mission in Kosovo — Return and Reintegration", "international_organisation", Some("Prishtinë")),
    (
        "mia-dcam",
        "Ministry of Internal Affairs — Department for Citizenship, Asylum and Migration",
        "ministry",
        Some("Prishtinë"),
    ),
    (
        "mocr-fushe-kosove",
        "Municipal Office for Communities and Returns, Fushë Kosovë",
        "municipality",
        Some("Fushë Kosovë"),
    ),
    ("csw-prizren", "Centre for Social Work, Prizren", "social_services", Some("Prizren")),
    ("crp-kosovo", "Civil Rights Program Kosovo", "ngo", Some("Prishtinë")),
    ("ombudsperson", "Ombudsperson Institution", "ombudsperson", Some("Prishtinë")),
    ("ogg", "Office for Good Governance, Office of the Prime Minister", "government", Some("Prishtinë")),
    ("gea", "Gender Equality Agency", "government", Some("Prishtinë")),
    ("police-hate-crime", "Kosovo Police — hate crime investigations", "police", Some("Prishtinë")),
    ("mhru-fushe-kosove", "Municipal Human Rights Unit, Fushë Kosovë", "municipality", Some("Fushë Kosovë")),
    ("mhru-lipjan", "Municipal Human Rights Unit, Lipjan", "municipality", Some("Lipjan")),
    ("mhru-shtime", "Municipal Human Rights Unit, Shtime", "municipality", Some("Shtime")),
    ("mhru-gracanice", "Municipal Human Rights Unit, Graçanicë", "municipality", Some("Graçanicë")),
    ("mhru-obiliq", "Municipal Human Rights Unit, Obiliq", "municipality", Some("Obiliq")),
    ("mhru-novoberde", "Municipal Human Rights Unit, Novobërdë", "municipality", Some("Novobërdë")),
];

const USERS: &[(&str, &str, &str, Role, bool)] = &[
    ("sysadmin", "iom-kosovo", "System administrator", Role::SystemAdministrator, false),
    ("admin", "iom-kosovo", "Drom administrator", Role::Administrator, false),
    ("counsellor", "iom-kosovo", "Return counsellor", Role::Caseworker, true),
    ("supervisor", "iom-kosovo", "Return team supervisor", Role::Supervisor, true),
    ("viewer", "iom-kosovo", "Programme viewer", Role::Viewer, false),
    ("officer", "mia-dcam", "Protection officer", Role::ProtectionOfficer, true),
    ("municipal", "mocr-fushe-kosove", "Municipal returns officer", Role::Caseworker, false),
    ("ombuds", "ombudsperson", "Ombudsperson caseworker", Role::Caseworker, true),
    ("crp", "crp-kosovo", "CRP/K project officer", Role::Caseworker, false),
];

/// Loads the demo data unless it is there already. Returns whether it loaded it.
pub async fn seed(db: &Db) -> Result<bool> {
    if db.agencies().await?.iter().any(|a| a.code == AGENCIES[0].0) {
        return Ok(false);
    }
    let mut ids = Vec::new();
    for (code, name, kind, municipality) in AGENCIES {
        let a = db
            .create_agency(
                None,
                NewAgency {
                    code: (*code).into(),
                    name: (*name).into(),
                    kind: (*kind).into(),
                    municipality: municipality.map(Into::into),
                },
            )
            .await?;
        ids.push((a.code, a.id));
    }
    let agency = |code: &str| ids.iter().find(|(c, _)| c == code).map(|(_, id)| *id).unwrap_or(0);
    let mut users: Vec<User> = Vec::new();
    for (username, agency_code, display, role, special) in USERS {
        users.push(
            db.create_user(
                None,
                NewUser {
                    agency_id: agency(agency_code),
                    username: (*username).into(),
                    display_name: (*display).into(),
                    role: *role,
                    special_categories: *special,
                    // No demo user may override the protection gate.
                    protection_override: false,
                    password: DEMO_PASSWORD.into(),
                },
            )
            .await?,
        );
    }
    let user = |name: &str| users.iter().find(|u| u.username == name).map(User::actor).expect("demo user");
    let counsellor = user("counsellor");
    let officer = user("officer");
    // The municipal caseworker records no special categories; a colleague with the permission
    // would add them.
    let municipal = user("municipal");

    for (members, municipality, label) in handcrafted() {
        add_household(db, &counsellor, members, municipality, label).await?;
    }
    let year = chrono::Datelike::year(&chrono::Utc::now().date_naive());
    let mut rng = Rng::new(2008);
    for (actor, count) in [(&counsellor, 60), (&officer, 25), (&municipal, 15)] {
        for _ in 0..count {
            let h = household(&mut rng, year);
            let members = h
                .members
                .into_iter()
                .map(|(r, p)| (r, if actor.special_categories { p } else { p.without_special_categories() }))
                .collect();
            add_household(db, actor, members, Some(h.municipality), None).await?;
        }
    }
    crate::demo_returns::seed(db, &user("admin"), &counsellor).await?;
    crate::demo_protection::seed(db, &officer).await?;
    crate::demo_casework::seed(db, &user("admin"), &counsellor, &user("supervisor")).await?;
    crate::demo_directory::seed(db, &user("sysadmin")).await?;
    crate::demo_referrals::seed(db, &counsellor, &[("mocr-fushe-kosove", &municipal), ("mia-dcam", &officer)]).await?;
    crate::demo_discrimination::seed(db, &user("sysadmin"), &user("ombuds"), &user("crp")).await?;
    Ok(true)
}

/// Registers a household; answers the id of its first member (the head).
pub(crate) async fn add_household(
    db: &Db,
    actor: &drom_domain::permission::Actor,
    members: Vec<(Relation, PersonData)>,
    municipality: Option<String>,
    label: Option<String>,
) -> Result<i64> {
    let writer = actor.registry_writer()?;
    let mut list = Vec::new();
    for (relation, p) in members {
        let created = db.registry().create_person(writer, p, Some("demo data")).await?;
        list.push(MemberInput { person_id: created.id, relation });
    }
    let head = list.first().map(|m| m.person_id).unwrap_or_default();
    db.registry()
        .create_household(writer, HouseholdData { label, municipality, members: list }, Some("demo data"))
        .await?;
    Ok(head)
}

fn consent(language: &str) -> LegalBasis {
    LegalBasis {
        kind: LegalBasisKind::Consent,
        consent_date: chrono::NaiveDate::from_ymd_opt(2026, 9, 14),
        consent_scope: Some("registration, return counselling and referral to municipal services".into()),
        consent_language: Some(language.into()),
        legal_reference: None,
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn person(
    given: &str,
    family: &str,
    other_script: Option<(&str, &str)>,
    dob: &str,
    sex: Sex,
    community: &str,
    origin: &str,
    country: &str,
    vulnerabilities: Vec<Vulnerability>,
    language: &str,
) -> PersonData {
    PersonData {
        given_name: given.into(),
        family_name: family.into(),
        given_name_other_script: other_script.map(|o| o.0.into()),
        family_name_other_script: other_script.map(|o| o.1.into()),
        date_of_birth: dob.parse().ok(),
        date_of_birth_estimated: dob.len() == 4,
        sex,
        community: Some(community.into()),
        languages: vec![language.into()],
        documents: vec![],
        contacts: vec![],
        municipality_of_origin: Some(origin.into()),
        current_country: Some(country.into()),
        current_place: None,
        vulnerabilities,
        legal_basis: consent(language),
    }
}

type Members = Vec<(Relation, PersonData)>;

/// A few households written by hand, each showing something the registry must handle.
fn handcrafted() -> Vec<(Members, Option<String>, Option<String>)> {
    use Relation::*;
    use Sex::*;
    vec![
        // Names in both scripts: search for "Djordjevic", "Đorđević" or "Ђорђевић" finds them.
        (
            vec![
                (
                    Head,
                    person(
                        "Dragan",
                        "Đorđević",
                        Some(("Драган", "Ђорђевић")),
                        "1971-04-02",
                        Male,
                        "serb",
                        "Graçanicë",
                        "DE",
                        vec![],
                        "sr",
                    ),
                ),
                (
                    Spouse,
                    person(
                        "Snežana",
                        "Đorđević",
                        Some(("Снежана", "Ђорђевић")),
                        "1975-11",
                        Female,
                        "serb",
                        "Graçanicë",
                        "DE",
                        vec![],
                        "sr",
                    ),
                ),
                (
                    Child,
                    person(
                        "Jovana",
                        "Đorđević",
                        Some(("Јована", "Ђорђевић")),
                        "2009-06-21",
                        Female,
                        "serb",
                        "Graçanicë",
                        "DE",
                        vec![],
                        "sr",
                    ),
                ),
            ],
            Some("Gračanica".into()),
            Some("Đorđević family".into()),
        ),
        // A family whose youngest child needs care not available at home (special category).
        (
            vec![
                (
                    Head,
                    person("Sabit", "Berisha", None, "1980-03-15", Male, "ashkali", "Fushë Kosovë", "DE", vec![], "sq"),
                ),
                (
                    Spouse,
                    person("Hanife", "Berisha", None, "1983", Female, "ashkali", "Fushë Kosovë", "DE", vec![], "sq"),
                ),
                (
                    Child,
                    person(
                        "Arbnora",
                        "Berisha",
                        None,
                        "2008-01-30",
                        Female,
                        "ashkali",
                        "Fushë Kosovë",
                        "DE",
                        vec![],
                        "sq",
                    ),
                ),
                (
                    Child,
                    person("Ardit", "Berisha", None, "2012-09-03", Male, "ashkali", "Fushë Kosovë", "DE", vec![], "sq"),
                ),
                (
                    Child,
                    person(
                        "Elvis",
                        "Berisha",
                        None,
                        "2016-07",
                        Male,
                        "ashkali",
                        "Fushë Kosovë",
                        "DE",
                        vec![Vulnerability::SevereDisability],
                        "sq",
                    ),
                ),
            ],
            Some("Fushë Kosovë".into()),
            Some("Berisha family, returning from Germany".into()),
        ),
        // Returning to the Roma Mahalla of south Mitrovica.
        (
            vec![
                (
                    Head,
                    person(
                        "Bukurije",
                        "Kurteshi",
                        None,
                        "1978-05-09",
                        Female,
                        "roma",
                        "Mitrovicë (e Jugut)",
                        "AT",
                        vec![Vulnerability::SingleParentWithChildren],
                        "rom",
                    ),
                ),
                (
                    Child,
                    person(
                        "Senad",
                        "Kurteshi",
                        None,
                        "2007-12-01",
                        Male,
                        "roma",
                        "Mitrovicë (e Jugut)",
                        "AT",
                        vec![],
                        "rom",
                    ),
                ),
                (
                    Child,
                    person(
                        "Sanije",
                        "Kurteshi",
                        None,
                        "2011-02-17",
                        Female,
                        "roma",
                        "Mitrovicë (e Jugut)",
                        "AT",
                        vec![],
                        "rom",
                    ),
                ),
            ],
            Some("Mitrovicë (e Jugut)".into()),
            Some("Kurteshi family, Roma Mahalla".into()),
        ),
        // An elderly man with no relatives left at home.
        (
            vec![(
                Head,
                person(
                    "Muharem",
                    "Sejdiu",
                    None,
                    "1941",
                    Male,
                    "egyptian",
                    "Gjakovë",
                    "CH",
                    vec![Vulnerability::ElderlyWithoutSupport, Vulnerability::ChronicIllness],
                    "sq",
                ),
            )],
            Some("Gjakovë".into()),
            None,
        ),
    ]
}
