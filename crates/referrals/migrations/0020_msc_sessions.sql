-- The Migrant Service Centre's information, advice and referral sessions. The person is a
-- registered one (person_id) or anonymous with sex, age group and municipality only.
CREATE TABLE msc_session (
    id {id},
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    held_on TEXT NOT NULL,
    topic TEXT NOT NULL,
    person_id BIGINT REFERENCES person (id),
    sex TEXT,
    age_group TEXT,
    municipality_code TEXT REFERENCES municipality (code),
    language TEXT NOT NULL,
    outcome TEXT NOT NULL,
    note TEXT,
    created_at TEXT NOT NULL,
    created_by BIGINT
);
CREATE INDEX msc_session_agency ON msc_session (agency_id, held_on);

-- The session a referral was made in.
ALTER TABLE referral ADD COLUMN msc_session_id BIGINT REFERENCES msc_session (id);
