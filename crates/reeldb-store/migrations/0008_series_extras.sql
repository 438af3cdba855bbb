-- Series sub-resources: alternative titles, content ratings, screened-theatrically episodes, and
-- episode groups. Alternative titles and content ratings are owner-keyed so movies can reuse
-- them (a movie's alternative titles have the same fields). Keywords reuse `keyword` and
-- `owner_keyword` (migration 6).

-- `/alternative_titles`: one row per title, in TMDB's order. `title_type` is TMDB's `type`.
CREATE TABLE alternative_title (
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    iso_3166_1 TEXT,
    title TEXT,
    title_type TEXT,
    PRIMARY KEY (owner_type, owner_id, position)
);

-- `/content_ratings`: one row per rating, in TMDB's order, and its descriptors (ordered
-- strings such as "Violence") in a child table keyed by the rating's position.
CREATE TABLE content_rating (
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    iso_3166_1 TEXT,
    rating TEXT,
    PRIMARY KEY (owner_type, owner_id, position)
);
CREATE TABLE content_rating_descriptor (
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    rating_position BIGINT NOT NULL,
    position BIGINT NOT NULL,
    descriptor TEXT NOT NULL,
    PRIMARY KEY (owner_type, owner_id, rating_position, position)
);

-- `/screened_theatrically`: the episodes of a series shown in theatres, a relation on
-- `tv_episode` rows, in TMDB's order.
CREATE TABLE screened_episode (
    series_id BIGINT NOT NULL,
    episode_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (series_id, episode_id)
);

-- Episode groups (`/3/tv/episode_group/{id}`): a group of a series (`series_id` may be unknown
-- when a group lists no episodes), its parts (TMDB's `groups`) and their episodes by TMDB
-- episode id. `position` orders the series' `/episode_groups` list. The counts a series' list
-- states are kept for groups whose parts the catalog does not hold; otherwise they are computed.
CREATE TABLE episode_group (
    id TEXT PRIMARY KEY,
    series_id BIGINT,
    position BIGINT NOT NULL,
    name TEXT,
    description TEXT,
    group_type BIGINT,
    network_id BIGINT,
    stated_episode_count BIGINT,
    stated_group_count BIGINT
);
CREATE INDEX episode_group_series ON episode_group (series_id, position);

CREATE TABLE episode_group_part (
    id TEXT PRIMARY KEY,
    episode_group_id TEXT NOT NULL,
    position BIGINT NOT NULL,
    name TEXT,
    part_order BIGINT,
    locked BIGINT
);
CREATE INDEX episode_group_part_group ON episode_group_part (episode_group_id, position);

CREATE TABLE episode_group_member (
    part_id TEXT NOT NULL,
    position BIGINT NOT NULL,
    episode_id BIGINT NOT NULL,
    member_order BIGINT,
    PRIMARY KEY (part_id, position)
);
CREATE INDEX episode_group_member_episode ON episode_group_member (episode_id);
