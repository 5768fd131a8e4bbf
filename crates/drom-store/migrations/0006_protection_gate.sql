-- The protection gate: a forced return goes past its order only for a household screened
-- under the policy in force with no bar found, or after an override asked for by one holder of
-- the explicit grant and confirmed by another. A confirmed override marks its case for good.
ALTER TABLE app_user ADD COLUMN protection_override BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE return_case ADD COLUMN gate_override_id BIGINT;
CREATE TABLE gate_override (
    id {id},
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    case_id BIGINT NOT NULL REFERENCES return_case (id),
    reason TEXT NOT NULL,
    -- The gate's blocks when the override was asked for (JSON), kept with it.
    blocks TEXT NOT NULL,
    requested_by BIGINT NOT NULL REFERENCES app_user (id),
    requested_at TEXT NOT NULL,
    confirmed_by BIGINT REFERENCES app_user (id),
    confirmed_at TEXT
);
CREATE INDEX gate_override_case ON gate_override (case_id, id);
-- The gate reads a case's newest forced-return screening of its returnees.
CREATE INDEX screening_gate ON screening (agency_id, person_id, return_type, id);
CREATE INDEX screening_household ON screening (agency_id, household_id, id);
-- Facts of the screening policy answered by an officer, with what the answer rests on. The
-- newest answer per person and fact is used by every later screening of the person.
CREATE TABLE fact_answer (
    id {id},
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    person_id BIGINT NOT NULL REFERENCES person (id),
    fact TEXT NOT NULL,
    answer TEXT NOT NULL,
    basis TEXT,
    note TEXT,
    answered_by BIGINT NOT NULL REFERENCES app_user (id),
    answered_at TEXT NOT NULL
);
CREATE INDEX fact_answer_person ON fact_answer (agency_id, person_id, fact, id);
-- Readmission lists screened on the page, kept (with their decisions, row by row) until the
-- uploading agency deletes them.
CREATE TABLE screening_list (
    id {id},
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    name TEXT NOT NULL,
    policy_id TEXT NOT NULL,
    as_of TEXT NOT NULL,
    status TEXT NOT NULL,
    rows_total BIGINT NOT NULL,
    rows_done BIGINT NOT NULL,
    households BIGINT NOT NULL,
    protected BIGINT NOT NULL,
    needs_assessment BIGINT NOT NULL,
    no_bar_found BIGINT NOT NULL,
    error TEXT,
    uploaded_by BIGINT NOT NULL REFERENCES app_user (id),
    uploaded_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX screening_list_agency ON screening_list (agency_id, id);
CREATE TABLE screening_list_row (
    list_id BIGINT NOT NULL REFERENCES screening_list (id),
    row_no BIGINT NOT NULL,
    request_id TEXT NOT NULL,
    household_id TEXT NOT NULL,
    given_name TEXT NOT NULL,
    family_name TEXT NOT NULL,
    outcome TEXT NOT NULL,
    rules TEXT NOT NULL,
    unknown TEXT NOT NULL,
    explanation TEXT NOT NULL,
    PRIMARY KEY (list_id, row_no)
);
CREATE INDEX screening_list_row_outcome ON screening_list_row (list_id, outcome, row_no);
CREATE INDEX screening_list_row_household ON screening_list_row (list_id, household_id, row_no);
