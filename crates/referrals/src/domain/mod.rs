//! Referrals' pure rules: the status model after FHIR Task as the HL7 Gravity SDOH Clinical Care
//! guide uses it for closed-loop referral (who may move a referral from which status to which),
//! the fields a referral may share and the consent that names them, and the versioned wire
//! messages two Drom servers exchange.

pub mod msc;

use crate::ReferralsReason;
use chrono::NaiveDate;
use drom_domain::error::{optional_text, required_text};
use drom_domain::{Common, ValidationErrors, code_enum};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The longest free text (need, reason, outcome) a referral carries.
pub const TEXT_MAX: usize = 2000;
/// The longest name (guardian, sender agency, person who changed a status).
pub const NAME_MAX: usize = 200;

code_enum! {
    /// A referral's status: the FHIR Task codes the Gravity SDOH guide uses.
    pub enum Status {
        /// Written by the sender, not sent yet.
        Draft = "draft",
        /// Sent: waits for the receiver's answer.
        Requested = "requested",
        /// The receiver takes it on.
        Accepted = "accepted",
        /// The receiver declines it (a reason is required).
        Rejected = "rejected",
        InProgress = "in-progress",
        OnHold = "on-hold",
        /// The receiver could not deliver (a reason is required).
        Failed = "failed",
        /// Delivered (an outcome, the services actually delivered, is required).
        Completed = "completed",
        /// Withdrawn by the sender, or by the person's withdrawn consent.
        Cancelled = "cancelled",
        /// Sent by mistake.
        EnteredInError = "entered-in-error",
    }
}

code_enum! {
    /// Which side of a referral acts.
    pub enum Side {
        Sender = "sender",
        Receiver = "receiver",
    }
}

impl Status {
    /// A status no change leaves.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Status::Rejected | Status::Failed | Status::Completed | Status::Cancelled | Status::EnteredInError
        )
    }

    /// A referral still being worked on (consent withdrawal cancels these).
    pub fn is_open(self) -> bool {
        !self.is_final()
    }

    /// The side that sets this status.
    pub fn set_by(self) -> Side {
        match self {
            Status::Draft | Status::Requested | Status::Cancelled | Status::EnteredInError => Side::Sender,
            _ => Side::Receiver,
        }
    }

    /// Waiting for the receiver's first answer: what "overdue" is counted on.
    pub fn awaits_answer(self) -> bool {
        self == Status::Requested
    }
}

/// Whether `side` may move a referral from `from` to `to`: the whole table in one place.
///
/// The sender sends a draft (requested), cancels a referral still open, and marks one sent by
/// mistake (entered-in-error) while it is open. The receiver answers a request (accepted or
/// rejected), works on an accepted one (in-progress, on-hold) and closes it (completed or failed).
pub fn allowed(from: Status, to: Status, side: Side) -> bool {
    use Status::*;
    if to.set_by() != side || from.is_final() {
        return false;
    }
    match side {
        Side::Sender => match to {
            Requested => from == Draft,
            Cancelled | EnteredInError => true,
            _ => false,
        },
        Side::Receiver => matches!(
            (from, to),
            (Requested, Accepted | Rejected)
                | (Accepted, InProgress | OnHold | Completed | Failed)
                | (InProgress, OnHold | Completed | Failed)
                | (OnHold, InProgress | Completed | Failed)
        ),
    }
}

/// The statuses `side` may move a referral to from `from`, for the page's buttons.
pub fn next(from: Status, side: Side) -> Vec<Status> {
    Status::ALL.iter().copied().filter(|to| allowed(from, *to, side)).collect()
}

/// A status change as asked: the new status, its reason and its outcome.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// The status to move to (FHIR Task codes: accepted, rejected, in-progress, on-hold, failed,
    /// completed for the receiver; requested, cancelled, entered-in-error for the sender).
    pub status: String,
    /// Why: required for rejected and failed.
    #[serde(default)]
    pub reason: Option<String>,
    /// The services actually delivered: required for completed.
    #[serde(default)]
    pub outcome: Option<String>,
}

/// A change checked: the status, trimmed reason and outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedChange {
    pub status: Status,
    pub reason: Option<String>,
    pub outcome: Option<String>,
}

/// Checks a change against the table and the fields each status requires. A refused step is
/// `Err(None)` with the field errors empty only when the step itself is not allowed; the caller
/// turns it into a coded refusal.
pub fn check_change(from: Status, side: Side, change: &Change) -> Result<CheckedChange, ChangeRefused> {
    let mut e = ValidationErrors::default();
    let status = match change.status.trim().parse::<Status>() {
        Ok(s) => s,
        Err(r) => return Err(ChangeRefused::Invalid(ValidationErrors::single("status", r))),
    };
    let reason = optional_text(&mut e, "reason", change.reason.as_deref(), TEXT_MAX);
    let outcome = optional_text(&mut e, "outcome", change.outcome.as_deref(), TEXT_MAX);
    if matches!(status, Status::Rejected | Status::Failed) && reason.is_none() {
        e.push("reason", Common::Required);
    }
    if status == Status::Completed && outcome.is_none() {
        e.push("outcome", ReferralsReason::OutcomeRequired);
    }
    if !e.is_empty() {
        return Err(ChangeRefused::Invalid(e));
    }
    if !allowed(from, status, side) {
        return Err(ChangeRefused::NotAllowed { from, to: status, side });
    }
    Ok(CheckedChange { status, reason, outcome })
}

/// Why a status change is refused.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeRefused {
    /// A field of the change is missing or wrong.
    Invalid(ValidationErrors),
    /// The table does not allow the step.
    NotAllowed { from: Status, to: Status, side: Side },
}

code_enum! {
    /// A field of the person a referral may share, when the consent names it.
    pub enum Field {
        Name = "name",
        DateOfBirth = "date_of_birth",
        Sex = "sex",
        Phone = "phone",
        Languages = "languages",
        Municipality = "municipality",
        /// The need in the sender's words.
        Need = "need",
        /// Vulnerabilities (health, trafficking, minors): a special category.
        Vulnerabilities = "vulnerabilities",
        /// The self-declared community (ethnicity): a special category.
        Community = "community",
    }
}

impl Field {
    /// Shared only by a sender holding the special-categories grant, and only when the consent
    /// names it.
    pub fn is_special(self) -> bool {
        matches!(self, Field::Vulnerabilities | Field::Community)
    }
}

/// The values a referral carries, snapshotted when it is sent: only the fields it shares are
/// set. Blanked (every field `None`) when the person withdraws consent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Shared {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<String>>,
    /// Municipality code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vulnerabilities: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community: Option<String>,
}

impl Shared {
    /// The fields that carry a value.
    pub fn fields(&self) -> Vec<Field> {
        let mut f = Vec::new();
        if self.given_name.is_some() || self.family_name.is_some() {
            f.push(Field::Name);
        }
        let pairs = [
            (self.date_of_birth.is_some(), Field::DateOfBirth),
            (self.sex.is_some(), Field::Sex),
            (self.phone.is_some(), Field::Phone),
            (self.languages.is_some(), Field::Languages),
            (self.municipality.is_some(), Field::Municipality),
            (self.need.is_some(), Field::Need),
            (self.vulnerabilities.is_some(), Field::Vulnerabilities),
            (self.community.is_some(), Field::Community),
        ];
        f.extend(pairs.into_iter().filter(|(set, _)| *set).map(|(_, field)| field));
        f
    }

    /// Keeps only `fields`.
    pub fn only(self, fields: &[Field]) -> Shared {
        let has = |f: Field| fields.contains(&f);
        Shared {
            given_name: self.given_name.filter(|_| has(Field::Name)),
            family_name: self.family_name.filter(|_| has(Field::Name)),
            date_of_birth: self.date_of_birth.filter(|_| has(Field::DateOfBirth)),
            sex: self.sex.filter(|_| has(Field::Sex)),
            phone: self.phone.filter(|_| has(Field::Phone)),
            languages: self.languages.filter(|_| has(Field::Languages)),
            municipality: self.municipality.filter(|_| has(Field::Municipality)),
            need: self.need.filter(|_| has(Field::Need)),
            vulnerabilities: self.vulnerabilities.filter(|_| has(Field::Vulnerabilities)),
            community: self.community.filter(|_| has(Field::Community)),
        }
    }
}

code_enum! {
    /// Who gave consent.
    pub enum ConsentGiver {
        Person = "person",
        /// A named guardian (of a minor, or appointed by a court).
        Guardian = "guardian",
    }
}

code_enum! {
    /// How consent was given.
    pub enum ConsentMeans {
        Spoken = "spoken",
        SignedPaper = "signed_paper",
        Electronic = "electronic",
        Interpreted = "interpreted",
    }
}

/// The person's consent to share: who gave it, when, in which language, by which means, and
/// the fields it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    pub given_by: ConsentGiver,
    /// The guardian's name; required when a guardian gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guardian_name: Option<String>,
    #[schema(value_type = String, example = "2026-11-30")]
    pub given_on: NaiveDate,
    /// ISO 639 code of the language it was given in.
    pub language: String,
    pub means: ConsentMeans,
    /// The fields the person agreed to share.
    pub fields: Vec<Field>,
}

impl Consent {
    /// Checks the consent itself (not what is shared under it), errors under `consent.`.
    pub fn check(&self, e: &mut ValidationErrors, today: NaiveDate) -> Consent {
        let guardian_name = optional_text(e, "consent.guardian_name", self.guardian_name.as_deref(), NAME_MAX);
        if self.given_by == ConsentGiver::Guardian && guardian_name.is_none() {
            e.push("consent.guardian_name", Common::Required);
        }
        if self.given_on > today {
            e.push("consent.given_on", Common::InFuture { day: self.given_on.to_string() });
        }
        let language = self.language.trim().to_ascii_lowercase();
        if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_lowercase()) {
            e.push("consent.language", Common::NotLanguageCode { value: self.language.clone() });
        }
        if self.fields.is_empty() {
            e.push("consent.fields", Common::Required);
        }
        let mut fields = Vec::new();
        for f in &self.fields {
            if fields.contains(f) {
                e.push("consent.fields", Common::UsedTwice);
            } else {
                fields.push(*f);
            }
        }
        Consent {
            given_by: self.given_by,
            guardian_name: if self.given_by == ConsentGiver::Guardian { guardian_name } else { None },
            given_on: self.given_on,
            language,
            means: self.means,
            fields,
        }
    }
}

/// What the sender asks to share, checked against consent and permission: every field shared
/// must be named by the consent, and a special-category field needs the grant. Errors under
/// `fields`.
pub fn check_fields(
    e: &mut ValidationErrors,
    consent: Option<&Consent>,
    fields: &[Field],
    special_categories: bool,
) -> Vec<Field> {
    let mut out = Vec::new();
    if fields.is_empty() {
        e.push("fields", Common::Required);
    }
    for f in fields {
        if out.contains(f) {
            e.push(format!("fields.{}", f.code()), Common::UsedTwice);
            continue;
        }
        if f.is_special() && !special_categories {
            e.push(format!("fields.{}", f.code()), Common::NeedsSpecialCategories);
        } else if consent.is_some_and(|c| !c.fields.contains(f)) {
            e.push(format!("fields.{}", f.code()), ReferralsReason::NotInConsent { field: f.code().to_string() });
        }
        out.push(*f);
    }
    out
}

/// The due date: today or later.
pub fn check_due(e: &mut ValidationErrors, due_on: NaiveDate, today: NaiveDate) {
    if due_on < today {
        e.push("due_on", ReferralsReason::DueInPast { day: due_on.to_string() });
    }
}

/// The need in free text, required.
pub fn need_text(e: &mut ValidationErrors, value: &str) -> String {
    required_text(e, "need", value, TEXT_MAX)
}

/// Whether `s` is a UUID in its text form (8-4-4-4-12 hexadecimal digits).
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// The UUID (version 4) text of 16 random bytes.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let h: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

/// Whether a referral waiting for an answer is overdue on `today`.
pub fn is_overdue(status: Status, due_on: &str, today: &str) -> bool {
    status.awaits_answer() && due_on < today
}

/// The wire messages two Drom servers exchange about a referral. Each carries its `version`;
/// a receiver refuses a version it does not know.
pub mod wire {
    use super::{Consent, Shared};
    use serde::{Deserialize, Serialize};
    use utoipa::ToSchema;

    /// The message format this server writes and reads.
    pub const VERSION: u32 = 1;

    /// A referral sent to a service of the receiving server.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
    pub struct ReferralRequest {
        pub version: u32,
        /// The referral's UUID, the same on both servers.
        pub uid: String,
        /// The directory service's UUID.
        pub service_id: String,
        pub sender_agency: String,
        #[schema(value_type = String)]
        pub due_on: chrono::NaiveDate,
        /// The need's taxonomy code (`drom-needs`).
        pub need: String,
        pub consent: Consent,
        /// Only the fields the consent names and the sender chose.
        pub shared: Shared,
        /// When it was sent (RFC 3339).
        pub sent_at: String,
    }

    /// A status change, from either side.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
    pub struct StatusUpdate {
        pub version: u32,
        pub uid: String,
        /// FHIR Task status code.
        pub status: String,
        #[serde(default)]
        pub reason: Option<String>,
        #[serde(default)]
        pub outcome: Option<String>,
        /// RFC 3339.
        pub at: String,
        /// The name of the person who changed it.
        pub by: String,
    }

    /// The person withdrew consent: these referrals are cancelled and their shared values go.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
    pub struct ConsentWithdrawn {
        pub version: u32,
        pub uids: Vec<String>,
        /// RFC 3339.
        pub at: String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn the_whole_table() {
        let allowed_steps: &[(Status, Status, Side)] = &[
            (Draft, Requested, Side::Sender),
            (Draft, Cancelled, Side::Sender),
            (Draft, EnteredInError, Side::Sender),
            (Requested, Cancelled, Side::Sender),
            (Requested, EnteredInError, Side::Sender),
            (Accepted, Cancelled, Side::Sender),
            (Accepted, EnteredInError, Side::Sender),
            (InProgress, Cancelled, Side::Sender),
            (InProgress, EnteredInError, Side::Sender),
            (OnHold, Cancelled, Side::Sender),
            (OnHold, EnteredInError, Side::Sender),
            (Requested, Accepted, Side::Receiver),
            (Requested, Rejected, Side::Receiver),
            (Accepted, InProgress, Side::Receiver),
            (Accepted, OnHold, Side::Receiver),
            (Accepted, Completed, Side::Receiver),
            (Accepted, Failed, Side::Receiver),
            (InProgress, OnHold, Side::Receiver),
            (InProgress, Completed, Side::Receiver),
            (InProgress, Failed, Side::Receiver),
            (OnHold, InProgress, Side::Receiver),
            (OnHold, Completed, Side::Receiver),
            (OnHold, Failed, Side::Receiver),
        ];
        for from in Status::ALL {
            for to in Status::ALL {
                for side in Side::ALL {
                    let expected = allowed_steps.contains(&(*from, *to, *side));
                    assert_eq!(allowed(*from, *to, *side), expected, "{from:?} -> {to:?} by {side:?}");
                }
            }
        }
    }

    #[test]
    fn accepted_after_cancelled_and_completed_without_outcome_are_refused() {
        let accept = Change { status: "accepted".into(), ..Change::default() };
        assert_eq!(
            check_change(Cancelled, Side::Receiver, &accept),
            Err(ChangeRefused::NotAllowed { from: Cancelled, to: Accepted, side: Side::Receiver })
        );
        let complete = Change { status: "completed".into(), outcome: Some("  ".into()), ..Change::default() };
        let Err(ChangeRefused::Invalid(e)) = check_change(Accepted, Side::Receiver, &complete) else { panic!() };
        assert_eq!(e.0[0].field, "outcome");
        let reject = Change { status: "rejected".into(), ..Change::default() };
        let Err(ChangeRefused::Invalid(e)) = check_change(Requested, Side::Receiver, &reject) else { panic!() };
        assert_eq!(e.0[0].field, "reason");
        let done = Change { status: "completed".into(), outcome: Some(" job placement ".into()), reason: None };
        assert_eq!(check_change(InProgress, Side::Receiver, &done).unwrap().outcome.as_deref(), Some("job placement"));
        // The receiver cannot cancel; the sender cannot accept.
        assert!(!allowed(Requested, Cancelled, Side::Receiver) && !allowed(Requested, Accepted, Side::Sender));
        assert!(matches!(
            check_change(Requested, Side::Receiver, &Change { status: "done".into(), ..Change::default() }),
            Err(ChangeRefused::Invalid(_))
        ));
    }

    fn consent(fields: Vec<Field>) -> Consent {
        Consent {
            given_by: ConsentGiver::Person,
            guardian_name: None,
            given_on: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            language: "sq".into(),
            means: ConsentMeans::Spoken,
            fields,
        }
    }

    #[test]
    fn fields_need_the_consent_and_special_ones_the_grant() {
        let c = consent(vec![Field::Name, Field::Phone, Field::Vulnerabilities]);
        let mut e = ValidationErrors::default();
        check_fields(&mut e, Some(&c), &[Field::Name, Field::Languages], true);
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.0[0].field, "fields.languages");
        let mut e = ValidationErrors::default();
        check_fields(&mut e, Some(&c), &[Field::Vulnerabilities], false);
        assert_eq!(e.0[0].field, "fields.vulnerabilities");
        let mut e = ValidationErrors::default();
        check_fields(&mut e, Some(&c), &[Field::Vulnerabilities, Field::Name], true);
        assert!(e.is_empty());
    }

    #[test]
    fn consent_is_checked_whole() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        let mut e = ValidationErrors::default();
        let mut c = consent(vec![]);
        c.given_by = ConsentGiver::Guardian;
        c.given_on = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        c.language = "Albanian".into();
        c.check(&mut e, today);
        let fields: Vec<_> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["consent.guardian_name", "consent.given_on", "consent.language", "consent.fields"]);
        let mut e = ValidationErrors::default();
        check_due(&mut e, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(), today);
        assert_eq!(e.0[0].field, "due_on");
    }

    #[test]
    fn shared_values_keep_only_the_chosen_fields() {
        let s = Shared {
            given_name: Some("Arta".into()),
            family_name: Some("Krasniqi".into()),
            phone: Some("+383 44 000 000".into()),
            vulnerabilities: Some(vec!["chronic_illness".into()]),
            ..Shared::default()
        };
        let only = s.clone().only(&[Field::Name]);
        assert_eq!(only.fields(), vec![Field::Name]);
        assert!(only.phone.is_none() && only.vulnerabilities.is_none());
        assert_eq!(s.fields(), vec![Field::Name, Field::Phone, Field::Vulnerabilities]);
    }

    #[test]
    fn uuids_and_wire_messages() {
        let u = uuid_v4([0xab; 16]);
        assert!(is_uuid(&u), "{u}");
        assert_eq!(&u[14..15], "4");
        assert!(!is_uuid("not-a-uuid") && !is_uuid(&u.replace('-', "x")));
        let m = wire::StatusUpdate {
            version: wire::VERSION,
            uid: u.clone(),
            status: Completed.code().into(),
            reason: None,
            outcome: Some("training".into()),
            at: "2026-11-30T10:00:00Z".into(),
            by: "Besa".into(),
        };
        let json = serde_json::to_value(&m).unwrap();
        assert_eq!(json["status"], "completed");
        assert_eq!(serde_json::from_value::<wire::StatusUpdate>(json).unwrap(), m);
        let c = serde_json::to_value(consent(vec![Field::DateOfBirth])).unwrap();
        assert_eq!(c["fields"][0], "date_of_birth");
        assert_eq!(c["means"], "spoken");
    }

    #[test]
    fn overdue_means_unanswered_after_the_due_date() {
        assert!(is_overdue(Requested, "2026-11-01", "2026-11-02"));
        assert!(!is_overdue(Requested, "2026-11-02", "2026-11-02"));
        assert!(!is_overdue(Accepted, "2026-11-01", "2026-11-02"));
    }
}
