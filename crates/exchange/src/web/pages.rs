//! `/admin/peers`: the peers, this server's public key to give them, the outbox and the last
//! refusals; system administrators add, deactivate and ping peers.

use crate::store::inbox::Refusal;
use crate::store::outbox::{OutboxMessage, OutboxState};
use crate::store::{ExchangeDb, NewPeer, Peer, PeerChange};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use drom_domain::FieldError;
use drom_store::StoreError;
use drom_web::AppState;
use drom_web::pages::ctx::Ctx;
use drom_web::pages::error::{PageError, respond};
use drom_web::pages::forms::CsrfForm;
use drom_web::pages::{html, see_other, signed_in};

#[derive(Template)]
#[template(path = "admin_peers.html")]
struct Peers<'a> {
    ctx: &'a Ctx,
    title: String,
    public_key: Option<String>,
    key_id: Option<String>,
    peers: Vec<Peer>,
    outbox: OutboxState,
    recent: Vec<OutboxMessage>,
    refusals: Vec<Refusal>,
    errors: Vec<FieldError>,
}

impl Peers<'_> {
    fn peer_name(&self, id: &i64) -> String {
        self.peers.iter().find(|p| p.id == *id).map(|p| p.name.clone()).unwrap_or_default()
    }

    fn message_state(&self, m: &OutboxMessage) -> String {
        let key = if m.delivered_at.is_some() {
            "exchange-delivered"
        } else if m.failed_at.is_some() {
            "exchange-given-up"
        } else {
            "exchange-waiting"
        };
        self.ctx.t(key)
    }
}

async fn page(ctx: &Ctx, s: &AppState, errors: Vec<FieldError>) -> Result<Response, PageError> {
    let user = signed_in(ctx)?;
    let ex = s.db.exchange();
    let peers = ex.peers(&user.actor).await?;
    let key = ex.key();
    html(Peers {
        ctx,
        title: ctx.t("exchange-peers-title"),
        public_key: key.as_ref().map(|k| k.public_key()),
        key_id: key.as_ref().map(|k| k.key_id()),
        peers,
        outbox: ex.outbox_state().await?,
        recent: ex.recent_outbox(20).await?,
        refusals: ex.refusals(20).await?,
        errors,
    })
}

pub async fn peers(ctx: Ctx, State(s): State<AppState>) -> Response {
    let r = page(&ctx, &s, vec![]).await;
    respond(&ctx, r)
}

pub async fn add(ctx: Ctx, State(s): State<AppState>, CsrfForm(form): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let new =
            NewPeer { name: form.text("name"), base_url: form.text("base_url"), public_key: form.text("public_key") };
        match s.db.exchange().add_peer(&user.actor, new).await {
            Ok(_) => see_other("/admin/peers"),
            Err(StoreError::Invalid(e)) => page(&ctx, &s, ctx.localise(e.0)).await,
            Err(e) => Err(e.into()),
        }
    }
    .await;
    respond(&ctx, result)
}

pub async fn change(ctx: Ctx, State(s): State<AppState>, Path(id): Path<i64>, CsrfForm(form): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        let change = PeerChange { active: Some(form.text("active") == "true"), ..Default::default() };
        s.db.exchange().change_peer(&user.actor, id, change).await?;
        see_other("/admin/peers")
    }
    .await;
    respond(&ctx, result)
}

/// Queues an `exchange.ping` to a peer and makes its waiting messages due now.
pub async fn ping(ctx: Ctx, State(s): State<AppState>, Path(id): Path<i64>, CsrfForm(_): CsrfForm) -> Response {
    let result = async {
        let user = signed_in(&ctx)?;
        user.actor.require(drom_domain::permission::Permission::AdministerSystem)?;
        let ex = s.db.exchange();
        ex.enqueue_alone(id, crate::domain::PING, &serde_json::json!({"by": user.actor.username})).await?;
        ex.retry_now(Some(id)).await?;
        see_other("/admin/peers")
    }
    .await;
    respond(&ctx, result)
}
