-- TV series lists (popular, top rated, airing today, on the air) rank with these indexes.
-- Each carries the columns its list filters on, so ranking and counting read the index alone.
-- popular: ORDER BY popularity DESC, id (adult series left out).
CREATE INDEX tv_series_popularity ON tv_series (popularity DESC, id, adult);
-- top rated: vote_count >= the threshold is a range of this index (a few thousand series at
-- TMDB's scale), then ordered by vote_average.
CREATE INDEX tv_series_votes ON tv_series (vote_count, vote_average, id, adult);
-- airing today / on the air: the series with an episode on a date in a range.
CREATE INDEX tv_episode_air_date ON tv_episode (air_date, series_id);
-- recommendations: the series a person holds series- or season-level credits in. The index by
-- person now carries the owner, so PostgreSQL reads it without visiting the table (SQLite's
-- index already carried the primary key's columns: same size there). Queries by person alone
-- use its first column as before.
DROP INDEX credit_person;
CREATE INDEX credit_person ON credit (person_id, owner_type, owner_id);
