-- Series-level facts every TV list shows (popular, top rated, similar, ...), and the owner-keyed
-- genre, keyword and code lists that series, and later movies, share.
-- The series' text in its primary language sits beside its translations, as for seasons (0002).
ALTER TABLE tv_series ADD COLUMN name TEXT;
ALTER TABLE tv_series ADD COLUMN overview TEXT;
ALTER TABLE tv_series ADD COLUMN primary_language TEXT;
ALTER TABLE tv_series ADD COLUMN adult BIGINT;
ALTER TABLE tv_series ADD COLUMN backdrop_path TEXT;
ALTER TABLE tv_series ADD COLUMN poster_path TEXT;
ALTER TABLE tv_series ADD COLUMN first_air_date TEXT;
ALTER TABLE tv_series ADD COLUMN popularity DOUBLE PRECISION;
ALTER TABLE tv_series ADD COLUMN vote_average DOUBLE PRECISION;
ALTER TABLE tv_series ADD COLUMN vote_count BIGINT;

-- Genres and keywords by TMDB id; a genre's names in other languages are translations
-- (owner_type 'genre').
CREATE TABLE genre (
    id BIGINT PRIMARY KEY,
    name TEXT
);
CREATE TABLE owner_genre (
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    genre_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (owner_type, owner_id, genre_id)
);
CREATE INDEX owner_genre_genre ON owner_genre (genre_id, owner_type);

CREATE TABLE keyword (
    id BIGINT PRIMARY KEY,
    name TEXT
);
CREATE TABLE owner_keyword (
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    keyword_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (owner_type, owner_id, keyword_id)
);
CREATE INDEX owner_keyword_keyword ON owner_keyword (keyword_id, owner_type);

-- Ordered lists of codes or short strings an object carries: a series' `origin_country` and
-- `languages`, its `episode_run_time`, a person's `also_known_as`. `list_name` is the TMDB field.
CREATE TABLE code_list (
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    list_name TEXT NOT NULL,
    position BIGINT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (owner_type, owner_id, list_name, position)
);
