//! Sign-in with limits that an attacker cannot turn against someone else: failures lock the
//! pair of address and user name, and an address that fails too often, but never a user name
//! for everyone; a name that fails from many addresses is slowed down instead. Password hashes
//! are checked on the blocking pool, so a burst of sign-ins never stalls the server's workers.
//! Expired sessions and tokens and old failures are purged.

use crate::db::{Db, now};
use crate::error::StoreError;
use crate::query::{Param, bind_params};
use crate::sql;
use crate::users::{FAILURE_WINDOW_SECS, User, hash_password, seconds_ago, verify_password};
use std::sync::OnceLock;
use std::time::Duration;

/// Failures of one user name from one address within the window before that pair is refused.
pub const MAX_PAIR_FAILURES: i64 = 5;
/// Failures from one address (any names) within the window before the address is refused.
pub const MAX_ADDRESS_FAILURES: i64 = 30;
/// Each failure of a name beyond `MAX_PAIR_FAILURES` (from any address) adds this much delay
/// to its next sign-in, up to `MAX_SLOWDOWN`.
pub const SLOWDOWN_STEP: Duration = Duration::from_millis(250);
pub const MAX_SLOWDOWN: Duration = Duration::from_secs(4);
/// Expired tokens are kept this long (so that their holder sees why they stopped working).
pub const EXPIRED_TOKEN_DAYS: i64 = 30;

/// What was purged.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    pub sessions: u64,
    pub tokens: u64,
    pub failures: u64,
}

impl Db {
    /// Checks a user name and password from `address` (the client's IP address; empty when
    /// unknown, as on the command line).
    pub async fn authenticate(&self, username: &str, password: &str, address: &str) -> Result<User, StoreError> {
        let since = seconds_ago(FAILURE_WINDOW_SECS);
        // Failures in the window matching `filter`, and when the oldest of them was.
        let failures = |filter: &'static str, values: Vec<&str>| {
            let mut params: Vec<Param> = values.into_iter().map(|v| Param::S(v.to_string())).collect();
            params.push(Param::S(since.clone()));
            let at = params.len();
            async move {
                let mut h = self.acquire().await?;
                let mut c = h.conn();
                let q = format!("SELECT COUNT(*), MIN(at) FROM login_failure WHERE {filter} AND at > ${at}");
                let row: (i64, Option<String>) = sql!(
                    &mut c,
                    fetch_one,
                    bind_params(sqlx::query_as::<_, (i64, Option<String>)>(sqlx::AssertSqlSafe(q.clone())), &params)
                )?;
                Ok::<_, StoreError>(row)
            }
        };
        let pair = failures("username = $1 AND address = $2", vec![username, address]).await?;
        let from_address = failures("address = $1", vec![address]).await?;
        for ((count, oldest), max) in [(pair, MAX_PAIR_FAILURES), (from_address, MAX_ADDRESS_FAILURES)] {
            if count >= max {
                return Err(StoreError::TooManyAttempts { retry_after_secs: retry_after(oldest.as_deref()) });
            }
        }
        let (of_name, _) = failures("username = $1", vec![username]).await?;
        let excess = (of_name - MAX_PAIR_FAILURES + 1).max(0) as u32;
        if excess > 0 {
            tokio::time::sleep((SLOWDOWN_STEP * excess).min(MAX_SLOWDOWN)).await;
        }
        let row: Option<(String, bool)> = {
            let mut h = self.acquire().await?;
            let mut c = h.conn();
            sql!(
                &mut c,
                fetch_optional,
                sqlx::query_as::<_, (String, bool)>("SELECT password_hash, disabled FROM app_user WHERE username = $1")
                    .bind(username)
            )?
        };
        // Hash even for an unknown user, so timing does not tell which names exist.
        static DUMMY: OnceLock<String> = OnceLock::new();
        let (hash, disabled) = match row {
            Some((hash, disabled)) => (hash, disabled),
            None => (DUMMY.get_or_init(|| hash_password("not a password of anyone").unwrap_or_default()).clone(), true),
        };
        let password = password.to_string();
        let matches = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
            .await
            .map_err(|e| StoreError::Corrupt(format!("password check failed: {e}")))?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        if !matches || disabled {
            sql!(
                &mut c,
                execute,
                sqlx::query("INSERT INTO login_failure (username, address, at) VALUES ($1, $2, $3)")
                    .bind(username)
                    .bind(address)
                    .bind(now())
            )?;
            tx.commit().await?;
            return Err(StoreError::BadCredentials);
        }
        sql!(
            &mut c,
            execute,
            sqlx::query("DELETE FROM login_failure WHERE username = $1 AND address = $2").bind(username).bind(address)
        )?;
        tx.commit().await?;
        self.user_by_name(username).await
    }

    /// Deletes expired sessions, tokens expired or revoked more than `EXPIRED_TOKEN_DAYS` ago,
    /// and sign-in failures older than the window.
    pub async fn purge_expired(&self) -> Result<Purged, StoreError> {
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let at = now();
        let sessions = sql!(&mut c, execute, sqlx::query("DELETE FROM web_session WHERE expires_at <= $1").bind(&at))?;
        let old = seconds_ago(EXPIRED_TOKEN_DAYS * 24 * 3600);
        let tokens = sql!(
            &mut c,
            execute,
            sqlx::query("DELETE FROM api_token WHERE expires_at <= $1 OR (revoked = TRUE AND created_at <= $1)")
                .bind(&old)
        )?;
        let failures = sql!(
            &mut c,
            execute,
            sqlx::query("DELETE FROM login_failure WHERE at <= $1").bind(seconds_ago(FAILURE_WINDOW_SECS))
        )?;
        tx.commit().await?;
        Ok(Purged { sessions, tokens, failures })
    }
}

/// Seconds until the oldest failure in the window leaves it.
fn retry_after(oldest: Option<&str>) -> u64 {
    oldest
        .and_then(|o| chrono::DateTime::parse_from_rfc3339(o).ok())
        .map(|o| (o.timestamp() + FAILURE_WINDOW_SECS - chrono::Utc::now().timestamp()).max(1) as u64)
        .unwrap_or(FAILURE_WINDOW_SECS as u64)
}
