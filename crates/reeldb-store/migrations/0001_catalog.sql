-- reeldb catalog, version 1. Portable SQL: the same file runs on SQLite and PostgreSQL.
-- Integers are BIGINT and booleans are BIGINT 0/1 so both engines decode them alike.
-- Child tables (credits, images, ...) hang off an owner: (owner_type, owner_id), where owner_type
-- is 'tv', 'season', 'episode', 'person' or 'movie' and owner_id is that object's TMDB id.

-- People, as credits name them. The latest import of a person's fields wins.
CREATE TABLE person (
    id BIGINT PRIMARY KEY,
    name TEXT,
    original_name TEXT,
    gender BIGINT,
    adult BIGINT,
    known_for_department TEXT,
    popularity DOUBLE PRECISION,
    profile_path TEXT
);

CREATE TABLE network (
    id BIGINT PRIMARY KEY,
    name TEXT,
    logo_path TEXT,
    origin_country TEXT
);

-- A TV series. Translated fields live in `translation`.
CREATE TABLE tv_series (
    id BIGINT PRIMARY KEY,
    original_name TEXT,
    original_language TEXT
);

CREATE TABLE tv_series_network (
    series_id BIGINT NOT NULL,
    network_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (series_id, network_id)
);

-- A season is addressed by (series, number); its TMDB id is unknown until a season-level
-- response names it (an episode import may create the season first).
CREATE TABLE tv_season (
    series_id BIGINT NOT NULL,
    season_number BIGINT NOT NULL,
    id BIGINT UNIQUE,
    object_id TEXT,
    air_date TEXT,
    poster_path TEXT,
    vote_average DOUBLE PRECISION,
    PRIMARY KEY (series_id, season_number)
);

CREATE TABLE tv_episode (
    id BIGINT PRIMARY KEY,
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
    UNIQUE (series_id, season_number, episode_number)
);

-- Translated fields of any owner, one row per language and region.
CREATE TABLE translation (
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    iso_639_1 TEXT NOT NULL,
    iso_3166_1 TEXT NOT NULL,
    name TEXT,
    overview TEXT,
    PRIMARY KEY (owner_type, owner_id, iso_639_1, iso_3166_1)
);

-- Credits. kind: 'cast', 'crew' or 'guest'. On a season, `regular` marks the credits its
-- /credits lists, and `episode_count` the episodes a credit appears in when the source said so.
CREATE TABLE credit (
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
);
CREATE INDEX credit_person ON credit (person_id);

-- Images. kind: 'poster', 'backdrop', 'still', 'logo' or 'profile'.
CREATE TABLE image (
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
);

CREATE TABLE video (
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
);

-- External ids: source is the TMDB field name ('imdb_id', 'tvdb_id', ...).
CREATE TABLE external_id (
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    source TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (owner_type, owner_id, source)
);

CREATE TABLE watch_provider (
    provider_id BIGINT PRIMARY KEY,
    provider_name TEXT,
    logo_path TEXT
);

CREATE TABLE watch_link (
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    country TEXT NOT NULL,
    link TEXT,
    PRIMARY KEY (owner_type, owner_id, country)
);

-- kind: 'flatrate', 'rent', 'buy', 'free' or 'ads'.
CREATE TABLE watch_offer (
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    country TEXT NOT NULL,
    kind TEXT NOT NULL,
    provider_id BIGINT NOT NULL,
    display_priority BIGINT,
    position BIGINT NOT NULL,
    PRIMARY KEY (owner_type, owner_id, country, kind, provider_id)
);

-- The change log: every catalog modification, as /changes serves it. `seq` orders changes
-- recorded in the same second; `time` is TMDB's 'YYYY-MM-DD HH:MM:SS UTC', which sorts as text.
CREATE TABLE change_log (
    id TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    change_key TEXT NOT NULL,
    action TEXT NOT NULL,
    time TEXT NOT NULL,
    iso_639_1 TEXT,
    iso_3166_1 TEXT,
    value TEXT,
    original_value TEXT
);
CREATE INDEX change_log_owner ON change_log (owner_type, owner_id, time);
CREATE INDEX change_log_time ON change_log (owner_type, time);

-- API keys, stored as SHA-256 of the key (keys are random 128-bit values, so a fast hash is
-- enough; passwords, when users arrive, get a real KDF).
CREATE TABLE api_key (
    key_hash TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
);
