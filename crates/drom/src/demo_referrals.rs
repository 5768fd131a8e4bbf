//! The demo's referrals and Migrant Service Centre sessions: the IOM counsellor refers persons
//! of the demo to services of the directory whose organization is a demo agency (the municipal
//! office for communities and returns in Fushë Kosovë, the Ministry's department for returnees,
//! the centre for social work in Prizren, the civil-rights NGO), and the receiving agencies'
//! users answer some of them, so the referral pages show every common status, one referral
//! overdue. The sessions are those of the Migrant Service Centre IOM opened in Prishtinë/Priština
//! with the ministries to inform, advise and refer potential migrants (sources: IOM Kosovo
//! newsletter on the centre's opening).

use anyhow::{Context, Result};
use chrono::NaiveDate;
use drom_domain::permission::Actor;
use drom_domain::vocab::Sex;
use drom_referrals::ReferralsDb;
use drom_referrals::domain::msc::{AgeGroup, Outcome, Topic};
use drom_referrals::domain::{Change, Consent, ConsentGiver, ConsentMeans, Field};
use drom_referrals::store::msc::NewSession;
use drom_referrals::store::send::NewReferral;
use drom_store::Db;
use drom_store::sql;

/// What the receiving agency does with a referral after it arrives.
enum Answer {
    /// Nothing yet.
    None,
    Accept,
    /// Accepted, then in progress.
    Start,
    /// Accepted, in progress, then completed with this outcome.
    Complete(&'static str),
    /// Rejected with this reason.
    Reject(&'static str),
}

/// Receiving agency code, need, the need in the counsellor's words, days until due, the answer.
const REFERRALS: &[(&str, &str, &str, u64, Answer)] = &[
    (
        "mocr-fushe-kosove",
        "civil_documents",
        "Returned from Germany without a Kosovo identity card; the children need birth certificates to enrol at school.",
        14,
        Answer::Start,
    ),
    (
        "mocr-fushe-kosove",
        "housing",
        "The family's house was damaged; they stay with relatives and ask about the municipal housing scheme.",
        21,
        Answer::Complete(
            "Registered for the municipal reconstruction scheme; roof materials delivered and a visit made.",
        ),
    ),
    (
        "mocr-fushe-kosove",
        "education",
        "Two children returned mid-year and speak German better than Albanian; school enrolment and catch-up classes.",
        10,
        Answer::Accept,
    ),
    (
        "mia-dcam",
        "housing",
        "Asks for temporary accommodation at the reception centre after arriving on a charter flight.",
        7,
        Answer::Reject("The person arrived more than a year ago; the reception programme serves new arrivals only."),
    ),
    (
        "mocr-fushe-kosove",
        "return_reintegration",
        "Reintegration plan agreed with IOM; needs the municipal return package.",
        30,
        Answer::None,
    ),
    (
        "csw-prizren",
        "social_assistance",
        "Single mother of three without income since the return; asks for social assistance.",
        14,
        Answer::None,
    ),
    ("crp-kosovo", "legal_aid", "Property in the village is occupied; needs advice on a claim.", 20, Answer::None),
    // Made overdue below.
    (
        "csw-prizren",
        "child_protection",
        "A 15-year-old does not attend school and works at the market.",
        3,
        Answer::None,
    ),
];

pub async fn seed(db: &Db, counsellor: &Actor, receivers: &[(&str, &Actor)]) -> Result<()> {
    let today = chrono::Utc::now().date_naive();
    let persons = persons(db, counsellor.agency_id).await?;
    let fields = vec![Field::Name, Field::Phone, Field::Need];
    let mut overdue = None;
    for (i, (agency, need, text, days, answer)) in REFERRALS.iter().enumerate() {
        let service = service_of(db, agency).await?.with_context(|| format!("no demo service of {agency}"))?;
        let person = *persons.get(i % persons.len().max(1)).context("no demo person")?;
        let id = db
            .referrals()
            .send(
                counsellor,
                NewReferral {
                    person_id: Some(person),
                    return_case_id: None,
                    service_id: service,
                    need: (*need).into(),
                    need_text: (*text).into(),
                    due_on: today + chrono::Days::new(*days),
                    consent: Some(Consent {
                        given_by: ConsentGiver::Person,
                        guardian_name: None,
                        given_on: today,
                        language: "sq".into(),
                        means: if i % 2 == 0 { ConsentMeans::Spoken } else { ConsentMeans::SignedPaper },
                        fields: fields.clone(),
                    }),
                    fields: fields.clone(),
                    draft: false,
                    msc_session_id: None,
                },
                today,
            )
            .await?;
        let receiver = receivers.iter().find(|(code, _)| code == agency).map(|(_, a)| *a);
        let steps: Vec<(&str, Option<&str>, Option<&str>)> = match answer {
            Answer::None => vec![],
            Answer::Accept => vec![("accepted", None, None)],
            Answer::Start => vec![("accepted", None, None), ("in-progress", None, None)],
            Answer::Complete(outcome) => {
                vec![("accepted", None, None), ("in-progress", None, None), ("completed", None, Some(*outcome))]
            }
            Answer::Reject(reason) => vec![("rejected", Some(*reason), None)],
        };
        for (status, reason, outcome) in steps {
            let by = receiver.with_context(|| format!("no demo user of {agency}"))?;
            let change =
                Change { status: status.into(), reason: reason.map(Into::into), outcome: outcome.map(Into::into) };
            db.referrals().change_status(by, id, change).await?;
        }
        overdue = Some(id);
    }
    // `send` refuses a due date in the past, as it should for a new referral; the demo wants one
    // referral that has waited too long, so the last one, sent due soon, is moved back a week.
    if let Some(id) = overdue {
        let past = (today - chrono::Days::new(7)).to_string();
        let mut h = db.acquire().await?;
        let mut c = h.conn();
        sql!(&mut c, execute, sqlx::query("UPDATE referral SET due_on = $1 WHERE id = $2").bind(past).bind(id))?;
    }
    sessions(db, counsellor, today).await
}

/// Twelve sessions of the Migrant Service Centre in Prishtinë/Priština over the last weeks.
async fn sessions(db: &Db, counsellor: &Actor, today: NaiveDate) -> Result<()> {
    use AgeGroup::*;
    use Topic::*;
    let reference = db.reference().await?;
    let code = |m: &str| reference.municipality(m).map(|x| x.code.clone());
    let visits: &[(u64, Topic, Sex, AgeGroup, &str, &str, Outcome)] = &[
        (1, WorkAbroad, Sex::Male, From18To24, "Prishtinë", "sq", Outcome::Informed),
        (2, LegalMigration, Sex::Female, From25To34, "Prishtinë", "sq", Outcome::Advised),
        (3, IrregularMigrationRisks, Sex::Male, From18To24, "Podujevë", "sq", Outcome::Informed),
        (5, VoluntaryReturn, Sex::Male, From35To49, "Fushë Kosovë", "sq", Outcome::Referred),
        (6, ServicesInKosovo, Sex::Female, From35To49, "Fushë Kosovë", "rom", Outcome::Referred),
        (8, WorkAbroad, Sex::Male, From25To34, "Lipjan", "sq", Outcome::FollowUp),
        (9, LegalMigration, Sex::Female, From18To24, "Graçanicë", "sr", Outcome::Informed),
        (12, IrregularMigrationRisks, Sex::Male, Under18, "Obiliq", "sq", Outcome::Advised),
        (14, ServicesInKosovo, Sex::Female, From50, "Prizren", "sq", Outcome::Referred),
        (15, WorkAbroad, Sex::Female, From25To34, "Prishtinë", "en", Outcome::Informed),
        (18, VoluntaryReturn, Sex::Male, From50, "Drenas (Gllogoc)", "sq", Outcome::Advised),
        (21, LegalMigration, Sex::Male, From35To49, "Gjilan", "sq", Outcome::FollowUp),
    ];
    for (ago, topic, sex, age, place, language, outcome) in visits {
        let session = NewSession {
            held_on: Some(today - chrono::Days::new(*ago)),
            topic: *topic,
            person_id: None,
            sex: Some(*sex),
            age_group: Some(*age),
            municipality: code(place),
            language: (*language).into(),
            outcome: *outcome,
            note: None,
        };
        db.referrals().record_session(counsellor, session, today).await?;
    }
    Ok(())
}

/// The first persons of the agency, in the order they were registered.
async fn persons(db: &Db, agency_id: i64) -> Result<Vec<i64>> {
    let mut h = db.acquire().await?;
    let mut c = h.conn();
    Ok(sql!(
        &mut c,
        fetch_all,
        sqlx::query_scalar::<_, i64>(
            "SELECT id FROM person WHERE agency_id = $1 AND consent_withdrawn_at IS NULL ORDER BY id LIMIT 8"
        )
        .bind(agency_id)
    )?)
}

/// The first active service of the directory organization linked to the agency `code`.
async fn service_of(db: &Db, code: &str) -> Result<Option<String>> {
    let mut h = db.acquire().await?;
    let mut c = h.conn();
    Ok(sql!(
        &mut c,
        fetch_optional,
        sqlx::query_scalar::<_, String>(
            "SELECT s.id FROM dir_service s JOIN dir_organization o ON o.id = s.organization_id \
             JOIN agency a ON a.id = o.agency_id WHERE a.code = $1 AND s.status = 'active' ORDER BY s.id"
        )
        .bind(code.to_string())
    )?)
}
