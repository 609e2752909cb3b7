package dev.petdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.testkit.DokkuBackups;
import dev.petdb.testkit.TestPostgres;
import dev.petdb.testkit.TestS3;
import org.junit.jupiter.api.Test;

/**
 * {@code petdb backup verify}: restore tests that count each table's own rows, the report of a failed one, the short
 * report of many tables, the STALE first line, a missing key as a set-up error, and failure pings a monitor sees.
 */
class BackupVerifyRestoreCountsTest {
    private final TestPostgres server = TestPostgres.shared();

    private static String key(Instant time, boolean encrypted) {
        return "2025-07-20/" + Backup.fileName("postgres-petdb", time, encrypted);
    }

    private String databaseWith(String... statements) throws Exception {
        String database = server.createDatabase();
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
        return database;
    }

    private void execute(String database, String... statements) throws Exception {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private PetdbRun petdb(TestS3 s3, String database) {
        Map<String, String> env = new HashMap<>(s3.env(""));
        env.put("DATABASE_URL", server.adminUrl(database));
        return PetdbRun.withEnvironment(env);
    }

    private static JsonNode table(JsonNode tables, String name) {
        for (JsonNode table : tables) {
            if ((table.get("schema").asText() + "." + table.get("table").asText()).equals(name)) {
                return table;
            }
        }
        throw new AssertionError("no " + name + " in " + tables);
    }

    @Test
    void inheritancePartitionsAndMaterializedViewsCountTheirOwnRows() throws Exception {
        String database = databaseWith(
                "CREATE TABLE parent (id int, note text)",
                "INSERT INTO parent VALUES (1, 'own row')",
                "CREATE TABLE child (extra int) INHERITS (parent)",
                "INSERT INTO child VALUES (2, 'child', 1), (3, 'child', 2)",
                "CREATE TABLE measurements (day date, value int) PARTITION BY RANGE (day)",
                "CREATE TABLE m2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "CREATE TABLE m2026 PARTITION OF measurements FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "INSERT INTO measurements VALUES ('2025-03-01', 1), ('2025-04-01', 2), ('2025-05-01', 3), ('2026-02-01', 4)",
                "CREATE MATERIALIZED VIEW child_notes AS SELECT id, note FROM child",
                "CREATE VIEW parent_ids AS SELECT id FROM parent");
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            s3.put(key(Instant.now().minus(Duration.ofHours(1)), false), DokkuBackups.tgz(server, database));
            PetdbRun petdb = petdb(s3, database);

            PetdbRun.Result same = petdb.run("backup", "verify", "--restore-test");
            assertEquals(0, same.exit(), same.out() + same.err());
            List<String> lines = same.out().lines().toList();
            assertTrue(lines.stream().anyMatch(l -> l.matches(" +public\\.parent +1 +1 +\\+0")), same.out());
            assertTrue(lines.stream().anyMatch(l -> l.matches(" +public\\.child +2 +2 +\\+0")), same.out());
            assertTrue(lines.stream().anyMatch(l -> l.matches(" +public\\.m2025 +3 +3 +\\+0")), same.out());
            assertTrue(lines.stream().anyMatch(l -> l.matches(" +public\\.m2026 +1 +1 +\\+0")), same.out());
            assertTrue(lines.stream().anyMatch(l -> l.matches(" +public\\.child_notes \\(materialized view\\) +2 +2 +\\+0")),
                    same.out());
            assertFalse(same.out().contains("measurements"), "a partitioned table has no rows of its own: " + same.out());
            assertFalse(same.out().contains("parent_ids"), "a view has no data: " + same.out());

            execute(database, "INSERT INTO child VALUES (4, 'new child', 3)", "INSERT INTO parent VALUES (5, 'new')",
                    "INSERT INTO parent VALUES (6, 'newer')");
            PetdbRun.Result changed = petdb.run("backup", "verify", "--restore-test", "--json");
            assertEquals(0, changed.exit(), changed.out() + changed.err());
            JsonNode tables = new ObjectMapper().readTree(changed.out()).get("restore_test");
            JsonNode parent = table(tables, "public.parent");
            assertEquals(1, parent.get("dump_rows").asLong(), parent.toString());
            assertEquals(1, parent.get("backup_rows").asLong(), parent.toString());
            assertEquals(3, parent.get("live_rows").asLong(), "the parent's own rows, not its children's: " + parent);
            assertEquals(3, table(tables, "public.child").get("live_rows").asLong());
            JsonNode matview = table(tables, "public.child_notes");
            assertEquals("materialized view", matview.get("kind").asText());
            assertTrue(matview.get("dump_rows").isNull(), "a dump holds a materialized view's query, not its rows");
            assertEquals(2, matview.get("backup_rows").asLong(), "refreshed by the restore from the backup's rows");
            assertEquals(2, matview.get("live_rows").asLong(), "not refreshed since");

            PetdbRun.Result differences = petdb.run("backup", "verify", "--restore-test", "--only-differences");
            assertEquals(0, differences.exit(), differences.out() + differences.err());
            assertTrue(differences.out().lines().anyMatch(l -> l.matches(" +public\\.parent +1 +3 +\\+2")), differences.out());
            assertTrue(differences.out().lines().anyMatch(l -> l.matches(" +public\\.child +2 +3 +\\+1")), differences.out());
            assertFalse(differences.out().contains("m2025"), differences.out());
            assertTrue(differences.out().lines().anyMatch(
                    l -> l.equals("    3 tables with the same rows in the backup, the restore and the live database")),
                    differences.out());
        }
    }

    @Test
    void aFailedRestoreTestStillReportsWhatItFound() throws Exception {
        // a classic: a CHECK calls a function that names a table without its schema, and pg_restore runs with an
        // empty search_path, so restoring the rows fails although the dump is whole
        String database = databaseWith(
                "CREATE TABLE items (id int)",
                "INSERT INTO items VALUES (1), (2)",
                "CREATE FUNCTION item_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM items'",
                "CREATE TABLE things (id int CHECK (id > public.item_count() - 1000))",
                "INSERT INTO things VALUES (1)");
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            String backup = key(Instant.now().minus(Duration.ofHours(1)), false);
            s3.put(backup, DokkuBackups.tgz(server, database));
            PetdbRun petdb = petdb(s3, database);

            PetdbRun.Result json = petdb.run("backup", "verify", "--restore-test", "--json");
            assertEquals(1, json.exit(), json.out() + json.err());
            assertTrue(json.messages().matches("(?s)petdb: broken: " + backup + ": the restore test failed: pg_restore: error: COPY failed for table \"things\": ERROR: +relation \"items\" does not exist\\R"),
                    json.err());
            JsonNode result = new ObjectMapper().readTree(json.out());
            assertEquals("broken", result.get("status").asText());
            assertEquals(1, table(result.get("restore_test"), "public.things").get("dump_rows").asLong());
            assertEquals(2, table(result.get("restore_test"), "public.items").get("live_rows").asLong());
            assertEquals(2, result.get("schemas").get(0).get("tables").asLong(), "the structural check's findings too");

            PetdbRun.Result text = petdb.run("backup", "verify", "--restore-test");
            assertEquals(1, text.exit());
            assertTrue(text.out().startsWith("BROKEN  " + backup), text.out());
            assertTrue(text.out().lines().anyMatch(l -> l.matches(" +public\\.things +0 +1 +\\+1 +restored 0 of the dump's 1 rows")), text.out());
        }
    }

    @Test
    void manyTablesPrintOnlyTheirDifferencesAndOneSummaryLine() throws Exception {
        String[] statements = new String[41];
        statements[0] = "CREATE SCHEMA many";
        for (int i = 1; i <= 40; i++) {
            statements[i] = String.format("CREATE TABLE many.t%02d AS SELECT 1 AS id", i);
        }
        String database = databaseWith(statements);
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            s3.put(key(Instant.now().minus(Duration.ofHours(1)), false), DokkuBackups.tgz(server, database));
            execute(database, "INSERT INTO many.t07 VALUES (2), (3)", "DROP TABLE many.t31");
            PetdbRun petdb = petdb(s3, database);

            PetdbRun.Result result = petdb.run("backup", "verify", "--restore-test");
            assertEquals(0, result.exit(), result.out() + result.err());
            List<String> tableLines = result.out().lines().filter(l -> l.contains("many.")).toList();
            assertEquals(2, tableLines.size(), result.out());
            assertTrue(tableLines.get(0).matches(" +many\\.t07 +1 +3 +\\+2"), tableLines.get(0));
            assertTrue(tableLines.get(1).matches(" +many\\.t31 +1 +gone"), tableLines.get(1));
            assertTrue(result.out().lines().anyMatch(
                    l -> l.equals("    38 tables with the same rows in the backup, the restore and the live database")),
                    result.out());

            PetdbRun.Result all = petdb.run("backup", "verify", "--restore-test", "--all-tables");
            assertEquals(40, all.out().lines().filter(l -> l.contains("many.")).count(), all.out());
        }
    }

    @Test
    void aStaleBackupsFirstLineSaysStale() throws Exception {
        String database = databaseWith("CREATE TABLE items (id int)");
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            s3.put(key(Instant.now().minus(Duration.ofHours(30)), false), DokkuBackups.tgz(server, database));
            PetdbRun.Result stale = PetdbRun.withEnvironment(s3.env("")).run("backup", "verify", "--max-age", "26h");
            assertEquals(3, stale.exit(), stale.out() + stale.err());
            assertTrue(stale.out().startsWith("STALE  2025-07-20/postgres-petdb-"), stale.out());
        }
    }

    @Test
    void aMissingPassphraseIsASetUpErrorNamingTheVariables() throws Exception {
        String database = databaseWith("CREATE TABLE items (id int)", "INSERT INTO items VALUES (1)");
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            String backup = key(Instant.now().minus(Duration.ofHours(1)), true);
            s3.put(backup, DokkuBackups.tgzGpg(server, database, "the passphrase"));
            PetdbRun petdb = petdb(s3, database);
            String expected = "petdb: " + backup + " is encrypted: set BACKUP_PASSPHRASE or BACKUP_PASSPHRASE_FILE "
                    + "(a passphrase), or BACKUP_SECRET_KEY_FILE (a secret key)";

            PetdbRun.Result verify = petdb.run("backup", "verify");
            assertEquals(2, verify.exit(), verify.out() + verify.err());
            assertEquals(expected, verify.messages().strip());

            PetdbRun.Result restore = petdb.run("backup", "restore", backup, "--all", "--yes", "--safety-dir",
                    java.nio.file.Files.createTempDirectory("safety").toString());
            assertEquals(2, restore.exit(), restore.out() + restore.err());
            assertEquals(expected, restore.messages().strip());
            assertTrue(restore.err().lines().noneMatch(l -> l.startsWith("downloading ")),
                    "the set-up is checked before anything is downloaded: " + restore.err());
        }
    }

    @Test
    void aFailurePingsTheMonitorsFailureUrl() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer monitor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        monitor.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        monitor.start();
        String base = "http://127.0.0.1:" + monitor.getAddress().getPort();
        String database = databaseWith("CREATE TABLE items (id int)");
        PetdbRun.Result unset = PetdbRun.withEnvironment(Map.of()).run("backup", "verify", "--notify-url", base + "/ping/secret-uuid");
        assertEquals(1, unset.exit(), "no store settings: " + unset.err());
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            PetdbRun petdb = PetdbRun.withEnvironment(s3.env(""));
            assertEquals(4, petdb.run("backup", "verify", "--notify-url", base + "/ping/secret-uuid").exit());
            s3.put(key(Instant.now().minus(Duration.ofHours(30)), false), DokkuBackups.tgz(server, database));
            assertEquals(3, petdb.run("backup", "verify", "--max-age", "26h", "--notify-url", base + "/ping/secret-uuid/").exit());
            assertEquals(0, petdb.run("backup", "verify", "--notify-url", base + "/ping/secret-uuid").exit());
            PetdbRun.Result kuma = petdb.run("backup", "verify", "--max-age", "1h",
                    "--notify-url", base + "/api/push/token?status=up&msg=OK",
                    "--notify-fail-url", base + "/api/push/token?status=down&msg=petdb");
            assertEquals(3, kuma.exit());
            assertFalse((kuma.out() + kuma.err()).contains("token"), kuma.err());
        } finally {
            monitor.stop(0);
        }
        assertEquals(List.of("POST /ping/secret-uuid/1", "POST /ping/secret-uuid/4", "POST /ping/secret-uuid/3", "POST /ping/secret-uuid",
                "POST /api/push/token?status=down&msg=petdb"), requests);
    }
}
