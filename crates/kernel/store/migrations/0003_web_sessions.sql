-- Sessions of people signed in to the web pages. Only a hash of the cookie value is kept.
CREATE TABLE web_session (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES app_user (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX web_session_user ON web_session (user_id);
