//! The exchange's storage, over the kernel's database handle (`db.exchange()`): this server's
//! key and the registered handlers (settings on the handle), peers, the outbox, the inbox, the
//! nonces and the refusals.

pub mod handler;
pub mod inbox;
pub mod outbox;

use crate::domain::keys::{self, ExchangeKey};
use crate::domain::{ExchangeReason, signature};
use drom_domain::audit::NewAuditEntry;
use drom_domain::permission::{Actor, Permission};
use drom_domain::{FieldError, ValidationErrors};
use drom_store::db::now;
use drom_store::error::StoreError;
use drom_store::{Db, sql};
use handler::Handler;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The environment variable naming the file of this installation's exchange key.
pub const KEY_FILE_VAR: &str = "DROM_EXCHANGE_KEY_FILE";

/// The exchange's storage, over the kernel's database handle.
#[derive(Clone, Copy)]
pub struct Exchange<'a>(pub &'a Db);

impl std::ops::Deref for Exchange<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.0
    }
}

/// `db.exchange()`: the capability's storage on a kernel handle.
pub trait ExchangeDb {
    fn exchange(&self) -> Exchange<'_>;
}

impl ExchangeDb for Db {
    fn exchange(&self) -> Exchange<'_> {
        Exchange(self)
    }
}

/// This server's key, when it has one (kept on the handle).
struct KeySlot(Option<Arc<ExchangeKey>>);

/// The handlers capabilities registered (kept on the handle).
struct Handlers(Vec<Arc<dyn Handler>>);

/// Registers a capability's handler of message kinds (at start-up, before serving).
pub fn register(db: &Db, handler: Arc<dyn Handler>) {
    let mut all = db.extension::<Handlers>().map(|h| h.0.clone()).unwrap_or_default();
    // A server started again on the same handle registers again: one handler a kind.
    all.retain(|h| h.kinds() != handler.kinds());
    all.push(handler);
    db.set_extension(Handlers(all));
}

/// Reads a key file.
pub fn read_key_file(path: &std::path::Path) -> Result<ExchangeKey, StoreError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| StoreError::Config(format!("{KEY_FILE_VAR}: cannot read {}: {e}", path.display())))?;
    ExchangeKey::from_file_text(&text)
        .map_err(|e| StoreError::Config(format!("{KEY_FILE_VAR} {}: {e}", path.display())))
}

/// The key `DROM_EXCHANGE_KEY_FILE` names, or none when it is not set (the exchange is off).
pub fn key_from_env() -> Result<Option<ExchangeKey>, StoreError> {
    match std::env::var_os(KEY_FILE_VAR) {
        None => Ok(None),
        Some(p) => read_key_file(std::path::Path::new(&p)).map(Some),
    }
}

/// Writes a new random key to `path`, refusing to overwrite a file.
pub fn write_new_key(path: &std::path::Path) -> Result<ExchangeKey, StoreError> {
    use rand::RngCore;
    use std::io::Write;
    let mut seed = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut seed);
    let key = ExchangeKey::from_seed(seed);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut f = options.open(path).map_err(|e| {
        StoreError::Config(format!("cannot create {} (an existing key is never overwritten): {e}", path.display()))
    })?;
    f.write_all(key.to_file_text().as_bytes()).map_err(|e| StoreError::Config(format!("{}: {e}", path.display())))?;
    Ok(key)
}

/// Another Drom server.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Peer {
    pub id: i64,
    pub name: String,
    /// `http(s)://host[:port]`.
    pub base_url: String,
    /// Ed25519 public key, base64 of 32 bytes.
    pub public_key: String,
    /// The key id its signatures name (derived from the key).
    pub key_id: String,
    pub active: bool,
    pub created_at: String,
    pub created_by: Option<i64>,
}

/// A peer to register.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewPeer {
    pub name: String,
    pub base_url: String,
    pub public_key: String,
}

/// A change to a peer: any of its name, base URL, or whether it is active.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct PeerChange {
    pub name: Option<String>,
    pub base_url: Option<String>,
    pub active: Option<bool>,
}

const PEER: &str = "SELECT id, name, base_url, public_key, key_id, active, created_at, created_by FROM peer";

fn check_url(field: &str, url: &str, errors: &mut Vec<FieldError>) {
    if signature::authority_of(url.trim()).is_none() {
        errors.push(FieldError::new(field, ExchangeReason::BadUrl));
    }
}

fn check_name(name: &str, errors: &mut Vec<FieldError>) {
    if name.trim().is_empty() {
        errors.push(FieldError::new("name", drom_domain::Common::Required));
    }
}

impl Exchange<'_> {
    /// Sets this server's key (from `DROM_EXCHANGE_KEY_FILE` at start-up; tests give their own).
    pub fn set_key(&self, key: ExchangeKey) {
        self.0.set_extension(KeySlot(Some(Arc::new(key))));
    }

    /// This server's key, if the exchange is on.
    pub fn key(&self) -> Option<Arc<ExchangeKey>> {
        self.0.extension::<KeySlot>().and_then(|k| k.0.clone())
    }

    /// The handler of `kind`: a registered one, or the built-in ping.
    pub fn handler(&self, kind: &str) -> Option<Arc<dyn Handler>> {
        if kind == crate::domain::PING {
            return Some(Arc::new(handler::Ping));
        }
        self.handlers().into_iter().find(|h| h.kinds().contains(&kind))
    }

    /// Every registered handler (not the built-in ping).
    pub fn handlers(&self) -> Vec<Arc<dyn Handler>> {
        self.0.extension::<Handlers>().map(|h| h.0.clone()).unwrap_or_default()
    }

    /// Every peer (administrators).
    pub async fn peers(&self, actor: &Actor) -> Result<Vec<Peer>, StoreError> {
        actor.require(Permission::Administer)?;
        self.all_peers().await
    }

    /// Every peer (the command line).
    pub async fn all_peers(&self) -> Result<Vec<Peer>, StoreError> {
        let mut h = self.acquire().await?;
        let c = &mut h.conn();
        let q = format!("{PEER} ORDER BY name, id");
        Ok(sql!(c, fetch_all, sqlx::query_as::<_, Peer>(sqlx::AssertSqlSafe(q.clone())))?)
    }

    /// A peer by id, whatever its state (for the delivery loop and capabilities).
    pub async fn peer(&self, id: i64) -> Result<Peer, StoreError> {
        let mut h = self.acquire().await?;
        let c = &mut h.conn();
        let q = format!("{PEER} WHERE id = $1");
        sql!(c, fetch_optional, sqlx::query_as::<_, Peer>(sqlx::AssertSqlSafe(q.clone())).bind(id))?
            .ok_or(StoreError::NotFound)
    }

    /// The active peer whose key has this id.
    pub async fn active_peer_by_key(&self, key_id: &str) -> Result<Option<Peer>, StoreError> {
        let mut h = self.acquire().await?;
        let c = &mut h.conn();
        let q = format!("{PEER} WHERE key_id = $1 AND active = $2");
        Ok(sql!(c, fetch_optional, sqlx::query_as::<_, Peer>(sqlx::AssertSqlSafe(q.clone())).bind(key_id).bind(true))?)
    }

    /// Registers a peer (system administrators), audited.
    pub async fn add_peer(&self, actor: &Actor, new: NewPeer) -> Result<Peer, StoreError> {
        actor.require(Permission::AdministerSystem)?;
        self.insert_peer(Some(actor), new).await
    }

    /// Registers a peer on behalf of `actor`, or of the operator at the command line (`None`),
    /// audited.
    pub async fn insert_peer(&self, actor: Option<&Actor>, new: NewPeer) -> Result<Peer, StoreError> {
        let mut errors = Vec::new();
        check_name(&new.name, &mut errors);
        check_url("base_url", &new.base_url, &mut errors);
        let public = keys::parse_public_key(&new.public_key);
        if public.is_none() {
            errors.push(FieldError::new("public_key", ExchangeReason::BadKey));
        }
        if !errors.is_empty() {
            return Err(ValidationErrors(errors).into());
        }
        let public = public.unwrap_or_default();
        let key_id = keys::key_id(&public);
        let base_url = new.base_url.trim().trim_end_matches('/').to_string();
        let mut tx = self.begin().await?;
        let c = &mut tx.conn();
        let id: i64 = sql!(
            c,
            fetch_one,
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO peer (name, base_url, public_key, key_id, active, created_at, created_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
            )
            .bind(new.name.trim())
            .bind(&base_url)
            .bind(new.public_key.trim())
            .bind(&key_id)
            .bind(true)
            .bind(now())
            .bind(actor.map(|a| a.user_id))
        )?;
        drom_store::audit::append_entry(
            c,
            NewAuditEntry {
                user_id: actor.map(|a| a.user_id),
                agency_id: actor.map(|a| a.agency_id),
                action: "peer.add".into(),
                record_type: "peer".into(),
                record_id: Some(id),
                reason: None,
                detail: serde_json::json!({"name": new.name.trim(), "base_url": base_url, "key_id": key_id})
                    .to_string(),
            },
        )
        .await?;
        tx.commit().await?;
        self.peer(id).await
    }

    /// Renames, moves or (de)activates a peer (system administrators), audited.
    pub async fn change_peer(&self, actor: &Actor, id: i64, change: PeerChange) -> Result<Peer, StoreError> {
        actor.require(Permission::AdministerSystem)?;
        let mut errors = Vec::new();
        if let Some(n) = &change.name {
            check_name(n, &mut errors);
        }
        if let Some(u) = &change.base_url {
            check_url("base_url", u, &mut errors);
        }
        if !errors.is_empty() {
            return Err(ValidationErrors(errors).into());
        }
        let old = self.peer(id).await?;
        let name = change.name.as_deref().map(str::trim).unwrap_or(&old.name).to_string();
        let base_url =
            change.base_url.as_deref().map(|u| u.trim().trim_end_matches('/')).unwrap_or(&old.base_url).to_string();
        let active = change.active.unwrap_or(old.active);
        let mut tx = self.begin().await?;
        let c = &mut tx.conn();
        sql!(
            c,
            execute,
            sqlx::query("UPDATE peer SET name = $1, base_url = $2, active = $3 WHERE id = $4")
                .bind(&name)
                .bind(&base_url)
                .bind(active)
                .bind(id)
        )?;
        drom_store::audit::append(
            c,
            actor,
            "peer.change",
            "peer",
            Some(id),
            None,
            serde_json::json!({"name": name, "base_url": base_url, "active": active}),
        )
        .await?;
        tx.commit().await?;
        self.peer(id).await
    }
}
