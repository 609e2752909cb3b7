-- the fixture database for backup/src/test/resources/dumps (made with psql into an empty database "shopdb")
CREATE SCHEMA shop;
CREATE SCHEMA notes;
CREATE TABLE shop.items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, note text);
INSERT INTO shop.items (name, note)
  SELECT 'item ' || g, CASE WHEN g % 10 = 0 THEN E'two\nlines' ELSE 'ü ' || substr(md5(g::text), 1, 6) END FROM generate_series(1, 3000) g;
CREATE INDEX ON shop.items (name);
CREATE SEQUENCE shop.order_no START 100;
CREATE TABLE shop.orders (id int PRIMARY KEY DEFAULT nextval('shop.order_no'), item bigint REFERENCES shop.items, placed date NOT NULL);
INSERT INTO shop.orders (item, placed) SELECT 1 + g % 3000, date '2025-01-01' + g % 365 FROM generate_series(1, 2000) g;
CREATE TABLE shop.empty (id int);
-- inheritance: the parent has rows of its own, the child more
CREATE TABLE notes.base (id int, body text);
CREATE TABLE notes.child (extra int) INHERITS (notes.base);
INSERT INTO notes.base SELECT g, 'base ' || g FROM generate_series(1, 7) g;
INSERT INTO notes.child SELECT g, 'child ' || g, g FROM generate_series(1, 40) g;
-- partitioned: rows live in the partitions only
CREATE TABLE notes.events (at date NOT NULL, what text) PARTITION BY RANGE (at);
CREATE TABLE notes.events_2024 PARTITION OF notes.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE notes.events_2025 PARTITION OF notes.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
INSERT INTO notes.events SELECT date '2024-06-01' + g % 400, 'event ' || g FROM generate_series(1, 1500) g;
CREATE TABLE notes.docs (id int, body bytea);
INSERT INTO notes.docs SELECT g, decode(md5(g::text), 'hex') FROM generate_series(1, 50) g;
CREATE MATERIALIZED VIEW notes.per_month AS SELECT date_trunc('month', at) AS month, count(*) AS n FROM notes.events GROUP BY 1;
CREATE TABLE public.items (id serial PRIMARY KEY, title text);
INSERT INTO public.items (title) SELECT 'public ' || g FROM generate_series(1, 120) g;
SELECT lo_from_bytea(0, 'large object one'), lo_from_bytea(0, convert_to(repeat('large object two ', 200), 'UTF8'));
