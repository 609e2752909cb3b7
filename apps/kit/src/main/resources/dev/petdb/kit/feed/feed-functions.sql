-- The changes feed's functions (dev.petdb.kit.feed), created in the app's schema before each Flyway run, so that an
-- app's migration can turn the feed on for a table with one line:
--     SELECT petdb_feed_track('todos', 'user_id');
-- Only CREATE OR REPLACE here: this runs on every deploy. The feed's two tables are created by the first
-- petdb_feed_track call, so an app that never tracks a table gets these functions and nothing else.
-- SCHEMA stands for the app's schema, quoted, and SCHEMA_NAME for its name as a string literal. Every function names
-- its tables through them or TG_TABLE_SCHEMA, so that writes from any session (psql, a restore) are recorded whatever
-- that session's search_path.

-- Turns the feed on for a table with a bigint primary key "id"; scope_column (bigint, e.g. the owner's id) is what
-- a client's feed is filtered by. Adds "version" (a row's version, for If-Match), the triggers, and the rows already
-- there as changes. Calling it again for the same table changes nothing but the scope column.
CREATE OR REPLACE FUNCTION SCHEMA.petdb_feed_track(tracked regclass, scope_column text DEFAULT NULL) RETURNS void
-- no NOTICE for each DROP TRIGGER IF EXISTS of a first call in the migration's log
LANGUAGE plpgsql SET client_min_messages = warning AS $track$
DECLARE
    table_schema text;
    table_name text;
    backfilled bigint;
BEGIN
    SELECT n.nspname, c.relname INTO table_schema, table_name
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.oid = tracked;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = tracked AND attname = 'id'
                   AND atttypid = 'bigint'::regtype AND NOT attisdropped) THEN
        RAISE EXCEPTION 'petdb_feed_track: table % has no bigint column "id"', tracked;
    END IF;
    IF scope_column IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = tracked
            AND attname = scope_column AND atttypid = 'bigint'::regtype AND NOT attisdropped) THEN
        RAISE EXCEPTION 'petdb_feed_track: table % has no bigint column "%"', tracked, scope_column;
    END IF;

    -- one row: the last change number given out, the highest one whose tombstone was pruned, how long tombstones
    -- stay, and the feed's epoch, part of every cursor, which petdb_feed_resync changes
    EXECUTE format($sql$CREATE TABLE IF NOT EXISTS %1$I.petdb_feed_state (
            one_row        boolean  PRIMARY KEY DEFAULT true CHECK (one_row),
            last_change    bigint   NOT NULL DEFAULT 0,
            pruned_through bigint   NOT NULL DEFAULT 0,
            retention      interval NOT NULL DEFAULT '30 days' CHECK (retention >= interval '1 hour'),
            epoch          integer  NOT NULL DEFAULT pg_catalog.floor(pg_catalog.random() * 2147483647)::integer
        )$sql$, table_schema);
    EXECUTE format('INSERT INTO %1$I.petdb_feed_state DEFAULT VALUES ON CONFLICT DO NOTHING', table_schema);
    -- the latest change of each tracked row; a deleted row's entry is its tombstone
    EXECUTE format($sql$CREATE TABLE IF NOT EXISTS %1$I.petdb_changes (
            table_name text        NOT NULL,
            row_id     bigint      NOT NULL,
            change     bigint      NOT NULL UNIQUE,
            scope      bigint,
            deleted    boolean     NOT NULL,
            changed_at timestamptz NOT NULL,
            PRIMARY KEY (table_name, row_id)
        )$sql$, table_schema);
    EXECUTE format('CREATE INDEX IF NOT EXISTS petdb_changes_feed ON %1$I.petdb_changes (table_name, scope, change)',
                   table_schema);
    EXECUTE format('CREATE INDEX IF NOT EXISTS petdb_changes_tombstones ON %1$I.petdb_changes (changed_at) WHERE deleted',
                   table_schema);

    EXECUTE format('ALTER TABLE %s ADD COLUMN IF NOT EXISTS version bigint NOT NULL DEFAULT 1', tracked);
    EXECUTE format('DROP TRIGGER IF EXISTS petdb_feed_version ON %s', tracked);
    EXECUTE format('CREATE TRIGGER petdb_feed_version BEFORE UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION %I.petdb_feed_next_version()',
                   tracked, table_schema);
    -- TRUNCATE fires no row trigger: it starts a new epoch instead, which sends every device back to the start
    EXECUTE format('DROP TRIGGER IF EXISTS petdb_feed_truncate ON %s', tracked);
    EXECUTE format('CREATE TRIGGER petdb_feed_truncate AFTER TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION %I.petdb_feed_truncated()',
                   tracked, table_schema);
    -- deferred to the commit, where the change number is taken: see petdb_feed_record
    EXECUTE format('DROP TRIGGER IF EXISTS petdb_feed_record ON %s', tracked);
    EXECUTE format('CREATE CONSTRAINT TRIGGER petdb_feed_record AFTER INSERT OR UPDATE OR DELETE ON %s'
                   ' DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION %I.petdb_feed_record(%L)',
                   tracked, table_schema, coalesce(scope_column, ''));

    -- the rows already there, as changes a first sync reads; under the counter's lock, like every other change
    EXECUTE format('SELECT last_change FROM %1$I.petdb_feed_state FOR UPDATE', table_schema);
    EXECUTE format($sql$INSERT INTO %1$I.petdb_changes (table_name, row_id, change, scope, deleted, changed_at)
            SELECT %2$L, t.id, s.last_change + row_number() OVER (ORDER BY t.id), %3$s, false, clock_timestamp()
            FROM %4$s t CROSS JOIN %1$I.petdb_feed_state s
            WHERE NOT EXISTS (SELECT 1 FROM %1$I.petdb_changes c WHERE c.table_name = %2$L AND c.row_id = t.id)$sql$,
            table_schema, table_name, CASE WHEN scope_column IS NULL THEN 'NULL' ELSE format('t.%I', scope_column) END,
            tracked);
    GET DIAGNOSTICS backfilled = ROW_COUNT;
    EXECUTE format('UPDATE %1$I.petdb_feed_state SET last_change = last_change + $1', table_schema) USING backfilled;
END
$track$;

-- Each update of a tracked row raises its version by one: what If-Match compares.
CREATE OR REPLACE FUNCTION SCHEMA.petdb_feed_next_version() RETURNS trigger
LANGUAGE plpgsql AS $next$
BEGIN
    NEW.version := OLD.version + 1;
    RETURN NEW;
END
$next$;

-- A random epoch other than the current one: a step of 1 to 2^31 - 2 around the circle of 2^31 - 1 values never lands
-- where it started.
CREATE OR REPLACE FUNCTION SCHEMA.petdb_feed_next_epoch(current_epoch integer) RETURNS integer
LANGUAGE sql VOLATILE AS $next_epoch$
    SELECT ((current_epoch::bigint + 1 + pg_catalog.floor(pg_catalog.random() * 2147483646)::bigint)
            % 2147483647)::integer
$next_epoch$;

-- After TRUNCATE of a tracked table: its rows' entries become tombstones (pruned after the retention like any other),
-- and the feed starts a new epoch, so every cursor answers 410 and each device syncs again from the start.
CREATE OR REPLACE FUNCTION SCHEMA.petdb_feed_truncated() RETURNS trigger
LANGUAGE plpgsql AS $truncated$
BEGIN
    EXECUTE format('UPDATE %I.petdb_changes SET deleted = true, changed_at = pg_catalog.clock_timestamp()'
                   ' WHERE table_name = $1 AND NOT deleted', TG_TABLE_SCHEMA) USING TG_TABLE_NAME;
    EXECUTE format('UPDATE %1$I.petdb_feed_state SET epoch = %1$I.petdb_feed_next_epoch(epoch)', TG_TABLE_SCHEMA);
    RETURN NULL;
END
$truncated$;

-- Records a change of a tracked row at its transaction's commit. The number comes from the one counter row, updated
-- here: its row lock is held until the commit ends, so numbers are taken in commit order, and a reader who sees
-- change N has seen every change below N. (A sequence would not do: a transaction holding number 10 can commit after
-- one holding 11, and a client that read 11 would never see 10.) Writers wait for one another only for this moment
-- at their commit; every writer takes the counter before any petdb_changes row, so they cannot deadlock here.
CREATE OR REPLACE FUNCTION SCHEMA.petdb_feed_record() RETURNS trigger
LANGUAGE plpgsql AS $record$
DECLARE
    changed record;
    scope_value bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := OLD;
    ELSE
        changed := NEW;
    END IF;
    IF TG_ARGV[0] <> '' THEN
        scope_value := (pg_catalog.to_jsonb(changed) ->> TG_ARGV[0])::bigint;
    END IF;
    -- one statement, planned once per call rather than two: the counter, then the row's entry
    EXECUTE format($sql$WITH next AS (
                UPDATE %1$I.petdb_feed_state SET last_change = last_change + 1 RETURNING last_change)
            INSERT INTO %1$I.petdb_changes AS c (table_name, row_id, change, scope, deleted, changed_at)
            SELECT $1, $2, next.last_change, $3, $4, pg_catalog.clock_timestamp() FROM next
            ON CONFLICT (table_name, row_id) DO UPDATE SET change = excluded.change, scope = excluded.scope,
                deleted = excluded.deleted, changed_at = excluded.changed_at$sql$, TG_TABLE_SCHEMA)
        USING TG_TABLE_NAME, changed.id, scope_value, TG_OP = 'DELETE';
    RETURN NULL;
END
$record$;

-- After a restore of the schema or of a tracked table (petdb backup restore calls it in the restore's transaction):
-- the rows the restore brought back become changes, and the feed's epoch changes, so that every cursor handed out
-- before answers 410 and each device syncs again from the start. Without it, a device would keep rows the backup
-- does not have, and could miss changes numbered again after the restore.
CREATE OR REPLACE FUNCTION SCHEMA.petdb_feed_resync() RETURNS void
LANGUAGE plpgsql AS $resync$
DECLARE
    own_schema oid := (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = SCHEMA_NAME);
    tracked record;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE relname = 'petdb_feed_state' AND relnamespace = own_schema)
    THEN
        RETURN;
    END IF;
    FOR tracked IN
        SELECT t.tgrelid::regclass AS tracked_table,
               pg_catalog.split_part(pg_catalog.encode(t.tgargs, 'escape'), '\000', 1) AS scope_column
        FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
        WHERE t.tgname = 'petdb_feed_record' AND c.relnamespace = own_schema
    LOOP
        PERFORM SCHEMA.petdb_feed_track(tracked.tracked_table, NULLIF(tracked.scope_column, ''));
    END LOOP;
    UPDATE SCHEMA.petdb_feed_state SET epoch = SCHEMA.petdb_feed_next_epoch(epoch);
END
$resync$;
