-- Trending (docs/TRENDING.md) ranks the most popular listed movies besides the active ones
-- from movie_list_popularity (0015).

-- Countries (`/3/configuration/countries`, `/3/watch/providers/regions`): a country's name in a
-- language (`native_name` as TMDB states it for a request in that language). English names stay
-- in `country` (0007).
CREATE TABLE country_name (
    iso_3166_1 TEXT NOT NULL,
    iso_639_1 TEXT NOT NULL,
    native_name TEXT NOT NULL,
    PRIMARY KEY (iso_3166_1, iso_639_1)
);

-- Watch providers (`/3/watch/providers/{movie,tv}`): a provider's overall priority, its priority
-- per region (regions in the listed order), and the kinds ('movie', 'tv') it is listed for. An
-- imported provider list states them; an offer (`watch_offer`) adds its provider to its title's
-- kind and its region with the offer's priority when the provider has none there.
ALTER TABLE watch_provider ADD COLUMN display_priority BIGINT;
CREATE TABLE watch_provider_region (
    provider_id BIGINT NOT NULL,
    country TEXT NOT NULL,
    display_priority BIGINT,
    position BIGINT NOT NULL,
    PRIMARY KEY (provider_id, country)
);
CREATE TABLE watch_provider_kind (
    kind TEXT NOT NULL,
    provider_id BIGINT NOT NULL,
    PRIMARY KEY (kind, provider_id)
);
