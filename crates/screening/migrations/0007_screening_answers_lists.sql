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
