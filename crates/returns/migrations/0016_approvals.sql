-- Supervisor approval, configured per programme: disbursements above an amount, and
-- forced-return orders, wait for a supervisor (never the one who asked) before they are
-- recorded. The request keeps the step exactly as it was asked for.
ALTER TABLE programme ADD COLUMN approval_above_cents BIGINT;
ALTER TABLE programme ADD COLUMN orders_need_approval BIGINT NOT NULL DEFAULT 0;

CREATE TABLE approval (
    id {id},
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    case_id BIGINT NOT NULL REFERENCES return_case (id),
    -- The step waiting: disburse or order_forced_return; and its input, as JSON.
    step TEXT NOT NULL,
    input TEXT NOT NULL,
    amount_cents BIGINT,
    requested_by BIGINT NOT NULL REFERENCES app_user (id),
    requested_at TEXT NOT NULL,
    -- approved or refused; absent while it waits.
    decision TEXT,
    decided_by BIGINT REFERENCES app_user (id),
    decided_at TEXT,
    reason TEXT
);
CREATE INDEX approval_waiting ON approval (agency_id, decision);
CREATE INDEX approval_case ON approval (case_id);
