-- A case typed in from paper records: registered on a day long past, it says who entered it
-- and when, so that its old dates are not read as Drom's own timeline. Both absent for a case
-- recorded as it happened.
ALTER TABLE return_case ADD COLUMN paper_entered_by BIGINT REFERENCES app_user (id);
ALTER TABLE return_case ADD COLUMN paper_entered_at TEXT;
