package dev.petdb.cli;

import static dev.petdb.cli.SchemaCommandsTest.connectAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.testkit.DokkuBackups;
import dev.petdb.testkit.DokkuProcesses;
import dev.petdb.testkit.TestHttp;
import dev.petdb.testkit.TestPostgres;
import dev.petdb.testkit.TestS3;
import org.junit.jupiter.api.Test;

/**
 * docs/backups.md's disaster recovery, end to end on real processes: a server with fruits, todos and movies, each
 * made by {@code petdb schema create} and migrated by its own release process, with data; a dokku-format backup of
 * it in S3Proxy; the server lost; a second, empty PostgreSQL; {@code backup restore --all --recreate-roles} into it;
 * then the apps started from their Procfiles with the printed URLs serve their old data, each on its own schema only.
 * Runs after {@code package}, on the apps' real jars. The restore's output, passwords hidden, goes to
 * {@code target/recovery-run.txt} for the runbook.
 */
class RecoveryIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> DIRS = Map.of("fruits", ".", "todos", "apps/todos", "movies", "apps/movies");

    private final List<Process> running = new ArrayList<>();

    @Test
    void threeAppsComeBackOnANewServerFromTheBackupAlone() throws Exception {
        byte[] backup;
        TestPostgres lost = TestPostgres.dedicated();
        try {
            PetdbRun petdb = new PetdbRun(lost, lost.createDatabase());
            Map<String, String> urls = new LinkedHashMap<>();
            for (String app : DIRS.keySet().stream().sorted().toList()) {
                PetdbRun.Result created = petdb.create(app);
                assertEquals(0, created.exit(), created.err());
                urls.put(app, created.databaseUrl());
                release(app, created.databaseUrl());
            }
            TestHttp fruits = web("fruits", urls.get("fruits"));
            assertEquals(201, fruits.postJson("/items", "{\"name\":\"quince\"}").status());
            try (Connection c = connectAs(urls.get("todos")); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept_notes (v text)");
                s.execute("INSERT INTO kept_notes VALUES ('written before the server was lost')");
            }
            stopAll();
            backup = DokkuBackups.tgz(lost, petdb.database);
        } finally {
            stopAll();
            lost.close(); // the server is lost
        }

        TestPostgres fresh = TestPostgres.dedicated();
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            String database = fresh.createDatabase(); // dokku postgres:create: the database, no app roles
            String key = "2026-12-01/" + Backup.fileName("postgres-petdb", Instant.now().minus(Duration.ofHours(1)), false);
            s3.put(key, backup);
            Map<String, String> env = new HashMap<>(s3.env(""));
            env.put("DATABASE_URL", fresh.adminUrl(database));
            PetdbRun.Result restored = PetdbRun.withEnvironment(env).run("backup", "restore", key, "--all",
                    "--recreate-roles", "--yes", "--app-host", fresh.host(),
                    "--safety-dir", Files.createTempDirectory("safety").toString());
            assertEquals(0, restored.exit(), restored.err());

            Map<String, String> urls = new LinkedHashMap<>();
            restored.out().lines().filter(l -> l.startsWith("dokku config:set ")).forEach(line -> {
                String[] parts = line.split(" ");
                urls.put(parts[2], parts[3].substring("DATABASE_URL=".length()));
            });
            assertEquals(List.of("fruits", "movies", "todos"), List.copyOf(urls.keySet()), restored.out());
            String shown = restored.err() + restored.out();
            for (String url : urls.values()) {
                String password = DatabaseUrl.parse("url", url).password();
                assertFalse(restored.err().contains(password), "passwords go to standard output only");
                shown = shown.replace(password, "<password>");
            }
            Files.writeString(Files.createDirectories(Path.of("target")).resolve("recovery-run.txt"), shown);

            TestHttp fruits = web("fruits", urls.get("fruits"));
            assertEquals("[{\"name\":\"quince\"}]", fruits.get("/?filter=quin").body(), "the row added before the loss");
            assertEquals("[{\"name\":\"banana\"}]", fruits.get("/?filter=an").body());
            assertEquals(201, fruits.postJson("/items", "{\"name\":\"medlar\"}").status(), "and it writes");
            TestHttp movies = web("movies", urls.get("movies"));
            JsonNode page = JSON.readTree(movies.get("/api/v1/movies?page=1&page_size=5").body());
            assertTrue(page.get("count").asInt() >= 1000, page.toString());

            for (Map.Entry<String, String> app : urls.entrySet()) {
                try (Connection c = connectAs(app.getValue()); Statement s = c.createStatement()) {
                    for (String other : urls.keySet()) {
                        if (!other.equals(app.getKey())) {
                            SQLException denied = assertThrows(SQLException.class, () -> s.executeQuery(
                                    "SELECT 1 FROM " + other + ".flyway_schema_history LIMIT 1"));
                            assertEquals("ERROR: permission denied for schema " + other,
                                    denied.getMessage().lines().findFirst().orElseThrow());
                        }
                    }
                }
            }
            try (Connection c = connectAs(urls.get("todos")); Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT v FROM kept_notes")) {
                assertTrue(rs.next());
                assertEquals("written before the server was lost", rs.getString(1));
            }
        } finally {
            stopAll();
            fresh.close();
        }
    }

    private void release(String app, String url) throws Exception {
        Path log = log(app + "-release");
        Process release = DokkuProcesses.start(ROOT, ROOT.resolve(DIRS.get(app)).resolve("Procfile"), "release",
                Map.of("DATABASE_URL", url, "PORT", String.valueOf(DokkuProcesses.freePort())), log);
        assertTrue(release.waitFor(120, TimeUnit.SECONDS), app + " release finishes");
        assertEquals(0, release.exitValue(), () -> DokkuProcesses.read(log));
    }

    private TestHttp web(String app, String url) throws Exception {
        int port = DokkuProcesses.freePort();
        Path log = log(app + "-web");
        running.add(DokkuProcesses.start(ROOT, ROOT.resolve(DIRS.get(app)).resolve("Procfile"), "web",
                Map.of("DATABASE_URL", url, "PORT", String.valueOf(port)), log));
        TestHttp http = new TestHttp(port);
        Path appJson = ROOT.resolve(DIRS.get(app)).resolve("app.json");
        assertTrue(http.awaitOk(DokkuProcesses.healthcheckPath(appJson), Duration.ofSeconds(90)),
                () -> app + " never became ready:\n" + DokkuProcesses.read(log));
        assertFalse(DokkuProcesses.read(log).contains(DatabaseUrl.parse("url", url).password()));
        return http;
    }

    private void stopAll() throws InterruptedException {
        for (Process process : running) {
            process.toHandle().destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        running.clear();
    }

    private static Path log(String name) throws Exception {
        return Files.createTempFile(Files.createDirectories(Path.of("target")), name, ".log");
    }
}
