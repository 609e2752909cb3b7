-- Runs with search_path = the app's schema: no schema names here.
CREATE TABLE items (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- names are unique regardless of case: "Kiwi" and "kiwi" are one fruit
CREATE UNIQUE INDEX items_name_lower_key ON items (lower(name));
