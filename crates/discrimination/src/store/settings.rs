//! The limits an administrator tunes (per address, per hour, per report, files, the daily cap
//! on evidence, the proof of work, the threshold of published figures) and the installation's
//! secret, made on first use: the salt of tracking-code hashes and the key of form challenges.

use super::Discrimination;
use drom_domain::permission::Actor;
use drom_domain::{Common, ValidationErrors};
use drom_store::audit;
use drom_store::error::StoreError;
use drom_store::sql;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The tunable limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Reports accepted from one address in an hour.
    pub per_address_per_hour: i64,
    /// Reports accepted from everyone in an hour.
    pub per_hour: i64,
    /// Tracking-code look-ups (and reporter messages) from one address in an hour.
    pub lookups_per_address_per_hour: i64,
    /// Messages a reporter may send on one report in an hour.
    pub messages_per_report_per_hour: i64,
    /// Files with one report or message.
    pub max_files: i64,
    /// The largest file, in MiB.
    pub max_file_mb: i64,
    /// Evidence stored per day, in MiB, from everyone.
    pub evidence_mb_per_day: i64,
    /// Zero bits the page's script must find (0 turns the proof of work off).
    pub pow_bits: i64,
    /// Seconds a form without script must have been open before it is accepted.
    pub nojs_delay_secs: i64,
    /// Published counts under this are hidden (with secondary suppression).
    pub threshold: i64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            per_address_per_hour: 5,
            per_hour: 200,
            lookups_per_address_per_hour: 60,
            messages_per_report_per_hour: 10,
            max_files: 5,
            max_file_mb: 5,
            evidence_mb_per_day: 500,
            pow_bits: 14,
            nojs_delay_secs: 8,
            threshold: drom_domain::disclosure::DEFAULT_THRESHOLD,
        }
    }
}

/// The hard ceilings of the limits: what the routes' body limit is made from.
pub const MAX_FILES: i64 = 10;
pub const MAX_FILE_MB: i64 = 20;

impl Limits {
    fn check(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        for (field, v, min, max) in [
            ("per_address_per_hour", self.per_address_per_hour, 1, 1_000_000),
            ("per_hour", self.per_hour, 1, 10_000_000),
            ("lookups_per_address_per_hour", self.lookups_per_address_per_hour, 1, 1_000_000),
            ("messages_per_report_per_hour", self.messages_per_report_per_hour, 1, 1000),
            ("max_files", self.max_files, 0, MAX_FILES),
            ("max_file_mb", self.max_file_mb, 1, MAX_FILE_MB),
            ("evidence_mb_per_day", self.evidence_mb_per_day, 0, 1_000_000),
            ("pow_bits", self.pow_bits, 0, 24),
            ("nojs_delay_secs", self.nojs_delay_secs, 0, 60),
            ("threshold", self.threshold, 1, 100),
        ] {
            if !(min..=max).contains(&v) {
                e.push(field, Common::Between { min, max });
            }
        }
        e.into_result(())
    }
}

const COLUMNS: &str = "per_address_per_hour, per_hour, lookups_per_address_per_hour, messages_per_report_per_hour, \
                       max_files, max_file_mb, evidence_mb_per_day, pow_bits, nojs_delay_secs, threshold";

impl Discrimination<'_> {
    /// Makes the settings row (with a new secret) if there is none; several servers racing
    /// keep the first.
    async fn ensure_settings(&self) -> Result<(), StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let d = Limits::default();
        let secret = drom_store::users::random_token("");
        sql!(
            &mut c,
            execute,
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "INSERT INTO discrimination_settings (id, secret, {COLUMNS}) \
                 VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING"
            )))
            .bind(secret)
            .bind(d.per_address_per_hour)
            .bind(d.per_hour)
            .bind(d.lookups_per_address_per_hour)
            .bind(d.messages_per_report_per_hour)
            .bind(d.max_files)
            .bind(d.max_file_mb)
            .bind(d.evidence_mb_per_day)
            .bind(d.pow_bits)
            .bind(d.nojs_delay_secs)
            .bind(d.threshold)
        )?;
        Ok(())
    }

    /// The limits in force.
    pub async fn limits(&self) -> Result<Limits, StoreError> {
        loop {
            let found = {
                let mut h = self.acquire().await?;
                let mut c = h.conn();
                sql!(
                    &mut c,
                    fetch_optional,
                    sqlx::query_as::<_, Limits>(sqlx::AssertSqlSafe(format!(
                        "SELECT {COLUMNS} FROM discrimination_settings WHERE id = 1"
                    )))
                )?
            };
            match found {
                Some(l) => return Ok(l),
                None => self.ensure_settings().await?,
            }
        }
    }

    /// The installation's secret (hex).
    pub(crate) async fn secret(&self) -> Result<Vec<u8>, StoreError> {
        if let Some(s) = self.0.extension::<Secret>() {
            return Ok(s.0.clone());
        }
        self.ensure_settings().await?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let hex_secret: String = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, String>("SELECT secret FROM discrimination_settings WHERE id = 1")
        )?;
        let bytes = hex::decode(hex_secret.trim()).map_err(StoreError::corrupt)?;
        self.0.set_extension(Secret(bytes.clone()));
        Ok(bytes)
    }

    /// A system administrator sets the limits (audited with the old and new values).
    pub async fn set_limits(&self, actor: &Actor, limits: Limits) -> Result<Limits, StoreError> {
        actor.administrator()?.system()?;
        limits.check()?;
        let before = self.limits().await?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        sql!(
            &mut c,
            execute,
            sqlx::query(
                "UPDATE discrimination_settings SET per_address_per_hour = $1, per_hour = $2, \
                 lookups_per_address_per_hour = $3, messages_per_report_per_hour = $4, max_files = $5, max_file_mb = $6, \
                 evidence_mb_per_day = $7, pow_bits = $8, nojs_delay_secs = $9, threshold = $10 WHERE id = 1"
            )
            .bind(limits.per_address_per_hour)
            .bind(limits.per_hour)
            .bind(limits.lookups_per_address_per_hour)
            .bind(limits.messages_per_report_per_hour)
            .bind(limits.max_files)
            .bind(limits.max_file_mb)
            .bind(limits.evidence_mb_per_day)
            .bind(limits.pow_bits)
            .bind(limits.nojs_delay_secs)
            .bind(limits.threshold)
        )?;
        audit::append(
            &mut c,
            actor,
            "discrimination.limits",
            "discrimination_settings",
            Some(1),
            None,
            serde_json::json!({"before": before, "after": limits}),
        )
        .await?;
        tx.commit().await?;
        Ok(limits)
    }
}

/// The secret, cached once read (it never changes).
struct Secret(Vec<u8>);
