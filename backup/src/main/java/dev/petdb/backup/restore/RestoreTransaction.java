package dev.petdb.backup.restore;

/**
 * The transaction a restore's SQL runs in, opened and closed by petdb itself rather than by psql: psql's
 * {@code --single-transaction} commits whenever its input ends, even in the middle of a {@code COPY} when petdb is
 * killed, which would put a half-restored schema live.
 * <p>
 * petdb writes {@link #begin()} first and {@link #commit()} last, only after pg_restore has exited 0 and every check
 * has passed. Any other end (petdb, pg_restore or psql killed, a broken pipe, a lost connection) leaves the transaction
 * open when psql's connection closes, and the server rolls it back. As a second guard, a deferred trigger on a
 * temporary table refuses any {@code COMMIT} that does not come with petdb's approval, should the restore's own SQL
 * ever contain one.
 */
final class RestoreTransaction {
    private static final String BEGIN = """
            BEGIN;
            SET LOCAL client_min_messages = error;
            CREATE TEMPORARY TABLE petdb_commit_gate (approved boolean) ON COMMIT DROP;
            CREATE FUNCTION pg_temp.petdb_commit_gate() RETURNS trigger LANGUAGE plpgsql AS $petdb$
            BEGIN
                IF pg_catalog.current_setting('petdb.restore', true) IS DISTINCT FROM 'approved' THEN
                    RAISE EXCEPTION 'petdb: a COMMIT came before the restore was checked; rolled back';
                END IF;
                RETURN NULL;
            END
            $petdb$;
            CREATE CONSTRAINT TRIGGER petdb_commit_gate AFTER INSERT ON pg_temp.petdb_commit_gate
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pg_temp.petdb_commit_gate();
            INSERT INTO pg_temp.petdb_commit_gate VALUES (true);
            """;

    private static final String COMMIT = """

            SET LOCAL petdb.restore = 'approved';
            COMMIT;
            """;

    private RestoreTransaction() {
    }

    /** @return the SQL that opens the transaction and arms the gate; written to psql before anything else */
    static String begin() {
        return BEGIN;
    }

    /** @return the SQL that approves and commits; written only when everything has succeeded */
    static String commit() {
        return COMMIT;
    }
}
