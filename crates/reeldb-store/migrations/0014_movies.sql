-- Movies (`GET /3/movie/{movie_id}`): the scalar facts, and the text in the movie's primary
-- language (title in `name`, overview, tagline, homepage) beside its translations, as series
-- keep theirs (0006, 0007). Genres, keywords, companies, code lists (origin_country,
-- production_countries, spoken_languages), external ids (imdb_id among them), images, videos
-- and the rest are the shared owner-keyed tables, owner_type 'movie'.
CREATE TABLE movie (
    id BIGINT PRIMARY KEY,
    adult BIGINT,
    backdrop_path TEXT,
    collection_id BIGINT,
    budget BIGINT,
    original_language TEXT,
    original_title TEXT,
    popularity DOUBLE PRECISION,
    poster_path TEXT,
    release_date TEXT,
    revenue BIGINT,
    runtime BIGINT,
    status TEXT,
    video BIGINT,
    vote_average DOUBLE PRECISION,
    vote_count BIGINT,
    primary_language TEXT,
    name TEXT,
    overview TEXT,
    tagline TEXT,
    homepage TEXT
);

-- A movie's `belongs_to_collection` as details state it (the collection routes come later).
CREATE TABLE collection (
    id BIGINT PRIMARY KEY,
    name TEXT,
    poster_path TEXT,
    backdrop_path TEXT
);

-- An IMDb id in place of a movie's TMDB id is looked up by value.
CREATE INDEX external_id_value ON external_id (source, value, owner_type);

-- A movie cast credit's `cast_id` (TMDB's older per-movie cast numbering, still sent).
ALTER TABLE credit ADD COLUMN cast_id BIGINT;

-- A movie translation's `runtime` (movie translations carry one; other owners' stay NULL).
ALTER TABLE translation ADD COLUMN runtime BIGINT;

-- `/release_dates`: one row per release in TMDB's order (countries in order, each country's
-- releases in order), and each release's descriptors (ordered strings) in a child table.
CREATE TABLE release_date (
    movie_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    iso_3166_1 TEXT NOT NULL,
    certification TEXT,
    iso_639_1 TEXT,
    note TEXT,
    release_date TEXT,
    release_type BIGINT,
    PRIMARY KEY (movie_id, position)
);
CREATE TABLE release_date_descriptor (
    movie_id BIGINT NOT NULL,
    release_position BIGINT NOT NULL,
    position BIGINT NOT NULL,
    descriptor TEXT NOT NULL,
    PRIMARY KEY (movie_id, release_position, position)
);
