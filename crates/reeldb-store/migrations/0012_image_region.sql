-- The country an image was made for: TMDB's image entries carry `iso_3166_1` next to
-- `iso_639_1` today. NULL when the image names none or the source did not say.
ALTER TABLE image ADD COLUMN iso_3166_1 TEXT;
