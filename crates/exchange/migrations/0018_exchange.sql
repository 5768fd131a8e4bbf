-- The signed exchange between Drom servers (docs/exchange.md). Times are RFC 3339 UTC text,
-- as everywhere, so they compare as text.

-- Another Drom server this one exchanges messages with, registered by an administrator.
CREATE TABLE peer (
    id {id},
    name TEXT NOT NULL,
    -- http(s)://host[:port], no path: messages go to base_url || '/api/v1/exchange/messages'.
    base_url TEXT NOT NULL,
    -- Its Ed25519 public key, base64 of 32 bytes, and the key id its signatures name.
    public_key TEXT NOT NULL,
    key_id TEXT NOT NULL UNIQUE,
    active BOOLEAN NOT NULL,
    created_at TEXT NOT NULL,
    created_by BIGINT REFERENCES app_user (id)
);

-- Messages to send, written in the transaction of the change they report; delivered by the
-- delivery loop of any server of the installation (a claim keeps two from sending one at once).
CREATE TABLE exchange_outbox (
    id {id},
    message_id TEXT NOT NULL UNIQUE,
    peer_id BIGINT NOT NULL REFERENCES peer (id),
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    -- Until when a server sending it holds it.
    claimed_until TEXT,
    last_error TEXT,
    delivered_at TEXT,
    -- Given up (the peer refused the message itself): not tried again.
    failed_at TEXT,
    response TEXT
);
CREATE INDEX exchange_outbox_due ON exchange_outbox (delivered_at, failed_at, next_attempt_at);

-- Messages received: a message id sent again with the same body is answered with the stored
-- response and applied once; with another body it is refused.
CREATE TABLE exchange_inbox (
    id {id},
    peer_id BIGINT NOT NULL REFERENCES peer (id),
    message_id TEXT NOT NULL,
    body_digest TEXT NOT NULL,
    kind TEXT NOT NULL,
    received_at TEXT NOT NULL,
    -- NULL while its handler runs.
    response TEXT,
    UNIQUE (peer_id, message_id)
);

-- Nonces seen, for refusing a replayed request; purged after the skew window.
CREATE TABLE exchange_nonce (
    peer_id BIGINT NOT NULL REFERENCES peer (id),
    nonce TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (peer_id, nonce)
);
CREATE INDEX exchange_nonce_seen ON exchange_nonce (seen_at);

-- Every refused message: when, from where, which key it named, why.
CREATE TABLE exchange_refusal (
    id {id},
    at TEXT NOT NULL,
    address TEXT NOT NULL,
    key_id TEXT,
    reason TEXT NOT NULL,
    message_id TEXT
);
CREATE INDEX exchange_refusal_at ON exchange_refusal (at);
