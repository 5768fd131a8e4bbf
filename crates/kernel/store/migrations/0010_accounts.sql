-- Sign-in failures are counted per address too, so that failures from one address lock that
-- address (and that address with that name), never the name for everyone.
ALTER TABLE login_failure ADD COLUMN address TEXT NOT NULL DEFAULT '';
CREATE INDEX login_failure_address ON login_failure (address, at);

-- When a token was last used, so that a user can tell their tokens apart before revoking one.
ALTER TABLE api_token ADD COLUMN last_used_at TEXT;
CREATE INDEX api_token_user ON api_token (user_id);
