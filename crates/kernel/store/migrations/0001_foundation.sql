-- Foundation: agencies, users, reference data, registry, audit log.
-- Portable SQL for SQLite and PostgreSQL. {id} and {bin} are replaced per dialect (see
-- migrate.rs); every integer column is BIGINT so it decodes to i64 on both; timestamps are
-- RFC 3339 UTC text so they hash and back up byte for byte alike.

CREATE TABLE agency (
    id {id},
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    municipality_code TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE app_user (
    id {id},
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    special_categories BOOLEAN NOT NULL DEFAULT FALSE,
    password_hash TEXT NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT NOT NULL
);

CREATE TABLE api_token (
    id {id},
    user_id BIGINT NOT NULL REFERENCES app_user (id),
    token_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE login_failure (
    id {id},
    username TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX login_failure_username ON login_failure (username, at);

CREATE TABLE community (
    code TEXT PRIMARY KEY,
    name_en TEXT NOT NULL,
    name_sq TEXT NOT NULL,
    name_sr TEXT NOT NULL
);

CREATE TABLE municipality (
    code TEXT PRIMARY KEY,
    name_sq TEXT NOT NULL,
    name_sr TEXT NOT NULL,
    district TEXT NOT NULL,
    northern BOOLEAN NOT NULL,
    majority_community TEXT NOT NULL
);

CREATE TABLE country (
    alpha2 TEXT PRIMARY KEY,
    alpha3 TEXT NOT NULL,
    name TEXT NOT NULL
);

CREATE TABLE person (
    id {id},
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    version BIGINT NOT NULL,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    sort_key TEXT {bin} NOT NULL,
    birth_year BIGINT,
    sex TEXT NOT NULL,
    community_code TEXT REFERENCES community (code),
    municipality_code TEXT REFERENCES municipality (code),
    current_country TEXT REFERENCES country (alpha2),
    data TEXT NOT NULL,
    consent_withdrawn_at TEXT,
    consent_withdrawal_reason TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by BIGINT,
    updated_by BIGINT
);
CREATE INDEX person_agency_sort ON person (agency_id, sort_key, id);

-- Search index: one row per folded name word. It carries the sort key so that a name search
-- pages through this index alone.
CREATE TABLE person_token (
    agency_id BIGINT NOT NULL,
    token TEXT {bin} NOT NULL,
    sort_key TEXT {bin} NOT NULL,
    person_id BIGINT NOT NULL REFERENCES person (id),
    PRIMARY KEY (agency_id, token, sort_key, person_id)
);
CREATE INDEX person_token_person ON person_token (person_id, token);

-- Each agency's vocabulary of name words and how many persons carry each: a search expands a
-- typed prefix to these words first.
CREATE TABLE name_token (
    agency_id BIGINT NOT NULL,
    token TEXT {bin} NOT NULL,
    persons BIGINT NOT NULL,
    PRIMARY KEY (agency_id, token)
);

CREATE TABLE person_version (
    person_id BIGINT NOT NULL REFERENCES person (id),
    version BIGINT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by BIGINT,
    change TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (person_id, version)
);

CREATE TABLE household (
    id {id},
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    version BIGINT NOT NULL,
    label TEXT,
    municipality_code TEXT REFERENCES municipality (code),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by BIGINT,
    updated_by BIGINT
);
CREATE INDEX household_agency ON household (agency_id, id);

CREATE TABLE household_member (
    household_id BIGINT NOT NULL REFERENCES household (id),
    person_id BIGINT NOT NULL UNIQUE REFERENCES person (id),
    relation TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (household_id, person_id)
);

CREATE TABLE household_version (
    household_id BIGINT NOT NULL REFERENCES household (id),
    version BIGINT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by BIGINT,
    change TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (household_id, version)
);

CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    user_id BIGINT,
    agency_id BIGINT,
    action TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id BIGINT,
    reason TEXT,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_record ON audit_log (record_type, record_id);

-- One row: the chain's head. Appenders update it first, which serialises them on both
-- backends and lets verification notice entries removed from the end.
CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
