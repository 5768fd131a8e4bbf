-- What a server caches and another server may change: each cached kind of data has a version,
-- raised in the transaction of every change, so that every `drom serve` process sharing the
-- database notices within a second (it compares the version at most twice a second).
CREATE TABLE cache_version (
    name TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO cache_version (name, version) VALUES ('reference', 1);
