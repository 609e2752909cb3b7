package dev.petdb.kit.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.kit.db.PooledConnections;
import dev.petdb.kit.db.SchemaDataSources;
import dev.petdb.kit.db.SchemaMigrations;
import dev.petdb.kit.http.ProblemException;
import dev.petdb.testkit.TestPostgres;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The changes feed on a real PostgreSQL: change numbers in commit order, tombstones and their retention, and
 * concurrent writers whose every committed change a paging reader sees exactly once.
 */
class ChangesFeedTest {
    private static final String SCHEMA = "feedtest";
    private static final Optional<Long> OWNER = Optional.of(1L);

    record Note(long id, long owner, String body, long version) {
    }

    private TestPostgres server;
    private String database;
    private HikariDataSource pool;
    private DbClient db;
    private ChangesFeed<Note> feed;

    @BeforeEach
    void migrate() {
        server = TestPostgres.shared();
        database = server.createDatabase();
        DatabaseUrl url = DatabaseUrl.parse("url", server.adminUrl(database));
        SchemaMigrations.migrate(SchemaDataSources.forMigrations(url, SCHEMA, SCHEMA), SCHEMA, SCHEMA,
                ChangesFeedTest.class.getClassLoader());
        pool = SchemaDataSources.pooled(url, SCHEMA, SCHEMA, 12);
        db = JdbcClientBuilder.create().connectionPool(new PooledConnections(pool)).build();
        feed = newFeed();
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private static Note note(DbRow row) {
        return new Note(row.column("id").get(Long.class), row.column("owner").get(Long.class),
                row.column("body").get(String.class), row.column("version").get(Long.class));
    }

    @Test
    void aFirstSyncFindsRowsFromBeforeTheFeedThenEachRowAtItsLatestChange() throws SQLException {
        ChangePage<Note> first = read(0, 10);
        assertEquals(1, first.changes().size());
        assertEquals("before the feed", first.changes().getFirst().item().body());
        assertEquals(1, first.changes().getFirst().item().version());
        assertFalse(first.hasMore());
        assertEquals(1, number(first));

        long second = insert(1, "second");
        sql("UPDATE notes SET body = 'first, edited' WHERE id = 1");
        sql("UPDATE notes SET body = 'first, edited twice' WHERE id = 1");
        sql("DELETE FROM notes WHERE id = " + second);
        insert(2, "someone else's");

        ChangePage<Note> page = read(1, 10);
        assertEquals(List.of(1L, second), page.changes().stream().map(Change::id).toList(),
                "each row once, at its latest change, in the order of those changes");
        Change<Note> tombstone = page.changes().get(1);
        assertTrue(tombstone.deleted());
        assertEquals(null, tombstone.item());
        Note edited = page.changes().get(0).item();
        assertEquals("first, edited twice", edited.body());
        assertEquals(3, edited.version(), "each update raises the version by one");
        assertEquals(6, number(page), "at the end, the feed's head, past the other owner's change");
        assertEquals(List.of(), read(6, 10).changes());
        assertEquals(3, feed.read(Optional.empty(), new FeedCursor(epoch(), 1), 10).changes().size(),
                "unscoped: both owners' rows");
    }

    @Test
    void aChangeThatCommitsAfterALaterNumberedOneWouldHaveIsNotMissed() throws Exception {
        try (Connection slow = pool.getConnection(); Statement statement = slow.createStatement()) {
            slow.setAutoCommit(false);
            // the slow transaction writes first, but its change is numbered at its commit
            statement.executeUpdate("UPDATE notes SET body = 'slow' WHERE id = 1");
            long fast = insert(1, "fast");
            ChangePage<Note> seen = read(1, 10);
            assertEquals(List.of(fast), seen.changes().stream().map(Change::id).toList());
            slow.commit();
            ChangePage<Note> next = read(number(seen), 10);
            assertEquals(List.of(1L), next.changes().stream().map(Change::id).toList(),
                    "the slow transaction's change comes after the cursor the reader already holds");
            assertEquals("slow", next.changes().getFirst().item().body());
        }
    }

    @Test
    void concurrentWritersEveryCommittedChangeIsSeenExactlyOnceByAPagingReader() throws Exception {
        int writers = 8;
        int transactionsEach = 40;
        Set<Long> committed = ConcurrentHashMap.newKeySet();
        List<Change<Note>> seen = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(writers + 1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(threads.submit(() -> {
                    start.await();
                    for (int t = 0; t < transactionsEach; t++) {
                        committed.addAll(insertTwoWithAPause());
                    }
                    return null;
                }));
            }
            Future<?> reader = threads.submit(() -> {
                start.await();
                long cursor = 1; // past the row from before the feed
                boolean last = false;
                while (true) {
                    boolean writersDone = !writing.get();
                    ChangePage<Note> page = read(cursor, 7);
                    seen.addAll(page.changes());
                    cursor = number(page);
                    if (!page.hasMore() && last) {
                        return null;
                    }
                    // one more full pass after the writers have finished, to the feed's end
                    last = writersDone;
                }
            });
            start.countDown();
            for (Future<?> writer : done) {
                writer.get(2, TimeUnit.MINUTES);
            }
            writing.set(false);
            reader.get(2, TimeUnit.MINUTES);
        } finally {
            threads.shutdownNow();
        }

        assertEquals(writers * transactionsEach * 2, committed.size());
        Map<Long, Integer> times = new HashMap<>();
        long previous = 0;
        for (Change<Note> change : seen) {
            assertTrue(change.change() > previous, "change numbers increase: " + change.change() + " after " + previous);
            previous = change.change();
            times.merge(change.id(), 1, Integer::sum);
        }
        assertEquals(committed, times.keySet(), "every committed row seen, and nothing else");
        assertTrue(times.values().stream().allMatch(n -> n == 1), "each change seen exactly once");
    }

    @Test
    void aReplicaFollowingConcurrentInsertsUpdatesAndDeletesEndsEqualToTheTable() throws Exception {
        int writers = 6;
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        Map<Long, Note> replica = new HashMap<>();
        long cursor = 0;
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(threads.submit(() -> {
                    for (int t = 0; t < 60; t++) {
                        randomWrite();
                    }
                    return null;
                }));
            }
            boolean writersDone = false;
            while (true) {
                ChangePage<Note> page = read(cursor, 5);
                for (Change<Note> change : page.changes()) {
                    Note held = replica.get(change.id());
                    if (change.deleted()) {
                        replica.remove(change.id());
                    } else {
                        assertTrue(held == null || change.item().version() > held.version(),
                                "a row's versions only go up: " + change + " after " + held);
                        replica.put(change.id(), change.item());
                    }
                }
                cursor = number(page);
                if (!page.hasMore() && writersDone) {
                    break;
                }
                writersDone = done.stream().allMatch(Future::isDone);
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            threads.shutdownNow();
        }
        Map<Long, Note> table = new HashMap<>();
        try (var rows = db.execute().query("SELECT id, owner, body, version FROM notes WHERE owner = 1")) {
            rows.map(ChangesFeedTest::note).forEach(note -> table.put(note.id(), note));
        }
        assertEquals(table, replica);
    }

    @Test
    void aCursorOlderThanTheTombstonesKeptOrAheadOfTheFeedAnswers410() throws SQLException {
        long doomed = insert(1, "doomed");
        long cursorBefore = number(read(0, 10));
        sql("DELETE FROM notes WHERE id = " + doomed);
        long head = number(read(cursorBefore, 10));
        // the tombstone is older than the retention; a cursor that may not have seen it can no longer be served
        try (Connection admin = server.connect(database); Statement s = admin.createStatement()) {
            s.execute("UPDATE feedtest.petdb_changes SET changed_at = now() - interval '31 days' WHERE deleted");
        }
        assertEquals(List.of(), read(head, 10).changes(), "an instance prunes at most once a minute: not yet");
        assertEquals(1, tombstones(), "the tombstone is still there");
        // an instance started since (or this one, a minute on) prunes at its first read
        feed = newFeed();
        ProblemException old = assertThrows(ProblemException.class, () -> read(cursorBefore, 10));
        assertEquals(410, old.status().code());
        assertEquals("cursor " + new FeedCursor(epoch(), cursorBefore) + " is older than the deletions this feed"
                + " remembers (30 days): sync again from since=0 and replace what you hold", old.getMessage());
        assertEquals(List.of(1L), read(0, 10).changes().stream().map(Change::id).toList(),
                "from 0, the rows that are there, and no tombstone");
        assertEquals(List.of(), read(head, 10).changes(), "a cursor past the pruned tombstone still works");
        assertEquals(0, tombstones());

        ProblemException ahead = assertThrows(ProblemException.class, () -> read(head + 1, 10));
        assertEquals(410, ahead.status().code());
        assertEquals("cursor " + new FeedCursor(epoch(), head + 1) + " is ahead of this feed (the database was"
                + " restored from an older backup): sync again from since=0 and replace what you hold",
                ahead.getMessage());
    }

    @Test
    void writesFromSessionsWithAnotherSearchPathAreRecordedToo() throws SQLException {
        try (Connection admin = server.connect(database); Statement s = admin.createStatement()) {
            s.execute("SET search_path TO public");
            s.execute("INSERT INTO feedtest.notes (owner, body) VALUES (1, 'from psql')");
        }
        assertEquals("from psql", read(1, 10).changes().getFirst().item().body());
    }

    @Test
    void aTableWithoutABigintIdCannotBeTrackedAndAnUntrackedOneHasNoFeed() throws SQLException {
        SQLException refused = assertThrows(SQLException.class, () -> sql("SELECT petdb_feed_track('no_id')"));
        assertTrue(refused.getMessage().contains("petdb_feed_track: table no_id has no bigint column \"id\""),
                refused.getMessage());
        IllegalStateException untracked = assertThrows(IllegalStateException.class,
                () -> ChangesFeed.of(db, "no_id", "name", row -> row));
        assertEquals("the changes feed of table no_id is not turned on: add a migration with"
                + " SELECT petdb_feed_track('no_id', 'the owner column, or NULL');", untracked.getMessage());
    }

    @Test
    void aResyncAfterARestoreSendsEveryDeviceBackToTheStartWithTheTableAsItIsNow() throws SQLException {
        long kept = insert(1, "in the backup");
        long restoredAway = insert(1, "made after the backup");
        long cursor = number(read(0, 10));
        // what a restore does to the table: rows come and go without the feed's trigger
        try (Connection admin = server.connect(database); Statement s = admin.createStatement()) {
            s.execute("ALTER TABLE feedtest.notes DISABLE TRIGGER USER");
            s.execute("DELETE FROM feedtest.notes WHERE id = " + restoredAway);
            s.execute("INSERT INTO feedtest.notes (owner, body) VALUES (1, 'only in the backup')");
            s.execute("ALTER TABLE feedtest.notes ENABLE TRIGGER USER");
        }
        ChangePage<Note> before = read(cursor, 10);
        assertEquals(List.of(), before.changes(), "without a resync the feed cannot know");
        assertEquals(List.of(restoredAway), read(0, 10).changes().stream().filter(Change::deleted).map(Change::id)
                .toList(), "a row gone without a tombstone is answered as deleted");

        int epoch = epoch();
        sql("SELECT petdb_feed_resync()");
        assertTrue(epoch != epoch(), "a new epoch");
        ProblemException old = assertThrows(ProblemException.class,
                () -> feed.read(OWNER, new FeedCursor(epoch, cursor), 10));
        assertEquals(410, old.status().code());
        assertEquals("cursor " + new FeedCursor(epoch, cursor) + " is from before this feed was restored from a backup:"
                + " sync again from since=0 and replace what you hold", old.getMessage());
        Map<Long, String> live = new HashMap<>();
        for (Change<Note> change : read(0, 100).changes()) {
            if (!change.deleted()) {
                live.put(change.id(), change.item().body());
            }
        }
        assertEquals(Map.of(1L, "before the feed", kept, "in the backup", restoredAway + 1, "only in the backup"), live);
    }

    @Test
    void truncateSendsEveryDeviceBackToTheStartAndLeavesTombstones() throws SQLException {
        insert(1, "gone with the truncate");
        long cursor = number(read(0, 10));
        int epoch = epoch();
        sql("TRUNCATE notes");
        ProblemException old = assertThrows(ProblemException.class,
                () -> feed.read(OWNER, new FeedCursor(epoch, cursor), 10));
        assertEquals(410, old.status().code());
        ChangePage<Note> fresh = read(0, 10);
        assertTrue(fresh.changes().stream().allMatch(Change::deleted), fresh.toString());
        long live = insert(1, "after the truncate");
        assertEquals(List.of(live), read(number(fresh), 10).changes().stream().map(Change::id).toList());
    }

    @Test
    void cursorsAreTheEpochAndTheNumberAndAnythingElseIsRefused() {
        ChangePage<Note> page = read(0, 10);
        assertEquals(Integer.toString(epoch(), 36) + "-1", page.nextCursor());
        assertEquals(FeedCursor.START, FeedCursor.parse(Optional.empty()));
        assertEquals(FeedCursor.START, FeedCursor.parse(Optional.of("0")));
        for (String bad : List.of("", "1", "-1", "abc", "zzzzzzz-1", "a-", "a-1-2", "A-1", "a-1234567890123456789")) {
            ProblemException refused = assertThrows(ProblemException.class, () -> FeedCursor.parse(Optional.of(bad)),
                    bad);
            assertEquals("since must be a next_cursor this feed handed out, or 0 for everything", refused.getMessage());
            assertEquals(Optional.of("since"), refused.field());
        }
    }

    private ChangesFeed<Note> newFeed() {
        return ChangesFeed.of(db, "notes", "id, owner, body, version", ChangesFeedTest::note);
    }

    private long tombstones() {
        return db.execute().get("SELECT count(*) AS n FROM petdb_changes WHERE deleted").orElseThrow()
                .column("n").get(Long.class);
    }

    private int epoch() {
        return db.execute().get("SELECT epoch FROM petdb_feed_state").orElseThrow().column("epoch").get(Integer.class);
    }

    private ChangePage<Note> read(long change, int limit) {
        return feed.read(OWNER, change == 0 ? FeedCursor.START : new FeedCursor(epoch(), change), limit);
    }

    private static long number(ChangePage<?> page) {
        return FeedCursor.parse(Optional.of(page.nextCursor())).change();
    }

    private long insert(long owner, String body) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO notes (owner, body) VALUES (?, ?) RETURNING id")) {
            s.setLong(1, owner);
            s.setString(2, body);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Two rows in one transaction with a pause between them, so that transactions commit in a shuffled order. */
    private List<Long> insertTwoWithAPause() throws SQLException, InterruptedException {
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO notes (owner, body) VALUES (1, 'w') RETURNING id")) {
            c.setAutoCommit(false);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    ids.add(rows.getLong(1));
                }
                Thread.sleep(ThreadLocalRandom.current().nextInt(3));
            }
            c.commit();
            return ids;
        }
    }

    private void randomWrite() throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            switch (random.nextInt(4)) {
                case 0, 1 -> s.execute("INSERT INTO notes (owner, body) VALUES (1, 'r')");
                case 2 -> s.execute("UPDATE notes SET body = body || '+' WHERE id = (SELECT id FROM notes"
                        + " WHERE owner = 1 ORDER BY random() LIMIT 1)");
                default -> s.execute("DELETE FROM notes WHERE id = (SELECT id FROM notes WHERE owner = 1"
                        + " ORDER BY random() LIMIT 1)");
            }
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
