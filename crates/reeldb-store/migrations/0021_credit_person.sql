-- A credit row keeps the fields a credit list shows of its person (docs/READ-PATH.md): every
-- credits view read a random person row per credit, a quarter of an uncached read's time.
-- Writers keep them equal to `person` on commit, for the people whose credit rows or list
-- fields a transaction wrote; seeds write them with each row (`reeldb generate`) or refresh
-- every row (the bulk path); this migration's rows are filled after it runs
-- (crates/reeldb-store/src/credit.rs, `refresh_people`).
ALTER TABLE credit ADD COLUMN person_name TEXT;
ALTER TABLE credit ADD COLUMN person_original_name TEXT;
ALTER TABLE credit ADD COLUMN person_gender BIGINT;
ALTER TABLE credit ADD COLUMN person_adult BIGINT;
ALTER TABLE credit ADD COLUMN person_known_for_department TEXT;
ALTER TABLE credit ADD COLUMN person_popularity DOUBLE PRECISION;
ALTER TABLE credit ADD COLUMN person_profile_path TEXT;
