package dev.petdb.kit.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.sql.DataSource;

import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.kit.config.StartupException;
import dev.petdb.testkit.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrations on a real PostgreSQL, and the shortcut that skips Flyway when every shipped migration is applied.
 */
class SchemaMigrationsTest {
    private static final String APP = "kittest";
    private static final AtomicInteger ROLES = new AtomicInteger();
    private static final ClassLoader LOADER = SchemaMigrationsTest.class.getClassLoader();

    @Test
    void migratesOnceThenFindsTheSchemaUpToDateUntilHistoryDisagrees() throws Exception {
        TestPostgres server = TestPostgres.shared();
        String database = server.createDatabase();
        DataSource dataSource = SchemaDataSources.forMigrations(
                DatabaseUrl.parse("url", server.adminUrl(database)), APP, APP);

        assertFalse(SchemaMigrations.upToDate(dataSource, APP, APP, LOADER), "no history table yet");
        assertEquals(2, SchemaMigrations.migrate(dataSource, APP, APP, LOADER));
        assertTrue(SchemaMigrations.upToDate(dataSource, APP, APP, LOADER));
        assertEquals(0, SchemaMigrations.migrate(dataSource, APP, APP, LOADER));

        try (Connection admin = server.connect(database); Statement s = admin.createStatement()) {
            s.execute("UPDATE kittest.flyway_schema_history SET success = false WHERE version = '2'");
            assertFalse(SchemaMigrations.upToDate(dataSource, APP, APP, LOADER), "a failed migration is Flyway's to report");
            s.execute("DELETE FROM kittest.flyway_schema_history WHERE version = '2'");
            s.execute("TRUNCATE kittest.notes");
            assertFalse(SchemaMigrations.upToDate(dataSource, APP, APP, LOADER), "a shipped migration is not applied");
        }
        assertEquals(1, SchemaMigrations.migrate(dataSource, APP, APP, LOADER), "Flyway applies the missing one");
        try (Connection admin = server.connect(database); Statement s = admin.createStatement();
             var rows = s.executeQuery("SELECT count(*) FROM kittest.notes")) {
            rows.next();
            assertEquals(1, rows.getInt(1));
        }
    }

    @Test
    void aCheckThatCannotReachPostgresSaysWhyInOneLineAndAFirstDeploySaysNothing() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(SchemaMigrations.class.getName());
        logger.addHandler(capture);
        try {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = socket.getLocalPort();
            }
            DataSource unreachable = SchemaDataSources.forMigrations(DatabaseUrl.parse("url",
                    "postgres://kittest:s3cret-pass@127.0.0.1:" + closedPort + "/petdb"), APP, APP);
            assertFalse(SchemaMigrations.upToDate(unreachable, APP, APP, LOADER));
            assertEquals(1, records.size(), "one line: " + records);
            String line = records.get(0).getMessage();
            assertTrue(line.startsWith("checking the migrations without Flyway failed ("), line);
            assertFalse(line.contains("s3cret-pass") || line.contains("\n"), line);

            records.clear();
            TestPostgres server = TestPostgres.shared();
            DataSource fresh = SchemaDataSources.forMigrations(
                    DatabaseUrl.parse("url", server.adminUrl(server.createDatabase())), APP, APP);
            assertFalse(SchemaMigrations.upToDate(fresh, APP, APP, LOADER), "no history table yet");
            assertEquals(List.of(), records, "a first deploy is not worth a line");
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void shippedMigrationsAreListedFromAFolderAndFromAJar(@TempDir Path dir) throws Exception {
        assertEquals(Optional.of(Set.of("V1__create_notes.sql", "V2__first_note.sql")),
                MigrationFiles.versioned(getClass().getClassLoader(), "db/migration/" + APP));

        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            // as Maven's jar plugin writes them: folders have entries of their own
            for (String name : new String[] {"db/", "db/migration/", "db/migration/a/", "db/migration/b/",
                    "db/migration/a/V1__one.sql", "db/migration/a/V1_1__two.sql",
                    "db/migration/b/V1__one.sql", "db/migration/b/R__view.sql"}) {
                out.putNextEntry(new JarEntry(name));
                if (!name.endsWith("/")) {
                    out.write("SELECT 1;".getBytes());
                }
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertEquals(Optional.of(Set.of("V1__one.sql", "V1_1__two.sql")), MigrationFiles.versioned(loader, "db/migration/a"));
            assertEquals(Optional.empty(), MigrationFiles.versioned(loader, "db/migration/b"),
                    "a repeatable migration leaves the decision to Flyway");
            assertEquals(Optional.empty(), MigrationFiles.versioned(loader, "db/migration/none"));
        }
    }

    /** Two roles as {@code petdb schema create} makes them: each owns the schema of its name, and nothing else. */
    private record TwoApps(TestPostgres server, String database, String app, String other) {
        static TwoApps create() throws SQLException {
            TestPostgres server = TestPostgres.shared();
            String database = server.createDatabase();
            String app = "kitapp_" + ProcessHandle.current().pid() + "_" + ROLES.incrementAndGet();
            String other = "kitother_" + ProcessHandle.current().pid() + "_" + ROLES.incrementAndGet();
            try (Connection admin = server.connect(database); Statement s = admin.createStatement()) {
                for (String role : new String[] {app, other}) {
                    s.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'pw-" + role + "'");
                    s.execute("CREATE SCHEMA " + role + " AUTHORIZATION " + role);
                }
            }
            return new TwoApps(server, database, app, other);
        }

        DataSource migrations(String role) {
            return SchemaDataSources.forMigrations(DatabaseUrl.parse("url", url(role)), role, APP);
        }

        Connection connect(String role) throws SQLException {
            DatabaseUrl url = DatabaseUrl.parse("url", url(role));
            return DriverManager.getConnection(url.jdbcUrl(), url.jdbcProperties());
        }

        private String url(String role) {
            return server.url(role, "pw-" + role, database);
        }

        /** As if the app shipped its second migration only now: the next migration takes the schema's lock. */
        void forgetSecondMigration() throws SQLException {
            try (Connection admin = server.connect(database); Statement s = admin.createStatement()) {
                s.execute("DELETE FROM " + app + ".flyway_schema_history WHERE version = '2'");
                s.execute("TRUNCATE " + app + ".notes");
            }
        }

        int notes() throws SQLException {
            try (Connection admin = server.connect(database); Statement s = admin.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM " + app + ".notes")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void anotherAppHoldingTheOldAdvisoryKeyCannotHoldUpAMigrationNorTakeTheLock() throws Exception {
        TwoApps apps = TwoApps.create();
        try (Connection other = apps.connect(apps.other()); Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(hashtext('petdb-migrate:" + apps.app() + "'))");
            assertEquals(2, SchemaMigrations.migrate(apps.migrations(apps.app()), apps.app(), APP, LOADER), "the first migration");
            apps.forgetSecondMigration();
            assertEquals(1, SchemaMigrations.migrate(apps.migrations(apps.app()), apps.app(), APP, LOADER), "a later one");
            assertEquals(1, apps.notes());

            other.setAutoCommit(false);
            SQLException refused = assertThrows(SQLException.class, () -> s.execute("LOCK TABLE " + apps.app() + "."
                    + MigrationLock.TABLE + " IN EXCLUSIVE MODE"));
            assertEquals("ERROR: permission denied for schema " + apps.app(), refused.getMessage().lines().findFirst().orElseThrow());
            other.rollback();
        }
    }

    @Test
    void anotherAppHoldingFlywaysOwnLockIsNamedAtOnce() throws Exception {
        TwoApps apps = TwoApps.create();
        try (Connection other = apps.connect(apps.other()); Statement s = other.createStatement();
             ResultSet pid = s.executeQuery("SELECT pg_backend_pid(), pg_advisory_lock(" + FlywayLock.key(apps.app()) + ")")) {
            pid.next();
            StartupException e = assertThrows(StartupException.class,
                    () -> SchemaMigrations.migrate(apps.migrations(apps.app()), apps.app(), APP, LOADER));
            assertEquals("schema " + apps.app() + " cannot be migrated: Flyway's advisory lock for it (key "
                    + FlywayLock.key(apps.app()) + ") is held by pid " + pid.getInt(1) + " of role " + apps.other()
                    + " (application 'PostgreSQL JDBC Driver'), a role that is not this app's; an admin can end it with"
                    + " SELECT pg_terminate_backend(pid), then run the release again", e.getMessage());
        }
        assertEquals(2, SchemaMigrations.migrate(apps.migrations(apps.app()), apps.app(), APP, LOADER), "once it is let go");
    }

    @Test
    void instancesOfOneAppMigrateOneAfterAnotherAndAWaitNamesTheHolder() throws Exception {
        TwoApps apps = TwoApps.create();
        assertEquals(2, SchemaMigrations.migrate(apps.migrations(apps.app()), apps.app(), APP, LOADER));
        apps.forgetSecondMigration();
        try (Connection first = apps.connect(apps.app());
             MigrationLock held = MigrationLock.take(first, apps.app())) {
            int holder;
            try (Statement s = first.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                holder = rs.getInt(1);
            }
            try (Connection second = apps.connect(apps.app())) {
                StartupException e = assertThrows(StartupException.class, () -> MigrationLock.take(second, apps.app(), "1s"));
                assertTrue(e.getMessage().matches("waited 1s for the migration lock of schema " + apps.app() + ": pid "
                        + holder + " of role " + apps.app() + " \\(application 'PostgreSQL JDBC Driver'\\) has held it for"
                        + " \\d+ s; retry when that migration has ended"), e.getMessage());
            }
            CompletableFuture<Integer> migration = CompletableFuture.supplyAsync(
                    () -> SchemaMigrations.migrate(apps.migrations(apps.app()), apps.app(), APP, LOADER));
            awaitLockWaiter(apps);
            assertFalse(migration.isDone(), "the second instance waits for the first");
            try (Connection admin = apps.server().connect(apps.database()); Statement s = admin.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM " + apps.app() + ".flyway_schema_history")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "nothing migrated while the lock is held");
            }
            held.close();
            assertEquals(1, migration.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void aMigrationLongerThanTheRolesIdleTimeoutCompletes() throws Exception {
        TwoApps apps = TwoApps.create();
        try (Connection admin = apps.server().connect(apps.database()); Statement s = admin.createStatement()) {
            // while one connection migrates, Flyway's lock and this kit's wait idle in their transactions
            s.execute("ALTER ROLE " + apps.app() + " SET idle_in_transaction_session_timeout = '1s'");
        }
        DataSource dataSource = SchemaDataSources.forMigrations(
                DatabaseUrl.parse("url", apps.server().url(apps.app(), "pw-" + apps.app(), apps.database())), apps.app(), "kitslow");
        assertEquals(1, SchemaMigrations.migrate(dataSource, apps.app(), "kitslow", LOADER));
    }

    /** Until a session of the app waits for a lock: the migration has queued behind the held one. */
    private static void awaitLockWaiter(TwoApps apps) throws Exception {
        for (int i = 0; i < 600; i++) {
            try (Connection admin = apps.server().connect(apps.database()); Statement s = admin.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + apps.app()
                         + "' AND wait_event_type = 'Lock'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no migration queued for the lock");
    }
}
