-- Where an imported return case came from: the file's name and the row of the case's first line.
-- An imported case did not go through Drom's steps, and says so for good. Cases imported before
-- the source was kept are marked with an empty name, and the consent the import wrote for those
-- that had arrived (no consent was ever recorded in Drom for them) is taken away.
ALTER TABLE return_case ADD COLUMN import_file TEXT;
ALTER TABLE return_case ADD COLUMN import_row BIGINT;
UPDATE return_case SET import_file = '' WHERE id IN (SELECT record_id FROM audit_log WHERE action = 'return_case.import' AND record_type = 'return_case');
UPDATE return_case SET consent = NULL WHERE import_file = '' AND consent = '{"recorded_outside_drom":true}';
