-- A caseworker's daily tools on any record ("subject": a person, a return case, and the
-- records of capabilities still to come). A subject is named by its kind and id; its agency is
-- copied here so every query is scoped without a join.

-- Who a record is assigned to: one named user at a time. Changes are in the audit log.
CREATE TABLE assignment (
    subject TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    user_id BIGINT NOT NULL REFERENCES app_user (id),
    assigned_at TEXT NOT NULL,
    assigned_by BIGINT NOT NULL,
    PRIMARY KEY (subject, subject_id)
);
CREATE INDEX assignment_user ON assignment (user_id, subject);

-- A task with a due date, written by hand or by a rule. A rule's task carries the rule's key,
-- unique, so that generating again (several servers, every day) never doubles it.
CREATE TABLE task (
    id {id},
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    subject TEXT,
    subject_id BIGINT,
    title TEXT NOT NULL,
    -- The rule that made it (absent for a task written by hand), its key and arguments.
    rule TEXT,
    rule_key TEXT UNIQUE,
    rule_args TEXT,
    due_on TEXT NOT NULL,
    assignee BIGINT REFERENCES app_user (id),
    done_at TEXT,
    done_by BIGINT,
    created_at TEXT NOT NULL,
    created_by BIGINT
);
CREATE INDEX task_open ON task (agency_id, done_at, due_on);
CREATE INDEX task_assignee ON task (assignee, done_at, due_on);
CREATE INDEX task_subject ON task (subject, subject_id);

-- Notes are never edited or deleted: a correction is a new note.
CREATE TABLE note (
    id {id},
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    subject TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    body TEXT NOT NULL,
    -- Reveals a special category (health, trafficking, ...): shown only with the grant.
    special BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    created_by BIGINT NOT NULL
);
CREATE INDEX note_subject ON note (subject, subject_id, created_at);

-- The file itself is kept outside the web root under `stored_as`; its SHA-256 is checked on
-- every download.
CREATE TABLE attachment (
    id {id},
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    subject TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    stored_as TEXT NOT NULL UNIQUE,
    special BIGINT NOT NULL,
    description TEXT,
    created_at TEXT NOT NULL,
    created_by BIGINT NOT NULL
);
CREATE INDEX attachment_subject ON attachment (subject, subject_id, created_at);
