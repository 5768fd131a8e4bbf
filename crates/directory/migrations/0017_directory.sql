-- The service directory in the shape of Open Referral HSDS 3.0 (schemas in
-- crates/directory/hsds/, CC BY-SA 4.0). Ids are UUIDs as HSDS requires, so a directory can be
-- exported, imported elsewhere and imported again without doubling. The tables keep HSDS's
-- names with a `dir_` prefix, and HSDS's column names, so a row reads and writes as HSDS's.

CREATE TABLE dir_organization (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    alternate_name TEXT,
    description TEXT NOT NULL,
    email TEXT,
    website TEXT,
    -- The Drom agency this organization is, when it is one: referrals to its services reach
    -- that agency's users on this server.
    agency_id BIGINT REFERENCES agency (id),
    -- The peer Drom server that runs it (the referral exchange's `peer`), when it runs its own.
    peer_id BIGINT,
    -- When this server last wrote it.
    updated_at TEXT NOT NULL
);
CREATE INDEX dir_organization_agency ON dir_organization (agency_id);

CREATE TABLE dir_service (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES dir_organization (id),
    name TEXT NOT NULL,
    alternate_name TEXT,
    description TEXT,
    url TEXT,
    email TEXT,
    -- HSDS: active, inactive, defunct, temporarily closed. Only an active service takes referrals.
    status TEXT NOT NULL,
    interpretation_services TEXT,
    application_process TEXT,
    fees_description TEXT,
    eligibility_description TEXT,
    minimum_age BIGINT,
    maximum_age BIGINT,
    alert TEXT,
    -- HSDS `last_modified`.
    updated_at TEXT NOT NULL
);
CREATE INDEX dir_service_organization ON dir_service (organization_id);
CREATE INDEX dir_service_status ON dir_service (status, name);

CREATE TABLE dir_location (
    id TEXT PRIMARY KEY,
    -- HSDS: physical, postal, virtual.
    location_type TEXT NOT NULL,
    organization_id TEXT REFERENCES dir_organization (id),
    url TEXT,
    name TEXT,
    alternate_name TEXT,
    description TEXT,
    -- How to get there (HSDS `transportation`).
    transportation TEXT,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    -- The municipality it is in (reference data), for the finder and the map: its first
    -- address's, set by the store whenever addresses are written.
    municipality_code TEXT REFERENCES municipality (code)
);
CREATE INDEX dir_location_municipality ON dir_location (municipality_code);

-- A location's addresses (HSDS `address`). `region` names the municipality (code or either
-- name); the store keeps its code in `municipality_code`.
CREATE TABLE dir_address (
    id TEXT PRIMARY KEY,
    location_id TEXT REFERENCES dir_location (id),
    attention TEXT,
    address_1 TEXT NOT NULL,
    address_2 TEXT,
    city TEXT NOT NULL,
    region TEXT,
    state_province TEXT NOT NULL,
    postal_code TEXT NOT NULL,
    country TEXT NOT NULL,
    address_type TEXT NOT NULL,
    municipality_code TEXT REFERENCES municipality (code)
);
CREATE INDEX dir_address_location ON dir_address (location_id);

CREATE TABLE dir_service_at_location (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES dir_service (id),
    location_id TEXT NOT NULL REFERENCES dir_location (id),
    description TEXT,
    UNIQUE (service_id, location_id)
);
CREATE INDEX dir_sal_location ON dir_service_at_location (location_id);

CREATE TABLE dir_contact (
    id TEXT PRIMARY KEY,
    organization_id TEXT REFERENCES dir_organization (id),
    service_id TEXT REFERENCES dir_service (id),
    service_at_location_id TEXT REFERENCES dir_service_at_location (id),
    location_id TEXT REFERENCES dir_location (id),
    name TEXT,
    title TEXT,
    department TEXT,
    email TEXT
);

CREATE TABLE dir_phone (
    id TEXT PRIMARY KEY,
    organization_id TEXT REFERENCES dir_organization (id),
    service_id TEXT REFERENCES dir_service (id),
    location_id TEXT REFERENCES dir_location (id),
    service_at_location_id TEXT REFERENCES dir_service_at_location (id),
    contact_id TEXT REFERENCES dir_contact (id),
    number TEXT NOT NULL,
    extension BIGINT,
    type TEXT,
    description TEXT
);

-- Opening hours: one row a span of weekdays (HSDS's iCalendar fields; `byday` like "MO,TU",
-- times as "08:00" in Kosovo's time), so "open now" is answered in the query.
CREATE TABLE dir_schedule (
    id TEXT PRIMARY KEY,
    service_id TEXT REFERENCES dir_service (id),
    location_id TEXT REFERENCES dir_location (id),
    service_at_location_id TEXT REFERENCES dir_service_at_location (id),
    valid_from TEXT,
    valid_to TEXT,
    freq TEXT,
    byday TEXT,
    opens_at TEXT,
    closes_at TEXT,
    description TEXT,
    notes TEXT
);
CREATE INDEX dir_schedule_service ON dir_schedule (service_id);
CREATE INDEX dir_schedule_location ON dir_schedule (location_id);

-- Languages spoken (ISO 639 codes: sq, sr, rom, tr, bs, en, de, ...).
CREATE TABLE dir_language (
    id TEXT PRIMARY KEY,
    service_id TEXT REFERENCES dir_service (id),
    location_id TEXT REFERENCES dir_location (id),
    phone_id TEXT REFERENCES dir_phone (id),
    name TEXT,
    code TEXT NOT NULL,
    note TEXT
);
CREATE INDEX dir_language_service ON dir_language (service_id, code);

-- The municipalities a service serves; a service with none serves where it is.
CREATE TABLE dir_service_area (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES dir_service (id),
    name TEXT,
    description TEXT,
    municipality_code TEXT REFERENCES municipality (code)
);
CREATE INDEX dir_service_area_service ON dir_service_area (service_id);
CREATE INDEX dir_service_area_municipality ON dir_service_area (municipality_code);

CREATE TABLE dir_required_document (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES dir_service (id),
    document TEXT NOT NULL,
    uri TEXT
);

CREATE TABLE dir_taxonomy (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    uri TEXT,
    version TEXT
);

CREATE TABLE dir_taxonomy_term (
    id TEXT PRIMARY KEY,
    code TEXT,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    parent_id TEXT,
    taxonomy TEXT,
    language TEXT,
    taxonomy_id TEXT REFERENCES dir_taxonomy (id),
    term_uri TEXT
);
CREATE INDEX dir_taxonomy_term_code ON dir_taxonomy_term (code);

-- A term attached to a record (HSDS `attribute`): here, the needs a service meets.
CREATE TABLE dir_attribute (
    id TEXT PRIMARY KEY,
    link_id TEXT NOT NULL,
    link_type TEXT,
    link_entity TEXT NOT NULL,
    taxonomy_term_id TEXT NOT NULL REFERENCES dir_taxonomy_term (id),
    value TEXT
);
CREATE INDEX dir_attribute_link ON dir_attribute (link_entity, link_id);
CREATE INDEX dir_attribute_term ON dir_attribute (taxonomy_term_id, link_entity);

-- Drom's needs taxonomy (domain::Need), one term a need with the need's code as its `code`:
-- the finder searches by it and referrals are counted by it. Fixed ids, so every Drom server
-- exports the same terms.
INSERT INTO dir_taxonomy (id, name, description, uri, version) VALUES
    ('c1d5c5a0-0d7a-4b0e-9a57-64726f6d0000', 'drom-needs', 'The needs a service meets, as Drom counts them', NULL, '1');
INSERT INTO dir_taxonomy_term (id, code, name, description, parent_id, taxonomy, language, taxonomy_id, term_uri) VALUES
    ('c1d5c5a0-0d7a-4b0e-9a57-64726f6d0001', 'employment', 'Employment', 'Jobs, job mediation and employment programmes', NULL, 'drom-needs', 'en', 'c1d5c5a0-0d7a-4b0e-9a57-64726f6d0000', NULL),
    ('c1d5c5a0-0d7a-4b0e-9a57-64726f6d0002', 'vocational_training', 'Vocational training', 'Training courses and qualifications', NULL, 'drom-needs', 'en', 'c1d5c5a0-0d7a-4b0e-9a57-64726f6d0000', NULL),
    ('c1d5c5a0-0d7a-4b0e-9a57-64726f6d0003', 'business_support', 'Business support and micro-grants', 'Start-up support, business advice and micro-grants', NULL, 'drom-needs', 'en', 'c1d5c5a0-0d7a-4b0e-9a57-64726f6d0000', NULL),
    ('c1d5c5a0-0d7a-4b0e-9a57-64726f6d0004', 'housing', 'Housing', 'Housing, shelter and reconstruction', NULL, 'drom-needs', 'en', 'c1d5c5a0-0d7a-4b0e-9a57-64726f6d0000', NULL),
    ('c1d5c5a0-0d7a-4b0e-9a57-64726f6d0005', 'health', 'Health', 'Primary and hospital health care', NULL, 'drom-needs', 'en', 'c1d5c5a0-0d7a-4b0e-9a57-64726f6d0000', NULL),
    ('c1d5c5a0-0d7a-4b0e-9a57-64726f6d0006', 'mental_health', 'Mental health', 'Psychological and psychosocial support', NULL, 'drom-needs', 'en', 'c1d5c5a0-0d7a-4b0e-9a57-64726f6d0000', NULL),
    ('c1d5c5a0-0d7a-4b0e-9a57-64726f6d0007', 'education', 'Education and school fees', 'School enrolment, language classes and school fees', NULL, 'drom-needs', 'en', 'c1d5c5a0-0d7a-4b0e-9a57-64726f6d0000', NULL),
    ('c1d5c5a0-0d7a-4b0e-9a57-64726f6d0008', 'social_assistance', 'Social assistance', 'Social assistance schemes and social work', NULL, 'drom-needs', 'en', 'c1d5c5a0-0d7a-4b0e-9a57-64726f6d0000', NULL),
    ('c1d5c5a0-0d7a-4b0e-9a57-64726f6d0009', 'legal_aid', 'Legal aid', 'Free legal aid and counselling', NULL, 'drom-needs', 'en', 'c1d5c5a0-0d7a-4b0e-9a57-64726f6d0000', NULL),
    ('c1d5c5a0-0d7a-4b0e-9a57-64726f6d0010', 'civil_documents', 'Civil registration and documents', 'Civil registration, identity and travel documents', NULL, 'drom-needs', 'en', 'c1d5c5a0-0d7a-4b0e-9a57-64726f6d0000', NULL),
    ('c1d5c5a0-0d7a-4b0e-9a57-64726f6d0011', 'counter_trafficking', 'Counter-trafficking', 'Protection and assistance for victims of trafficking', NULL, 'drom-needs', 'en', 'c1d5c5a0-0d7a-4b0e-9a57-64726f6d0000', NULL),
    ('c1d5c5a0-0d7a-4b0e-9a57-64726f6d0012', 'discrimination_complaints', 'Discrimination complaints', 'Complaints about discrimination and human rights', NULL, 'drom-needs', 'en', 'c1d5c5a0-0d7a-4b0e-9a57-64726f6d0000', NULL),
    ('c1d5c5a0-0d7a-4b0e-9a57-64726f6d0013', 'child_protection', 'Child protection', 'Protection and care of children', NULL, 'drom-needs', 'en', 'c1d5c5a0-0d7a-4b0e-9a57-64726f6d0000', NULL),
    ('c1d5c5a0-0d7a-4b0e-9a57-64726f6d0014', 'interpretation', 'Interpretation', 'Interpretation and translation', NULL, 'drom-needs', 'en', 'c1d5c5a0-0d7a-4b0e-9a57-64726f6d0000', NULL),
    ('c1d5c5a0-0d7a-4b0e-9a57-64726f6d0015', 'migration_information', 'Migration information', 'Information on legal migration, visas and work abroad', NULL, 'drom-needs', 'en', 'c1d5c5a0-0d7a-4b0e-9a57-64726f6d0000', NULL),
    ('c1d5c5a0-0d7a-4b0e-9a57-64726f6d0016', 'return_reintegration', 'Return and reintegration', 'Support for returnees and their reintegration', NULL, 'drom-needs', 'en', 'c1d5c5a0-0d7a-4b0e-9a57-64726f6d0000', NULL);
