-- A person's `known_for` (search, popular people, trending, find): their three most popular
-- titles among their credits, kept in `known_for` instead of ranked from every credit on each
-- read (a popular person has thousands of episode credits). `ord` is 1..3, best first;
-- `media_type` is 'movie' or 'tv'. Writers refresh the rows of the people whose credits, or
-- whose titles' popularity, a transaction changed; seeds refresh every person
-- (crates/reeldb-store/src/known_for.rs).
CREATE TABLE known_for (
    person_id BIGINT NOT NULL,
    ord BIGINT NOT NULL,
    media_type TEXT NOT NULL,
    title_id BIGINT NOT NULL,
    popularity DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (person_id, ord)
);
