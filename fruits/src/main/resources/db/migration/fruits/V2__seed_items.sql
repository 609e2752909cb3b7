-- The seed's rows, once: a versioned migration never runs again, so deleted rows stay deleted.
INSERT INTO items (name) VALUES ('apple'), ('banana'), ('carrot');
