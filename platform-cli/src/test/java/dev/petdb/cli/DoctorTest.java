package dev.petdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        server.close();
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
                + "tests: " + stale + " (the next petdb backup verify --restore-test drops them)")), before.out());

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
