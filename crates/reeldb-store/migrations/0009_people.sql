-- People in full (person details), seen from their own side: the detail fields, the biography in
-- the person's primary language beside its translations (as 0002 does for names and overviews),
-- credits in a person's own order, and images tagged with a person.
ALTER TABLE person ADD COLUMN biography TEXT;
ALTER TABLE person ADD COLUMN primary_language TEXT;
ALTER TABLE person ADD COLUMN birthday TEXT;
ALTER TABLE person ADD COLUMN deathday TEXT;
ALTER TABLE person ADD COLUMN homepage TEXT;
ALTER TABLE person ADD COLUMN place_of_birth TEXT;

-- Person translations carry a biography beside the name, and keep the order the source listed
-- them in (TMDB lists a person's translations in the order they were added, not by language),
-- in `translation.position` (added by migration 7 for series translations, which keep their
-- imported order too).
ALTER TABLE translation ADD COLUMN biography TEXT;

-- A credit as a person's credit list shows it: the date of its first episode when the source
-- stated it, and its place in the person's list (set by person-side imports; NULL otherwise).
ALTER TABLE credit ADD COLUMN first_air_date TEXT;
ALTER TABLE credit ADD COLUMN person_position BIGINT;
-- GET /3/credit/{credit_id} looks a credit up by its TMDB id alone.
CREATE INDEX credit_credit_id ON credit (credit_id);
-- Popular people, best first (the expression `/person/popular` orders by, so a page is an index
-- range scan on both engines).
CREATE INDEX person_popularity ON person ((COALESCE(popularity, 0)) DESC, id);

-- Images tagged with a person (`/person/{id}/tagged_images`): the image is owned by another
-- object (media_type + media_id); `media` holds that object's fields as the source sent them
-- when the catalog has no table for its kind yet (movies), as JSON text.
CREATE TABLE tagged_image (
    person_id BIGINT NOT NULL,
    image_id TEXT NOT NULL,
    file_path TEXT NOT NULL,
    image_type TEXT,
    aspect_ratio DOUBLE PRECISION,
    height BIGINT,
    width BIGINT,
    iso_639_1 TEXT,
    vote_average DOUBLE PRECISION,
    vote_count BIGINT,
    media_type TEXT NOT NULL,
    media_id BIGINT NOT NULL,
    media TEXT,
    position BIGINT NOT NULL,
    PRIMARY KEY (person_id, image_id)
);
