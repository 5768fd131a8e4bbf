//! Demo data for return and reintegration: the programmes named in the IOM Kosovo newsletter
//! (sources/002), information sheets for the municipalities most returnees go to, the 311
//! assisted voluntary returns of 1 May – 31 August 2008 with the newsletter's split by host
//! country and transport, the VARRP reintegration projects of that period (11 projects, 22
//! direct and 26 indirect beneficiaries), and a recent cohort of forced and voluntary returns
//! with monitoring visits, so that the sustainability dashboard has evidence to compare.
//!
//! The sources give no budgets, ceilings or amounts: those below are illustrative. Returnees'
//! names are generated.

use anyhow::Result;
use chrono::NaiveDate;
use drom_domain::permission::Actor;
use drom_registry::RegistryDb;
use drom_registry::store::synthetic::{Rng, household};
use drom_returns::ReturnsDb;
use drom_returns::domain::{AssistanceKind, CeilingBasis, Cents, Remigration};
use drom_returns::store::info_sheets::InfoSheetInput;
use drom_returns::store::monitoring::VisitInput;
use drom_returns::store::plan::{AssessmentInput, DisbursementInput, PlanItemInput};
use drom_returns::store::programmes::{NewOption, NewProgramme};
use drom_screening::ScreeningDb;
use drom_store::Db;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The 2008 period of the newsletter.
pub const PERIOD: (&str, &str) = ("2008-05-01", "2008-08-31");

fn day(s: &str) -> NaiveDate {
    s.parse().expect("demo date")
}

type OptionSpec = (&'static str, AssistanceKind, &'static str, i64, CeilingBasis);

/// Code, name, donor, host countries, target groups, budget in euro, start, options.
type ProgrammeSpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    i64,
    &'static str,
    Vec<OptionSpec>,
);

fn programmes() -> Vec<ProgrammeSpec> {
    use AssistanceKind::*;
    use CeilingBasis::*;
    let vulnerable: &[&str] = &[
        "the elderly",
        "persons with disabilities",
        "unaccompanied minors",
        "single women travelling with children",
        "the sick",
        "ethnic minorities",
    ];
    vec![
        (
            "KHRP",
            "Kosovo Humanitarian Returns Programme — transport and direct assistance",
            "Host governments through IOM",
            &[],
            vulnerable,
            400_000,
            "1999-07-01",
            vec![("direct-assistance", FinancialGrant, "Direct assistance on arrival", 150, PerPerson)],
        ),
        (
            "VARRP",
            "Voluntary Assisted Return and Reintegration Programme",
            "Government of the United Kingdom",
            &["GB"],
            &["Kosovars returning voluntarily from the United Kingdom"],
            600_000,
            "2007-01-01",
            vec![
                ("vocational", VocationalTraining, "Vocational training course", 1_500, PerPerson),
                ("business", BusinessSetup, "Setting up a small business", 3_000, PerHousehold),
                ("education", EducationSupport, "Education support and school fees for children", 800, PerPerson),
                ("job-training", OnTheJobTraining, "On-the-job training with salary subsidy", 2_400, PerPerson),
                ("job-referral", JobReferral, "Employment through referral", 200, PerPerson),
                ("housing", Housing, "Temporary housing", 1_200, PerHousehold),
            ],
        ),
        (
            "REAB",
            "Return and Emigration of Asylum Seekers ex Belgium",
            "Government of Belgium",
            &["BE"],
            &["migrants in need without the means to return"],
            250_000,
            "2006-01-01",
            vec![
                ("training", VocationalTraining, "Training and schooling", 1_000, PerPerson),
                ("micro-grant", MicroGrant, "Expansion of a business: micro grant and tools", 2_000, PerHousehold),
                ("job-referral", JobReferral, "Job referral", 200, PerPerson),
                ("medical", MedicalSupport, "Medical treatment and medicines", 1_500, PerPerson),
                ("housing", Housing, "Housing accommodation", 1_500, PerHousehold),
                ("housing-equipment", HousingEquipment, "Housing equipment", 700, PerHousehold),
            ],
        ),
        (
            "RAS",
            "Returns Assistance Switzerland",
            "Government of Switzerland",
            &["CH"],
            &["persons returning voluntarily from Switzerland to their communities of origin"],
            200_000,
            "2005-01-01",
            vec![
                ("education", EducationSupport, "Support for education", 800, PerPerson),
                ("medicines", MedicalSupport, "Purchase of medications", 1_000, PerPerson),
                ("housing-equipment", HousingEquipment, "Housing equipment", 1_000, PerHousehold),
                ("resettlement", FinancialGrant, "Financial resettlement assistance", 1_000, PerPerson),
                ("toolkit", Toolkit, "Toolkit to start or expand a small business", 2_500, PerHousehold),
            ],
        ),
        (
            "AVR-WB-RIF",
            "AVR for the Western Balkans and the Return Information Fund",
            "Government of Switzerland (Migration Partnership for the Western Balkans 2007-2009)",
            &["CH"],
            &["vulnerable persons, including members of ethnic minorities from Kosovo under the Swiss asylum regime"],
            300_000,
            "2007-01-01",
            vec![
                ("financial", FinancialGrant, "Financial reintegration assistance", 1_000, PerPerson),
                ("housing", Housing, "Housing assistance", 4_000, PerHousehold),
                ("medical", MedicalSupport, "Medical assistance", 2_000, PerPerson),
                ("vocational", VocationalTraining, "Vocational assistance", 1_500, PerPerson),
                ("education", EducationSupport, "Education assistance", 800, PerPerson),
            ],
        ),
        (
            "CE-AVR",
            "Assisted Voluntary Return Programme from Central Europe",
            "Governments of Hungary, Slovakia, the Czech Republic and Poland",
            &["HU", "SK", "CZ", "PL"],
            &["persons returning voluntarily from Central Europe"],
            120_000,
            "2007-06-01",
            vec![
                ("return-grant", FinancialGrant, "Financial return grant", 500, PerPerson),
                ("small-business", BusinessSetup, "Setting up a small business", 2_500, PerHousehold),
            ],
        ),
    ]
}

/// Information sheets: what a counsellor tells a person about the place they would go to.
const SHEETS: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "prishtine",
        "Municipal Office for Communities and Returns in the municipal building; Centre for Social Work; Regional Employment Centre with the Migrant Service Centre (information, advice and referral).",
        "No municipal returnee housing is free at present; rented flats in the city cost more than in the villages. Temporary housing can come from a programme's assistance.",
        "Primary and secondary schools in Albanian; returnee children can enrol during the year with their foreign school reports; catch-up classes through the municipal education directorate.",
        "University Clinical Centre and family medicine centres; bring medical records and the list of medicines taken abroad.",
        "No specific security incidents against returnees reported in the last quarter.",
    ),
    (
        "fushe-kosove",
        "Office for Communities and Returns; Centre for Social Work; learning centres run with community organisations in Ashkali and Roma neighbourhoods.",
        "Several families wait for reconstruction; social housing list kept by the municipality; a programme can help with rent for the first months.",
        "Schools in Albanian; learning centres offer homework support and help children returning from Germany with the language.",
        "Family medicine centre in the town; hospital care in Prishtinë.",
        "Generally calm; report any incident to the Kosovo Police station in the town and to the Office for Communities and Returns.",
    ),
    (
        "mitrovice-e-jugut",
        "Office for Communities and Returns; Centre for Social Work; community centre in the Roma Mahalla.",
        "Rebuilt flats and houses in the Roma Mahalla; a waiting list for families still displaced.",
        "Schools in Albanian near the Mahalla; a kindergarten renovated in 2008.",
        "Health centre in the Roma Mahalla; regional hospital in the city.",
        "Freedom of movement across the river remains sensitive; check the current situation before travelling north.",
    ),
    (
        "prizren",
        "Office for Communities and Returns; Centre for Social Work; Regional Employment Centre.",
        "Private rentals available; some returnee families are hosted by relatives at first.",
        "Schools in Albanian, Bosnian and Turkish.",
        "Regional hospital and family medicine centres.",
        "No specific security concerns reported for returnees.",
    ),
    (
        "peje",
        "Office for Communities and Returns; Centre for Social Work.",
        "Reconstruction projects for returnee houses in some villages.",
        "Schools in Albanian and Bosnian.",
        "Regional hospital; family medicine centres.",
        "No specific security concerns reported for returnees.",
    ),
    (
        "gjakove",
        "Office for Communities and Returns; Centre for Social Work; Egyptian community association.",
        "Social housing list kept by the municipality.",
        "Schools in Albanian; catch-up classes for returnee children.",
        "Regional hospital and family medicine centres.",
        "No specific security concerns reported for returnees.",
    ),
    (
        "ferizaj",
        "Office for Communities and Returns; Centre for Social Work; Regional Employment Centre.",
        "Private rentals available in the town.",
        "Schools in Albanian; vocational school in the town.",
        "Regional hospital; new village clinics built in 2008.",
        "No specific security concerns reported for returnees.",
    ),
    (
        "gracanice",
        "Municipal Office for Communities and Returns; Centre for Social Work.",
        "Returnee houses rebuilt in several villages; applications through the municipality.",
        "Schools in Serbian.",
        "Health centre in the town; hospital care in Gračanica and Prishtinë.",
        "Generally calm; report any incident to the Kosovo Police and the Office for Communities and Returns.",
    ),
];

/// Host countries of the 2008 period: persons by country and by programme (the newsletter's
/// figures; the programme split follows what it says of each programme), with case sizes.
fn period_2008() -> Vec<(&'static str, &'static str, Vec<usize>, &'static str)> {
    vec![
        ("AT", "KHRP", vec![3, 5, 2, 4, 1, 6, 3, 2, 5, 4, 1, 3, 6, 2, 4, 5, 3, 1, 2, 4, 6, 3, 2, 4, 3, 1, 4, 3], "air"),
        ("AT", "KHRP", vec![3], "land"),
        ("DE", "KHRP", vec![4, 2, 5, 3, 1, 6, 2, 4, 3, 5, 1, 2, 4, 3, 6, 2, 5, 3, 4, 1, 2, 4], "air"),
        ("NO", "KHRP", vec![1, 3, 2, 4, 1, 5, 2, 3, 1, 4, 2, 3, 1, 2, 3], "air"),
        ("BE", "REAB", vec![3, 1, 1, 1, 1, 1], "air"),
        ("BE", "KHRP", vec![4, 2, 3, 1, 5, 2, 2], "air"),
        ("GB", "VARRP", vec![1, 2, 1, 3, 1, 1, 2, 1, 4, 1, 2, 1, 1, 2], "air"),
        ("GB", "KHRP", vec![2, 1], "air"),
        ("CH", "AVR-WB-RIF", vec![5, 4, 2], "air"),
        ("CH", "RAS", vec![1, 1, 2, 1, 1], "air"),
        ("CH", "KHRP", vec![3, 2], "air"),
        ("NL", "KHRP", vec![4, 2, 3, 1, 4], "air"),
        ("LU", "KHRP", vec![3, 2], "air"),
        ("HU", "CE-AVR", vec![4], "land"),
        ("FI", "KHRP", vec![2, 2], "air"),
        ("SE", "KHRP", vec![2], "air"),
        ("DK", "KHRP", vec![1], "air"),
        ("FR", "KHRP", vec![1], "air"),
        ("IT", "KHRP", vec![1], "air"),
    ]
}

const DESTINATIONS: &[&str] = &[
    "prishtine",
    "prishtine",
    "mitrovice-e-jugut",
    "prizren",
    "ferizaj",
    "peje",
    "gjakove",
    "fushe-kosove",
    "gjilan",
    "podujeve",
    "vushtrri",
    "gracanice",
    "viti",
    "gllogoc",
];

const HEADER: &str = "case_ref,given_name,family_name,date_of_birth,sex,community,relation,host_country,return_type,transport,departure_date,arrival_date,destination_municipality,programme\n";

/// Appends the rows of one generated case to `csv`.
#[allow(clippy::too_many_arguments)]
fn case_rows(
    csv: &mut String,
    rng: &mut Rng,
    reference: &str,
    size: usize,
    country: &str,
    return_type: &str,
    transport: &str,
    arrival: NaiveDate,
    destination: &str,
    programme: &str,
) {
    let year = chrono::Datelike::year(&arrival);
    let mut h = household(rng, year);
    while h.members.len() < size {
        h = household(rng, year);
    }
    let departure = if transport == "land" { arrival.pred_opt().unwrap_or(arrival) } else { arrival };
    // Without a transport the case has not travelled yet: no dates.
    let (departure, arrival) = match transport {
        "" => (String::new(), String::new()),
        _ => (departure.to_string(), arrival.to_string()),
    };
    for (i, (relation, p)) in h.members.into_iter().take(size).enumerate() {
        let relation = if i == 0 { "head" } else { relation.code() };
        let dob = p.date_of_birth.map(|d| d.to_string()).unwrap_or_default();
        let community = p.community.unwrap_or_default();
        let (c, r, t, d, a, m, g) = if i == 0 {
            (country, return_type, transport, departure.clone(), arrival.clone(), destination, programme)
        } else {
            ("", "", "", String::new(), String::new(), "", "")
        };
        let _ = writeln!(
            csv,
            "{reference},{},{},{dob},{},{community},{relation},{c},{r},{t},{d},{a},{m},{g}",
            p.given_name,
            p.family_name,
            p.sex.code()
        );
    }
}

/// Loads the return and reintegration demo data. `admin` adds the programmes; `counsellor`
/// (IOM, with the special-category permission) holds the cases.
pub async fn seed(db: &Db, admin: &Actor, counsellor: &Actor) -> Result<()> {
    let admin = admin.administrator()?;
    for (code, name, donor, countries, groups, budget, start, options) in programmes() {
        db.returns()
            .create_programme(
                admin,
                NewProgramme {
                    code: code.into(),
                    name: name.into(),
                    donor: donor.into(),
                    host_countries: countries.iter().map(|c| c.to_string()).collect(),
                    target_groups: groups.iter().map(|g| g.to_string()).collect(),
                    budget_cents: Cents(budget * 100),
                    starts_on: day(start),
                    ends_on: None,
                    approval_above_cents: None,
                    orders_need_approval: false,
                    options: options
                        .into_iter()
                        .map(|(code, kind, description, ceiling, basis)| NewOption {
                            code: code.into(),
                            kind,
                            description: description.into(),
                            ceiling_cents: Cents(ceiling * 100),
                            ceiling_basis: basis,
                        })
                        .collect(),
                },
            )
            .await?;
    }
    // Sheets are the administrator's to write, dated the day they are.
    for (m, services, housing, schools, health_care, safety) in SHEETS {
        let input = InfoSheetInput {
            services: (*services).into(),
            housing: (*housing).into(),
            schools: (*schools).into(),
            health_care: (*health_care).into(),
            safety: (*safety).into(),
            updated_on: None,
        };
        db.returns().update_info_sheet(admin.actor(), m, input).await?;
    }
    let writer = counsellor.registry_writer()?;

    // The 2008 period, imported as an office would bring its records.
    let mut rng = Rng::new(311);
    let mut csv = String::from(HEADER);
    let (start, _) = PERIOD;
    let start = day(start);
    let mut n = 0;
    let mut varrp_cases = Vec::new();
    for (country, programme, sizes, transport) in period_2008() {
        for size in sizes {
            n += 1;
            // Spread over the 123 days of the period.
            let arrival = start + chrono::Duration::days((n * 37 % 123) as i64);
            let destination = *rng.skewed(DESTINATIONS);
            let reference = format!("AVR-2008-{n:03}");
            if programme == "VARRP" {
                varrp_cases.push(reference.clone());
            }
            case_rows(
                &mut csv,
                &mut rng,
                &reference,
                size,
                country,
                "voluntary",
                transport,
                arrival,
                destination,
                programme,
            );
        }
    }
    // A recent cohort, forced and voluntary, followed by monitoring visits.
    let mut cohort = Vec::new();
    for i in 0..60 {
        let forced = i % 2 == 1;
        let arrival = day("2025-01-06") + chrono::Duration::days(i64::from(i) * 5);
        let reference = format!("RET-2025-{:03}", i + 1);
        let country = *rng.skewed(&["DE", "AT", "CH", "BE", "NO", "SE"]);
        let destination = *rng.skewed(DESTINATIONS);
        let (kind, programme) = if forced { ("forced", "") } else { ("voluntary", "KHRP") };
        let size = 1 + rng.below(4);
        // A forced return is imported as registered: it goes past its order only through the
        // protection gate, below.
        let transport = if forced { "" } else { "air" };
        case_rows(&mut csv, &mut rng, &reference, size, country, kind, transport, arrival, destination, programme);
        cohort.push((reference, forced, arrival));
    }
    db.returns()
        .import_returns(
            writer,
            "demo-return-records-2008-2025.csv",
            csv.as_bytes(),
            Some("demo data: return records of 2008 and 2025"),
        )
        .await?;

    let cases = db.returns().return_cases(counsellor, &Default::default()).await?.total;
    tracing::debug!(cases, "demo return cases imported");
    let ids = case_ids(db, counsellor).await?;
    let cohort = forced_returns(db, counsellor, &ids, cohort).await?;
    varrp_projects(db, counsellor, &ids, &varrp_cases).await?;
    monitoring(db, counsellor, &ids, &cohort, &mut rng).await?;
    Ok(())
}

/// The forced returns of the recent cohort, as a protection officer works them: the household
/// is screened for the order date with every fact established, the order recorded, and the
/// return goes on only where the protection gate opens. Where the policy protects someone (Roma
/// families, under the policy in force since 2006), the case stays at the order, blocked, for
/// the officer to close or convert. Answers the cohort that arrived.
async fn forced_returns(
    db: &Db,
    actor: &Actor,
    ids: &BTreeMap<String, i64>,
    cohort: Vec<(String, bool, NaiveDate)>,
) -> Result<Vec<(String, bool, NaiveDate)>> {
    use drom_returns::store::steps::{ArrivalInput, ForcedOrderInput, TravelInput};
    use drom_screening::{Fact, ReturnType};
    let writer = actor.registry_writer()?;
    let mut arrived = Vec::new();
    for (reference, forced, arrival) in cohort {
        let Some(id) = ids.get(&reference).copied() else { continue };
        if !forced {
            arrived.push((reference, forced, arrival));
            continue;
        }
        let case = db.returns().return_case(actor, id).await?;
        let ordered_on = arrival - chrono::Duration::days(30);
        let facts = case
            .members
            .iter()
            .map(|m| {
                let answers = Fact::ALL
                    .iter()
                    .filter(|f| **f != Fact::InformedConsent)
                    .map(|f| (f.code().to_string(), "no".to_string()))
                    .collect();
                (m.person_id.to_string(), answers)
            })
            .collect();
        let request = drom_screening::store::screenings::ScreeningRequest {
            person_id: case.person_id,
            return_type: ReturnType::Forced,
            informed_consent: None,
            as_of: Some(ordered_on),
            policy: None,
            facts,
        };
        db.screenings().screen_person(writer, &db.screenings().policies(), request).await?;
        let order = ForcedOrderInput { ordered_on, reference: format!("Readmission request {reference}") };
        let case = db.returns().order_forced_return(writer, id, order).await?;
        if !case.gate.as_ref().is_some_and(|g| g.open) {
            continue;
        }
        let travel = TravelInput {
            transport: drom_returns::domain::Transport::Air,
            route: "Düsseldorf DUS - Prishtinë PRN".into(),
            departure_on: arrival,
            special_needs: vec![],
            airport_assistance: true,
            destination_municipality: case.destination_municipality.clone().unwrap_or_else(|| "prishtine".into()),
        };
        db.returns().arrange_travel(writer, id, travel).await?;
        db.returns().confirm_arrival(writer, id, ArrivalInput { arrived_on: arrival, note: None }).await?;
        arrived.push((reference, forced, arrival));
    }
    Ok(arrived)
}

/// Case ids by the reference of their imported household label ("Return case REF").
async fn case_ids(db: &Db, actor: &Actor) -> Result<BTreeMap<String, i64>> {
    let mut map = BTreeMap::new();
    let mut page = 1;
    loop {
        let q = drom_returns::store::cases::CaseQuery { page: Some(page), per_page: Some(100), ..Default::default() };
        let list = db.returns().return_cases(actor, &q).await?;
        if list.items.is_empty() {
            break;
        }
        for c in list.items {
            if let Some(h) = db.registry().person(actor, c.person_id).await?.household_id {
                let label = db.registry().household(actor, h).await?.label.unwrap_or_default();
                if let Some(r) = label.strip_prefix("Return case ") {
                    map.insert(r.to_string(), c.id);
                }
            }
        }
        page += 1;
    }
    Ok(map)
}

/// The VARRP reintegration fund in the period: 11 projects, 22 direct and 26 indirect
/// beneficiaries (sources/002).
async fn varrp_projects(db: &Db, actor: &Actor, ids: &BTreeMap<String, i64>, cases: &[String]) -> Result<()> {
    let writer = actor.registry_writer()?;
    // (option, description, euro, direct, indirect)
    let projects: [(&str, &str, i64, i64, i64); 11] = [
        ("job-training", "On-the-job training in a restaurant, salary subsidy", 2_400, 1, 3),
        ("business", "Small shop in the service sector", 3_000, 2, 3),
        ("job-training", "On-the-job training on a construction site", 2_000, 3, 2),
        ("business", "Vegetable growing and greenhouse", 2_800, 2, 4),
        ("vocational", "Course for car mechanics", 1_500, 1, 2),
        ("job-training", "Salary subsidy with a bakery", 2_400, 2, 2),
        ("business", "Building works: tools and materials", 3_000, 3, 3),
        ("job-training", "On-the-job training in agriculture", 1_800, 2, 2),
        ("business", "Barber shop", 2_500, 2, 2),
        ("vocational", "Course for electricians", 1_500, 2, 1),
        ("job-training", "Salary subsidy with a furniture workshop", 2_200, 2, 2),
    ];
    let programme = db.returns().programmes(actor).await?.into_iter().find(|p| p.code == "VARRP");
    let Some(programme) = programme else { return Ok(()) };
    for (i, (option, description, euro, direct, indirect)) in projects.into_iter().enumerate() {
        let Some(id) = cases.get(i % cases.len()).and_then(|r| ids.get(r)) else { continue };
        let case = db.returns().return_case(actor, *id).await?;
        let arrived = day(case.arrived_on.as_deref().unwrap_or("2008-05-01"));
        let Some(option) = programme.options.iter().find(|o| o.code == option) else { continue };
        if case.plan.is_empty() {
            let assessment = AssessmentInput {
                skills: "Work experience abroad in services and construction".into(),
                education: "Secondary school".into(),
                work_experience: "Several years of seasonal work in the United Kingdom".into(),
                languages: vec!["sq".into(), "en".into()],
                housing: "Lives with relatives".into(),
                children_schooling: "Children enrolled on return".into(),
                health_needs: None,
            };
            db.returns().assess(writer, *id, assessment).await?;
        }
        let end = day(PERIOD.1);
        let committed_on = (arrived + chrono::Duration::days(2)).min(end);
        let plan_item = PlanItemInput {
            option_id: option.id,
            description: description.into(),
            amount_cents: Cents(euro * 100),
            committed_on,
            direct_beneficiaries: Some(direct),
            indirect_beneficiaries: indirect,
        };
        let case = db.returns().add_plan_item(writer, *id, plan_item).await?;
        let item = case.plan.last().map(|p| p.id).unwrap_or_default();
        // Paid within the period: the newsletter counts these projects in it.
        let paid_on = (arrived + chrono::Duration::days(10)).min(end);
        let payment = DisbursementInput { plan_item_id: item, amount_cents: Cents(euro * 100), paid_on, note: None };
        db.returns().disburse(writer, *id, payment).await?;
    }
    Ok(())
}

/// Visits at 3, 6 and 12 months for the recent cohort. Forced returnees leave again more often
/// and score lower, as the sources report; the figures are generated, not measured.
async fn monitoring(
    db: &Db,
    actor: &Actor,
    ids: &BTreeMap<String, i64>,
    cohort: &[(String, bool, NaiveDate)],
    rng: &mut Rng,
) -> Result<()> {
    let writer = actor.registry_writer()?;
    let config = db.returns().sustainability();
    let today = chrono::Utc::now().date_naive();
    for (reference, forced, arrival) in cohort {
        let Some(id) = ids.get(reference) else { continue };
        let mut left = false;
        for months in [3u32, 6, 12] {
            let Some(visited_on) = arrival.checked_add_months(chrono::Months::new(months)) else { continue };
            if visited_on > today || left {
                break;
            }
            // Chance of having left again by this visit, in percent.
            let leave = if *forced { [25, 20, 15] } else { [4, 5, 6] }[(months / 6) as usize];
            left = rng.chance(leave);
            let remigration = if left {
                Remigration::LeftAgain
            } else if rng.chance(8) {
                Remigration::MovedWithinCountry
            } else {
                Remigration::Stayed
            };
            let mut answers = BTreeMap::new();
            if !left {
                let base = if *forced { 35 } else { 60 };
                for i in &config.indicators {
                    let pct = (base + rng.below(40)) as u32;
                    answers.insert(i.id.clone(), (i.max * pct).div_ceil(100).min(i.max));
                }
            }
            let note = left.then(|| "Neighbours say the family left for western Europe".to_string());
            db.returns().record_visit(writer, *id, VisitInput { visited_on, remigration, answers, note }).await?;
        }
    }
    Ok(())
}
