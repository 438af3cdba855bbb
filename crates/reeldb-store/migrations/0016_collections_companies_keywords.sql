-- Collections, companies and keywords as objects of their own (docs/COLLECTIONS-COMPANIES-KEYWORDS.md).
--
-- A collection's text in its primary language sits beside its translations (owner_type
-- 'collection'), as a movie's does (0014): `name` and `overview` in `primary_language`; its
-- `original_name` and `original_language` as details state them. Its parts are the movies whose
-- `collection_id` names it; `collection_position` is a part's place in the last collection
-- details imported (TMDB's own order, which is not by date).
ALTER TABLE collection ADD COLUMN original_language TEXT;
ALTER TABLE collection ADD COLUMN original_name TEXT;
ALTER TABLE collection ADD COLUMN primary_language TEXT;
ALTER TABLE collection ADD COLUMN overview TEXT;
ALTER TABLE movie ADD COLUMN collection_position BIGINT;
CREATE INDEX movie_collection ON movie (collection_id);

-- Company details (`GET /3/company/{id}`): the fields production company lists do not carry.
-- `parent_id` names another company row (its name and logo come from that row).
ALTER TABLE company ADD COLUMN description TEXT;
ALTER TABLE company ADD COLUMN headquarters TEXT;
ALTER TABLE company ADD COLUMN homepage TEXT;
ALTER TABLE company ADD COLUMN parent_id BIGINT;
