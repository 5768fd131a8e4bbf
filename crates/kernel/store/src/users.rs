//! Agencies, users, passwords (Argon2id), API tokens and sign-in with a limit on failed
//! attempts. Agency and user administration needs the `Administrator` grant; the bootstrap
//! path for the first administrator (`drom user add` on a fresh database) is `create_user`
//! called with no actor, which the CLI alone does.

use crate::audit;
use crate::db::{Conn, Db, now};
use crate::error::StoreError;
use crate::sql;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use drom_domain::audit::NewAuditEntry;
use drom_domain::error::required_text;
use drom_domain::permission::{Actor, Administrator, Denied, Permission, Role};
use drom_domain::{Common, ValidationErrors};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

/// How long a failed sign-in counts against further attempts (see `signin`).
pub const FAILURE_WINDOW_SECS: i64 = 15 * 60;
pub const PASSWORD_MIN: usize = 12;

drom_domain::reasons! {
    /// Why an administrator's input about agencies, users and reference data is refused.
    pub enum AdminReason {
        CodeLetters = "code_letters": "must be lower-case letters and underscores",
        NameLetters = "name_letters": "use lower-case letters, digits, '.', '_' or '-'",
        Username = "username": "use 3 to 64 lower-case letters, digits, '.', '_' or '-'",
        PasswordShort { min: usize } = "password_short": "must be at least {min} characters",
        PasswordLong = "password_long": "is longer than 1024 bytes",
        Taken { username: String } = "taken": "'{username}' is taken",
        NotYourself = "not_yourself": "you cannot take this from your own account: ask another administrator",
        WrongPassword = "wrong_password": "is not your current password",
    }
}
/// Lifetime of an API token issued on the command line (`drom user token`).
pub const TOKEN_DAYS: i64 = 90;
/// Lifetime of the token of an API sign-in (`POST /api/v1/auth/token`), and how many live ones
/// a user keeps.
pub const SIGN_IN_TOKEN_HOURS: i64 = 24;
pub const MAX_SIGN_IN_TOKENS: usize = 5;
const SIGN_IN_LABEL: &str = "api sign-in";
/// Lifetime of a web session: a working day, then sign in again.
pub const SESSION_HOURS: i64 = 12;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Agency {
    pub id: i64,
    pub code: String,
    pub name: String,
    /// e.g. `ministry`, `municipality`, `international_organisation`, `ngo`, `ombudsperson`.
    pub kind: String,
    pub municipality_code: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAgency {
    pub code: String,
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub municipality: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct User {
    pub id: i64,
    pub agency_id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub special_categories: bool,
    /// The explicit grant to override the protection gate.
    pub protection_override: bool,
    pub disabled: bool,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub agency_id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    #[serde(default)]
    pub special_categories: bool,
    /// The grant to override the protection gate (with a second person's confirmation).
    #[serde(default)]
    pub protection_override: bool,
    pub password: String,
}

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    id: i64,
    agency_id: i64,
    username: String,
    display_name: String,
    role: String,
    special_categories: bool,
    protection_override: bool,
    disabled: bool,
    /// When the token a row was found by was last used (only the token query selects it).
    #[sqlx(default)]
    last_used_at: Option<String>,
}

impl UserRow {
    pub(crate) fn into_user(self) -> Result<User, StoreError> {
        Ok(User {
            id: self.id,
            agency_id: self.agency_id,
            role: self.role.parse().map_err(StoreError::corrupt)?,
            username: self.username,
            display_name: self.display_name,
            special_categories: self.special_categories,
            protection_override: self.protection_override,
            disabled: self.disabled,
        })
    }
}

impl User {
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.id,
            agency_id: self.agency_id,
            username: self.username.clone(),
            role: self.role,
            special_categories: self.special_categories,
            protection_override: self.protection_override,
        }
    }
}

pub(crate) const USER_COLUMNS: &str =
    "id, agency_id, username, display_name, role, special_categories, protection_override, disabled";

pub fn hash_password(password: &str) -> Result<String, StoreError> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Corrupt(format!("password hashing failed: {e}")))
}

pub(crate) fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// A prefixed random secret: 256 bits from the operating system.
pub fn random_token(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{prefix}{}", hex::encode(bytes))
}

/// The CSRF token of a signed-in browser: derived from its session secret, which an attacker
/// can neither read nor plant, so a planted cookie and field pair does not pass.
pub fn csrf_for_session(session: &str) -> String {
    token_hash(&format!("csrf:{session}"))
}

pub(crate) fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn is_username(s: &str) -> bool {
    (3..=64).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-'))
}

pub(crate) fn seconds_ago(secs: i64) -> String {
    (chrono::Utc::now() - chrono::Duration::seconds(secs)).to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

impl Db {
    pub async fn agencies(&self) -> Result<Vec<Agency>, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let rows: Vec<(i64, String, String, String, Option<String>)> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, (i64, String, String, String, Option<String>)>(
                "SELECT id, code, name, kind, municipality_code FROM agency ORDER BY name"
            )
        )?;
        Ok(rows
            .into_iter()
            .map(|(id, code, name, kind, municipality_code)| Agency { id, code, name, kind, municipality_code })
            .collect())
    }

    pub async fn agency(&self, id: i64) -> Result<Agency, StoreError> {
        self.agencies().await?.into_iter().find(|a| a.id == id).ok_or(StoreError::NotFound)
    }

    /// Creates an agency. `admin` is `None` only for the bootstrap and the demo.
    pub async fn create_agency(&self, admin: Option<Administrator<'_>>, new: NewAgency) -> Result<Agency, StoreError> {
        if let Some(a) = admin {
            a.system()?;
        }
        let mut e = ValidationErrors::default();
        let code = required_text(&mut e, "code", &new.code, 40);
        if !code.is_empty() && !is_username(&code) {
            e.push("code", AdminReason::NameLetters);
        }
        let name = required_text(&mut e, "name", &new.name, 200);
        let kind = required_text(&mut e, "kind", &new.kind, 60);
        let municipality_code = match new.municipality.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
            None => None,
            Some(m) => match self.reference().await?.municipality(m) {
                Some(found) => Some(found.code.clone()),
                None => {
                    e.push("municipality", Common::UnknownMunicipality { value: m.to_string() });
                    None
                }
            },
        };
        e.into_result(())?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let exists: Option<i64> = sql!(
            &mut c,
            fetch_optional,
            sqlx::query_scalar::<_, i64>("SELECT id FROM agency WHERE code = $1").bind(&code)
        )?;
        if exists.is_some() {
            return Err(ValidationErrors::single("code", Common::Exists { value: code }).into());
        }
        let id: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO agency (code, name, kind, municipality_code, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id"
            )
            .bind(&code)
            .bind(&name)
            .bind(&kind)
            .bind(&municipality_code)
            .bind(now())
        )
        .map_err(|e| taken_as(e.into(), "code", Common::Exists { value: code.clone() }))?;
        let detail = serde_json::json!({"code": code});
        match admin {
            Some(a) => audit::append(&mut c, a.actor(), "agency.create", "agency", Some(id), None, detail).await?,
            None => system_audit(&mut c, "agency.create", "agency", id, detail).await?,
        }
        tx.commit().await?;
        Ok(Agency { id, code, name, kind, municipality_code })
    }

    /// Creates a user. `admin` is `None` only for the command line (`drom user add`) and the demo.
    /// An administrator creates users of its own agency only, and a system administrator only
    /// by a system administrator.
    pub async fn create_user(&self, admin: Option<Administrator<'_>>, new: NewUser) -> Result<User, StoreError> {
        if let Some(a) = admin
            && (!a.manages(new.agency_id) || !a.may_give(new.role))
        {
            return Err(Denied(Permission::AdministerSystem).into());
        }
        let mut e = ValidationErrors::default();
        let username = new.username.trim().to_string();
        if !is_username(&username) {
            e.push("username", AdminReason::Username);
        }
        let display_name = required_text(&mut e, "display_name", &new.display_name, 200);
        if new.password.chars().count() < PASSWORD_MIN {
            e.push("password", AdminReason::PasswordShort { min: PASSWORD_MIN });
        } else if new.password.len() > 1024 {
            e.push("password", AdminReason::PasswordLong);
        }
        if self.agencies().await?.iter().all(|a| a.id != new.agency_id) {
            e.push("agency_id", Common::NoSuch { value: format!("agency {}", new.agency_id) });
        }
        e.into_result(())?;
        let hash = crate::accounts::hash_blocking(&new.password).await?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let exists: Option<i64> = sql!(
            &mut c,
            fetch_optional,
            sqlx::query_scalar::<_, i64>("SELECT id FROM app_user WHERE username = $1").bind(&username)
        )?;
        if exists.is_some() {
            return Err(ValidationErrors::single("username", AdminReason::Taken { username }).into());
        }
        let id: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO app_user (agency_id, username, display_name, role, special_categories, protection_override, password_hash, disabled, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, FALSE, $8) RETURNING id"
            )
            .bind(new.agency_id)
            .bind(&username)
            .bind(&display_name)
            .bind(new.role.code())
            .bind(new.special_categories)
            .bind(new.protection_override)
            .bind(&hash)
            .bind(now())
        )
        .map_err(|e| taken_as(e.into(), "username", AdminReason::Taken { username: username.clone() }))?;
        let detail = serde_json::json!({"username": username, "role": new.role, "special_categories": new.special_categories, "protection_override": new.protection_override, "agency_id": new.agency_id});
        match admin {
            Some(a) => audit::append(&mut c, a.actor(), "user.create", "user", Some(id), None, detail).await?,
            None => system_audit(&mut c, "user.create", "user", id, detail).await?,
        }
        tx.commit().await?;
        Ok(User {
            id,
            agency_id: new.agency_id,
            username,
            display_name,
            role: new.role,
            special_categories: new.special_categories,
            protection_override: new.protection_override,
            disabled: false,
        })
    }

    /// The users an administrator manages (its agency's; every agency's for a system
    /// administrator), or every user for the command line (`None`).
    pub async fn users(&self, admin: Option<Administrator<'_>>) -> Result<Vec<User>, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let rows: Vec<UserRow> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(format!(
                "SELECT {USER_COLUMNS} FROM app_user ORDER BY agency_id, username"
            )))
        )?;
        let users = rows.into_iter().map(UserRow::into_user).collect::<Result<Vec<_>, _>>()?;
        Ok(users.into_iter().filter(|u| admin.is_none_or(|a| a.manages(u.agency_id))).collect())
    }

    pub async fn user_by_name(&self, username: &str) -> Result<User, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let row: Option<UserRow> = sql!(
            &mut c,
            fetch_optional,
            sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(format!(
                "SELECT {USER_COLUMNS} FROM app_user WHERE username = $1"
            )))
            .bind(username)
        )?;
        row.ok_or(StoreError::NotFound)?.into_user()
    }

    /// Starts a web session; returns the cookie value (only its hash is kept).
    pub async fn start_session(&self, user: &User) -> Result<String, StoreError> {
        let token = random_token("sess_");
        let expires = (chrono::Utc::now() + chrono::Duration::hours(SESSION_HOURS))
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        sql!(
            &mut c,
            execute,
            sqlx::query(
                "INSERT INTO web_session (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)"
            )
            .bind(token_hash(&token))
            .bind(user.id)
            .bind(now())
            .bind(&expires)
        )?;
        audit::append(&mut c, &user.actor(), "session.start", "user", Some(user.id), None, serde_json::json!({}))
            .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// The user of a live session.
    pub async fn user_for_session(&self, token: &str) -> Result<Option<User>, StoreError> {
        self.user_by_secret(
            "SELECT u.id, u.agency_id, u.username, u.display_name, u.role, u.special_categories, u.protection_override, u.disabled \
             FROM web_session s JOIN app_user u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = FALSE",
            token,
        )
        .await
    }

    /// The enabled user a query finds by a secret's hash (`$1`) and the time now (`$2`).
    async fn user_by_secret(&self, query: &'static str, secret: &str) -> Result<Option<User>, StoreError> {
        self.row_by_secret(query, secret).await?.map(UserRow::into_user).transpose()
    }

    async fn row_by_secret(&self, query: &'static str, secret: &str) -> Result<Option<UserRow>, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        Ok(sql!(&mut c, fetch_optional, sqlx::query_as::<_, UserRow>(query).bind(token_hash(secret)).bind(now()))?)
    }

    /// Ends a session (sign-out). Unknown tokens are ignored.
    pub async fn end_session(&self, token: &str) -> Result<(), StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        sql!(&mut c, execute, sqlx::query("DELETE FROM web_session WHERE token_hash = $1").bind(token_hash(token)))?;
        Ok(())
    }

    /// Issues an API token for a user. The token is shown once; only its hash is kept.
    pub async fn issue_token(&self, user: &User, label: &str) -> Result<String, StoreError> {
        self.issue_token_for(user, label, chrono::Duration::days(TOKEN_DAYS)).await
    }

    async fn issue_token_for(
        &self,
        user: &User,
        label: &str,
        lifetime: chrono::Duration,
    ) -> Result<String, StoreError> {
        let token = random_token("drom_");
        let expires = (chrono::Utc::now() + lifetime).to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let id: i64 = sql!(
            &mut c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO api_token (user_id, token_hash, label, created_at, expires_at, revoked) VALUES ($1, $2, $3, $4, $5, FALSE) RETURNING id"
            )
            .bind(user.id)
            .bind(token_hash(&token))
            .bind(label)
            .bind(now())
            .bind(&expires)
        )?;
        audit::append(
            &mut c,
            &user.actor(),
            "token.issue",
            "api_token",
            Some(id),
            None,
            serde_json::json!({"label": label}),
        )
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// Issues the token of an API sign-in: it lives `SIGN_IN_TOKEN_HOURS`, and a user keeps
    /// at most `MAX_SIGN_IN_TOKENS` live ones (signing in again revokes the oldest), so sign-ins
    /// do not pile up long-lived secrets.
    pub async fn issue_sign_in_token(&self, user: &User) -> Result<String, StoreError> {
        let token = self.issue_token_for(user, SIGN_IN_LABEL, chrono::Duration::hours(SIGN_IN_TOKEN_HOURS)).await?;
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        let live: Vec<i64> = sql!(
            &mut c,
            fetch_all,
            sqlx::query_scalar::<_, i64>(
                "SELECT id FROM api_token WHERE user_id = $1 AND label = $2 AND revoked = FALSE AND expires_at > $3 \
                 ORDER BY id DESC"
            )
            .bind(user.id)
            .bind(SIGN_IN_LABEL)
            .bind(now())
        )?;
        for id in live.iter().skip(MAX_SIGN_IN_TOKENS) {
            sql!(&mut c, execute, sqlx::query("UPDATE api_token SET revoked = TRUE WHERE id = $1").bind(id))?;
        }
        Ok(token)
    }

    /// The user behind a bearer token, if the token is valid, unexpired and its user enabled.
    /// Notes when the token was last used, at most once an hour (a write per request would
    /// serialise every API call on SQLite).
    pub async fn user_for_token(&self, token: &str) -> Result<Option<User>, StoreError> {
        let Some(row) = self
            .row_by_secret(
                "SELECT u.id, u.agency_id, u.username, u.display_name, u.role, u.special_categories, u.protection_override, u.disabled, t.last_used_at \
                 FROM api_token t JOIN app_user u ON u.id = t.user_id \
                 WHERE t.token_hash = $1 AND t.revoked = FALSE AND t.expires_at > $2 AND u.disabled = FALSE",
                token,
            )
            .await?
        else {
            return Ok(None);
        };
        if row.last_used_at.as_deref().is_none_or(|l| l < seconds_ago(3600).as_str()) {
            let mut h = self.acquire().await?;
            let mut c = h.conn();
            sql!(
                &mut c,
                execute,
                sqlx::query("UPDATE api_token SET last_used_at = $1 WHERE token_hash = $2")
                    .bind(now())
                    .bind(token_hash(token))
            )?;
        }
        row.into_user().map(Some)
    }
}

/// A unique key taken by another writer between the check and the insert, said as the same
/// field error the check gives.
fn taken_as(e: StoreError, field: &str, reason: impl drom_domain::Reason) -> StoreError {
    match e {
        StoreError::Conflict(r) if r.code == "duplicate" => ValidationErrors::single(field, reason).into(),
        other => other,
    }
}

pub(crate) async fn system_audit(
    c: &mut Conn<'_>,
    action: &str,
    record_type: &str,
    id: i64,
    detail: serde_json::Value,
) -> Result<(), StoreError> {
    audit::append_entry(
        c,
        NewAuditEntry {
            user_id: None,
            agency_id: None,
            action: action.into(),
            record_type: record_type.into(),
            record_id: Some(id),
            reason: Some("command line".into()),
            detail: detail.to_string(),
        },
    )
    .await
}
