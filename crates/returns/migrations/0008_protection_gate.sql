-- The protection gate: a forced return goes past its order only for a household screened
-- under the policy in force with no bar found, or after an override asked for by one holder of
-- the explicit grant and confirmed by another. A confirmed override marks its case for good.
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
