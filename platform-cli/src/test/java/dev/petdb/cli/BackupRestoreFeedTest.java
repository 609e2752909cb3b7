package dev.petdb.cli;

import static dev.petdb.cli.SchemaCommandsTest.connectAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.zaxxer.hikari.HikariDataSource;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.kit.db.PooledConnections;
import dev.petdb.kit.db.SchemaDataSources;
import dev.petdb.kit.db.SchemaMigrations;
import dev.petdb.kit.feed.Change;
import dev.petdb.kit.feed.ChangePage;
import dev.petdb.kit.feed.ChangesFeed;
import dev.petdb.kit.feed.FeedCursor;
import dev.petdb.kit.http.ProblemException;
import dev.petdb.testkit.DokkuBackups;
import dev.petdb.testkit.TestS3;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@code petdb backup restore} of a schema, of a table and of the whole database with the app kit's changes feed:
 * the devices syncing through it are sent back to the start (410 for every cursor handed out before), and a sync from
 * the start finds the rows as the backup has them. Without that, a phone would keep the rows made after the backup
 * forever.
 */
class BackupRestoreFeedTest {
    private static final Optional<Long> OWNER = Optional.of(1L);

    @Test
    void aRestoredSchemaTableOrDatabaseSendsEveryDeviceBackToTheStart() throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        String app = PetdbRun.uniqueApp("feed");
        String appUrl = petdb.create(app).databaseUrl();
        DatabaseUrl url = DatabaseUrl.parse("url", appUrl);
        SchemaMigrations.migrate(SchemaDataSources.forMigrations(url, app, "feedapp"), app, "feedapp",
                BackupRestoreFeedTest.class.getClassLoader());
        try (HikariDataSource pool = SchemaDataSources.pooled(url, app, app, 2)) {
            DbClient db = JdbcClientBuilder.create().connectionPool(new PooledConnections(pool)).build();
            ChangesFeed<String> feed = ChangesFeed.of(db, "notes", "body", row -> row.column("body").get(String.class));
            sql(appUrl, "INSERT INTO notes (owner, body) VALUES (1, 'a'), (1, 'b')");
            byte[] backup = DokkuBackups.tgz(petdb.server, petdb.database);

            sql(appUrl, "INSERT INTO notes (owner, body) VALUES (1, 'made after the backup')");
            sql(appUrl, "DELETE FROM notes WHERE body = 'a'");
            ChangePage<String> synced = feed.read(OWNER, FeedCursor.START, 100);
            assertEquals(Map.of(2L, "b", 3L, "made after the backup"), live(synced));
            FeedCursor device = FeedCursor.parse(Optional.of(synced.nextCursor()));

            try (TestS3 s3 = TestS3.start("petdb-backups")) {
                String key = "2025-07-20/" + Backup.fileName("postgres-petdb", Instant.now().minus(Duration.ofHours(3)),
                        false);
                s3.put(key, backup);
                Map<String, String> env = new HashMap<>(s3.env(""));
                env.put("DATABASE_URL", petdb.server.adminUrl(petdb.database));
                Path safetyDir = Files.createTempDirectory("safety");
                PetdbRun restore = PetdbRun.withEnvironment(env);

                PetdbRun.Result schema = restore.run("backup", "restore", key, "--schema", app, "--yes",
                        "--safety-dir", safetyDir.toString());
                assertEquals(0, schema.exit(), schema.err());
                assertGone(feed, device);
                ChangePage<String> again = feed.read(OWNER, FeedCursor.START, 100);
                assertEquals(Map.of(1L, "a", 2L, "b"), live(again), "the rows as the backup has them");
                FeedCursor afterSchema = FeedCursor.parse(Optional.of(again.nextCursor()));

                // the table alone: its rows come back without the feed's table, which the resync catches up with
                sql(appUrl, "INSERT INTO notes (owner, body) VALUES (1, 'made after the schema restore')");
                PetdbRun.Result table = restore.run("backup", "restore", key, "--table", app + ".notes", "--yes",
                        "--safety-dir", safetyDir.toString());
                assertEquals(0, table.exit(), table.err());
                assertGone(feed, afterSchema);
                ChangePage<String> afterTableRestore = feed.read(OWNER, FeedCursor.START, 100);
                assertEquals(Map.of(1L, "a", 2L, "b"), live(afterTableRestore));
                FeedCursor afterTable = FeedCursor.parse(Optional.of(afterTableRestore.nextCursor()));

                // the whole database
                sql(appUrl, "DELETE FROM notes WHERE body = 'b'");
                PetdbRun.Result all = restore.run("backup", "restore", key, "--all", "--yes", "--safety-dir",
                        safetyDir.toString());
                assertEquals(0, all.exit(), all.err());
                assertGone(feed, afterTable);
                // the backup's own epoch, with a number it had: only a new epoch refuses it
                assertGone(feed, new FeedCursor(device.epoch(), 1));
                assertEquals(Map.of(1L, "a", 2L, "b"), live(feed.read(OWNER, FeedCursor.START, 100)));
            }
        }
    }

    private static void assertGone(ChangesFeed<String> feed, FeedCursor cursor) {
        ProblemException gone = assertThrows(ProblemException.class, () -> feed.read(OWNER, cursor, 100));
        assertEquals(410, gone.status().code());
        assertEquals("cursor " + cursor + " is from before this feed was restored from a backup: sync again from"
                + " since=0 and replace what you hold", gone.getMessage());
    }

    private static Map<Long, String> live(ChangePage<String> page) {
        Map<Long, String> rows = new TreeMap<>();
        for (Change<String> change : page.changes()) {
            if (!change.deleted()) {
                rows.put(change.id(), change.item());
            }
        }
        return rows;
    }

    private static void sql(String appUrl, String statement) throws Exception {
        try (Connection c = connectAs(appUrl); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
