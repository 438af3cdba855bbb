-- Search (docs/SEARCH.md): the full-text index beside the catalog is kept current from the
-- change log, but seeds (the bulk path: the demo's films, `reeldb generate`) write no change
-- items. `seed_version` counts them: each seed bumps it (with `version`), and an index built
-- before the last seed is stale and rebuilt at start.
ALTER TABLE catalog_meta ADD COLUMN seed_version BIGINT NOT NULL DEFAULT 0;
