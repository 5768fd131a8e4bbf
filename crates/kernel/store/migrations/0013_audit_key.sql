-- The fingerprint of the key the audit chain is kept with (NULL: an unkeyed chain). A process
-- with no key or another key is refused before it appends, so a chain never mixes keys.
ALTER TABLE audit_head ADD COLUMN key_id TEXT;
