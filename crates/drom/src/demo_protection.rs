//! The protection officer's demo: forced returns held at the protection gate. A Roma family of
//! seven, screened with every fact established, may not be returned by force under the policy
//! in force (UNHCR's 2006 position keeps Roma presumed at risk); an Albanian family's screening
//! still needs assessment. Both have a host country's order and wait for the officer. A sample
//! readmission list to upload is in `docs/examples/readmission-list.csv`.

use crate::demo::{add_household, person};
use anyhow::Result;
use drom_domain::permission::Actor;
use drom_domain::vocab::{Relation, Sex};
use drom_registry::RegistryDb;
use drom_returns::ReturnsDb;
use drom_returns::domain::ReturnType;
use drom_returns::store::cases::NewCase;
use drom_returns::store::steps::ForcedOrderInput;
use drom_screening::Fact;
use drom_screening::ScreeningDb;
use drom_screening::store::screenings::ScreeningRequest;
use drom_store::Db;
use std::collections::HashMap;

pub async fn seed(db: &Db, officer: &Actor) -> Result<()> {
    use Relation::*;
    use Sex::*;
    let writer = officer.registry_writer()?;
    let today = chrono::Utc::now().date_naive();
    let roma =
        |given: &str, dob: &str, sex| person(given, "Bajrami", None, dob, sex, "roma", "Prizren", "DE", vec![], "rom");
    let family = vec![
        (Head, roma("Selim", "1971-03-14", Male)),
        (Spouse, roma("Hajrije", "1975", Female)),
        (Child, roma("Elvis", "2003-07-02", Male)),
        (Child, roma("Senad", "2006", Male)),
        (Child, roma("Mirlinda", "2009-10-21", Female)),
        (Child, roma("Arben", "2013", Male)),
        (Grandparent, roma("Lutfije", "1948", Female)),
    ];
    let head = add_household(db, officer, family, Some("prizren".into()), Some("Bajrami family".into())).await?;
    let members = db
        .registry()
        .household(officer, db.registry().person(officer, head).await?.household_id.unwrap_or_default())
        .await?;
    let all_no: HashMap<String, HashMap<String, String>> = members
        .members
        .iter()
        .map(|m| {
            let facts = Fact::ALL
                .iter()
                .filter(|f| **f != Fact::InformedConsent)
                .map(|f| (f.code().to_string(), "no".to_string()))
                .collect();
            (m.person_id.to_string(), facts)
        })
        .collect();
    let ordered_on = today - chrono::Duration::days(10);
    let screen = |person_id, facts| ScreeningRequest {
        person_id,
        return_type: drom_screening::ReturnType::Forced,
        informed_consent: None,
        as_of: Some(ordered_on),
        policy: None,
        facts,
    };
    db.screenings().screen_person(writer, &db.screenings().policies(), screen(head, all_no)).await?;
    forced_case(db, officer, head, "DE", "Readmission request RA-2026-0412", ordered_on).await?;

    // Facts not yet established: the officer answers them on the screening's page.
    let albanian = |given: &str, dob: &str, sex| {
        person(given, "Hoxha", None, dob, sex, "albanian", "Fushë Kosovë", "AT", vec![], "sq")
    };
    let family = vec![
        (Head, albanian("Agron", "1980-05-09", Male)),
        (Spouse, albanian("Vjollca", "1984", Female)),
        (Child, albanian("Dea", "2015", Female)),
    ];
    let head = add_household(db, officer, family, Some("fushe-kosove".into()), Some("Hoxha family".into())).await?;
    db.screenings().screen_person(writer, &db.screenings().policies(), screen(head, HashMap::new())).await?;
    forced_case(db, officer, head, "AT", "BFA readmission 2026/7781", ordered_on).await?;
    Ok(())
}

async fn forced_case(
    db: &Db,
    officer: &Actor,
    person_id: i64,
    host: &str,
    reference: &str,
    ordered_on: chrono::NaiveDate,
) -> Result<()> {
    let writer = officer.registry_writer()?;
    let new = NewCase {
        person_id,
        whole_household: true,
        return_type: ReturnType::Forced,
        host_country: host.into(),
        programme_id: None,
        destination_municipality: None,
        registered_on: Some(ordered_on - chrono::Duration::days(3)),
        entered_from_paper: false,
    };
    let case = db.returns().create_case(writer, new).await?;
    db.returns()
        .order_forced_return(writer, case.id, ForcedOrderInput { ordered_on, reference: reference.into() })
        .await?;
    Ok(())
}
