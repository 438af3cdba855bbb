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
