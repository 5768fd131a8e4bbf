//! Demo service directory: the kinds of providers the sources name (regional employment
//! centres, the Migrant Service Centre in Prishtinë/Priština, centres for social work, municipal
//! offices for communities and returns, municipal human rights units, the Ombudsperson
//! Institution, shelters, family medicine centres, NGOs) across Kosovo, with opening hours,
//! languages, phones, what to bring and the needs each meets. The demo's own agencies are linked
//! to their organizations, so referrals between them reach their users. Phone numbers are
//! made up (the +383 38 000 range).

use anyhow::Result;
use drom_directory::DirectoryDb;
use drom_directory::domain::Need;
use drom_directory::hsds::model::*;
use drom_domain::permission::Actor;
use drom_store::Db;

/// One provider's service at one place.
struct Entry {
    organization: &'static str,
    org_description: &'static str,
    /// The demo agency this organization is (its code), if it is one.
    agency: Option<&'static str>,
    service: &'static str,
    description: &'static str,
    needs: &'static [Need],
    municipality: &'static str,
    address: &'static str,
    transportation: &'static str,
    /// Weekly hours: days, opens, closes.
    hours: &'static [(&'static str, &'static str, &'static str)],
    languages: &'static [&'static str],
    documents: &'static [&'static str],
    fees: &'static str,
    eligibility: &'static str,
}

const OFFICE: &[(&str, &str, &str)] = &[("MO,TU,WE,TH,FR", "08:00", "16:00")];
const ALWAYS: &[(&str, &str, &str)] = &[("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")];
const CLINIC: &[(&str, &str, &str)] = &[("MO,TU,WE,TH,FR", "07:00", "19:00"), ("SA", "08:00", "14:00")];

const ID: &[&str] = &["Identity card or passport"];
const ID_RETURN: &[&str] = &["Identity card or passport", "Return certificate or travel document"];

fn employment(municipality: &'static str, address: &'static str) -> Entry {
    Entry {
        organization: "Regional Employment Centre",
        org_description: "Public employment service of the Ministry of Labour and Social Welfare: job mediation, vocational training, employment programmes.",
        agency: None,
        service: "Job mediation and vocational training",
        description: "Registration of jobseekers, job offers, referral to vocational training centres and on-the-job training; returnees are welcome.",
        needs: &[Need::Employment, Need::VocationalTraining],
        municipality,
        address,
        transportation: "In the town centre; ask for the employment office (Zyra e Punësimit).",
        hours: OFFICE,
        languages: &["sq", "sr", "en"],
        documents: &["Identity card", "School or training certificates", "Certificate of residence"],
        fees: "Free",
        eligibility: "Anyone of working age living in the region, including returnees.",
    }
}

fn entries() -> Vec<Entry> {
    let mut v = vec![
        Entry {
            organization: "Migrant Service Centre Prishtinë/Priština",
            org_description: "Information, advice and referral for potential migrants and returnees, opened with the Ministry of Labour and Social Welfare and the Ministry of Internal Affairs.",
            agency: None,
            service: "Information, advice and referral on migration",
            description: "Legal migration and visas, work abroad and recognition of qualifications, risks of irregular migration and trafficking, voluntary return and reintegration, services in Kosovo.",
            needs: &[Need::MigrationInformation, Need::Employment, Need::ReturnReintegration],
            municipality: "Prishtinë",
            address: "Rruga Ukshin Hoti",
            transportation: "City buses 1 and 4 to the centre; the office is on the ground floor.",
            hours: OFFICE,
            languages: &["sq", "sr", "en", "de"],
            documents: &[],
            fees: "Free",
            eligibility: "Anyone thinking of migrating, and returnees.",
        },
        Entry {
            organization: "IOM Mission in Kosovo",
            org_description: "Assisted voluntary return and reintegration programmes, counter-trafficking assistance and the referral network.",
            agency: Some("iom-kosovo"),
            service: "Reintegration assistance for returnees",
            description: "Reception, counselling, reintegration plans, business start-up grants and in-kind assistance, vocational training and on-the-job training for returnees.",
            needs: &[Need::ReturnReintegration, Need::BusinessSupport, Need::VocationalTraining, Need::Employment],
            municipality: "Prishtinë",
            address: "Rruga Lidhja e Pejës",
            transportation: "Bus 4 to Lidhja e Pejës street.",
            hours: OFFICE,
            languages: &["sq", "sr", "rom", "en", "de"],
            documents: ID_RETURN,
            fees: "Free",
            eligibility: "Returnees under an assisted return programme, and vulnerable returnees referred by a partner.",
        },
        Entry {
            organization: "Ministry of Internal Affairs — Department for Citizenship, Asylum and Migration",
            org_description: "Reception of returnees at the airport and the reintegration office.",
            agency: Some("mia-dcam"),
            service: "Reception and registration of returnees",
            description: "Reception at the airport, temporary accommodation for the first days, registration for the reintegration programme.",
            needs: &[Need::ReturnReintegration, Need::Housing, Need::CivilDocuments],
            municipality: "Prishtinë",
            address: "Ministry of Internal Affairs building, Government Complex",
            transportation: "In the Government Complex in the centre.",
            hours: OFFICE,
            languages: &["sq", "sr", "en"],
            documents: ID_RETURN,
            fees: "Free",
            eligibility: "Citizens of Kosovo returning from abroad.",
        },
        Entry {
            organization: "Municipal Office for Communities and Returns, Fushë Kosovë",
            org_description: "The municipality's office for its communities and for returns.",
            agency: Some("mocr-fushe-kosove"),
            service: "Support for returning families",
            description: "Registration of returning families, help with civil documents, referral to social assistance, schools and housing; outreach in Roma, Ashkali and Egyptian neighbourhoods.",
            needs: &[Need::ReturnReintegration, Need::CivilDocuments, Need::Housing, Need::Education],
            municipality: "Fushë Kosovë",
            address: "Municipal building, Rruga Nëna Tereze",
            transportation: "Buses from Prishtinë to Fushë Kosovë stop in front of the municipal building.",
            hours: OFFICE,
            languages: &["sq", "sr", "rom"],
            documents: ID,
            fees: "Free",
            eligibility: "Returnees and members of non-majority communities of the municipality.",
        },
        Entry {
            organization: "Municipal Office for Communities and Returns, Graçanicë",
            org_description: "The municipality's office for its communities and for returns.",
            agency: None,
            service: "Support for returning families",
            description: "Registration of returning families, help with documents, referral to municipal services.",
            needs: &[Need::ReturnReintegration, Need::CivilDocuments],
            municipality: "Graçanicë",
            address: "Municipal building",
            transportation: "Buses from Prishtinë to Gračanica every 20 minutes.",
            hours: OFFICE,
            languages: &["sr", "sq", "rom"],
            documents: ID,
            fees: "Free",
            eligibility: "Returnees and members of the municipality's communities.",
        },
        Entry {
            organization: "Centre for Social Work, Prizren",
            org_description: "Social assistance, social services and child protection in Prizren.",
            agency: Some("csw-prizren"),
            service: "Social assistance and social services",
            description: "Applications for the social assistance scheme, social work with families, child protection and care of vulnerable persons.",
            needs: &[Need::SocialAssistance, Need::ChildProtection, Need::MentalHealth],
            municipality: "Prizren",
            address: "Rruga Remzi Ademaj",
            transportation: "Five minutes on foot from the Shadërvan square.",
            hours: OFFICE,
            languages: &["sq", "tr", "bs", "rom"],
            documents: &["Identity card", "Certificate of family members", "Proof of income or unemployment"],
            fees: "Free",
            eligibility: "Residents of Prizren; the scheme has its own conditions of income.",
        },
        Entry {
            organization: "Centre for Social Work, Gjilan",
            org_description: "Social assistance, social services and child protection in Gjilan.",
            agency: None,
            service: "Social assistance and social services",
            description: "Applications for the social assistance scheme, social work with families, child protection.",
            needs: &[Need::SocialAssistance, Need::ChildProtection],
            municipality: "Gjilan",
            address: "Rruga Adem Jashari",
            transportation: "Near the bus station.",
            hours: OFFICE,
            languages: &["sq", "sr", "tr"],
            documents: &["Identity card", "Certificate of family members"],
            fees: "Free",
            eligibility: "Residents of Gjilan.",
        },
        Entry {
            organization: "Centre for Social Work, Pejë",
            org_description: "Social assistance, social services and child protection in Pejë.",
            agency: None,
            service: "Social assistance and social services",
            description: "Applications for the social assistance scheme, social work with families, child protection.",
            needs: &[Need::SocialAssistance, Need::ChildProtection],
            municipality: "Pejë",
            address: "Rruga Mbretëresha Teutë",
            transportation: "In the town centre.",
            hours: OFFICE,
            languages: &["sq", "bs", "rom"],
            documents: &["Identity card", "Certificate of family members"],
            fees: "Free",
            eligibility: "Residents of Pejë.",
        },
        Entry {
            organization: "Municipal Human Rights Unit, Gjakovë",
            org_description: "Receives complaints about discrimination and human rights in the municipality.",
            agency: None,
            service: "Discrimination complaints and human rights",
            description: "Takes complaints of discrimination by municipal services, advises and refers to the Ombudsperson.",
            needs: &[Need::DiscriminationComplaints, Need::LegalAid],
            municipality: "Gjakovë",
            address: "Municipal building, Rruga Nëna Tereze",
            transportation: "In the town centre, near the old bazaar.",
            hours: OFFICE,
            languages: &["sq", "rom"],
            documents: &[],
            fees: "Free",
            eligibility: "Anyone living in or dealing with the municipality.",
        },
        Entry {
            organization: "Municipal Human Rights Unit, Mitrovicë",
            org_description: "Receives complaints about discrimination and human rights in the municipality.",
            agency: None,
            service: "Discrimination complaints and human rights",
            description: "Takes complaints of discrimination by municipal services, advises and refers to the Ombudsperson.",
            needs: &[Need::DiscriminationComplaints],
            municipality: "Mitrovicë (e Jugut)",
            address: "Municipal building",
            transportation: "In the town centre.",
            hours: OFFICE,
            languages: &["sq", "sr", "rom"],
            documents: &[],
            fees: "Free",
            eligibility: "Anyone living in or dealing with the municipality.",
        },
        Entry {
            organization: "Ombudsperson Institution",
            org_description: "Independent institution that investigates complaints against public authorities and discrimination.",
            agency: Some("ombudsperson"),
            service: "Complaints against public authorities",
            description: "Anyone may complain about a violation of their rights by a public authority, or discrimination; the complaint is free and can be made in any official language.",
            needs: &[Need::DiscriminationComplaints, Need::LegalAid, Need::ChildProtection],
            municipality: "Prishtinë",
            address: "Rruga Migjeni",
            transportation: "Bus 1 to the centre.",
            hours: OFFICE,
            languages: &["sq", "sr", "tr", "bs", "rom", "en"],
            documents: &[],
            fees: "Free",
            eligibility: "Anyone.",
        },
        Entry {
            organization: "Civil Rights Program Kosovo",
            org_description: "Free legal aid and information on civil rights, property and documents; outreach on discrimination.",
            agency: Some("crp-kosovo"),
            service: "Free legal aid",
            description: "Legal counselling and representation on civil documents, property, social rights and discrimination.",
            needs: &[Need::LegalAid, Need::CivilDocuments, Need::DiscriminationComplaints],
            municipality: "Prishtinë",
            address: "Rruga Fehmi Agani",
            transportation: "Ten minutes on foot from the main square.",
            hours: OFFICE,
            languages: &["sq", "sr", "rom", "en"],
            documents: &["Any documents about the matter"],
            fees: "Free",
            eligibility: "Displaced persons, returnees and members of non-majority communities.",
        },
        Entry {
            organization: "Shelter for victims of trafficking",
            org_description: "A shelter NGO of the counter-trafficking referral network.",
            agency: None,
            service: "Safe shelter and assistance for victims of trafficking",
            description: "Safe shelter, medical care, psychological counselling, social and legal assistance, vocational and educational support. The address is given on referral.",
            needs: &[Need::CounterTrafficking, Need::Housing, Need::MentalHealth],
            municipality: "Prishtinë",
            address: "Given on referral",
            transportation: "The shelter arranges transport.",
            hours: ALWAYS,
            languages: &["sq", "sr", "en"],
            documents: &[],
            fees: "Free",
            eligibility: "Presumed and identified victims of trafficking, on referral by the police, a social worker or the victim advocate.",
        },
        Entry {
            organization: "Women's shelter, Gjakovë",
            org_description: "Shelter for women and children who suffered violence.",
            agency: None,
            service: "Shelter for women and children",
            description: "Safe accommodation, counselling and help with the next steps.",
            needs: &[Need::Housing, Need::ChildProtection, Need::MentalHealth],
            municipality: "Gjakovë",
            address: "Given on referral",
            transportation: "The shelter arranges transport.",
            hours: ALWAYS,
            languages: &["sq"],
            documents: &[],
            fees: "Free",
            eligibility: "Women and children at risk, on referral by the police or the centre for social work.",
        },
        Entry {
            organization: "Main Family Medicine Centre, Prizren",
            org_description: "Primary health care.",
            agency: None,
            service: "Family medicine and vaccination",
            description: "Registration with a family doctor, consultations, vaccination of children, referral to specialists.",
            needs: &[Need::Health],
            municipality: "Prizren",
            address: "Rruga Xhemajl Kada",
            transportation: "City bus to the health centre stop.",
            hours: CLINIC,
            languages: &["sq", "tr", "bs"],
            documents: &["Identity card", "Vaccination card of the children"],
            fees: "Co-payment for some services; free for social assistance beneficiaries.",
            eligibility: "Residents of the municipality.",
        },
        Entry {
            organization: "Main Family Medicine Centre, Fushë Kosovë",
            org_description: "Primary health care.",
            agency: None,
            service: "Family medicine and vaccination",
            description: "Registration with a family doctor, consultations, vaccination of children.",
            needs: &[Need::Health],
            municipality: "Fushë Kosovë",
            address: "Rruga Skënderbeu",
            transportation: "Near the railway station.",
            hours: CLINIC,
            languages: &["sq", "rom"],
            documents: &["Identity card"],
            fees: "Co-payment for some services; free for social assistance beneficiaries.",
            eligibility: "Residents of the municipality.",
        },
        Entry {
            organization: "Main Family Medicine Centre, Podujevë",
            org_description: "Primary health care.",
            agency: None,
            service: "Family medicine and mental health",
            description: "Family doctors and the community mental health centre.",
            needs: &[Need::Health, Need::MentalHealth],
            municipality: "Podujevë",
            address: "Town centre",
            transportation: "Buses from Prishtinë every 30 minutes.",
            hours: CLINIC,
            languages: &["sq"],
            documents: &["Identity card"],
            fees: "Co-payment for some services.",
            eligibility: "Residents of the municipality.",
        },
        Entry {
            organization: "Learning centre for Roma, Ashkali and Egyptian children",
            org_description: "Community NGO: homework support, school enrolment and catch-up classes.",
            agency: None,
            service: "Learning support and school enrolment",
            description: "Help with enrolling returned children in school, Albanian and Serbian language classes, homework support, school supplies.",
            needs: &[Need::Education, Need::Interpretation],
            municipality: "Ferizaj",
            address: "Roma neighbourhood community house",
            transportation: "Ten minutes on foot from the bus station.",
            hours: &[("MO,TU,WE,TH,FR", "12:00", "18:00")],
            languages: &["sq", "rom", "de"],
            documents: &["Child's birth certificate", "School reports from abroad, if any"],
            fees: "Free",
            eligibility: "Children and families of the communities.",
        },
    ];
    for (m, a) in [
        ("Prishtinë", "Rruga Agim Ramadani"),
        ("Prizren", "Rruga e Shkronjave"),
        ("Pejë", "Rruga William Walker"),
        ("Gjakovë", "Rruga Ismail Qemali"),
        ("Mitrovicë (e Jugut)", "Rruga Mbretëresha Teutë"),
        ("Ferizaj", "Rruga Dëshmorët e Kombit"),
        ("Gjilan", "Rruga Bulevardi i Pavarësisë"),
    ] {
        v.push(employment(m, a));
    }
    v
}

fn uuid(kind: u32, n: usize) -> String {
    format!("d20a0000-0000-4000-8000-{kind:04x}{n:08x}")
}

fn text(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// The demo directory as HSDS tables.
pub fn tables(municipality_name: impl Fn(&str) -> String) -> Tables {
    let mut t = Tables::default();
    let mut next = 0usize;
    let mut id = |kind: u32| {
        next += 1;
        uuid(kind, next)
    };
    for (i, e) in entries().into_iter().enumerate() {
        let place = municipality_name(e.municipality);
        let org_name = if e.organization == "Regional Employment Centre" {
            format!("{} {place}", e.organization)
        } else {
            e.organization.to_string()
        };
        let org = uuid(1, i);
        t.organizations.push(Organization {
            id: org.clone(),
            name: org_name,
            description: e.org_description.into(),
            ..Default::default()
        });
        let service = uuid(2, i);
        t.services.push(Service {
            id: service.clone(),
            organization_id: org.clone(),
            name: e.service.into(),
            description: text(e.description),
            status: "active".into(),
            fees_description: text(e.fees),
            eligibility_description: text(e.eligibility),
            updated_at: Some("2026-01-15T09:00:00Z".into()),
            ..Default::default()
        });
        let location = uuid(3, i);
        t.locations.push(Location {
            id: location.clone(),
            location_type: "physical".into(),
            organization_id: Some(org.clone()),
            name: Some(place.clone()),
            transportation: text(e.transportation),
            ..Default::default()
        });
        t.addresses.push(Address {
            id: uuid(4, i),
            location_id: Some(location.clone()),
            address_1: e.address.into(),
            city: place.clone(),
            region: Some(e.municipality.into()),
            state_province: "Kosovo".into(),
            postal_code: String::new(),
            country: "XK".into(),
            address_type: "physical".into(),
            ..Default::default()
        });
        t.service_at_locations.push(ServiceAtLocation {
            id: uuid(5, i),
            service_id: service.clone(),
            location_id: location,
            ..Default::default()
        });
        t.phones.push(Phone {
            id: uuid(6, i),
            service_id: Some(service.clone()),
            number: format!("+383 38 000 {:03}", 100 + i),
            ..Default::default()
        });
        for (days, opens, closes) in e.hours {
            t.schedules.push(Schedule {
                id: id(7),
                service_id: Some(service.clone()),
                freq: Some("WEEKLY".into()),
                byday: Some((*days).into()),
                opens_at: Some((*opens).into()),
                closes_at: Some((*closes).into()),
                ..Default::default()
            });
        }
        for code in e.languages {
            t.languages.push(Language {
                id: id(8),
                service_id: Some(service.clone()),
                code: Some((*code).into()),
                ..Default::default()
            });
        }
        for d in e.documents {
            t.required_documents.push(RequiredDocument {
                id: id(9),
                service_id: Some(service.clone()),
                document: Some((*d).into()),
                ..Default::default()
            });
        }
        for n in e.needs {
            t.attributes.push(Attribute {
                id: id(10),
                link_id: service.clone(),
                taxonomy_term_id: n.term_id(),
                link_entity: "service".into(),
                ..Default::default()
            });
        }
    }
    t
}

/// Loads the demo directory on behalf of `sysadmin` and links the demo's agencies to their
/// organizations.
pub async fn seed(db: &Db, sysadmin: &Actor) -> Result<()> {
    let reference = db.reference().await?;
    let t = tables(|m| reference.municipality(m).map(|x| x.name_sq.clone()).unwrap_or_else(|| m.to_string()));
    let admin = sysadmin.administrator()?;
    db.directory().import(admin, "demo directory", &t, &|_| {}).await?;
    let agencies = db.agencies().await?;
    for (i, e) in entries().into_iter().enumerate() {
        let Some(code) = e.agency else { continue };
        if let Some(a) = agencies.iter().find(|a| a.code == code) {
            db.directory().link_agency(sysadmin.administrator()?, &uuid(1, i), Some(a.id)).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_covers_ten_municipalities_and_every_kind_of_provider() {
        let places: std::collections::BTreeSet<&str> = entries().iter().map(|e| e.municipality).collect();
        assert!(places.len() >= 10, "{places:?}");
        let t = tables(|m| m.to_string());
        for kind in [
            "Employment Centre",
            "Migrant Service Centre",
            "Centre for Social Work",
            "Communities and Returns",
            "Human Rights Unit",
            "Ombudsperson",
            "shelter",
            "Medicine Centre",
            "Civil Rights Program",
        ] {
            assert!(t.organizations.iter().any(|o| o.name.contains(kind)), "{kind}");
        }
    }

    #[test]
    fn every_demo_service_is_valid_hsds() {
        let t = tables(|m| m.to_string());
        for s in t.compile() {
            let v = serde_json::to_value(&s).unwrap();
            assert_eq!(drom_directory::hsds::service_errors(&v), Vec::<String>::new(), "{}", s.service.name);
        }
    }
}
