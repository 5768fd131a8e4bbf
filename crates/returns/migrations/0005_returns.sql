-- Return and reintegration: programmes with their assistance catalogue and budget, information
-- sheets per municipality, return cases with their lifecycle, the returnees of each case,
-- counselling, the reintegration plan and its append-only ledger, and monitoring visits.
-- Money is whole cents (BIGINT); scores are thousandths (BIGINT); dates are YYYY-MM-DD text.

CREATE TABLE programme (
    id {id},
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    donor TEXT NOT NULL,
    -- Space-separated ISO 3166-1 alpha-2 codes; empty means any host country.
    host_countries TEXT NOT NULL,
    -- JSON list of the groups the programme is for.
    target_groups TEXT NOT NULL,
    currency TEXT NOT NULL,
    budget_cents BIGINT NOT NULL,
    -- Running sums, kept with every ledger entry in the same transaction: the budget check
    -- reads and raises them in one conditional UPDATE, so two caseworkers cannot both spend
    -- the last euro.
    committed_cents BIGINT NOT NULL DEFAULT 0,
    disbursed_cents BIGINT NOT NULL DEFAULT 0,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE programme_option (
    id {id},
    programme_id BIGINT NOT NULL REFERENCES programme (id),
    code TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    ceiling_cents BIGINT NOT NULL,
    ceiling_basis TEXT NOT NULL,
    UNIQUE (programme_id, code)
);

-- Every version of a municipality's information sheet is kept, so a counselling session shows
-- exactly what the person was told.
CREATE TABLE info_sheet (
    municipality_code TEXT NOT NULL REFERENCES municipality (code),
    version BIGINT NOT NULL,
    services TEXT NOT NULL,
    housing TEXT NOT NULL,
    schools TEXT NOT NULL,
    health_care TEXT NOT NULL,
    safety TEXT NOT NULL,
    updated_on TEXT NOT NULL,
    updated_by BIGINT NOT NULL,
    PRIMARY KEY (municipality_code, version)
);

CREATE TABLE return_case (
    id {id},
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    version BIGINT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES person (id),
    household_id BIGINT REFERENCES household (id),
    return_type TEXT NOT NULL,
    stage TEXT NOT NULL,
    programme_id BIGINT REFERENCES programme (id),
    host_country TEXT NOT NULL REFERENCES country (alpha2),
    destination_municipality TEXT REFERENCES municipality (code),
    individuals BIGINT NOT NULL,
    registered_on TEXT NOT NULL,
    consent TEXT,
    consent_on TEXT,
    consent_withdrawn_on TEXT,
    consent_withdrawal_reason TEXT,
    order_on TEXT,
    order_reference TEXT,
    screening_id BIGINT REFERENCES screening (id),
    screening_outcome TEXT,
    transport TEXT,
    route TEXT,
    departure_on TEXT,
    special_needs TEXT,
    airport_assistance BOOLEAN,
    arrived_on TEXT,
    arrival_note TEXT,
    assessment TEXT,
    health_needs TEXT,
    remigration TEXT NOT NULL,
    closed_on TEXT,
    close_reason TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX return_case_agency ON return_case (agency_id, id);
CREATE INDEX return_case_person ON return_case (person_id);
-- Period reports count returns by the day they arrived; this index holds every column they
-- group by, so a report reads the index alone.
CREATE INDEX return_case_report ON return_case (arrived_on, agency_id, host_country, transport, return_type, destination_municipality, programme_id, individuals);

-- The returnees of a case, with what reports disaggregate by, as on the day of return.
CREATE TABLE return_member (
    case_id BIGINT NOT NULL REFERENCES return_case (id),
    person_id BIGINT NOT NULL REFERENCES person (id),
    sex TEXT NOT NULL,
    birth_year BIGINT,
    age_at_return BIGINT,
    community_code TEXT,
    -- Copied from the case on arrival, so reports by sex, age and community need no join.
    agency_id BIGINT NOT NULL,
    arrived_on TEXT,
    PRIMARY KEY (case_id, person_id)
);
CREATE INDEX return_member_report ON return_member (arrived_on, agency_id, sex, age_at_return, community_code);

CREATE TABLE counselling_session (
    id {id},
    case_id BIGINT NOT NULL REFERENCES return_case (id),
    held_on TEXT NOT NULL,
    language TEXT NOT NULL,
    interpreter TEXT,
    info_municipality TEXT,
    info_version BIGINT,
    topics TEXT NOT NULL,
    notes TEXT,
    created_at TEXT NOT NULL,
    created_by BIGINT NOT NULL
);
CREATE INDEX counselling_session_case ON counselling_session (case_id);

CREATE TABLE plan_item (
    id {id},
    case_id BIGINT NOT NULL REFERENCES return_case (id),
    option_id BIGINT NOT NULL REFERENCES programme_option (id),
    description TEXT NOT NULL,
    direct_beneficiaries BIGINT NOT NULL,
    indirect_beneficiaries BIGINT NOT NULL,
    -- The day of the first disbursement: reports count an item's beneficiaries then, once.
    first_paid_on TEXT,
    created_at TEXT NOT NULL,
    created_by BIGINT NOT NULL
);
CREATE INDEX plan_item_case ON plan_item (case_id);
CREATE INDEX plan_item_report ON plan_item (first_paid_on, direct_beneficiaries, indirect_beneficiaries);

-- Append-only: no code updates or deletes a row; a correction is a new entry.
CREATE TABLE ledger_entry (
    id {id},
    case_id BIGINT NOT NULL REFERENCES return_case (id),
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    programme_id BIGINT NOT NULL REFERENCES programme (id),
    plan_item_id BIGINT NOT NULL REFERENCES plan_item (id),
    assistance_kind TEXT NOT NULL,
    kind TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    entry_on TEXT NOT NULL,
    note TEXT,
    created_at TEXT NOT NULL,
    created_by BIGINT NOT NULL
);
CREATE INDEX ledger_entry_item ON ledger_entry (plan_item_id, kind);
CREATE INDEX ledger_entry_report ON ledger_entry (entry_on, agency_id, kind, assistance_kind, amount_cents);

CREATE TABLE monitoring_visit (
    id {id},
    case_id BIGINT NOT NULL REFERENCES return_case (id),
    visited_on TEXT NOT NULL,
    months_after_arrival BIGINT NOT NULL,
    remigration TEXT NOT NULL,
    config_id TEXT NOT NULL,
    answers TEXT NOT NULL,
    economic BIGINT,
    social BIGINT,
    psychosocial BIGINT,
    composite BIGINT,
    note TEXT,
    created_at TEXT NOT NULL,
    created_by BIGINT NOT NULL
);
CREATE INDEX monitoring_visit_case ON monitoring_visit (case_id, visited_on);

-- Monthly tallies for period reports: one row per agency, month (YYYY-MM), dimension and key,
-- raised in the transaction of the arrival or ledger entry they count. A report reads whole
-- months here and only its first and last partial months from the rows above, so a report over
-- years costs as little as one over months.
CREATE TABLE return_tally (
    agency_id BIGINT NOT NULL,
    month TEXT NOT NULL,
    dimension TEXT NOT NULL,
    tally_key TEXT NOT NULL,
    persons BIGINT NOT NULL,
    cases BIGINT NOT NULL,
    amount_cents BIGINT NOT NULL,
    PRIMARY KEY (month, agency_id, dimension, tally_key)
);
