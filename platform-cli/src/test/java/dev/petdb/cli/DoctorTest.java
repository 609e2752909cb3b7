package dev.petdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import dev.petdb.testkit.TestPostgres;
import dev.petdb.testkit.TestS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code petdb doctor} against a server of its own (PostgreSQL 15 in this module), so the connection budget counts
 * only this test's app roles. That an older pg_dump is a problem is checked in backup's {@code PgToolsTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoctorTest {
    private TestPostgres server;
    private String database;

    @BeforeAll
    void start() {
        server = TestPostgres.dedicated();
        database = server.createDatabase();
    }

    @AfterAll
    void stop() {
        if (server != null) { // null when the fast tier skipped the set-up
            server.close();
        }
    }

    private PetdbRun petdb() {
        return new PetdbRun(server, database);
    }

    @Test
    void missingToolsAreAProblemThatSaysWhatToInstall() throws Exception {
        Path empty = Files.createTempDirectory("no-pg-bin");
        PetdbRun.Result result = petdb().with("PG_BIN", empty.toString()).run("doctor");
        assertEquals(1, result.exit(), result.out() + result.err());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.get(0).matches("OK +server: PostgreSQL 15\\.\\d+.*"), lines.get(0));
        assertTrue(lines.get(1).matches("OK +connection budget: 0 app role\\(s\\) may hold 0 of 197 connections "
                + "\\(max_connections 200, 3 reserved\\)"), lines.get(1));
        assertEquals("PROBLEM  pg_dump not found in PG_BIN (" + empty + "): install PostgreSQL 15 client tools and point PG_BIN at their bin folder",
                lines.get(2));
        assertEquals("PROBLEM  pg_restore not found in PG_BIN (" + empty + "): install PostgreSQL 15 client tools and point PG_BIN at their bin folder",
                lines.get(3));
    }

    @Test
    void matchingToolsAreOk() {
        Path debian15 = Path.of("/usr/lib/postgresql/15/bin");
        assumeTrue(Files.isExecutable(debian15.resolve("pg_dump")), "PostgreSQL 15 client tools are not installed");
        PetdbRun.Result result = petdb().with("PG_BIN", debian15.toString()).run("doctor");
        assertEquals(0, result.exit(), result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.matches("OK +pg_dump 15\\.\\d+ \\(" + debian15
                + "/pg_dump\\) can dump PostgreSQL 15")), result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.matches("OK +pg_restore 15\\.\\d+ \\(" + debian15
                + "/pg_restore\\) can restore dumps of PostgreSQL 15")), result.out());
    }

    @Test
    void anOverCommittedConnectionBudgetIsAProblem() {
        PetdbRun petdb = petdb();
        String big = PetdbRun.uniqueApp("big");
        String small = PetdbRun.uniqueApp("small");
        assertEquals(0, petdb.create(big, "--connection-limit=190").exit());
        assertEquals(0, petdb.create(small, "--connection-limit=10").exit());
        PetdbRun.Result result = petdb.run("doctor");
        assertEquals(1, result.exit());
        assertTrue(result.out().contains("PROBLEM  connection budget: 2 app role(s) may hold 200 of 197 connections"
                + " (max_connections 200, 3 reserved): lower some app's limit or raise max_connections"), result.out());
        assertEquals(0, petdb.run("schema", "drop", big, "--yes").exit());
        assertEquals(0, petdb.run("schema", "drop", small, "--yes").exit());
    }

    @Test
    void createWarnsWhenTheConnectionBudgetIsOverCommittedAndStillCreates() {
        PetdbRun petdb = petdb();
        String big = PetdbRun.uniqueApp("big");
        String small = PetdbRun.uniqueApp("small");
        try {
            PetdbRun.Result first = petdb.create(big, "--connection-limit=190");
            assertEquals(0, first.exit(), first.err());
            assertFalse(first.err().contains("warning"), first.err());
            PetdbRun.Result second = petdb.create(small, "--connection-limit=10");
            assertEquals(0, second.exit(), second.err());
            assertTrue(second.err().lines().anyMatch(l -> l.equals("warning: connection budget: 2 app role(s) may hold "
                    + "200 of 197 connections (max_connections 200, 3 reserved): lower some app's limit or raise "
                    + "max_connections")), second.err());
            assertTrue(second.out().startsWith("DATABASE_URL="), second.out());
        } finally {
            petdb.run("schema", "drop", big, "--yes");
            petdb.run("schema", "drop", small, "--yes");
        }
    }

    @Test
    void anAppThatChangesItsOwnLimitsIsAProblem() throws Exception {
        PetdbRun petdb = petdb();
        String app = PetdbRun.uniqueApp("lifter");
        try {
            PetdbRun.Result created = petdb.create(app);
            assertEquals(0, created.exit(), created.err());
            PetdbRun.Result before = petdb.run("doctor");
            assertTrue(before.out().contains("OK       app role limits: 1 app role(s) keep statement_timeout and "
                    + "idle_in_transaction_session_timeout as fixed for database " + database + " (" + app + " 30s/60s)"),
                    before.out());
            try (Connection connection = SchemaCommandsTest.connectAs(created.databaseUrl());
                 Statement s = connection.createStatement()) {
                s.execute("ALTER ROLE " + app + " SET statement_timeout = 0");
                // PostgreSQL lets a role change even the settings fixed for it in one database
                s.execute("ALTER ROLE " + app + " IN DATABASE " + database + " SET idle_in_transaction_session_timeout = 0");
            }
            PetdbRun.Result after = petdb.run("doctor");
            assertEquals(1, after.exit(), after.out());
            assertTrue(after.out().lines().anyMatch(l -> l.equals("PROBLEM  limits of " + app + ": statement_timeout is 0"
                    + " role-wide, not 30s; idle_in_transaction_session_timeout is 0 (no limit) for database " + database
                    + "; idle_in_transaction_session_timeout is 60s role-wide, not 0. PostgreSQL lets a role change its"
                    + " own settings; as the admin, set them again with ALTER ROLE " + app + " [IN DATABASE " + database
                    + "] SET name = value")), after.out());
        } finally {
            petdb.run("schema", "drop", app, "--yes");
        }
    }

    @Test
    void aSessionIdleInATransactionBeyondItsLimitIsAProblem() throws Exception {
        PetdbRun petdb = petdb();
        String app = PetdbRun.uniqueApp("idler");
        try {
            PetdbRun.Result created = petdb.create(app, "--idle-in-transaction-timeout=1s");
            assertEquals(0, created.exit(), created.err());
            try (Connection connection = SchemaCommandsTest.connectAs(created.databaseUrl());
                 Statement s = connection.createStatement()) {
                // a session SET cannot be denied to any role for this setting
                s.execute("SET idle_in_transaction_session_timeout = 0");
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                int pid;
                try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    pid = rs.getInt(1);
                }
                awaitIdleInTransaction(pid, "3 s");
                PetdbRun.Result result = petdb.run("doctor");
                assertEquals(1, result.exit(), result.out());
                assertTrue(result.out().lines().anyMatch(l -> l.matches("PROBLEM  idle transaction: " + app + " session pid "
                        + pid + " \\(application 'PostgreSQL JDBC Driver', database " + database + "\\) has been idle"
                        + " in a transaction for \\d+ s, beyond its limit of 1s \\(the session lifted it\\); it holds back"
                        + " vacuum \\(its snapshot is \\d+ transactions old\\): end it with SELECT pg_terminate_backend\\("
                        + pid + "\\)")), result.out());
                connection.rollback();
            }
        } finally {
            petdb.run("schema", "drop", app, "--yes");
        }
    }

    /** Until the session has sat idle in its transaction for longer than {@code age}. */
    private void awaitIdleInTransaction(int pid, String age) throws Exception {
        for (int i = 0; i < 300; i++) {
            try (Connection admin = server.connect(database); Statement s = admin.createStatement();
                 ResultSet rs = s.executeQuery("SELECT state = 'idle in transaction' AND now() - state_change > interval '"
                         + age + "' FROM pg_stat_activity WHERE pid = " + pid)) {
                if (rs.next() && rs.getBoolean(1)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("session " + pid + " never sat idle in its transaction for " + age);
    }

    @Test
    void aScratchDatabaseLeftByAStoppedRestoreTestIsReportedAndDroppedByTheNext() throws Exception {
        // named as a restore test names it; no running test holds its lock, as after a kill -9
        String stale = "petdb_scratch_20261130020000_0badcafe";
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + stale);
        }
        PetdbRun petdb = petdb();
        PetdbRun.Result before = petdb.run("doctor");
        assertEquals(1, before.exit(), before.out());
        assertTrue(before.out().lines().anyMatch(l -> l.equals("PROBLEM  1 scratch database(s) left by stopped restore "
                + "tests: " + stale + " (the next petdb backup verify --restore-test or backup diff drops them)")), before.out());

        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            s3.env("").forEach(petdb::with);
            assertEquals(0, petdb.run("backup", "create").exit());
            PetdbRun.Result verified = petdb.run("backup", "verify", "--restore-test");
            assertEquals(0, verified.exit(), verified.out() + verified.err());
            assertTrue(verified.messages().contains("dropped " + stale + ", left by a restore test that was stopped\n"),
                    verified.err());
        }
        try (Connection c = server.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE 'petdb\\_scratch\\_%'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the stale one and the test's own are gone");
        }
        PetdbRun.Result after = petdb.run("doctor");
        assertTrue(after.out().lines().anyMatch(l -> l.equals("OK       no scratch databases left by stopped restore tests")),
                after.out());
    }
}
