-- The explicit grant to override the protection gate of a forced return: held by no role, given
-- to a user by name; each override needs a second holder's confirmation.
ALTER TABLE app_user ADD COLUMN protection_override BOOLEAN NOT NULL DEFAULT FALSE;
