-- Movie lists (popular, top rated, now playing, upcoming), similar and recommendations rank
-- with these indexes; each carries the columns its list filters on (docs/LISTS.md).
-- popular, and the genre pool of similar/recommendations: ORDER BY popularity DESC, id (adult
-- and video-only entries left out).
CREATE INDEX movie_list_popularity ON movie (popularity DESC, id, adult, video);
-- top rated: vote_count >= the threshold is a range of this index, then ordered by average.
CREATE INDEX movie_list_votes ON movie (vote_count, vote_average, id, adult, video);
-- now playing / upcoming without a region: theatrical releases in a date window, any country.
CREATE INDEX release_date_window ON release_date (release_date, release_type, movie_id);
-- with a region: that country's releases in the window; also a page's regional release dates.
CREATE INDEX release_date_country ON release_date (iso_3166_1, release_date, release_type, movie_id);
