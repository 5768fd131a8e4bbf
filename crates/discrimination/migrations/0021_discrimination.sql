-- Discrimination reports. A competent body is an agency that receives reports: its kind (for
-- the routing rules), its municipality (a Municipal Human Rights Unit), its deadline for a
-- human acknowledgement and how long a closed report's personal data are kept.
CREATE TABLE discrimination_body (
    agency_id BIGINT PRIMARY KEY REFERENCES agency (id),
    kind TEXT NOT NULL,
    municipality_code TEXT REFERENCES municipality (code),
    ack_days BIGINT NOT NULL,
    retention_days BIGINT NOT NULL,
    active BIGINT NOT NULL
);

-- A report, owned by the body handling it (agency_id). Only an Argon2 hash of the tracking code
-- is kept. Erasure blanks the personal data (description, place, contacts, community, the
-- code's hash) and keeps the coded facts and dates: the statistical record.
CREATE TABLE discrimination_report (
    id {id},
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    code_hash TEXT UNIQUE,
    submitted_at TEXT NOT NULL,
    language TEXT NOT NULL,
    description TEXT,
    happened_on TEXT,
    happened_period TEXT,
    municipality_code TEXT NOT NULL REFERENCES municipality (code),
    place TEXT,
    area TEXT NOT NULL,
    perpetrator TEXT NOT NULL,
    reporter_role TEXT NOT NULL,
    anonymous BIGINT NOT NULL,
    contact_name TEXT,
    contact_phone TEXT,
    contact_email TEXT,
    community TEXT,
    proposed_agency_id BIGINT NOT NULL REFERENCES agency (id),
    proposed_rule TEXT NOT NULL,
    rules_version TEXT NOT NULL,
    routing_confirmed_at TEXT,
    status TEXT NOT NULL,
    ack_due_on TEXT NOT NULL,
    acknowledged_at TEXT,
    closed_at TEXT,
    outcome TEXT,
    retention_days BIGINT NOT NULL,
    last_reporter_at TEXT,
    erase_after TEXT,
    erased_at TEXT,
    person_id BIGINT REFERENCES person (id),
    version BIGINT NOT NULL
);
CREATE INDEX discrimination_report_agency ON discrimination_report (agency_id, status, submitted_at);
CREATE INDEX discrimination_report_erase ON discrimination_report (erase_after);
CREATE INDEX discrimination_report_submitted ON discrimination_report (submitted_at);

CREATE TABLE discrimination_report_ground (
    report_id BIGINT NOT NULL REFERENCES discrimination_report (id),
    ground TEXT NOT NULL,
    PRIMARY KEY (report_id, ground)
);

-- What the reporter and the body say to each other (never internal notes: those are
-- casework notes on the report). author: reporter, staff or system.
CREATE TABLE discrimination_message (
    id {id},
    report_id BIGINT NOT NULL REFERENCES discrimination_report (id),
    author TEXT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    user_id BIGINT REFERENCES app_user (id),
    at TEXT NOT NULL
);
CREATE INDEX discrimination_message_report ON discrimination_message (report_id, at);

-- Evidence the reporter sent, kept in the file store (outside the web root) under a random name.
CREATE TABLE discrimination_evidence (
    id {id},
    report_id BIGINT NOT NULL REFERENCES discrimination_report (id),
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    stored_as TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL
);
CREATE INDEX discrimination_evidence_report ON discrimination_evidence (report_id);
CREATE INDEX discrimination_evidence_at ON discrimination_evidence (at);

-- What happened to a report: acknowledgement, routing, transfers, requests, closure, erasure.
CREATE TABLE discrimination_event (
    id {id},
    report_id BIGINT NOT NULL REFERENCES discrimination_report (id),
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    user_id BIGINT REFERENCES app_user (id),
    from_agency_id BIGINT,
    to_agency_id BIGINT,
    reason TEXT
);
CREATE INDEX discrimination_event_report ON discrimination_event (report_id, at);

-- The limits' counters: for each address (and '*' for everyone) and kind of attempt, the
-- attempts in the current hour's window. One row per address, raised atomically by an upsert,
-- so concurrent requests never slip past a limit and a flood does not grow the table.
CREATE TABLE discrimination_bucket (
    address TEXT NOT NULL,
    kind TEXT NOT NULL,
    window_start TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (address, kind)
);

-- Form challenges used already (each is good once).
CREATE TABLE discrimination_challenge_used (
    nonce TEXT PRIMARY KEY,
    at TEXT NOT NULL
);

-- The limits an administrator tunes, and the installation's secret (the salt of tracking-code
-- hashes and the key of form challenges), made on first use.
CREATE TABLE discrimination_settings (
    id BIGINT PRIMARY KEY,
    secret TEXT NOT NULL,
    per_address_per_hour BIGINT NOT NULL,
    per_hour BIGINT NOT NULL,
    lookups_per_address_per_hour BIGINT NOT NULL,
    messages_per_report_per_hour BIGINT NOT NULL,
    max_files BIGINT NOT NULL,
    max_file_mb BIGINT NOT NULL,
    evidence_mb_per_day BIGINT NOT NULL,
    pow_bits BIGINT NOT NULL,
    nojs_delay_secs BIGINT NOT NULL,
    threshold BIGINT NOT NULL
);

-- Outreach: public information meetings, trainings of officials, round tables.
CREATE TABLE discrimination_outreach (
    id {id},
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    kind TEXT NOT NULL,
    held_on TEXT NOT NULL,
    municipality_code TEXT REFERENCES municipality (code),
    organiser TEXT NOT NULL,
    topic TEXT NOT NULL,
    institutions TEXT,
    follow_up TEXT,
    created_at TEXT NOT NULL,
    created_by BIGINT
);
CREATE INDEX discrimination_outreach_agency ON discrimination_outreach (agency_id, held_on);

-- Participants of an activity by sex and community.
CREATE TABLE discrimination_participants (
    outreach_id BIGINT NOT NULL REFERENCES discrimination_outreach (id),
    sex TEXT NOT NULL,
    community TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (outreach_id, sex, community)
);
