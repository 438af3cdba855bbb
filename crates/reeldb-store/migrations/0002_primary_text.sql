-- The text a season or episode carries in its primary language, apart from its translations.
-- TMDB keeps them apart: season 3624's en-US translation has an empty name while its details say
-- "Season 1". `primary_language` is a language tag ('en-US'); details in that language read the
-- primary text first, other languages read their translation.
ALTER TABLE tv_season ADD COLUMN name TEXT;
ALTER TABLE tv_season ADD COLUMN overview TEXT;
ALTER TABLE tv_season ADD COLUMN primary_language TEXT;
ALTER TABLE tv_episode ADD COLUMN name TEXT;
ALTER TABLE tv_episode ADD COLUMN overview TEXT;
ALTER TABLE tv_episode ADD COLUMN primary_language TEXT;
