-- SQLite only: the catalog's tables become WITHOUT ROWID, so each row is stored in its primary
-- key's B-tree. A rowid table with a non-INTEGER key keeps the key in a separate index: every
-- lookup was two B-tree descents (index, then table), and the rows of one owner (an episode's
-- credits, a season's episodes) were scattered over the file in insertion order. Clustered, a
-- person or an episode is one descent, and an owner's credits, images or translations lie
-- together. Profiled on the tmdb-scale catalog (docs/READ-PATH.md), uncached reads spent half
-- their time in those table seeks and the page reads they caused.
-- Episodes are clustered by (series, season, number), the order seasons read them in; their TMDB
-- id stays unique. PostgreSQL keeps its heap tables (it has no clustered tables; see
-- docs/READ-PATH.md).

CREATE TABLE person_clustered (
    id BIGINT NOT NULL,
    name TEXT,
    original_name TEXT,
    gender BIGINT,
    adult BIGINT,
    known_for_department TEXT,
    popularity DOUBLE PRECISION,
    profile_path TEXT,
    PRIMARY KEY (id)
) WITHOUT ROWID;
INSERT INTO person_clustered SELECT * FROM person;
DROP TABLE person;
ALTER TABLE person_clustered RENAME TO person;

CREATE TABLE network_clustered (
    id BIGINT NOT NULL,
    name TEXT,
    logo_path TEXT,
    origin_country TEXT,
    PRIMARY KEY (id)
) WITHOUT ROWID;
INSERT INTO network_clustered SELECT * FROM network;
DROP TABLE network;
ALTER TABLE network_clustered RENAME TO network;

CREATE TABLE tv_series_clustered (
    id BIGINT NOT NULL,
    original_name TEXT,
    original_language TEXT,
    PRIMARY KEY (id)
) WITHOUT ROWID;
INSERT INTO tv_series_clustered SELECT * FROM tv_series;
DROP TABLE tv_series;
ALTER TABLE tv_series_clustered RENAME TO tv_series;

CREATE TABLE tv_series_network_clustered (
    series_id BIGINT NOT NULL,
    network_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (series_id, network_id)
) WITHOUT ROWID;
INSERT INTO tv_series_network_clustered SELECT * FROM tv_series_network;
DROP TABLE tv_series_network;
ALTER TABLE tv_series_network_clustered RENAME TO tv_series_network;

CREATE TABLE tv_season_clustered (
    series_id BIGINT NOT NULL,
    season_number BIGINT NOT NULL,
    id BIGINT,
    object_id TEXT,
    air_date TEXT,
    poster_path TEXT,
    vote_average DOUBLE PRECISION,
    name TEXT,
    overview TEXT,
    primary_language TEXT,
    PRIMARY KEY (series_id, season_number),
    UNIQUE (id)
) WITHOUT ROWID;
INSERT INTO tv_season_clustered SELECT * FROM tv_season;
DROP TABLE tv_season;
ALTER TABLE tv_season_clustered RENAME TO tv_season;

CREATE TABLE tv_episode_clustered (
    id BIGINT NOT NULL,
    series_id BIGINT NOT NULL,
    season_number BIGINT NOT NULL,
    episode_number BIGINT NOT NULL,
    air_date TEXT,
    episode_type TEXT,
    production_code TEXT,
    runtime BIGINT,
    still_path TEXT,
    vote_average DOUBLE PRECISION,
    vote_count BIGINT,
    name TEXT,
    overview TEXT,
    primary_language TEXT,
    PRIMARY KEY (series_id, season_number, episode_number),
    UNIQUE (id)
) WITHOUT ROWID;
INSERT INTO tv_episode_clustered SELECT * FROM tv_episode;
DROP TABLE tv_episode;
ALTER TABLE tv_episode_clustered RENAME TO tv_episode;

CREATE TABLE translation_clustered (
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    iso_639_1 TEXT NOT NULL,
    iso_3166_1 TEXT NOT NULL,
    name TEXT,
    overview TEXT,
    PRIMARY KEY (owner_type, owner_id, iso_639_1, iso_3166_1)
) WITHOUT ROWID;
INSERT INTO translation_clustered SELECT * FROM translation;
DROP TABLE translation;
ALTER TABLE translation_clustered RENAME TO translation;

CREATE TABLE credit_clustered (
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    credit_id TEXT NOT NULL,
    person_id BIGINT NOT NULL,
    character_name TEXT,
    department TEXT,
    job TEXT,
    ord BIGINT,
    regular BIGINT NOT NULL DEFAULT 0,
    episode_count BIGINT,
    position BIGINT NOT NULL,
    agg_position BIGINT,
    PRIMARY KEY (owner_type, owner_id, kind, credit_id)
) WITHOUT ROWID;
INSERT INTO credit_clustered SELECT * FROM credit;
DROP TABLE credit;
ALTER TABLE credit_clustered RENAME TO credit;

CREATE TABLE image_clustered (
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    file_path TEXT NOT NULL,
    aspect_ratio DOUBLE PRECISION,
    height BIGINT,
    width BIGINT,
    iso_639_1 TEXT,
    vote_average DOUBLE PRECISION,
    vote_count BIGINT,
    position BIGINT NOT NULL,
    PRIMARY KEY (owner_type, owner_id, kind, file_path)
) WITHOUT ROWID;
INSERT INTO image_clustered SELECT * FROM image;
DROP TABLE image;
ALTER TABLE image_clustered RENAME TO image;

CREATE TABLE video_clustered (
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    id TEXT NOT NULL,
    iso_639_1 TEXT,
    iso_3166_1 TEXT,
    name TEXT,
    video_key TEXT,
    site TEXT,
    size BIGINT,
    video_type TEXT,
    official BIGINT,
    published_at TEXT,
    position BIGINT NOT NULL,
    PRIMARY KEY (owner_type, owner_id, id)
) WITHOUT ROWID;
INSERT INTO video_clustered SELECT * FROM video;
DROP TABLE video;
ALTER TABLE video_clustered RENAME TO video;

CREATE TABLE external_id_clustered (
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    source TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (owner_type, owner_id, source)
) WITHOUT ROWID;
INSERT INTO external_id_clustered SELECT * FROM external_id;
DROP TABLE external_id;
ALTER TABLE external_id_clustered RENAME TO external_id;

CREATE TABLE watch_provider_clustered (
    provider_id BIGINT NOT NULL,
    provider_name TEXT,
    logo_path TEXT,
    PRIMARY KEY (provider_id)
) WITHOUT ROWID;
INSERT INTO watch_provider_clustered SELECT * FROM watch_provider;
DROP TABLE watch_provider;
ALTER TABLE watch_provider_clustered RENAME TO watch_provider;

CREATE TABLE watch_link_clustered (
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    country TEXT NOT NULL,
    link TEXT,
    PRIMARY KEY (owner_type, owner_id, country)
) WITHOUT ROWID;
INSERT INTO watch_link_clustered SELECT * FROM watch_link;
DROP TABLE watch_link;
ALTER TABLE watch_link_clustered RENAME TO watch_link;

CREATE TABLE watch_offer_clustered (
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    country TEXT NOT NULL,
    kind TEXT NOT NULL,
    provider_id BIGINT NOT NULL,
    display_priority BIGINT,
    position BIGINT NOT NULL,
    PRIMARY KEY (owner_type, owner_id, country, kind, provider_id)
) WITHOUT ROWID;
INSERT INTO watch_offer_clustered SELECT * FROM watch_offer;
DROP TABLE watch_offer;
ALTER TABLE watch_offer_clustered RENAME TO watch_offer;

CREATE INDEX credit_person ON credit (person_id);
