CREATE TABLE notes (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner bigint NOT NULL,
    body  text   NOT NULL
);
-- a row from before the feed: the first sync must find it too
INSERT INTO notes (owner, body) VALUES (1, 'before the feed');
SELECT petdb_feed_track('notes', 'owner');

CREATE TABLE no_id (name text PRIMARY KEY);
