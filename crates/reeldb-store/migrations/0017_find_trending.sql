-- Trending (docs/TRENDING.md) ranks the most popular listed movies besides the active ones:
-- read from this index as the series' and people's lists read theirs (0009, 0011).
CREATE INDEX IF NOT EXISTS movie_popularity ON movie (popularity DESC, id, adult);
