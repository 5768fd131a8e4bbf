-- Protection screenings run on registered persons: the facts as used, the policy version and the
-- decisions, so that each can be shown, reproduced and re-screened under a later policy.
CREATE TABLE screening (
    id {id},
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    person_id BIGINT NOT NULL REFERENCES person (id),
    household_id BIGINT REFERENCES household (id),
    policy_id TEXT NOT NULL,
    as_of TEXT NOT NULL,
    return_type TEXT NOT NULL,
    facts TEXT NOT NULL,
    decisions TEXT NOT NULL,
    outcome TEXT NOT NULL,
    closed BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT NOT NULL,
    created_by BIGINT NOT NULL
);
CREATE INDEX screening_person ON screening (agency_id, person_id, id);
