//! Pure rules of casework: which records it attaches to, what a task, a note and an attachment
//! must be, and which files are accepted (recognised from their content, never their name).

use crate::CaseworkReason;
use chrono::NaiveDate;
use drom_domain::error::{optional_text, required_text};
use drom_domain::{Common, ValidationErrors, code_enum};

code_enum! {
    /// The records casework attaches to. Each is a table with an `agency_id`: the agency that
    /// owns the record owns its notes, files, tasks and assignment.
    pub enum Subject {
        Person = "person",
        ReturnCase = "return_case",
        DiscriminationReport = "discrimination_report",
    }
}

impl Subject {
    /// The table of the record (also its `record_type` in the audit log).
    pub fn table(self) -> &'static str {
        match self {
            Subject::Person => "person",
            Subject::ReturnCase => "return_case",
            Subject::DiscriminationReport => "discrimination_report",
        }
    }

    /// The page of one record.
    pub fn page(self, id: i64) -> String {
        match self {
            Subject::Person => format!("/persons/{id}"),
            Subject::ReturnCase => format!("/return-cases/{id}"),
            Subject::DiscriminationReport => format!("/discrimination/reports/{id}"),
        }
    }

    /// The SQL condition that a record of this kind, aliased `alias`, is still being worked on
    /// (a closed case no longer counts in anyone's load).
    pub fn open_sql(self, alias: &str) -> String {
        match self {
            Subject::Person => "TRUE".into(),
            Subject::ReturnCase => format!("{alias}.stage NOT IN ('closed', 'stopped')"),
            Subject::DiscriminationReport => format!("{alias}.status <> 'closed'"),
        }
    }

    /// The path segment that names the kind in URLs (`/subjects/return-cases/7/notes`).
    pub fn segment(self) -> &'static str {
        match self {
            Subject::Person => "persons",
            Subject::ReturnCase => "return-cases",
            Subject::DiscriminationReport => "discrimination-reports",
        }
    }

    pub fn from_segment(s: &str) -> Option<Subject> {
        Subject::ALL.iter().copied().find(|k| k.segment() == s)
    }
}

code_enum! {
    /// What an attached file is.
    pub enum AttachmentKind {
        /// The signed informed-consent form, scanned.
        SignedConsent = "signed_consent",
        IdentityDocument = "identity_document",
        CivilDocument = "civil_document",
        /// Always a special category (health).
        MedicalLetter = "medical_letter",
        Correspondence = "correspondence",
        Other = "other",
    }
}

impl AttachmentKind {
    /// Whether every file of this kind reveals a special category, whatever the uploader says.
    pub fn always_special(self) -> bool {
        matches!(self, AttachmentKind::MedicalLetter)
    }
}

/// The file types accepted: scans and photographs of paper documents. Office documents and
/// archives are refused: they can carry macros and cannot be shown safely in a browser.
pub const ACCEPTED_TYPES: [&str; 5] = ["application/pdf", "image/png", "image/jpeg", "image/webp", "image/tiff"];

/// The default largest attachment (`DROM_ATTACHMENT_MAX_MB`).
pub const DEFAULT_MAX_MB: usize = 10;

/// The media type of a file recognised from its first bytes, if it is one of `ACCEPTED_TYPES`;
/// else the refusal that says what the content is.
pub fn sniff(content: &[u8], max_bytes: usize) -> Result<&'static str, CaseworkReason> {
    if content.is_empty() {
        return Err(CaseworkReason::FileEmpty);
    }
    if content.len() > max_bytes {
        return Err(CaseworkReason::FileTooLarge { mib: max_bytes / (1024 * 1024) });
    }
    let found = infer::get(content);
    match found.map(|t| t.mime_type()) {
        Some(m) if ACCEPTED_TYPES.contains(&m) => Ok(ACCEPTED_TYPES.iter().copied().find(|a| *a == m).unwrap_or(m)),
        other => Err(CaseworkReason::FileType {
            found: other.unwrap_or("unknown").to_string(),
            accepted: "PDF, PNG, JPEG, WebP, TIFF".into(),
        }),
    }
}

/// A file name as it may be shown and sent back in `Content-Disposition`: the last path
/// segment, without control characters or quotes, at most 120 characters, never empty.
pub fn clean_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last.chars().filter(|c| !c.is_control() && !matches!(c, '"' | ';')).take(120).collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() { "file".into() } else { cleaned }
}

/// A note's text: required, at most `NOTE_MAX` characters.
pub const NOTE_MAX: usize = 10_000;

pub fn note_body(errors: &mut ValidationErrors, body: &str) -> String {
    required_text(errors, "body", body, NOTE_MAX)
}

/// A task written by hand, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskDraft {
    pub title: String,
    pub due_on: NaiveDate,
}

/// Checks a task's title and due date (`YYYY-MM-DD`). A due date in the past is allowed: a
/// task entered late is overdue at once, which is the truth.
pub fn task_draft(title: &str, due_on: &str) -> Result<TaskDraft, ValidationErrors> {
    let mut e = ValidationErrors::default();
    let title = required_text(&mut e, "title", title, 200);
    let due = due_on.trim();
    let due_on = if due.is_empty() {
        e.push("due_on", Common::Required);
        None
    } else {
        match due.parse::<NaiveDate>() {
            Ok(d) => Some(d),
            Err(_) => {
                e.push("due_on", Common::NotADate { value: due.to_string() });
                None
            }
        }
    };
    e.into_result(())?;
    Ok(TaskDraft { title, due_on: due_on.unwrap_or_default() })
}

/// An attachment's description: optional, at most 500 characters.
pub fn description(errors: &mut ValidationErrors, text: Option<&str>) -> Option<String> {
    optional_text(errors, "description", text, 500)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
    const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R'];

    #[test]
    fn a_file_is_recognised_by_its_content_not_its_name() {
        assert_eq!(sniff(PDF, 1 << 20), Ok("application/pdf"));
        assert_eq!(sniff(PNG, 1 << 20), Ok("image/png"));
        // A script renamed to .pdf is still a script.
        let Err(CaseworkReason::FileType { found, .. }) = sniff(b"<html><script>alert(1)</script>", 1 << 20) else {
            panic!("an HTML file must be refused")
        };
        assert!(found == "text/html" || found == "unknown", "{found}");
        // A ZIP (and so a .docx) is refused.
        assert!(matches!(sniff(b"PK\x03\x04\x14\x00\x00\x00", 1 << 20), Err(CaseworkReason::FileType { .. })));
        assert_eq!(sniff(b"", 10), Err(CaseworkReason::FileEmpty));
        assert_eq!(sniff(PDF, 10), Err(CaseworkReason::FileTooLarge { mib: 0 }));
    }

    #[test]
    fn file_names_lose_paths_and_header_breaking_characters() {
        assert_eq!(clean_file_name("C:\\scans\\consent.pdf"), "consent.pdf");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\"b;\r\nc.pdf"), "abc.pdf");
        assert_eq!(clean_file_name("..."), "file");
        assert_eq!(clean_file_name(&"x".repeat(500)).len(), 120);
    }

    #[test]
    fn a_task_needs_a_title_and_a_real_date() {
        assert!(task_draft("Call the school", "2026-12-03").is_ok());
        let e = task_draft(" ", "3/12/2026").unwrap_err();
        let fields: Vec<_> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(fields, vec![("title", "required"), ("due_on", "not_a_date")]);
    }

    #[test]
    fn subjects_round_trip_through_their_url_segment() {
        for s in Subject::ALL {
            assert_eq!(Subject::from_segment(s.segment()), Some(*s));
        }
        assert_eq!(Subject::from_segment("persons "), None);
    }

    #[test]
    fn medical_letters_are_always_special() {
        let special: Vec<_> = AttachmentKind::ALL.iter().filter(|k| k.always_special()).collect();
        assert_eq!(special, vec![&AttachmentKind::MedicalLetter]);
    }
}
