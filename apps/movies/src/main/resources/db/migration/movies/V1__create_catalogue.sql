-- The Django cinema catalogue's tables (seed 002), in the app's schema: no schema names here.
-- Ids are uuids as in Django; the sample data derives them from md5 so that every run yields the same ids.

CREATE TABLE film_work (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title         text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 255),
    description   text,
    creation_date date,
    rating        numeric(3, 1) CHECK (rating BETWEEN 0 AND 10),
    type          text NOT NULL CHECK (type IN ('movie', 'tv_show')),
    -- replaces the seed's Elasticsearch index: kept up to date by PostgreSQL itself, so no ETL can lag behind.
    -- 'english' stems ("heroes" finds "hero") and drops stop words; the catalogue is English.
    search        tsvector GENERATED ALWAYS AS (
                      setweight(to_tsvector('english', title), 'A')
                      || setweight(to_tsvector('english', coalesce(description, '')), 'B')) STORED
);

-- fastupdate off: no pending list of unsorted recent entries that every search must scan. A catalogue is read far
-- more than written; with the pending list full after the sample load, the planner rightly preferred a seq scan.
CREATE INDEX film_work_search_idx ON film_work USING gin (search) WITH (fastupdate = off);
-- the list's order: a page is an index range, not a sort of the whole table
CREATE INDEX film_work_title_id_idx ON film_work (title, id);

CREATE TABLE genre (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 255),
    description text
);

CREATE TABLE person (
    id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    full_name text NOT NULL CHECK (char_length(full_name) BETWEEN 1 AND 255)
);

CREATE TABLE genre_film_work (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    film_work_id uuid NOT NULL REFERENCES film_work ON DELETE CASCADE,
    genre_id     uuid NOT NULL REFERENCES genre ON DELETE CASCADE,
    -- its index also serves lookups by film_work_id, the leading column
    CONSTRAINT genre_film_work_film_genre_key UNIQUE (film_work_id, genre_id)
);

CREATE INDEX genre_film_work_genre_idx ON genre_film_work (genre_id);

CREATE TABLE person_film_work (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    film_work_id uuid NOT NULL REFERENCES film_work ON DELETE CASCADE,
    person_id    uuid NOT NULL REFERENCES person ON DELETE CASCADE,
    role         text NOT NULL CHECK (role IN ('actor', 'director', 'writer')),
    -- one person may both direct and write a film, but holds each role once
    CONSTRAINT person_film_work_film_person_role_key UNIQUE (film_work_id, person_id, role)
);

CREATE INDEX person_film_work_person_idx ON person_film_work (person_id);
