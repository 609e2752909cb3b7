package dev.petdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code petdb backup verify} on backups made the dokku way (real pg_dump, tar, gpg), stored in a real S3 server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupVerifyTest {
    private static final String PASSPHRASE = "nightly passphrase";
    private byte[] tgz;
    private byte[] tgzGpg;
    private TestPostgres server;
    private String database;

    @BeforeAll
    void backups() throws Exception {
        server = TestPostgres.shared();
        database = server.createDatabase();
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA fruits");
            s.execute("CREATE TABLE fruits.items (id int PRIMARY KEY, name text)");
            s.execute("INSERT INTO fruits.items SELECT g, 'fruit ' || g FROM generate_series(1, 3) g");
            s.execute("CREATE SCHEMA todos");
            s.execute("CREATE TABLE todos.users (id int)");
            s.execute("CREATE TABLE todos.todos (id int, title text)");
            s.execute("INSERT INTO todos.todos SELECT g, md5(g::text) FROM generate_series(1, 1500) g");
        }
        tgz = DokkuBackups.tgz(server, database);
        tgzGpg = DokkuBackups.tgzGpg(server, database, PASSPHRASE);
    }

    private static String key(Instant time, boolean encrypted) {
        return "2025-07-20/" + Backup.fileName("postgres-petdb", time, encrypted);
    }

    @Test
    void theNewestBackupIsHealthyWithAReportPerSchema() throws Exception {
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            Instant now = Instant.now();
            s3.put(key(now.minus(Duration.ofDays(1)), false), Arrays.copyOf(tgz, 100)); // broken, but not the newest
            s3.put(key(now.minus(Duration.ofHours(2)), false), tgz);
            PetdbRun petdb = PetdbRun.withEnvironment(s3.env(""));

            PetdbRun.Result result = petdb.run("backup", "verify", "--latest", "--max-age", "26h");
            assertEquals(0, result.exit(), result.out() + result.err());
            List<String> lines = result.out().lines().toList();
            assertTrue(lines.get(0).startsWith("OK  " + key(now.minus(Duration.ofHours(2)), false).substring(0, 30)), lines.get(0));
            assertTrue(lines.get(1).matches(" +pg_dump archive 1\\.14, gzip, database t\\d+_\\d+, server 15\\.\\d+, pg_dump 15\\.\\d+[^,]*, made .*"),
                    lines.get(1));
            assertTrue(result.out().lines().anyMatch(l -> l.matches(" +fruits +1 +3 +\\d+ B")), result.out());
            assertTrue(result.out().lines().anyMatch(l -> l.matches(" +todos +2 +1500 +\\d+\\.\\d kB")), result.out());

            JsonNode json = new ObjectMapper().readTree(petdb.run("backup", "verify", "--json").out());
            assertEquals("ok", json.get("status").asText());
            assertEquals("1.14", json.get("archive_version").asText());
            assertEquals(1500, json.get("schemas").get(1).get("rows").asLong());
            assertEquals("todos", json.get("schemas").get(1).get("schema").asText());
        }
    }

    @Test
    void theJsonResultKeepsItsShapeForEveryStatus() throws Exception {
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            Map<String, String> env = new HashMap<>(s3.env(""));
            PetdbRun petdb = PetdbRun.withEnvironment(env);
            PetdbRun.Result none = petdb.run("backup", "verify", "--json");
            assertEquals(4, none.exit());
            assertEquals("{\"status\":\"none\",\"error\":\"no backups named postgres-petdb-*.tgz[.gpg] under petdb-backups/\"}",
                    none.out().strip());

            Instant old = Instant.parse("2025-07-23T03:00:02Z");
            s3.put(key(old, false), tgz);
            PetdbRun.Result stale = petdb.run("backup", "verify", "--json", "--max-age", "2d");
            assertEquals(3, stale.exit());
            JsonNode json = new ObjectMapper().readTree(stale.out());
            assertEquals(List.of("key", "time", "age_seconds", "size_bytes", "encrypted", "archive_version", "compression",
                    "database", "server_version", "pg_dump_version", "entries", "data_blocks", "schemas", "notes", "status",
                    "error"), fieldNames(json));
            assertEquals("2025-07-23T03:00:02Z", json.get("time").asText());
            assertEquals("stale", json.get("status").asText());
            assertTrue(json.get("error").asText().matches("stale: 2025-07-20/postgres-petdb-2025-07-23-03-00-02\\.tgz is \\d+d \\d+h old, "
                    + "more than 2d"), json.get("error").asText());
            assertEquals(List.of("schema", "tables", "rows", "data_bytes"), fieldNames(json.get("schemas").get(0)));
            assertEquals("{\"schema\":\"fruits\",\"tables\":1,\"rows\":3,", json.get("schemas").get(0).toString()
                    .replaceAll("\"data_bytes\":\\d+}$", ""));

            s3.put(key(old.plusSeconds(60), true), tgzGpg);
            PetdbRun.Result misconfigured = petdb.run("backup", "verify", "--json");
            assertEquals(2, misconfigured.exit());
            assertEquals("{\"key\":\"2025-07-20/postgres-petdb-2025-07-23-03-01-02.tgz.gpg\",\"time\":\"2025-07-23T03:01:02Z\","
                    + "\"status\":\"misconfigured\",\"error\":\"2025-07-20/postgres-petdb-2025-07-23-03-01-02.tgz.gpg is encrypted: "
                    + "set BACKUP_PASSPHRASE or BACKUP_PASSPHRASE_FILE (a passphrase), or BACKUP_SECRET_KEY_FILE (a secret key)\"}",
                    misconfigured.out().strip());

            s3.put(key(old.plusSeconds(120), false), Arrays.copyOf(tgz, 100));
            PetdbRun.Result broken = petdb.run("backup", "verify", "--json");
            assertEquals(1, broken.exit());
            JsonNode brokenJson = new ObjectMapper().readTree(broken.out());
            assertEquals(List.of("key", "time", "status", "error"), fieldNames(brokenJson));
            assertEquals("broken", brokenJson.get("status").asText());

            PetdbRun.Result ok = petdb.run("backup", "verify", "--json", key(old, false));
            assertEquals(0, ok.exit());
            JsonNode okJson = new ObjectMapper().readTree(ok.out());
            assertEquals("ok", okJson.get("status").asText());
            assertEquals(List.of("key", "time", "age_seconds", "size_bytes", "encrypted", "archive_version", "compression",
                    "database", "server_version", "pg_dump_version", "entries", "data_blocks", "schemas", "notes", "status"),
                    fieldNames(okJson));
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void encryptedBackupsNeedTheirPassphrase() {
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            s3.put(key(Instant.now().minus(Duration.ofHours(1)), true), tgzGpg);
            Map<String, String> env = new HashMap<>(s3.env(""));
            PetdbRun.Result without = PetdbRun.withEnvironment(env).run("backup", "verify");
            assertEquals(2, without.exit(), "a set-up error, not a broken backup");
            assertTrue(without.messages().contains(".tgz.gpg is encrypted: set BACKUP_PASSPHRASE"), without.err());

            env.put("BACKUP_PASSPHRASE", "not it");
            PetdbRun.Result wrong = PetdbRun.withEnvironment(env).run("backup", "verify");
            assertEquals(1, wrong.exit());
            assertTrue(wrong.messages().startsWith("petdb: broken: "), wrong.err());
            assertFalse(wrong.messages().contains("not it"));

            env.put("BACKUP_PASSPHRASE", PASSPHRASE);
            PetdbRun.Result right = PetdbRun.withEnvironment(env).run("backup", "verify");
            assertEquals(0, right.exit(), right.err());
            assertTrue(right.out().contains("encrypted"), right.out());
        }
    }

    @Test
    void brokenStaleAndMissingBackupsHaveTheirExitCodes() {
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            PetdbRun petdb = PetdbRun.withEnvironment(s3.env(""));
            PetdbRun.Result none = petdb.run("backup", "verify", "--latest");
            assertEquals(4, none.exit());
            assertEquals("petdb: no backups named postgres-petdb-*.tgz[.gpg] under petdb-backups/", none.err().strip());

            Instant old = Instant.now().minus(Duration.ofHours(30));
            s3.put(key(old, false), tgz);
            PetdbRun.Result stale = petdb.run("backup", "verify", "--max-age", "26h");
            assertEquals(3, stale.exit());
            assertTrue(stale.messages().matches("petdb: stale: .* is 1d \\d+h old, more than 26h\\R"), stale.err());

            String truncated = key(Instant.now().minus(Duration.ofMinutes(5)), false);
            s3.put(truncated, Arrays.copyOf(tgz, tgz.length - 40));
            PetdbRun.Result broken = petdb.run("backup", "verify");
            assertEquals(1, broken.exit());
            assertTrue(broken.messages().matches("petdb: broken: " + truncated + ": the (backup|dump) is truncated.*\\R"), broken.err());

            assertEquals(4, petdb.run("backup", "verify", "2025-07-20/postgres-petdb-2020-01-01-00-00-00.tgz").exit());
            assertEquals(0, petdb.run("backup", "verify", key(old, false)).exit(), "an explicit key, no age limit");
            PetdbRun.Result badAge = petdb.run("backup", "verify", "--max-age", "soon");
            assertEquals(2, badAge.exit());
            assertEquals("petdb: Invalid value for option '--max-age': must be a number with m, h or d, such as 26h",
                    badAge.err().lines().findFirst().orElse(""), badAge.err());
        }
    }

    @Test
    void aRestoreTestRestoresIntoAScratchDatabaseComparesRowsAndDropsIt() throws Exception {
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            s3.put(key(Instant.now().minus(Duration.ofHours(1)), false), tgz);
            Map<String, String> env = new HashMap<>(s3.env(""));
            env.put("DATABASE_URL", server.adminUrl(database));
            PetdbRun petdb = PetdbRun.withEnvironment(env);

            PetdbRun.Result same = petdb.run("backup", "verify", "--restore-test");
            assertEquals(0, same.exit(), same.out() + same.err());
            assertTrue(same.err().lines().anyMatch(l -> l.matches("downloading 2025-07-20/postgres-petdb-.*\\.tgz: 100% \\(.* of .*/s\\)")),
                    "plain progress lines when not on a terminal: " + same.err());
            assertTrue(same.out().contains("restore test: pg_restore restored every table into a scratch database, since dropped"),
                    same.out());
            assertTrue(same.out().lines().anyMatch(l -> l.matches(" +fruits\\.items +3 +3 +\\+0")), same.out());
            assertTrue(same.out().lines().anyMatch(l -> l.matches(" +todos\\.todos +1500 +1500 +\\+0")), same.out());

            try (Connection c = server.connect(database); Statement s = c.createStatement()) {
                s.execute("INSERT INTO todos.todos VALUES (1501, 'new'), (1502, 'newer')");
                s.execute("DROP TABLE todos.users");
            }
            PetdbRun.Result changed = petdb.run("backup", "verify", "--restore-test", "--json");
            assertEquals(0, changed.exit(), changed.err());
            JsonNode tables = new ObjectMapper().readTree(changed.out()).get("restore_test");
            assertEquals(List.of("schema", "table", "kind", "dump_rows", "backup_rows", "live_rows"), fieldNames(tables.get(0)));
            for (JsonNode table : tables) {
                switch (table.get("table").asText()) {
                    case "todos" -> assertEquals(1502, table.get("live_rows").asLong());
                    case "users" -> assertTrue(table.get("live_rows").isNull(), "gone from the live database");
                    default -> assertEquals(table.get("backup_rows").asLong(), table.get("live_rows").asLong());
                }
            }

            String truncated = key(Instant.now().minus(Duration.ofMinutes(1)), false);
            s3.put(truncated, Arrays.copyOf(tgz, tgz.length * 2 / 3));
            PetdbRun.Result broken = petdb.run("backup", "verify", "--restore-test");
            assertEquals(1, broken.exit(), broken.out());
            assertTrue(broken.messages().startsWith("petdb: broken: " + truncated), broken.err());
        }
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE 'petdb\\_scratch\\_%'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "every scratch database was dropped, after success and after failure");
        }
    }

    @Test
    void whatCreateMakesVerifiesAndRestores() {
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            Map<String, String> env = new HashMap<>(s3.env("manual"));
            env.put("DATABASE_URL", server.adminUrl(database));
            env.put("BACKUP_PASSPHRASE", PASSPHRASE);
            PetdbRun petdb = PetdbRun.withEnvironment(env);
            PetdbRun.Result created = petdb.run("backup", "create", "--encrypt");
            assertEquals(0, created.exit(), created.err());
            assertTrue(created.out().matches("created manual/postgres-petdb-\\d{4}(-\\d\\d){5}\\.tgz\\.gpg \\(.*\\)\\R"
                    + "read back: ok; manifest manual/\\.petdb/manifests/postgres-petdb-\\d{4}(-\\d\\d){5}\\.tgz\\.gpg\\.json\\R"),
                    created.out());
            String key = created.out().substring("created ".length(), created.out().indexOf(' ', "created ".length()));
            assertTrue(s3.exists("manual/.petdb/manifests/" + key.substring("manual/".length()) + ".json"), s3.keys().toString());
            PetdbRun.Result verified = petdb.run("backup", "verify", "--latest", "--restore-test");
            assertEquals(0, verified.exit(), verified.out() + verified.err());
            assertTrue(verified.out().contains("encrypted"), verified.out());
        }
    }

    @Test
    void aDownloadedFileIsCheckedToo() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("downloaded");
        java.nio.file.Path good = dir.resolve("postgres-petdb-2025-07-23-03-00-02.tgz.gpg");
        java.nio.file.Files.write(good, tgzGpg);
        java.nio.file.Path cut = dir.resolve("anything.tgz");
        java.nio.file.Files.write(cut, Arrays.copyOf(tgz, tgz.length / 2));
        PetdbRun petdb = PetdbRun.withEnvironment(Map.of("BACKUP_PASSPHRASE", PASSPHRASE));
        PetdbRun.Result ok = petdb.run("backup", "verify", "--file", good.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().startsWith("OK  postgres-petdb-2025-07-23-03-00-02.tgz.gpg (2025-07-23 03:00:02Z"), ok.out());
        PetdbRun.Result broken = petdb.run("backup", "verify", "--file", cut.toString());
        assertEquals(1, broken.exit());
        assertTrue(broken.messages().startsWith("petdb: broken: " + cut + ": the "), broken.err());
        assertEquals(2, petdb.run("backup", "verify", "--file", cut.toString(), "--latest").exit());
    }

    @Test
    void aRedirectedPgDump18ZstdDumpIsHealthyWithItsNotes() throws Exception {
        // a dump the real pg_dump 18 wrote with -Z zstd to a redirected stdout (see the fixtures' README), packed as
        // dokku packs it, with bytes after the gzip stream
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("redirected");
        java.nio.file.Files.createDirectories(dir.resolve("backup"));
        java.nio.file.Files.copy(java.nio.file.Path.of("../backup/src/test/resources/dumps/pg18-zstd-redirect.dump"),
                dir.resolve("backup/export"));
        Process tar = new ProcessBuilder("tar", "--create", "--gzip", "--file", "b.tgz", "backup/").directory(dir.toFile()).start();
        assertEquals(0, tar.waitFor());
        java.nio.file.Files.write(dir.resolve("b.tgz"), "garbage".getBytes(StandardCharsets.US_ASCII),
                java.nio.file.StandardOpenOption.APPEND);
        PetdbRun.Result ok = PetdbRun.withEnvironment(Map.of()).run("backup", "verify", "--file", dir.resolve("b.tgz").toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().startsWith("OK  b.tgz"), ok.out());
        assertTrue(ok.out().contains("zstd, database shopdb, server 15.18"), ok.out());
        assertTrue(ok.out().matches("(?s).*\\n    shop +3 +5000 .*"), ok.out());
        assertTrue(ok.out().contains("\n    note: a second table of contents after the data, as pg_dump 17+ writes to a"
                + " redirected stdout"), ok.out());
        assertTrue(ok.out().contains("\n    note: 7 bytes after the end of the backup's gzip stream"), ok.out());
    }

    @Test
    void theResultIsPostedToTheNotifyUrlOnSuccessAndFailure() throws Exception {
        List<String> posts = new CopyOnWriteArrayList<>();
        HttpServer monitor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        monitor.createContext("/ping/", exchange -> {
            posts.add(exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        monitor.start();
        String url = "http://127.0.0.1:" + monitor.getAddress().getPort() + "/ping/secret-uuid";
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            PetdbRun petdb = PetdbRun.withEnvironment(s3.env(""));
            assertEquals(4, petdb.run("backup", "verify", "--notify-url", url).exit());
            s3.put(key(Instant.now().minus(Duration.ofHours(1)), false), tgz);
            PetdbRun.Result ok = petdb.run("backup", "verify", "--notify-url", url);
            assertEquals(0, ok.exit());
            assertFalse((ok.out() + ok.err()).contains("secret-uuid"));
        } finally {
            monitor.stop(0);
        }
        assertEquals(2, posts.size(), posts.toString());
        assertTrue(posts.get(0).startsWith("POST {\"status\":\"none\""), posts.get(0));
        assertTrue(posts.get(1).startsWith("POST {\"key\":") && posts.get(1).contains("\"status\":\"ok\""), posts.get(1));
    }
}
