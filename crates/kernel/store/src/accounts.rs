//! An account's lifecycle after it is created: an administrator changes a user's name, role
//! and grants, disables and enables them, and resets a password; a user changes their own
//! password and lists and revokes their own tokens. Disabling ends the user's sessions and
//! revokes their tokens in the same transaction, so nothing of theirs works a moment later.
//! Every change is audited.

use crate::audit;
use crate::db::{Conn, Db};
use crate::error::StoreError;
use crate::sql;
use crate::users::{
    AdminReason, PASSWORD_MIN, USER_COLUMNS, User, UserRow, hash_password, system_audit, token_hash, verify_password,
};
use drom_domain::ValidationErrors;
use drom_domain::error::required_text;
use drom_domain::permission::{Actor, Administrator, Denied, Permission, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What an administrator changes of a user; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserChange {
    pub display_name: Option<String>,
    pub role: Option<Role>,
    pub special_categories: Option<bool>,
    pub protection_override: Option<bool>,
    /// `true` ends every session and revokes every token of the user at once.
    pub disabled: Option<bool>,
}

/// One of a user's API tokens (never the secret itself).
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct TokenInfo {
    pub id: i64,
    pub label: String,
    pub created_at: String,
    pub expires_at: String,
    pub last_used_at: Option<String>,
    pub revoked: bool,
}

fn check_password(e: &mut ValidationErrors, field: &str, password: &str) {
    if password.chars().count() < PASSWORD_MIN {
        e.push(field, AdminReason::PasswordShort { min: PASSWORD_MIN });
    } else if password.len() > 1024 {
        e.push(field, AdminReason::PasswordLong);
    }
}

/// Hashes on the blocking pool: Argon2 takes tens of milliseconds of one core.
pub(crate) async fn hash_blocking(password: &str) -> Result<String, StoreError> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| StoreError::Corrupt(format!("password hashing failed: {e}")))?
}

async fn load_user(c: &mut Conn<'_>, id: i64) -> Result<User, StoreError> {
    let row: Option<UserRow> = sql!(
        c,
        fetch_optional,
        sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(format!("SELECT {USER_COLUMNS} FROM app_user WHERE id = $1")))
            .bind(id)
    )?;
    row.ok_or(StoreError::NotFound)?.into_user()
}

/// Ends every session of a user and revokes every token (disabling, a reset password).
async fn cut_off(c: &mut Conn<'_>, user_id: i64) -> Result<(), StoreError> {
    sql!(c, execute, sqlx::query("DELETE FROM web_session WHERE user_id = $1").bind(user_id))?;
    sql!(c, execute, sqlx::query("UPDATE api_token SET revoked = TRUE WHERE user_id = $1").bind(user_id))?;
    Ok(())
}

async fn audit_admin(
    c: &mut Conn<'_>,
    admin: Option<Administrator<'_>>,
    action: &str,
    id: i64,
    reason: Option<&str>,
    detail: serde_json::Value,
) -> Result<(), StoreError> {
    match admin {
        Some(a) => audit::append(c, a.actor(), action, "user", Some(id), reason, detail).await,
        None => system_audit(c, action, "user", id, detail).await,
    }
}

impl Db {
    /// One user an administrator manages (`None`: the command line, which manages all).
    pub async fn managed_user(&self, admin: Option<Administrator<'_>>, id: i64) -> Result<User, StoreError> {
        let mut h = self.acquire().await?;
        let user = load_user(&mut h.conn(), id).await?;
        match admin {
            Some(a) if !a.manages(user.agency_id) => Err(StoreError::NotFound),
            _ => Ok(user),
        }
    }

    /// Changes a user's name, role, grants or whether they may sign in. An administrator
    /// changes the users of its own agency only, never takes administration or access from
    /// their own account, and gives or changes a system administrator only as one.
    pub async fn change_user(
        &self,
        admin: Option<Administrator<'_>>,
        id: i64,
        change: UserChange,
        reason: Option<&str>,
    ) -> Result<User, StoreError> {
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let old = load_user(&mut c, id).await?;
        if let Some(a) = admin {
            if !a.manages(old.agency_id) {
                return Err(StoreError::NotFound);
            }
            if !a.may_give(old.role) || change.role.is_some_and(|r| !a.may_give(r)) {
                return Err(Denied(Permission::AdministerSystem).into());
            }
        }
        let mut e = ValidationErrors::default();
        let display_name = match &change.display_name {
            Some(n) => required_text(&mut e, "display_name", n, 200),
            None => old.display_name.clone(),
        };
        let own = admin.is_some_and(|a| a.actor().user_id == id);
        if own && change.disabled == Some(true) {
            e.push("disabled", AdminReason::NotYourself);
        }
        if own && change.role.is_some_and(|r| !r.grants(Permission::Administer)) {
            e.push("role", AdminReason::NotYourself);
        }
        e.into_result(())?;
        let new = User {
            display_name,
            role: change.role.unwrap_or(old.role),
            special_categories: change.special_categories.unwrap_or(old.special_categories),
            protection_override: change.protection_override.unwrap_or(old.protection_override),
            disabled: change.disabled.unwrap_or(old.disabled),
            ..old.clone()
        };
        sql!(
            &mut c,
            execute,
            sqlx::query(
                "UPDATE app_user SET display_name = $1, role = $2, special_categories = $3, protection_override = $4, \
                 disabled = $5 WHERE id = $6"
            )
            .bind(&new.display_name)
            .bind(new.role.code())
            .bind(new.special_categories)
            .bind(new.protection_override)
            .bind(new.disabled)
            .bind(id)
        )?;
        if new.disabled && !old.disabled {
            cut_off(&mut c, id).await?;
        }
        let detail = serde_json::json!({
            "from": {"display_name": old.display_name, "role": old.role, "special_categories": old.special_categories,
                     "protection_override": old.protection_override, "disabled": old.disabled},
            "to": {"display_name": new.display_name, "role": new.role, "special_categories": new.special_categories,
                   "protection_override": new.protection_override, "disabled": new.disabled},
        });
        let action = match (old.disabled, new.disabled) {
            (false, true) => "user.disable",
            (true, false) => "user.enable",
            _ => "user.update",
        };
        audit_admin(&mut c, admin, action, id, reason, detail).await?;
        tx.commit().await?;
        Ok(new)
    }

    /// Sets a new password for a user an administrator manages; the user's sessions end and
    /// their tokens are revoked (a reset follows a lost or leaked password).
    pub async fn reset_password(
        &self,
        admin: Option<Administrator<'_>>,
        id: i64,
        password: &str,
    ) -> Result<(), StoreError> {
        let target = self.managed_user(admin, id).await?;
        if let Some(a) = admin
            && !a.may_give(target.role)
        {
            return Err(Denied(Permission::AdministerSystem).into());
        }
        let mut e = ValidationErrors::default();
        check_password(&mut e, "password", password);
        e.into_result(())?;
        let hash = hash_blocking(password).await?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        sql!(
            &mut c,
            execute,
            sqlx::query("UPDATE app_user SET password_hash = $1 WHERE id = $2").bind(&hash).bind(id)
        )?;
        cut_off(&mut c, id).await?;
        audit_admin(&mut c, admin, "user.password_reset", id, None, serde_json::json!({})).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A user changes their own password, giving the current one. Their other sessions end;
    /// `keep_session` (the session making the change) stays.
    pub async fn change_own_password(
        &self,
        actor: &Actor,
        current: &str,
        new: &str,
        keep_session: Option<&str>,
    ) -> Result<(), StoreError> {
        let hash: String = {
            let mut h = self.acquire().await?;
            let mut c = h.conn();
            sql!(
                &mut c,
                fetch_one,
                sqlx::query_scalar::<_, String>("SELECT password_hash FROM app_user WHERE id = $1").bind(actor.user_id)
            )?
        };
        let current = current.to_string();
        let matches = tokio::task::spawn_blocking(move || verify_password(&current, &hash))
            .await
            .map_err(|e| StoreError::Corrupt(format!("password check failed: {e}")))?;
        let mut e = ValidationErrors::default();
        if !matches {
            e.push("current_password", AdminReason::WrongPassword);
        }
        check_password(&mut e, "new_password", new);
        e.into_result(())?;
        let hash = hash_blocking(new).await?;
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        sql!(
            &mut c,
            execute,
            sqlx::query("UPDATE app_user SET password_hash = $1 WHERE id = $2").bind(&hash).bind(actor.user_id)
        )?;
        sql!(
            &mut c,
            execute,
            sqlx::query("DELETE FROM web_session WHERE user_id = $1 AND token_hash <> $2")
                .bind(actor.user_id)
                .bind(keep_session.map(token_hash).unwrap_or_default())
        )?;
        audit::append(&mut c, actor, "user.password_change", "user", Some(actor.user_id), None, serde_json::json!({}))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A user's API tokens, newest first.
    pub async fn tokens_of(&self, user_id: i64) -> Result<Vec<TokenInfo>, StoreError> {
        let mut h = self.acquire().await?;
        let mut c = h.conn();
        Ok(sql!(
            &mut c,
            fetch_all,
            sqlx::query_as::<_, TokenInfo>(
                "SELECT id, label, created_at, expires_at, last_used_at, revoked FROM api_token WHERE user_id = $1 \
                 ORDER BY id DESC"
            )
            .bind(user_id)
        )?)
    }

    /// Revokes any token (the command line, run by the operator of the database).
    pub async fn revoke_token_as_operator(&self, token_id: i64) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let n = sql!(&mut c, execute, sqlx::query("UPDATE api_token SET revoked = TRUE WHERE id = $1").bind(token_id))?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        system_audit(&mut c, "token.revoke", "api_token", token_id, serde_json::json!({})).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Revokes a token: the holder's own, or one of a user an administrator manages.
    pub async fn revoke_token(&self, actor: &Actor, token_id: i64) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let mut c = tx.conn();
        let owner: Option<(i64, i64)> = sql!(
            &mut c,
            fetch_optional,
            sqlx::query_as::<_, (i64, i64)>(
                "SELECT u.id, u.agency_id FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.id = $1"
            )
            .bind(token_id)
        )?;
        let allowed = owner.is_some_and(|(user, agency)| {
            user == actor.user_id || actor.administrator().is_ok_and(|a| a.manages(agency))
        });
        if !allowed {
            return Err(StoreError::NotFound);
        }
        sql!(&mut c, execute, sqlx::query("UPDATE api_token SET revoked = TRUE WHERE id = $1").bind(token_id))?;
        audit::append(&mut c, actor, "token.revoke", "api_token", Some(token_id), None, serde_json::json!({})).await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_must_be_long_enough_and_not_huge() {
        let mut e = ValidationErrors::default();
        check_password(&mut e, "p", "short");
        check_password(&mut e, "q", &"x".repeat(2000));
        check_password(&mut e, "r", "long enough, surely");
        let codes: Vec<_> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(codes, [("p", "password_short"), ("q", "password_long")]);
    }
}
