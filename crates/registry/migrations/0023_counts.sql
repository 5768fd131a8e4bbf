-- The home page's counts read short index ranges, capped at 10,001 rows, instead of every
-- person of the agency: whether a person is in a household is kept on the person row (a
-- partial index holds those who are not), and the last change and a withdrawn consent are
-- indexed by agency (the last change also orders "recently changed").
ALTER TABLE person ADD COLUMN in_household BIGINT NOT NULL DEFAULT 0;
UPDATE person SET in_household = 1 WHERE id IN (SELECT person_id FROM household_member);
CREATE INDEX person_without_household ON person (agency_id, id) WHERE in_household = 0;
CREATE INDEX person_agency_updated ON person (agency_id, updated_at, id);
CREATE INDEX person_consent_withdrawn ON person (agency_id, consent_withdrawn_at) WHERE consent_withdrawn_at IS NOT NULL;
