package dev.petdb.cli;

import static dev.petdb.cli.SchemaCommandsTest.connectAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.testkit.DokkuProcesses;
import dev.petdb.testkit.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * fruits, todos and movies side by side on one petdb, deployed as docs/deploy.md deploys them: each app's schema and
 * role made by {@code petdb schema create}, each app started from its own Procfile ({@code release}, then
 * {@code web}) with its own {@code DATABASE_URL}, all at once against one PostgreSQL database. Runs after
 * {@code package}, on the apps' real jars.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SideBySideIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An app of this repository: its Dokku files, and what it got once running. */
    private static final class App {
        final String name;
        final Path procfile;
        final Path appJson;
        String url;
        String password;
        Process web;
        Path log;
        TestHttp http;

        App(String name, String dir) {
            this.name = name;
            this.procfile = ROOT.resolve(dir).resolve("Procfile");
            this.appJson = ROOT.resolve(dir).resolve("app.json");
        }
    }

    private final Map<String, App> apps = new LinkedHashMap<>();
    private PetdbRun petdb;

    @BeforeAll
    void provisionAndStartAllThree() throws Exception {
        for (App app : List.of(new App("fruits", "."), new App("todos", "apps/todos"), new App("movies", "apps/movies"))) {
            apps.put(app.name, app);
        }
        petdb = PetdbRun.onNewDatabase();
        for (App app : apps.values()) {
            PetdbRun.Result created = petdb.create(app.name);
            assertEquals(0, created.exit(), created.err());
            app.url = created.databaseUrl();
            app.password = DatabaseUrl.parse("url", app.url).password();
        }
        for (App app : apps.values()) {
            Map<String, String> env = Map.of("DATABASE_URL", app.url, "PORT", String.valueOf(DokkuProcesses.freePort()));
            Path releaseLog = log(app.name + "-release");
            Process release = DokkuProcesses.start(ROOT, app.procfile, "release", env, releaseLog);
            assertTrue(release.waitFor(120, TimeUnit.SECONDS), app.name + " release finishes");
            assertEquals(0, release.exitValue(), () -> DokkuProcesses.read(releaseLog));
            assertNoPassword(app, releaseLog);
        }
        // the three web processes start together, as after a server reboot
        for (App app : apps.values()) {
            int port = DokkuProcesses.freePort();
            app.log = log(app.name + "-web");
            app.web = DokkuProcesses.start(ROOT, app.procfile, "web",
                    Map.of("DATABASE_URL", app.url, "PORT", String.valueOf(port)), app.log);
            app.http = new TestHttp(port);
        }
        for (App app : apps.values()) {
            assertTrue(app.http.awaitOk(DokkuProcesses.healthcheckPath(app.appJson), Duration.ofSeconds(90)),
                    () -> app.name + " never became ready:\n" + DokkuProcesses.read(app.log));
        }
    }

    @AfterAll
    void stopAndDrop() throws Exception {
        for (App app : apps.values()) {
            if (app.web != null) {
                app.web.toHandle().destroy();
            }
        }
        List<String> failures = new ArrayList<>();
        for (App app : apps.values()) {
            if (app.web == null) {
                continue;
            }
            if (!app.web.waitFor(30, TimeUnit.SECONDS)) {
                app.web.destroyForcibly();
                failures.add(app.name + " did not stop on SIGTERM");
            }
            assertNoPassword(app, app.log);
        }
        // roles belong to the whole server: leave none behind for the next run
        for (App app : apps.values()) {
            petdb.run("schema", "drop", app.name, "--yes");
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void eachAppServesFromItsOwnSchema() throws Exception {
        assertEquals("[{\"name\":\"banana\"}]", apps.get("fruits").http.get("/?filter=an").body());

        TestHttp todos = apps.get("todos").http;
        assertEquals(201, todos.postJson("/users", "{\"email\":\"side@example.com\",\"password\":\"long enough\"}").status());
        TestHttp.Response token = todos.postJson("/auth/token",
                "{\"email\":\"side@example.com\",\"password\":\"long enough\"}");
        assertEquals(200, token.status());
        String bearer = "Bearer " + JSON.readTree(token.body()).get("access_token").asText();
        TestHttp.Response created = todos.send(todos.request("/todos").header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"deploy three apps\"}")));
        assertEquals(201, created.status(), created.body());
        JsonNode list = JSON.readTree(todos.send(todos.request("/todos").header("Authorization", bearer).GET()).body());
        assertEquals("deploy three apps", list.get("todos").get(0).get("title").asText());

        JsonNode page = JSON.readTree(apps.get("movies").http.get("/api/v1/movies?page=1&page_size=5").body());
        assertTrue(page.get("count").asInt() >= 1000, page.toString());
        assertEquals(5, page.get("results").size());
    }

    @Test
    void everyAppsTablesAreOwnedByItsRoleAndTheAppConnectsAsItsRole() throws Exception {
        try (Connection admin = petdb.server.connect(petdb.database); Statement s = admin.createStatement()) {
            for (App app : apps.values()) {
                List<String> tables = tables(s, app.name);
                assertFalse(tables.isEmpty(), app.name + " has tables");
                try (ResultSet rs = s.executeQuery("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = '"
                        + app.name + "'")) {
                    assertTrue(rs.next());
                    assertEquals(app.name, rs.getString(1));
                    assertFalse(rs.next(), app.name + "'s tables have one owner");
                }
                try (ResultSet rs = s.executeQuery("SELECT DISTINCT usename FROM pg_stat_activity "
                        + "WHERE application_name = '" + app.name + "' AND datname = current_database()")) {
                    assertTrue(rs.next(), app.name + " holds connections");
                    assertEquals(app.name, rs.getString(1));
                    assertFalse(rs.next(), app.name + " connects as its role only");
                }
            }
        }
    }

    @Test
    void noAppsRoleCanReadOrWriteAnotherAppsTables() throws Exception {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection admin = petdb.server.connect(petdb.database); Statement s = admin.createStatement()) {
            for (App app : apps.values()) {
                tables.put(app.name, tables(s, app.name));
            }
        }
        int refusals = 0;
        for (App reader : apps.values()) {
            try (Connection connection = connectAs(reader.url); Statement s = connection.createStatement()) {
                for (App owner : apps.values()) {
                    if (owner == reader) {
                        continue;
                    }
                    for (String table : tables.get(owner.name)) {
                        String name = owner.name + "." + table;
                        assertRefused(s, "SELECT * FROM " + name + " LIMIT 1", reader, name);
                        assertRefused(s, "DELETE FROM " + name, reader, name);
                        refusals += 2;
                    }
                    assertRefused(s, "CREATE TABLE " + owner.name + ".intruder (id int)", reader, owner.name);
                    refusals++;
                }
            }
        }
        assertTrue(refusals > 20, "checked " + refusals + " statements");
    }

    private static void assertRefused(Statement s, String sql, App reader, String target) {
        try {
            s.execute(sql);
        } catch (SQLException e) {
            assertEquals("42501", e.getSQLState(), reader.name + " on " + target + ": " + e.getMessage());
            return;
        }
        throw new AssertionError(reader.name + "'s role could run: " + sql);
    }

    private static List<String> tables(Statement s, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = '" + schema
                + "' ORDER BY tablename")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static void assertNoPassword(App app, Path log) {
        assertFalse(DokkuProcesses.read(log).contains(app.password), app.name + "'s password is in its output");
    }

    private static Path log(String name) throws Exception {
        return Files.createTempFile(Files.createDirectories(Path.of("target")), name, ".log");
    }
}
