-- A counter every catalog write bumps in its own transaction, so servers can tell when cached
-- responses are out of date (one row; each node polls it).
CREATE TABLE catalog_meta (
    id BIGINT PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO catalog_meta (id, version) VALUES (1, 0);
