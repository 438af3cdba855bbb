-- Networks, reviews and logo images (network details, alternative names and images; review
-- details and a series' reviews).

-- Network details fields the season-level `networks` lists do not carry.
ALTER TABLE network ADD COLUMN headquarters TEXT;
ALTER TABLE network ADD COLUMN homepage TEXT;

-- Today's logo entries (network and company `/images`) carry an object id and a file type.
ALTER TABLE image ADD COLUMN image_id TEXT;
ALTER TABLE image ADD COLUMN file_type TEXT;

-- Alternative names of any owner (networks now, companies later): `{name, type}` in order.
CREATE TABLE alternative_name (
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    name_type TEXT,
    PRIMARY KEY (owner_type, owner_id, position)
);

-- User reviews, keyed by TMDB's review id and hung off the reviewed object (owner_type 'tv'
-- for series; movies later). `author_*` are the `author_details` fields.
CREATE TABLE review (
    id TEXT PRIMARY KEY,
    owner_type TEXT NOT NULL,
    owner_id BIGINT NOT NULL,
    author TEXT,
    author_name TEXT,
    author_username TEXT,
    author_avatar_path TEXT,
    author_rating DOUBLE PRECISION,
    content TEXT,
    created_at TEXT,
    updated_at TEXT,
    url TEXT,
    iso_639_1 TEXT
);
CREATE INDEX review_owner ON review (owner_type, owner_id, created_at);
