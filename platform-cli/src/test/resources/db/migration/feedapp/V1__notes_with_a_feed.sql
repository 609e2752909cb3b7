CREATE TABLE notes (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner bigint NOT NULL,
    body  text   NOT NULL
);
SELECT petdb_feed_track('notes', 'owner');
