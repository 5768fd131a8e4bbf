//! The demo's casework: the supervisor hands the counsellor the most recent open return cases
//! and keeps a few, the counsellor writes notes and a task, a signed consent form is attached to
//! one case, the first programme puts payments above EUR 3,000 behind a supervisor, and the task
//! rules run once, so the home page shows a caseworker's real day.

use anyhow::Result;
use drom_casework::CaseworkDb;
use drom_casework::domain::Subject;
use drom_casework::store::assignments::AssignmentInput;
use drom_casework::store::attachments::NewAttachment;
use drom_casework::store::notes::NoteInput;
use drom_casework::store::tasks::TaskInput;
use drom_domain::permission::Actor;
use drom_returns::ReturnsDb;
use drom_returns::domain::Cents;
use drom_returns::store::cases::CaseQuery;
use drom_returns::store::programmes::ApprovalRule;
use drom_store::Db;

/// A one-page PDF standing for a scanned, signed consent form.
const SIGNED_CONSENT: &[u8] = b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n\
2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n\
3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\n\
trailer <</Root 1 0 R>>\n%%EOF\n";

pub async fn seed(db: &Db, admin: &Actor, counsellor: &Actor, supervisor: &Actor) -> Result<()> {
    // From now on, payments above EUR 3,000 in the first programme wait for a supervisor (the
    // sources name no threshold; this one shows the rule at work).
    if let Some(p) = db.returns().programmes(admin).await?.first() {
        let rule = ApprovalRule { approval_above_cents: Some(Cents(300_000)), orders_need_approval: false };
        db.returns().set_approval_rule(admin.administrator()?, p.id, rule).await?;
    }
    let cw = db.casework();
    let q = CaseQuery { open: Some(true), per_page: Some(16), ..Default::default() };
    let open = db.returns().return_cases(supervisor, &q).await?.items;
    for (i, case) in open.iter().enumerate() {
        // Most go to the counsellor; every fourth stays with the supervisor; the last two
        // wait for someone to take them.
        let to = match i {
            _ if i + 2 >= open.len() => continue,
            _ if i % 4 == 3 => supervisor.user_id,
            _ => counsellor.user_id,
        };
        cw.assign(supervisor, Subject::ReturnCase, case.id, AssignmentInput { user_id: Some(to) }).await?;
    }
    if let Some(first) = open.first() {
        cw.add_note(
            counsellor,
            Subject::ReturnCase,
            first.id,
            NoteInput {
                body: "Called the family: they ask for the information sheet in Albanian and a meeting at the \
                       municipal office before they decide."
                    .into(),
                special: false,
            },
        )
        .await?;
        cw.attach(
            counsellor,
            Subject::ReturnCase,
            first.id,
            NewAttachment {
                kind: "signed_consent".into(),
                file_name: "consent-signed.pdf".into(),
                content: SIGNED_CONSENT.to_vec(),
                special: false,
                description: Some("Consent form signed at the counselling session".into()),
            },
        )
        .await?;
        let soon = chrono::Utc::now().date_naive() + chrono::Days::new(3);
        cw.create_task(
            counsellor,
            TaskInput {
                title: "Send the information sheet of the destination municipality".into(),
                due_on: soon.to_string(),
                subject: Some(Subject::ReturnCase),
                subject_id: Some(first.id),
                assignee: None,
            },
        )
        .await?;
    }
    crate::tasks::sync_rules(db, chrono::Utc::now().date_naive(), &|_, _| {}).await?;
    Ok(())
}
