package dev.petdb.kit.feed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import dev.petdb.dburl.SqlText;
import dev.petdb.kit.http.Json;
import dev.petdb.kit.http.ProblemException;
import dev.petdb.kit.http.Requests;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The changes of one tracked table, read after a cursor: {@code GET /<resource>/changes?since=CURSOR&limit=N}. Each
 * row appears once, at its latest change, with the row as it is now or as a tombstone; a cursor older than the
 * tombstones kept, or from before a restore, answers 410 Gone, and the client syncs again from {@code since=0}.
 * <pre>{@code
 * ChangesFeed<Todo> feed = ChangesFeed.of(db, "todos", "id, title, version", TodoStore::todo);
 * routes.get("/todos/changes", bearer.protect((req, res, caller) -> feed.answer(req, res, caller.userId())));
 * }</pre>
 *
 * @param <T> the app's record for a row
 */
public final class ChangesFeed<T> {
    /** Changes a page holds unless the request asks for fewer or more. */
    public static final int DEFAULT_LIMIT = 100;
    /** The most changes one page holds. */
    public static final int MAX_LIMIT = 1000;

    /**
     * How often an instance removes the tombstones past the retention, on a read: a retention of weeks needs no more,
     * and a sync poll then costs one statement, not two.
     */
    private static final long PRUNE_EVERY = Duration.ofMinutes(1).toNanos();
    // A cheap scan of a partial index when there is nothing to remove. The highest pruned change number is kept, so
    // that a cursor below it, which may not have seen a tombstone it needed, answers 410.
    private static final String PRUNE = """
            WITH gone AS (
                DELETE FROM petdb_changes
                WHERE deleted AND changed_at < now() - (SELECT retention FROM petdb_feed_state)
                RETURNING change)
            UPDATE petdb_feed_state SET pruned_through = greatest(pruned_through, (SELECT max(change) FROM gone))
            WHERE EXISTS (SELECT 1 FROM gone)""";

    private final DbClient db;
    private final String table;
    private final String readScoped;
    private final String readAll;
    private final Function<DbRow, T> items;
    /** When the next prune is due, by {@link System#nanoTime()}: at the first read. */
    private final AtomicLong nextPrune = new AtomicLong(System.nanoTime());

    private ChangesFeed(DbClient db, String table, String columns, Function<DbRow, T> items) {
        this.db = db;
        this.table = table;
        this.items = items;
        this.readScoped = read(table, columns, "scope = ? AND ");
        this.readAll = read(table, columns, "");
    }

    /**
     * The feed of a table a migration has tracked ({@code SELECT petdb_feed_track('TABLE', 'SCOPE_COLUMN')}).
     *
     * @param db      the app's database client
     * @param table   the tracked table, in the app's schema
     * @param columns the columns {@code items} reads, as the app's own queries list them
     * @param items   makes the app's record from a row holding {@code columns}
     * @param <T>     the app's record for a row
     * @return the feed
     * @throws IllegalStateException when no migration has tracked the table: the app cannot start without it
     */
    public static <T> ChangesFeed<T> of(DbClient db, String table, String columns, Function<DbRow, T> items) {
        boolean tracked = db.execute().get("SELECT 1 FROM pg_catalog.pg_trigger"
                        + " WHERE tgname = 'petdb_feed_record' AND tgrelid = to_regclass(?)", SqlText.identifier(table))
                .isPresent();
        if (!tracked) {
            throw new IllegalStateException("the changes feed of table " + table + " is not turned on: add a migration"
                    + " with SELECT petdb_feed_track('" + table + "', 'the owner column, or NULL');");
        }
        return new ChangesFeed<>(db, table, columns, items);
    }

    /**
     * Answers {@code GET .../changes} for one scope (e.g. the signed-in user): query parameters {@code since} (a
     * cursor from {@code next_cursor}; 0 or absent for everything) and {@code limit} (1 to {@value #MAX_LIMIT}).
     *
     * @param request  the request
     * @param response the response: 200 with a {@link ChangePage}
     * @param scope    the value of the table's scope column whose rows the client may see
     * @throws ProblemException 400 for a malformed cursor or limit, 410 for a cursor the feed can no longer serve
     */
    public void answer(ServerRequest request, ServerResponse response, long scope) {
        Json.send(response, Status.OK_200, read(Optional.of(scope), FeedCursor.parse(Requests.query(request, "since")),
                Requests.intQuery(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)));
    }

    /** {@link #answer(ServerRequest, ServerResponse, long)} for every row of the table, whatever its scope. */
    public void answer(ServerRequest request, ServerResponse response) {
        Json.send(response, Status.OK_200, read(Optional.empty(), FeedCursor.parse(Requests.query(request, "since")),
                Requests.intQuery(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)));
    }

    /**
     * @param scope the scope to read, or empty for all
     * @param since the cursor: changes with a greater number are answered
     * @param limit at most this many changes
     * @return the page
     * @throws ProblemException 410 when the cursor is from another epoch of the feed, older than the tombstones kept
     *                          or newer than the feed
     */
    public ChangePage<T> read(Optional<Long> scope, FeedCursor since, int limit) {
        pruneWhenDue();
        List<Object> args = new ArrayList<>();
        args.add(table);
        scope.ifPresent(args::add);
        args.add(since.change());
        args.add(limit + 1);
        List<Change<T>> changes = new ArrayList<>();
        long head;
        long prunedThrough;
        String retention;
        int epoch;
        // one statement, one snapshot: the feed's head and the changes agree, and each row is as its change left it
        try (var rows = db.execute().query(scope.isPresent() ? readScoped : readAll, args.toArray())) {
            List<DbRow> all = rows.toList();
            DbRow first = all.getFirst();
            head = first.column("petdb_last_change").get(Long.class);
            prunedThrough = first.column("petdb_pruned_through").get(Long.class);
            retention = first.column("petdb_retention").get(String.class);
            epoch = first.column("petdb_epoch").get(Integer.class);
            for (DbRow row : all) {
                Long change = row.column("petdb_change").get(Long.class);
                if (change == null) {
                    break;
                }
                boolean deleted = row.column("petdb_deleted").get(Boolean.class);
                changes.add(new Change<>(row.column("petdb_row_id").get(Long.class), change, deleted,
                        deleted ? null : items.apply(row)));
            }
        }
        if (!since.isStart()) {
            if (since.epoch() != epoch) {
                throw gone("cursor " + since + " is from before this feed was restored from a backup: sync again"
                        + " from since=0 and replace what you hold");
            }
            if (since.change() > head) {
                throw gone("cursor " + since + " is ahead of this feed (the database was restored from an older"
                        + " backup): sync again from since=0 and replace what you hold");
            }
            if (since.change() < prunedThrough) {
                throw gone("cursor " + since + " is older than the deletions this feed remembers (" + retention
                        + "): sync again from since=0 and replace what you hold");
            }
        }
        boolean hasMore = changes.size() > limit;
        if (hasMore) {
            changes.removeLast();
        }
        // at the end, the head: a quiet client's cursor keeps up with the feed and does not grow old
        long next = hasMore ? changes.getLast().change() : head;
        return new ChangePage<>(changes, new FeedCursor(epoch, next).toString(), hasMore);
    }

    /** One read at a time prunes, and not again until {@link #PRUNE_EVERY} has passed. */
    private void pruneWhenDue() {
        long now = System.nanoTime();
        long due = nextPrune.get();
        if (now - due >= 0 && nextPrune.compareAndSet(due, now + PRUNE_EVERY)) {
            db.execute().dml(PRUNE);
        }
    }

    private static ProblemException gone(String detail) {
        return ProblemException.of(Status.GONE_410, detail);
    }

    private static String read(String table, String columns, String scopeCondition) {
        String quoted = SqlText.identifier(table);
        return "SELECT s.petdb_last_change, s.petdb_pruned_through, s.petdb_retention, s.petdb_epoch,"
                // a row with no tombstone but gone all the same (a table restored from a backup) is deleted too
                + " c.petdb_change, c.petdb_row_id, " + quoted + ".id IS NULL AS petdb_deleted, " + columns
                + " FROM (SELECT last_change AS petdb_last_change, pruned_through AS petdb_pruned_through,"
                + " retention::text AS petdb_retention, epoch AS petdb_epoch FROM petdb_feed_state) s"
                + " LEFT JOIN LATERAL (SELECT change AS petdb_change, row_id AS petdb_row_id, deleted AS petdb_deleted"
                + " FROM petdb_changes WHERE table_name = ? AND " + scopeCondition + "change > ?"
                + " ORDER BY change LIMIT ?) c ON true"
                + " LEFT JOIN " + quoted + " ON " + quoted + ".id = c.petdb_row_id AND NOT c.petdb_deleted"
                + " ORDER BY c.petdb_change";
    }
}
