-- Closed-loop referrals. A referral has one UUID on every server that holds it. On the sending
-- side it names the subject it came from (a person or a return case of the sender's agency) and
-- the person whose consent covers it; the receiving side knows only the shared values.
CREATE TABLE referral (
    id {id},
    uid TEXT NOT NULL UNIQUE,
    -- The sending agency on this server (NULL when a peer server sent it).
    sender_agency_id BIGINT REFERENCES agency (id),
    -- The peer server that sent it (NULL when it was sent here).
    sender_peer_id BIGINT,
    sender_agency_name TEXT NOT NULL,
    -- The receiving agency on this server, or the peer server that receives it.
    receiver_agency_id BIGINT REFERENCES agency (id),
    receiver_peer_id BIGINT,
    -- The directory service and its provider, copied when sent.
    service_id TEXT NOT NULL,
    service_name TEXT NOT NULL,
    organization_name TEXT NOT NULL,
    -- Sender side only: where it came from (person or return_case) and the person it is about.
    subject TEXT,
    subject_id BIGINT,
    person_id BIGINT REFERENCES person (id),
    status TEXT NOT NULL,
    -- The need's taxonomy code (drom-needs) and the municipality counted in reports.
    need TEXT NOT NULL,
    municipality_code TEXT,
    due_on TEXT NOT NULL,
    -- The consent (JSON: who, when, language, means, fields) and the fields shared.
    consent TEXT NOT NULL,
    fields TEXT NOT NULL,
    -- The shared values snapshotted when sent (JSON); NULL once consent is withdrawn.
    shared TEXT,
    withdrawn_at TEXT,
    reason TEXT,
    outcome TEXT,
    -- When the receiver first answered, accepted, and closed it (for the report's medians).
    answered_at TEXT,
    accepted_at TEXT,
    completed_at TEXT,
    -- The receiver's own registry person made from the shared values ("to case").
    case_person_id BIGINT REFERENCES person (id),
    version BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    created_by BIGINT,
    updated_at TEXT NOT NULL
);
CREATE INDEX referral_sender ON referral (sender_agency_id, created_at);
CREATE INDEX referral_receiver ON referral (receiver_agency_id, created_at);
CREATE INDEX referral_person ON referral (person_id);
CREATE INDEX referral_subject ON referral (subject, subject_id);
CREATE INDEX referral_due ON referral (status, due_on);

-- Every change of a referral: who, of which agency (or which peer), when.
CREATE TABLE referral_event (
    id {id},
    referral_id BIGINT NOT NULL REFERENCES referral (id),
    status TEXT NOT NULL,
    reason TEXT,
    outcome TEXT,
    by_name TEXT NOT NULL,
    by_user BIGINT,
    agency_id BIGINT,
    peer_id BIGINT,
    at TEXT NOT NULL
);
CREATE INDEX referral_event_referral ON referral_event (referral_id, id);
