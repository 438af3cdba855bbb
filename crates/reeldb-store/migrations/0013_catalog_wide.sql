-- Catalog-wide lists (docs/catalogwide.md).
--
-- TMDB keeps one genre list per kind of title ('movie', 'tv'); the lists overlap (Drama is in
-- both) and are ordered as TMDB orders them (by English name), so each kind's membership has
-- its own rows with the imported position. Genres an owner of that kind uses join the list too
-- (computed at read time from owner_genre).
CREATE TABLE genre_list (
    kind TEXT NOT NULL,
    genre_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (kind, genre_id)
);

-- Certification systems per kind ('movie', 'tv') and country, as TMDB lists them: countries
-- in their listed order (country_position), each country's entries in their listed order
-- (position); `sort_order` is TMDB's own `order` field (not always the listed order).
CREATE TABLE certification (
    kind TEXT NOT NULL,
    iso_3166_1 TEXT NOT NULL,
    position BIGINT NOT NULL,
    country_position BIGINT NOT NULL,
    certification TEXT NOT NULL,
    meaning TEXT,
    sort_order BIGINT,
    PRIMARY KEY (kind, iso_3166_1, position)
);
