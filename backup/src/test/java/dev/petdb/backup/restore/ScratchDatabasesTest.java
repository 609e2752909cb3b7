package dev.petdb.backup.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.petdb.backup.pgtools.PgTools;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.testkit.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * Which scratch databases are stale, on a real PostgreSQL: a session that ends, however its process ended, releases
 * its lock; a restore test that runs keeps its database.
 */
class ScratchDatabasesTest {
    private final TestPostgres server = TestPostgres.shared();

    private static List<String> databases(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'petdb\\_%' ORDER BY 1")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    @Test
    void aScratchDatabaseIsStaleOnceTheSessionThatMadeItIsGone() throws Exception {
        Instant now = Instant.now();
        String old = ScratchDatabases.name(now.minus(Duration.ofDays(3)), 0x0badcafe);
        String gone = ScratchDatabases.name(now, -2);
        String running = ScratchDatabases.name(now.minus(Duration.ofDays(2)), 0x7eadbeef);
        String legacyOld = "petdb_verify_" + "20250101030000" + "_a1b2c3";
        String legacyNew = "petdb_verify_" + ScratchDatabases.name(now, 0).substring(14, 28) + "_d4e5f6";
        try (Connection admin = server.connect("postgres"); Connection verifying = server.connect("postgres");
             Statement s = admin.createStatement()) {
            for (String name : List.of(old, legacyOld, legacyNew)) {
                s.execute("CREATE DATABASE " + name);
            }
            try (Connection killed = server.connect("postgres"); Statement k = killed.createStatement()) {
                ScratchDatabases.markInUse(killed, -2);
                k.execute("CREATE DATABASE " + gone);
                assertFalse(ScratchDatabases.stale(admin, now).contains(gone), "its session still holds the lock");
            } // the session ends as when its process is killed: the server releases the lock
            ScratchDatabases.markInUse(verifying, 0x7eadbeef);
            s.execute("CREATE DATABASE " + running);

            assertEquals(List.of(legacyOld, old, gone), ScratchDatabases.stale(admin, now));
            assertEquals(List.of(legacyOld, old, gone), ScratchDatabases.dropStale(admin, now));
            List<String> left = databases(admin);
            assertTrue(left.contains(running) && left.contains(legacyNew), left.toString());
            assertFalse(left.contains(old) || left.contains(gone) || left.contains(legacyOld), left.toString());
            s.execute("DROP DATABASE " + running);
            s.execute("DROP DATABASE " + legacyNew);
        }
    }

    @Test
    void aRunningRestoreTestsDatabaseIsNeverStale() throws Exception {
        DatabaseUrl admin = DatabaseUrl.parse("url", server.adminUrl("postgres"));
        var pgRestore = new PgTools(Map.of("PATH", System.getenv().getOrDefault("PATH", ""))).find("pg_restore").orElseThrow();
        String scratch;
        try (ScratchRestore restore = ScratchRestore.start(admin, pgRestore); Connection c = server.connect("postgres")) {
            scratch = restore.scratchDatabase();
            assertTrue(scratch.matches("petdb_scratch_\\d{14}_[0-9a-f]{8}"), scratch);
            assertTrue(databases(c).contains(scratch));
            assertFalse(ScratchDatabases.stale(c, Instant.now()).contains(scratch));
            ScratchDatabases.dropStale(c, Instant.now().plus(Duration.ofDays(30)));
            assertTrue(databases(c).contains(scratch), "a concurrent cleanup leaves it alone, however old");
        }
        try (Connection c = server.connect("postgres")) {
            assertFalse(databases(c).contains(scratch), "dropped on close");
        }
    }
}
