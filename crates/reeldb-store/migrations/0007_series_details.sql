-- Series details (GET /3/tv/{series_id}): the scalar facts a details response adds to the list
-- fields of 0006, the people who created a series, production companies and countries, and the
-- translated homepage and tagline.
-- `tagline` and `homepage` here are the series' text in its primary language (as name and
-- overview, 0002/0006); other languages live in `translation`.
ALTER TABLE tv_series ADD COLUMN tagline TEXT;
ALTER TABLE tv_series ADD COLUMN homepage TEXT;
ALTER TABLE tv_series ADD COLUMN status TEXT;
ALTER TABLE tv_series ADD COLUMN series_type TEXT;
ALTER TABLE tv_series ADD COLUMN in_production BIGINT;
ALTER TABLE tv_series ADD COLUMN last_air_date TEXT;
-- TMDB's own counts: the catalog may hold only some of a series' seasons and episodes.
ALTER TABLE tv_series ADD COLUMN number_of_episodes BIGINT;
ALTER TABLE tv_series ADD COLUMN number_of_seasons BIGINT;

-- A season's episode count as TMDB states it (series details list it for every season, also
-- for seasons whose episodes the catalog does not hold).
ALTER TABLE tv_season ADD COLUMN episode_count BIGINT;

-- Translated homepage and tagline (series translations carry them), and the position of a
-- translation in its owner's list as imported (TMDB's order is not alphabetical by region).
ALTER TABLE translation ADD COLUMN homepage TEXT;
ALTER TABLE translation ADD COLUMN tagline TEXT;
ALTER TABLE translation ADD COLUMN position BIGINT;

-- The people a series' `created_by` names, in order; the people themselves are `person` rows.
CREATE TABLE tv_series_creator (
    series_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    credit_id TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (series_id, credit_id)
);

-- Production companies, shared by every owner that names them (series now, movies later).
CREATE TABLE company (
    id BIGINT PRIMARY KEY,
    name TEXT,
    logo_path TEXT,
    origin_country TEXT
);
CREATE TABLE owner_company (
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    company_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (owner_type, owner_id, company_id)
);
CREATE INDEX owner_company_company ON owner_company (company_id, owner_type);

-- Country names as TMDB sends them in `production_countries` (its English names); an owner's
-- countries are its `production_countries` code list (0006).
CREATE TABLE country (
    iso_3166_1 TEXT PRIMARY KEY,
    english_name TEXT
);
