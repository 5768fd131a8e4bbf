-- Who wrote each version of an information sheet, and for which agency. Sheets are shared by
-- every agency and informed consent rests on them, so every version names its writer for good
-- (`updated_by`, the user, was kept from the start; the agency is the writer's at the time).
ALTER TABLE info_sheet ADD COLUMN agency_id BIGINT REFERENCES agency (id);
UPDATE info_sheet SET agency_id = (SELECT u.agency_id FROM app_user u WHERE u.id = info_sheet.updated_by);
