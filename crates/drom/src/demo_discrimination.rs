//! The demo's discrimination reports and outreach. The bodies are those the Civil Rights
//! Program Kosovo newsletter (Dec 2022) names: the Ombudsperson Institution, the Office for
//! Good Governance, the Gender Equality Agency and the Municipal Human Rights Units of Fushë
//! Kosovë, Lipjan, Shtime, Graçanicë, Obiliq and Novobërdë, with the police for hate crimes.
//! Its project period, November 2021 to October 2022, had 10 public information meetings, 7
//! trainings for municipal officials and 2 round tables; those activities are here with the
//! newsletter's topics (days, places and participant counts are illustrative: the newsletter
//! gives none). The reports are written as community members tell such cases; they come in
//! through the public form's own path (proof of work and all) and the Ombudsperson's
//! caseworker works some of them to an outcome.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use drom_discrimination::DiscriminationDb;
use drom_discrimination::domain::{
    ActivityKind, Area, BodyKind, Ground, NewReport, Outcome, Period, Perpetrator, ReporterRole,
};
use drom_discrimination::store::bodies::BodySettings;
use drom_discrimination::store::handle::{Acknowledgement, Closure, StaffMessage};
use drom_discrimination::store::outreach::{NewActivity, Participants};
use drom_discrimination::store::public::Proof;
use drom_domain::permission::Actor;
use drom_domain::vocab::Sex;
use drom_store::Db;

/// Agency code, kind, municipality of a unit.
const BODIES: &[(&str, BodyKind, Option<&str>)] = &[
    ("ombudsperson", BodyKind::Ombudsperson, None),
    ("ogg", BodyKind::GoodGovernance, None),
    ("gea", BodyKind::GenderEquality, None),
    ("police-hate-crime", BodyKind::Police, None),
    ("mhru-fushe-kosove", BodyKind::MunicipalUnit, Some("Fushë Kosovë")),
    ("mhru-lipjan", BodyKind::MunicipalUnit, Some("Lipjan")),
    ("mhru-shtime", BodyKind::MunicipalUnit, Some("Shtime")),
    ("mhru-gracanice", BodyKind::MunicipalUnit, Some("Graçanicë")),
    ("mhru-obiliq", BodyKind::MunicipalUnit, Some("Obiliq")),
    ("mhru-novoberde", BodyKind::MunicipalUnit, Some("Novobërdë")),
];

/// What happens to a demo report once it is in.
enum Then {
    Nothing,
    Acknowledge,
    Ask(&'static str),
    Close(Outcome, &'static str),
}

struct Demo {
    text: &'static str,
    municipality: &'static str,
    area: Area,
    grounds: &'static [Ground],
    perpetrator: Perpetrator,
    anonymous: bool,
    then: Then,
}

fn reports() -> Vec<Demo> {
    use Ground::*;
    vec![
        Demo {
            text: "The shop owner told my daughter and me to leave and said he does not serve Roma.",
            municipality: "Prishtinë",
            area: Area::GoodsServices,
            grounds: &[Ethnicity],
            perpetrator: Perpetrator::PrivatePerson,
            anonymous: true,
            then: Then::Ask("Can you tell us the name of the shop and the day it happened?"),
        },
        Demo {
            text: "At the employment office they told me Egyptian women are not sent to the training course.",
            municipality: "Prizren",
            area: Area::Employment,
            grounds: &[Ethnicity, Sex],
            perpetrator: Perpetrator::PrivatePerson,
            anonymous: false,
            then: Then::Nothing,
        },
        Demo {
            text: "The clinic refused to register my mother because her documents are from Serbia.",
            municipality: "Gjakovë",
            area: Area::HealthCare,
            grounds: &[Citizenship, Ethnicity],
            perpetrator: Perpetrator::PrivatePerson,
            anonymous: false,
            then: Then::Close(
                Outcome::RecommendationIssued,
                "We recommended that the clinic register patients on any valid identity document; it agreed.",
            ),
        },
        Demo {
            text: "The landlord cancelled the rent when he heard we are Ashkali.",
            municipality: "Ferizaj",
            area: Area::Housing,
            grounds: &[Ethnicity],
            perpetrator: Perpetrator::PrivatePerson,
            anonymous: true,
            then: Then::Acknowledge,
        },
        Demo {
            text: "The bus driver does not stop for the children from our neighbourhood.",
            municipality: "Pejë",
            area: Area::PublicServices,
            grounds: &[Ethnicity, Colour],
            perpetrator: Perpetrator::Unknown,
            anonymous: true,
            then: Then::Close(
                Outcome::ResolvedByMediation,
                "After a meeting with the bus company the stop is served again.",
            ),
        },
        Demo {
            text: "The school in our village puts all Roma children in one class at the back.",
            municipality: "Fushë Kosovë",
            area: Area::Education,
            grounds: &[Ethnicity],
            perpetrator: Perpetrator::PublicInstitution,
            anonymous: false,
            then: Then::Nothing,
        },
        Demo {
            text: "The civil registry clerk would not register my son's birth without a lawyer.",
            municipality: "Lipjan",
            area: Area::PublicServices,
            grounds: &[Ethnicity, Birth],
            perpetrator: Perpetrator::PublicInstitution,
            anonymous: true,
            then: Then::Nothing,
        },
        Demo {
            text: "Young men threw stones at our house and shouted insults about Egyptians.",
            municipality: "Obiliq",
            area: Area::Other,
            grounds: &[Ethnicity],
            perpetrator: Perpetrator::Unknown,
            anonymous: true,
            then: Then::Nothing,
        },
        Demo {
            text: "I was dismissed when I told my employer that I am pregnant.",
            municipality: "Shtime",
            area: Area::Employment,
            grounds: &[Pregnancy, Sex],
            perpetrator: Perpetrator::PrivatePerson,
            anonymous: false,
            then: Then::Nothing,
        },
    ]
}

fn day(s: &str) -> NaiveDate {
    s.parse().expect("demo day")
}

/// The bodies, the reports and the outreach of the demo.
pub async fn seed(db: &Db, sysadmin: &Actor, ombuds: &Actor, crp: &Actor) -> Result<()> {
    let d = db.discrimination();
    let agencies = db.agencies().await?;
    let reference = db.reference().await?;
    let municipality = |name: &str| {
        reference
            .municipalities
            .iter()
            .find(|m| m.name_sq == name || m.code == name)
            .map(|m| m.code.clone())
            .with_context(|| format!("demo municipality {name}"))
    };
    for (code, kind, m) in BODIES {
        let agency = agencies.iter().find(|a| a.code == *code).with_context(|| format!("demo agency {code}"))?;
        let settings = BodySettings {
            kind: *kind,
            municipality: m.map(municipality).transpose()?,
            ack_days: None,
            retention_days: None,
            active: Some(true),
        };
        d.set_body(sysadmin, agency.id, settings).await?;
    }
    let today = chrono::Utc::now().date_naive();
    let (_, bits) = d.challenge().await?;
    for r in reports() {
        let (challenge, _) = d.challenge().await?;
        let counter = drom_discrimination::domain::pow::solve(&challenge, bits as u32);
        let proof = Proof { challenge, counter: Some(counter), website: None };
        let report = NewReport {
            description: r.text.into(),
            happened_period: Some(Period::LastMonth),
            municipality: municipality(r.municipality)?,
            area: r.area,
            grounds: r.grounds.to_vec(),
            perpetrator: r.perpetrator,
            reporter_role: ReporterRole::Victim,
            contact_phone: (!r.anonymous).then(|| "+383 44 000 000".into()),
            community: (!r.anonymous).then(|| "roma".into()),
            language: Some("sq".into()),
            ..Default::default()
        };
        d.submit(&proof, report, Vec::new(), today).await?;
        let id = d.reports(ombuds, &Default::default()).await?.first().map(|l| l.id);
        let Some(id) = id else { continue };
        if d.report(ombuds, id).await?.description.as_deref() != Some(r.text) {
            // Routed to another body: that body's staff take it from here.
            continue;
        }
        match r.then {
            Then::Nothing => {}
            Then::Acknowledge => {
                d.acknowledge(ombuds, id, Acknowledgement::default()).await?;
            }
            Then::Ask(q) => {
                d.acknowledge(ombuds, id, Acknowledgement::default()).await?;
                d.message(ombuds, id, StaffMessage { body: q.into(), question: true }).await?;
            }
            Then::Close(outcome, decision) => {
                d.acknowledge(ombuds, id, Acknowledgement::default()).await?;
                d.close(ombuds, id, Closure { outcome, decision: decision.into(), reason: None }).await?;
            }
        }
    }
    // The project's activities, November 2021 to October 2022.
    let meetings = [
        ("2021-11-18", "Fushë Kosovë"),
        ("2021-12-09", "Lipjan"),
        ("2022-01-27", "Shtime"),
        ("2022-02-24", "Graçanicë"),
        ("2022-03-24", "Obiliq"),
        ("2022-04-21", "Novobërdë"),
        ("2022-05-19", "Fushë Kosovë"),
        ("2022-06-16", "Lipjan"),
        ("2022-07-14", "Obiliq"),
        ("2022-09-15", "Shtime"),
    ];
    let trainings = [
        ("2022-01-13", "Fushë Kosovë"),
        ("2022-02-10", "Lipjan"),
        ("2022-03-10", "Shtime"),
        ("2022-04-07", "Graçanicë"),
        ("2022-05-05", "Obiliq"),
        ("2022-06-02", "Novobërdë"),
        ("2022-09-29", "Fushë Kosovë"),
    ];
    let round_tables = [("2022-06-30", "Prishtinë"), ("2022-10-20", "Prishtinë")];
    let mut n = 0i64;
    for (kind, list, topic) in [
        (ActivityKind::Meeting, &meetings[..], "Identifying and reporting discrimination: where to turn"),
        (
            ActivityKind::Training,
            &trainings[..],
            "International human rights standards and the law on protection from discrimination",
        ),
        (
            ActivityKind::RoundTable,
            &round_tables[..],
            "Results of the project and the mechanisms against discrimination",
        ),
    ] {
        for (on, place) in list {
            n += 1;
            let (women, men) = (6 + n % 5, 5 + n % 4);
            let participants = ["roma", "ashkali", "egyptian"]
                .iter()
                .flat_map(|c| {
                    [
                        Participants { sex: Sex::Female, community: (*c).into(), count: women },
                        Participants { sex: Sex::Male, community: (*c).into(), count: men },
                    ]
                })
                .collect();
            let institutions = match kind {
                ActivityKind::RoundTable => Some(
                    "Ombudsperson Institution, Office for Good Governance, Gender Equality Agency, MHRUs, NGOs".into(),
                ),
                ActivityKind::Training => Some(format!("Municipal Human Rights Unit, {place}")),
                ActivityKind::Meeting => None,
            };
            d.record_activity(
                crp,
                NewActivity {
                    kind,
                    held_on: day(on),
                    municipality: Some(municipality(place)?),
                    organiser: "Civil Rights Program Kosovo (CRP/K)".into(),
                    topic: topic.into(),
                    participants,
                    institutions,
                    follow_up: None,
                },
                today,
            )
            .await?;
        }
    }
    Ok(())
}
