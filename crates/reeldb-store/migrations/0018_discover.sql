-- Discover (`/3/discover/movie`, `/3/discover/tv`, docs/DISCOVER.md): indexes for the common
-- filters and sorts the existing ones do not serve. Genres, keywords, companies (by id and kind,
-- 0006/0007), credits by person (0011), popularity and votes (0011/0015) and release dates by
-- date or country (0015) are already indexed.
-- primary_release_date / primary_release_year ranges, and the primary_release_date sort.
CREATE INDEX movie_release_date ON movie (release_date, id);
-- first_air_date / first_air_date_year ranges, and the first_air_date sort.
CREATE INDEX tv_series_first_air_date ON tv_series (first_air_date, id);
-- with_original_language, ranked by popularity within the language.
CREATE INDEX movie_original_language ON movie (original_language, popularity DESC, id);
CREATE INDEX tv_series_original_language ON tv_series (original_language, popularity DESC, id);
-- with_networks: a network's series (the key is by series).
CREATE INDEX tv_series_network_network ON tv_series_network (network_id, series_id);
-- with_watch_providers (in a region, of monetization types): a provider's titles.
CREATE INDEX watch_offer_provider ON watch_offer (provider_id, owner_type, country, kind, owner_id);
-- with_watch_monetization_types alone: a region's titles by kind of offer.
CREATE INDEX watch_offer_region_kind ON watch_offer (owner_type, country, kind, owner_id);
-- with_origin_country: the titles listing a country (code lists are keyed by owner).
CREATE INDEX code_list_value ON code_list (list_name, value, owner_type, owner_id);
-- certification in a country: the movies certified so there.
CREATE INDEX release_date_certification ON release_date (iso_3166_1, certification, movie_id);
