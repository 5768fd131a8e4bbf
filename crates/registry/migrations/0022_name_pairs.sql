-- Search by two words (a given and a family name, two family names): one row per pair of a
-- person's name words (the smaller word first), carrying the sort key, so that such a search
-- reads one short index range in name order instead of probing every person with either word.
CREATE TABLE person_token_pair (
    agency_id BIGINT NOT NULL,
    first TEXT {bin} NOT NULL,
    second TEXT {bin} NOT NULL,
    sort_key TEXT {bin} NOT NULL,
    person_id BIGINT NOT NULL REFERENCES person (id),
    PRIMARY KEY (agency_id, first, second, sort_key, person_id)
);
CREATE INDEX person_token_pair_person ON person_token_pair (person_id);

INSERT INTO person_token_pair (agency_id, first, second, sort_key, person_id)
SELECT a.agency_id, a.token, b.token, a.sort_key, a.person_id
FROM person_token a JOIN person_token b ON b.person_id = a.person_id AND a.token < b.token;
