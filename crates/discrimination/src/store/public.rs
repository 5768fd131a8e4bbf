//! What a reporter does without an account: submit a report (anonymous allowed), follow it with
//! the tracking code, answer the body and add evidence. Every step is first admitted by the
//! limits (per address, per hour, per report), so a flood is refused before any body byte is
//! read, any hash computed or anything written. Tracking codes are kept only as an Argon2 hash
//! salted with the installation's secret; a look-up always computes one hash, whether the code
//! exists, does not, or is malformed, so neither the answer nor its time tells which.

use super::evidence::{self, Evidence, Upload};
use super::{Discrimination, ago};
use crate::DiscriminationReason;
use crate::domain::code::TrackingCode;
use crate::domain::routing::Facts;
use crate::domain::{self, NewReport, Status, pow};
use drom_domain::audit::NewAuditEntry;
use drom_domain::{Common, ValidationErrors};
use drom_store::audit;
use drom_store::db::{Conn, now};
use drom_store::error::StoreError;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What the limits count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// A report submitted.
    Report,
    /// A tracking code looked up (and a reporter's message, which looks one up).
    Lookup,
}

impl Attempt {
    fn code(self) -> &'static str {
        match self {
            Attempt::Report => "report",
            Attempt::Lookup => "lookup",
        }
    }
}

/// The public form's proof that a person sent it.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct Proof {
    /// The challenge of `GET /discrimination/challenge`.
    pub challenge: String,
    /// The counter that solves it (`pow_bits` zero bits of SHA-256 of `challenge:counter`);
    /// without it the challenge must be `nojs_delay_secs` old.
    #[serde(default)]
    pub counter: Option<String>,
    /// Left empty by people (a field hidden from them); a robot that fills it is refused.
    #[serde(default)]
    pub website: Option<String>,
}

/// What the reporter gets back once: the code, and who handles the report.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Submitted {
    /// Shown once; only its hash is kept.
    pub tracking_code: String,
    pub body: String,
    /// By when a person of the body acknowledges it.
    pub ack_due_on: String,
}

/// A report as its reporter sees it: nothing they did not write or were not sent.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReporterView {
    pub status: Status,
    pub submitted_at: String,
    /// The body handling it.
    pub body: String,
    pub description: String,
    pub messages: Vec<Message>,
    pub evidence: Vec<Evidence>,
    pub outcome: Option<String>,
}

/// A message between the reporter and the body.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Message {
    pub id: i64,
    /// reporter, staff or system.
    pub author: String,
    /// message, question (the body asks for information), acknowledgement or decision.
    pub kind: String,
    pub body: String,
    pub at: String,
}

/// The Argon2id hash of a tracking code under the installation's salt (hex).
pub(crate) fn hash_code(secret: &[u8], digits: &str) -> Result<String, StoreError> {
    let mut out = [0u8; 32];
    argon2::Argon2::default()
        .hash_password_into(digits.as_bytes(), secret, &mut out)
        .map_err(|e| StoreError::Corrupt(format!("code hashing failed: {e}")))?;
    Ok(hex::encode(out))
}

/// Hashes on the blocking pool: a burst of look-ups never stalls the server's workers.
async fn hash_off_thread(secret: Vec<u8>, digits: String) -> Result<String, StoreError> {
    tokio::task::spawn_blocking(move || hash_code(&secret, &digits))
        .await
        .map_err(|e| StoreError::Corrupt(format!("hashing task failed: {e}")))?
}

impl Discrimination<'_> {
    /// A new challenge for the form, and the zero bits its answer needs.
    pub async fn challenge(&self) -> Result<(String, i64), StoreError> {
        let limits = self.limits().await?;
        Ok((pow::issue(&self.secret().await?, chrono::Utc::now().timestamp()), limits.pow_bits))
    }

    /// Admits one more `attempt` from `address`, or refuses it (429 with when to try again)
    /// before anything else is read or done. Each address has one counter per kind in a
    /// window of an hour (and reports one for everyone), raised atomically.
    pub async fn admit(&self, address: &str, attempt: Attempt) -> Result<(), StoreError> {
        let limits = self.limits().await?;
        let per_address = match attempt {
            Attempt::Report => limits.per_address_per_hour,
            Attempt::Lookup => limits.lookups_per_address_per_hour,
        };
        bump(self, address, attempt.code(), per_address).await?;
        if attempt == Attempt::Report {
            bump(self, "*", attempt.code(), limits.per_hour).await?;
        }
        Ok(())
    }

    /// Checks the form's proof: the honeypot, the challenge, and the counter or (without
    /// script) the form's age, waiting out the rest of the delay. Returns the nonce to use up.
    async fn check_proof(&self, proof: &Proof) -> Result<String, StoreError> {
        if proof.website.as_deref().is_some_and(|w| !w.trim().is_empty()) {
            return Err(ValidationErrors::single("website", DiscriminationReason::NotAPerson).into());
        }
        let limits = self.limits().await?;
        let now = chrono::Utc::now().timestamp();
        let counter = proof.counter.as_deref().map(str::trim).filter(|c| !c.is_empty());
        let checked = pow::check(&self.secret().await?, &proof.challenge, counter, limits.pow_bits as u32, now)
            .map_err(|_| StoreError::from(ValidationErrors::single("challenge", DiscriminationReason::FormExpired)))?;
        if counter.is_none() {
            let wait = checked.issued_unix + limits.nojs_delay_secs - now;
            if wait > 0 {
                tokio::time::sleep(std::time::Duration::from_secs(wait as u64)).await;
            }
        }
        Ok(checked.nonce)
    }

    /// Takes a report from the public (admitted already by `admit`): checks the proof, the
    /// report and its files, proposes the competent body, and keeps it with an automatic
    /// acknowledgement, all in one transaction; nothing is kept if any part is refused.
    pub async fn submit(
        &self,
        proof: &Proof,
        report: NewReport,
        uploads: Vec<Upload>,
        today: chrono::NaiveDate,
    ) -> Result<Submitted, StoreError> {
        let nonce = self.check_proof(proof).await?;
        let limits = self.limits().await?;
        let reference = self.reference().await?;
        let municipalities: Vec<&str> = reference.municipalities.iter().map(|m| m.code.as_str()).collect();
        let communities: Vec<&str> = reference.communities.iter().map(|m| m.code.as_str()).collect();
        let mut e = ValidationErrors::default();
        let checked = domain::check(report, today, &municipalities, &communities);
        let files = evidence::check(uploads, &limits, &mut e);
        let r = match checked {
            Ok(r) => r,
            Err(mut errors) => {
                errors.0.extend(e.0);
                return Err(errors.into());
            }
        };
        e.into_result(())?;
        let rules = self.rules();
        let bodies = self.bodies().await?;
        let facts =
            Facts { grounds: &r.grounds, area: r.area, perpetrator: r.perpetrator, description: &r.description };
        let Some((body, proposal)) = super::bodies::route(&rules, &bodies, &facts, &r.municipality) else {
            return Err(StoreError::Config("no competent body takes discrimination reports yet".into()));
        };
        let code = TrackingCode::generate();
        let code_hash = hash_off_thread(self.secret().await?, code.digits().to_string()).await?;
        let at = now();
        let ack_due_on = (today + chrono::Duration::days(body.ack_days)).to_string();
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        if !self.within_daily_cap(&mut c, &files, &limits).await? {
            return Err(ValidationErrors::single("files", DiscriminationReason::EvidenceFull).into());
        }
        use_challenge(&mut c, &nonce).await?;
        let id: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO discrimination_report (agency_id, code_hash, submitted_at, language, description, happened_on, \
                 happened_period, municipality_code, place, area, perpetrator, reporter_role, anonymous, contact_name, \
                 contact_phone, contact_email, community, proposed_agency_id, proposed_rule, rules_version, status, ack_due_on, \
                 retention_days, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $1, $18, $19, 'received', \
                 $20, $21, 1) RETURNING id"
            )
            .bind(body.agency_id)
            .bind(&code_hash)
            .bind(&at)
            .bind(&r.language)
            .bind(&r.description)
            .bind(r.happened_on.map(|d| d.to_string()))
            .bind(r.happened_period.map(|p| p.code()))
            .bind(&r.municipality)
            .bind(&r.place)
            .bind(r.area.code())
            .bind(r.perpetrator.code())
            .bind(r.reporter_role.code())
            .bind(i64::from(r.anonymous()))
            .bind(&r.contact_name)
            .bind(&r.contact_phone)
            .bind(&r.contact_email)
            .bind(&r.community)
            .bind(&proposal.rule)
            .bind(&rules.version)
            .bind(&ack_due_on)
            .bind(body.retention_days)
        )?;
        for g in &r.grounds {
            sql!(
                &mut c,
                execute,
                sqlx::query("INSERT INTO discrimination_report_ground (report_id, ground) VALUES ($1, $2)")
                    .bind(id)
                    .bind(g.code())
            )?;
        }
        // The automatic acknowledgement, in the thread the reporter reads.
        insert_message(&mut c, id, "system", "acknowledgement", "received", None).await?;
        event(&mut c, id, "submitted", None, None, Some(body.agency_id), None).await?;
        let stored = self.store_files(&mut c, id, files).await;
        let written = async {
            let stored = stored?;
            audit::append_entry(
                &mut c,
                NewAuditEntry {
                    user_id: None,
                    agency_id: Some(body.agency_id),
                    action: "discrimination.submit".into(),
                    record_type: "discrimination_report".into(),
                    record_id: Some(id),
                    reason: None,
                    detail:
                        serde_json::json!({"rule": proposal.rule, "files": stored.len(), "anonymous": r.anonymous()})
                            .to_string(),
                },
            )
            .await?;
            Ok::<_, StoreError>(stored)
        }
        .await;
        match written {
            Ok(stored) => {
                if let Err(e) = tx.commit().await {
                    self.remove_files(&stored).await;
                    return Err(e);
                }
            }
            Err(e) => return Err(e),
        }
        Ok(Submitted { tracking_code: code.grouped(), body: body.name.clone(), ack_due_on })
    }

    /// Finds the report of a typed tracking code (admitted already by `admit`). A malformed
    /// code is hashed all the same before it is refused.
    async fn by_code(&self, typed: &str) -> Result<i64, StoreError> {
        let secret = self.secret().await?;
        let parsed = TrackingCode::parse(typed);
        let digits = match &parsed {
            Some(c) => c.digits().to_string(),
            None => format!("{:0>16}", typed.chars().filter(char::is_ascii_digit).take(16).collect::<String>()),
        };
        let hash = hash_off_thread(secret, digits).await?;
        if parsed.is_none() {
            return Err(ValidationErrors::single("code", DiscriminationReason::CodeFormat).into());
        }
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let id: Option<i64> = sql!(
            &mut c,
            fetch_optional,
            sqlx::query_scalar::<_, i64>("SELECT id FROM discrimination_report WHERE code_hash = $1").bind(&hash)
        )?;
        id.ok_or_else(|| ValidationErrors::single("code", DiscriminationReason::NoSuchCode).into())
    }

    /// The report of a tracking code as its reporter sees it.
    pub async fn follow(&self, code: &str) -> Result<ReporterView, StoreError> {
        let id = self.by_code(code).await?;
        self.reporter_view(id).await
    }

    async fn reporter_view(&self, id: i64) -> Result<ReporterView, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let (status, submitted_at, body, description, outcome): (
            String,
            String,
            String,
            Option<String>,
            Option<String>,
        ) = sql!(
            &mut c,
            fetch_one,
            sqlx::query_as(
                "SELECT r.status, r.submitted_at, a.name, r.description, r.outcome FROM discrimination_report r \
                 JOIN agency a ON a.id = r.agency_id WHERE r.id = $1"
            )
            .bind(id)
        )?;
        Ok(ReporterView {
            status: status.parse().map_err(StoreError::corrupt)?,
            submitted_at,
            body,
            description: description.unwrap_or_default(),
            messages: messages(&mut c, id).await?,
            evidence: evidence::of_report(&mut c, id).await?,
            outcome,
        })
    }

    /// The reporter writes to the body (an answer to a question, or more to say) and may add
    /// evidence: refused once the report is closed, and beyond the messages per report per hour.
    pub async fn reporter_message(
        &self,
        code: &str,
        body: &str,
        uploads: Vec<Upload>,
    ) -> Result<ReporterView, StoreError> {
        let id = self.by_code(code).await?;
        let limits = self.limits().await?;
        let mut e = ValidationErrors::default();
        let text = body.trim();
        let files = evidence::check(uploads, &limits, &mut e);
        if text.is_empty() && files.is_empty() {
            e.push("body", Common::Required);
        }
        let text = if text.is_empty() { String::new() } else { domain::message_body(&mut e, text) };
        e.into_result(())?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let (status, agency_id): (String, i64) = sql!(
            &mut c,
            fetch_one,
            sqlx::query_as("SELECT status, agency_id FROM discrimination_report WHERE id = $1").bind(id)
        )?;
        if status == Status::Closed.code() {
            return Err(StoreError::Conflict(drom_domain::error::Refusal::new("discrimination-closed")));
        }
        let recent: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM discrimination_message WHERE report_id = $1 AND author = 'reporter' AND at > $2"
            )
            .bind(id)
            .bind(ago(3600))
        )?;
        if recent >= limits.messages_per_report_per_hour {
            return Err(StoreError::Limited { retry_after_secs: 3600 });
        }
        if !self.within_daily_cap(&mut c, &files, &limits).await? {
            return Err(ValidationErrors::single("files", DiscriminationReason::EvidenceFull).into());
        }
        let at = now();
        if !text.is_empty() {
            insert_message(&mut c, id, "reporter", "message", &text, None).await?;
        }
        let answered = status == Status::AwaitingReporter.code();
        sql!(
            &mut c,
            execute,
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "UPDATE discrimination_report SET last_reporter_at = $1, version = version + 1{} WHERE id = $2",
                if answered { ", status = 'acknowledged'" } else { "" }
            )))
            .bind(&at)
            .bind(id)
        )?;
        if answered {
            event(&mut c, id, "answered", None, None, None, None).await?;
        }
        let n_files = files.len();
        let stored = self.store_files(&mut c, id, files).await?;
        let done = audit::append_entry(
            &mut c,
            NewAuditEntry {
                user_id: None,
                agency_id: Some(agency_id),
                action: "discrimination.reporter_message".into(),
                record_type: "discrimination_report".into(),
                record_id: Some(id),
                reason: None,
                detail: serde_json::json!({"files": n_files, "answered": answered}).to_string(),
            },
        )
        .await;
        let committed = match done {
            Ok(()) => tx.commit().await,
            Err(e) => Err(e),
        };
        if let Err(e) = committed {
            self.remove_files(&stored).await;
            return Err(e);
        }
        self.reporter_view(id).await
    }
}

/// Raises the counter of `address` and `kind` (a new window once the last is an hour old) and
/// refuses when it passes `limit`.
async fn bump(d: &Discrimination<'_>, address: &str, kind: &str, limit: i64) -> Result<(), StoreError> {
    let mut tx = d.begin().await?;
    let mut c = tx.conn();
    let (count, window_start): (i64, String) = sql!(
        &mut c,
        fetch_one,
        sqlx::query_as::<_, (i64, String)>(
            "INSERT INTO discrimination_bucket (address, kind, window_start, count) VALUES ($1, $2, $3, 1) \
             ON CONFLICT (address, kind) DO UPDATE SET \
             count = CASE WHEN discrimination_bucket.window_start < $4 THEN 1 ELSE discrimination_bucket.count + 1 END, \
             window_start = CASE WHEN discrimination_bucket.window_start < $4 THEN $3 ELSE discrimination_bucket.window_start END \
             RETURNING count, window_start"
        )
        .bind(address)
        .bind(kind)
        .bind(now())
        .bind(ago(3600))
    )?;
    tx.commit().await?;
    if count > limit {
        let secs =
            super::parse_time(&window_start).map(|t| 3600 - (chrono::Utc::now() - t).num_seconds()).unwrap_or(60);
        return Err(StoreError::Limited { retry_after_secs: secs.clamp(1, 3600) as u64 });
    }
    Ok(())
}

/// Uses a challenge up: a second use is refused as an expired form.
async fn use_challenge(c: &mut Conn<'_>, nonce: &str) -> Result<(), StoreError> {
    sql!(
        c,
        execute,
        sqlx::query("DELETE FROM discrimination_challenge_used WHERE at < $1").bind(ago(pow::VALID_SECS))
    )?;
    let n = sql!(
        c,
        execute,
        sqlx::query(
            "INSERT INTO discrimination_challenge_used (nonce, at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING"
        )
        .bind(nonce)
        .bind(now())
    )?;
    if n == 0 {
        return Err(ValidationErrors::single("challenge", DiscriminationReason::FormExpired).into());
    }
    Ok(())
}

pub(crate) async fn insert_message(
    c: &mut Conn<'_>,
    report_id: i64,
    author: &str,
    kind: &str,
    body: &str,
    user_id: Option<i64>,
) -> Result<(), StoreError> {
    sql!(
        c,
        execute,
        sqlx::query(
            "INSERT INTO discrimination_message (report_id, author, kind, body, user_id, at) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(report_id)
        .bind(author)
        .bind(kind)
        .bind(body)
        .bind(user_id)
        .bind(now())
    )?;
    Ok(())
}

pub(crate) async fn event(
    c: &mut Conn<'_>,
    report_id: i64,
    kind: &str,
    user_id: Option<i64>,
    from_agency: Option<i64>,
    to_agency: Option<i64>,
    reason: Option<&str>,
) -> Result<(), StoreError> {
    sql!(
        c,
        execute,
        sqlx::query(
            "INSERT INTO discrimination_event (report_id, kind, at, user_id, from_agency_id, to_agency_id, reason) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)"
        )
        .bind(report_id)
        .bind(kind)
        .bind(now())
        .bind(user_id)
        .bind(from_agency)
        .bind(to_agency)
        .bind(reason)
    )?;
    Ok(())
}

pub(crate) async fn messages(c: &mut Conn<'_>, report_id: i64) -> Result<Vec<Message>, StoreError> {
    Ok(sql!(
        c,
        fetch_all,
        sqlx::query_as::<_, Message>(
            "SELECT id, author, kind, body, at FROM discrimination_message WHERE report_id = $1 ORDER BY at, id"
        )
        .bind(report_id)
    )?)
}
