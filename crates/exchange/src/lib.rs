//! The signed exchange between Drom servers, one capability in one folder: `domain` (a
//! server's Ed25519 key, the message signature of RFC 9421 with the body digest of RFC 9530,
//! the back-off: pure rules), `store` (peers, the outbox, the inbox, nonces and refusals, on
//! SQLite and PostgreSQL), `delivery` (the loop that sends what is due), `web` (the receiving
//! endpoint, the peers API and the page `/admin/peers`).
//!
//! Capabilities use it through two calls: `register(&db, handler)` at start-up for the kinds of
//! message they receive, and `db.exchange().enqueue(&mut conn, peer_id, kind, &body)` in the
//! transaction of the change a message reports. The protocol is in docs/exchange.md.

pub mod delivery;
pub mod domain;
pub mod store;
pub mod web;

pub use domain::ExchangeReason;
pub use store::handler::{BoxFuture, Handler, HandlerError};
pub use store::{Exchange, ExchangeDb, Peer, register};

/// The capability's migrations, numbered in the one sequence of all capabilities.
pub const MIGRATIONS: &[drom_store::migrate::Migration] = &[(
    18,
    "exchange between servers",
    drom_store::migrate::Step::Sql(include_str!("../migrations/0018_exchange.sql")),
)];

// The exchange's messages (`locales/`), looked up after the kernel's.
drom_web::capability_locales!(crate::ExchangeReason);
