package dev.petdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.testkit.DokkuBackups;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code petdb schema create | list | rotate-password | drop} against a real PostgreSQL with password authentication.
 */
class SchemaCommandsTest {

    static Connection connectAs(String url) throws SQLException {
        DatabaseUrl parsed = DatabaseUrl.parse("url", url);
        return DriverManager.getConnection(parsed.jdbcUrl(), parsed.jdbcProperties());
    }

    @Test
    void createPrintsTheAppsUrlAndTheDokkuLineAndTheUrlWorks() throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        String app = PetdbRun.uniqueApp("shop");
        PetdbRun.Result created = petdb.create(app);
        assertEquals(0, created.exit(), created.err());
        String url = created.databaseUrl();
        assertEquals(List.of("DATABASE_URL=" + url, "dokku config:set " + app + " DATABASE_URL=" + url),
                created.out().lines().toList());
        DatabaseUrl parsed = DatabaseUrl.parse("url", url);
        assertEquals(app, parsed.user());
        assertEquals(petdb.database, parsed.database());
        assertTrue(parsed.password().matches("[A-Za-z0-9_-]{43}"), "256 random bits, URL-safe");
        assertFalse(created.err().contains(parsed.password()), "the password is printed only as part of the URL");

        try (Connection connection = connectAs(url); Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT current_user, current_setting('search_path'), "
                    + "current_setting('statement_timeout'), current_setting('idle_in_transaction_session_timeout')")) {
                rs.next();
                assertEquals(List.of(app, app, "30s", "1min"),
                        List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
            s.execute("CREATE TABLE notes (id int)");
            try (ResultSet rs = s.executeQuery("SELECT schemaname FROM pg_tables WHERE tablename = 'notes'")) {
                rs.next();
                assertEquals(app, rs.getString(1), "unqualified names land in the app's schema");
            }
        }
    }

    @Test
    void defaultHostIsTheNameDokkuGivesTheService() {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        String app = PetdbRun.uniqueApp("host");
        PetdbRun.Result created = petdb.run("schema", "create", app, "--dokku-app", "my-shop");
        assertEquals(0, created.exit(), created.err());
        DatabaseUrl url = DatabaseUrl.parse("url", created.databaseUrl());
        assertEquals("dokku-postgres-" + petdb.database.replace('_', '-'), url.host());
        assertEquals(5432, url.port());
        assertTrue(created.out().contains("dokku config:set my-shop DATABASE_URL="));
    }

    @Test
    void appHostAloneTakesThePortOfTheAdminUrlSoALocalUrlWorks() throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        String app = PetdbRun.uniqueApp("local");
        PetdbRun.Result created = petdb.run("schema", "create", app, "--app-host", petdb.server.host());
        assertEquals(0, created.exit(), created.err());
        DatabaseUrl url = DatabaseUrl.parse("url", created.databaseUrl());
        assertEquals(petdb.server.port(), url.port(), "the admin URL's port, not 5432");
        try (Connection connection = connectAs(created.databaseUrl()); Statement s = connection.createStatement()) {
            s.execute("SELECT 1");
        }
        PetdbRun.Result rotated = petdb.run("schema", "rotate-password", app, "--app-host", "db.example", "--app-port", "6543");
        assertEquals(0, rotated.exit(), rotated.err());
        assertEquals(6543, DatabaseUrl.parse("url", rotated.databaseUrl()).port(), "--app-port still wins");
    }

    @Test
    void settingsAreApplied() throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        String app = PetdbRun.uniqueApp("tuned");
        PetdbRun.Result created = petdb.create(app, "--connection-limit=3", "--statement-timeout=5s",
                "--idle-in-transaction-timeout=2min");
        assertEquals(0, created.exit(), created.err());
        try (Connection connection = connectAs(created.databaseUrl()); Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT rolconnlimit, current_setting('statement_timeout'), "
                     + "current_setting('idle_in_transaction_session_timeout') FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            assertEquals(3, rs.getInt(1));
            assertEquals("5s", rs.getString(2));
            assertEquals("2min", rs.getString(3));
        }
    }

    @Test
    void timeoutsAreFixedForTheDatabaseSoTheRolesOwnRoleWideChangeDoesNotLiftThem() throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        String app = PetdbRun.uniqueApp("fixed");
        PetdbRun.Result created = petdb.create(app);
        assertEquals(0, created.exit(), created.err());
        try (Connection connection = connectAs(created.databaseUrl()); Statement s = connection.createStatement()) {
            // what an app could do to lift its limits: PostgreSQL lets a role change its own settings
            s.execute("ALTER ROLE " + app + " SET statement_timeout = 0");
            s.execute("ALTER ROLE " + app + " SET idle_in_transaction_session_timeout = 0");
        }
        try (Connection connection = connectAs(created.databaseUrl()); Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('statement_timeout'), "
                     + "current_setting('idle_in_transaction_session_timeout')")) {
            rs.next();
            assertEquals(List.of("30s", "1min"), List.of(rs.getString(1), rs.getString(2)),
                    "the settings fixed for this database take precedence over the role-wide ones");
        }
    }

    @Test
    void creatingAnExistingAppChangesNothingAndSaysSo() throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        String app = PetdbRun.uniqueApp("again");
        PetdbRun.Result first = petdb.create(app);
        assertEquals(0, first.exit(), first.err());
        List<String> before = DatabaseState.of(petdb.server, petdb.database);
        PetdbRun.Result second = petdb.create(app, "--connection-limit=99");
        assertEquals(0, second.exit(), second.err());
        assertEquals("", second.out());
        assertTrue(second.err().contains("app " + app + " exists already; nothing changed"), second.err());
        assertEquals(before, DatabaseState.of(petdb.server, petdb.database));
        try (Connection connection = connectAs(first.databaseUrl())) {
            assertTrue(connection.isValid(2), "the first password still works");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Public", "public", "none", "pg_x", "pg_catalog", "information_schema", "postgres", "1abc", "a-b",
            "a b", "a;drop role postgres", "\"quoted\"", "ünicode", "",
            "a123456789012345678901234567890123456789012345678901234567890123"})
    void refusedNamesChangeNothing(String name) throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        List<String> before = DatabaseState.of(petdb.server, petdb.database);
        PetdbRun.Result result = petdb.create(name);
        assertEquals(2, result.exit(), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().startsWith("petdb: "), result.err());
        assertEquals("", result.out());
        assertEquals(before, DatabaseState.of(petdb.server, petdb.database));
    }

    @Test
    void existingNonAppRolesAndSchemasAreRefused() throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        String role = PetdbRun.uniqueApp("legacy");
        String schema = PetdbRun.uniqueApp("reports");
        try (Connection admin = petdb.server.connect(petdb.database); Statement s = admin.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN");
            s.execute("CREATE SCHEMA " + schema);
        }
        List<String> before = DatabaseState.of(petdb.server, petdb.database);
        for (String name : List.of(role, schema)) {
            PetdbRun.Result result = petdb.create(name);
            assertEquals(1, result.exit(), result.err());
            assertTrue(result.err().matches("petdb: (role|schema) " + name + " exists .*; nothing changed\\R"), result.err());
        }
        for (String[] command : List.of(new String[] {"schema", "rotate-password", role},
                new String[] {"schema", "drop", role, "--yes"}, new String[] {"schema", "drop", schema, "--yes"})) {
            PetdbRun.Result result = petdb.run(command);
            assertEquals(1, result.exit(), result.err());
        }
        assertEquals(before, DatabaseState.of(petdb.server, petdb.database));
    }

    @Test
    void adoptGivesAnAppThatRanAsSuperuserItsOwnRole() throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        String app = PetdbRun.uniqueApp("legacyapp");
        String other = PetdbRun.uniqueApp("bystander");
        try (Connection admin = petdb.server.connect(petdb.database); Statement s = admin.createStatement()) {
            // what an app linked with the superuser URL leaves behind, and a bystander schema of the admin's
            s.execute("CREATE SCHEMA " + app);
            s.execute("CREATE TYPE " + app + ".mood AS ENUM ('ok', 'meh')");
            s.execute("CREATE TABLE " + app + ".items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "name text UNIQUE, mood " + app + ".mood)");
            s.execute("CREATE SEQUENCE " + app + ".tickets");
            s.execute("CREATE VIEW " + app + ".names AS SELECT name FROM " + app + ".items");
            s.execute("CREATE FUNCTION " + app + ".shout(t text) RETURNS text LANGUAGE sql AS 'SELECT upper(t)'");
            s.execute("INSERT INTO " + app + ".items (name, mood) VALUES ('apple', 'ok')");
            s.execute("CREATE SCHEMA " + other);
            s.execute("CREATE TABLE " + other + ".kept (v int)");
        }
        List<String> before = DatabaseState.of(petdb.server, petdb.database);
        PetdbRun.Result refused = petdb.create(app);
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("add --adopt"), refused.err());
        assertEquals(before, DatabaseState.of(petdb.server, petdb.database));

        PetdbRun.Result adopted = petdb.create(app, "--adopt");
        assertEquals(0, adopted.exit(), adopted.err());
        String owners = """
                SELECT count(*) FILTER (WHERE owner <> '%1$s'), count(*) FROM (
                  SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relnamespace = '%1$s'::regnamespace
                  UNION ALL SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE pronamespace = '%1$s'::regnamespace
                  UNION ALL SELECT pg_get_userbyid(typowner) FROM pg_type WHERE typnamespace = '%1$s'::regnamespace
                  UNION ALL SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = '%1$s') o""";
        try (Connection admin = petdb.server.connect(petdb.database); Statement s = admin.createStatement()) {
            try (ResultSet rs = s.executeQuery(owners.formatted(app))) {
                rs.next();
                assertEquals(0, rs.getInt(1), "everything in the schema belongs to the app's role");
                assertTrue(rs.getInt(2) > 8, "the schema, its tables, indexes, sequences, view, function and types");
            }
            try (ResultSet rs = s.executeQuery("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'kept'")) {
                rs.next();
                assertEquals("postgres", rs.getString(1), "other schemas are not touched");
            }
        }
        try (Connection connection = connectAs(adopted.databaseUrl()); Statement s = connection.createStatement()) {
            s.execute("INSERT INTO items (name, mood) VALUES ('kiwi', 'meh')");
            s.execute("SELECT nextval('tickets')");
            try (ResultSet rs = s.executeQuery("SELECT string_agg(shout(name), ',' ORDER BY name) FROM names")) {
                rs.next();
                assertEquals("APPLE,KIWI", rs.getString(1));
            }
            s.execute("ALTER TABLE items ADD COLUMN note text");
        }
        PetdbRun.Result again = petdb.create(app, "--adopt");
        assertEquals(0, again.exit());
        assertTrue(again.err().contains("exists already; nothing changed"), again.err());
    }

    @Test
    void listShowsEachAppWithItsUsage() throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        String a = PetdbRun.uniqueApp("lista");
        String b = PetdbRun.uniqueApp("listb");
        String urlA = petdb.create(a, "--connection-limit=4").databaseUrl();
        petdb.create(b);
        try (Connection connection = connectAs(urlA); Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE one (v text)");
            s.execute("CREATE TABLE two (v text)");
            s.execute("INSERT INTO one SELECT repeat('x', 100) FROM generate_series(1, 1000)");

            PetdbRun.Result json = petdb.run("schema", "list", "--json");
            assertEquals(0, json.exit(), json.err());
            JsonNode apps = new ObjectMapper().readTree(json.out());
            JsonNode first = findApp(apps, a);
            assertEquals(a, first.get("owner").asText());
            assertEquals(2, first.get("tables").asInt());
            assertTrue(first.get("size_bytes").asLong() > 100_000, first.toString());
            assertEquals(1, first.get("connections").asInt(), "this test's own connection");
            assertEquals(4, first.get("connection_limit").asInt());
            assertEquals(0, findApp(apps, b).get("tables").asInt());

            PetdbRun.Result table = petdb.run("schema", "list");
            assertEquals(0, table.exit(), table.err());
            assertTrue(table.out().lines().anyMatch(l -> l.matches(a + " +" + a + " +2 +\\d+\\.\\d kB +1/4")), table.out());
        }
    }

    private static JsonNode findApp(JsonNode apps, String app) {
        for (JsonNode node : apps) {
            if (node.get("app").asText().equals(app)) {
                return node;
            }
        }
        throw new AssertionError(app + " not listed in " + apps);
    }

    @Test
    void rotatePasswordInvalidatesTheOldOne() throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        String app = PetdbRun.uniqueApp("rotate");
        String oldUrl = petdb.create(app).databaseUrl();
        PetdbRun.Result rotated = petdb.run("schema", "rotate-password", app, "--app-host=" + petdb.server.host(),
                "--app-port=" + petdb.server.port());
        assertEquals(0, rotated.exit(), rotated.err());
        String newUrl = rotated.databaseUrl();
        assertFalse(newUrl.equals(oldUrl));
        assertTrue(rotated.out().contains("dokku config:set " + app + " DATABASE_URL=" + newUrl));
        SQLException refused = assertThrows(SQLException.class, () -> connectAs(oldUrl).close());
        assertEquals("28P01", refused.getSQLState(), "password authentication failed");
        try (Connection connection = connectAs(newUrl)) {
            assertTrue(connection.isValid(2));
        }
    }

    @Test
    void dropNeedsYesAndLeavesOtherAppsWhole() throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        String a = PetdbRun.uniqueApp("dropa");
        String b = PetdbRun.uniqueApp("dropb");
        String urlA = petdb.create(a).databaseUrl();
        String urlB = petdb.create(b).databaseUrl();
        for (String url : List.of(urlA, urlB)) {
            try (Connection connection = connectAs(url); Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE items (id int PRIMARY KEY, name text)");
                s.execute("INSERT INTO items SELECT g, md5(g::text) FROM generate_series(1, 500) g");
            }
        }
        String bBefore = DatabaseState.checksum(petdb.server, petdb.database, b + ".items");
        List<String> before = DatabaseState.of(petdb.server, petdb.database);

        PetdbRun.Result refused = petdb.run("schema", "drop", a);
        assertEquals(2, refused.exit());
        assertEquals("petdb: drop deletes schema " + a + " and all its data; add --yes to confirm", refused.err().strip());
        assertEquals(before, DatabaseState.of(petdb.server, petdb.database));

        try (Connection stillOpen = connectAs(urlA)) {
            PetdbRun.Result dropped = petdb.run("schema", "drop", a, "--yes");
            assertEquals(0, dropped.exit(), dropped.err());
            assertTrue(dropped.err().contains("ended 1 open connection"), dropped.err());
        }
        try (Connection admin = petdb.server.connect(petdb.database); Statement s = admin.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_roles WHERE rolname = '" + a + "'")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = '" + a + "'")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
        }
        assertEquals(bBefore, DatabaseState.checksum(petdb.server, petdb.database, b + ".items"));
        try (Connection connection = connectAs(urlB)) {
            assertTrue(connection.isValid(2), "b still logs in");
        }
        PetdbRun.Result again = petdb.run("schema", "drop", a, "--yes");
        assertEquals(1, again.exit());
        assertEquals("petdb: no app " + a + " in this database; nothing changed", again.err().strip());
    }

    @Test
    void dropNeverCascadesIntoAnotherAppsObjects() throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        String a = PetdbRun.uniqueApp("casca");
        String b = PetdbRun.uniqueApp("cascb");
        String urlA = petdb.create(a).databaseUrl();
        petdb.create(b);
        try (Connection connection = connectAs(urlA); Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE items (id int)");
        }
        try (Connection admin = petdb.server.connect(petdb.database); Statement s = admin.createStatement()) {
            // something of b's that depends on a's table, as an admin might have made by hand
            s.execute("CREATE VIEW " + b + ".mirror AS SELECT * FROM " + a + ".items");
            s.execute("ALTER VIEW " + b + ".mirror OWNER TO " + b);
        }
        List<String> before = DatabaseState.of(petdb.server, petdb.database);
        PetdbRun.Result result = petdb.run("schema", "drop", a, "--yes");
        assertEquals(1, result.exit());
        assertTrue(result.err().startsWith("petdb: cannot drop " + a + ": "), result.err());
        assertTrue(result.err().contains("view " + b + ".mirror depends on table " + a + ".items"), result.err());
        assertTrue(result.err().strip().endsWith("nothing was dropped"), result.err());
        assertEquals(before, DatabaseState.of(petdb.server, petdb.database), "the role may log in again, too");
    }

    @Test
    void dropEndsTheAppsSessionsEvenInsideATransaction() throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        String app = PetdbRun.uniqueApp("busy");
        String url = petdb.create(app).databaseUrl();
        try (Connection connection = connectAs(url); Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE items (id int)");
            connection.setAutoCommit(false);
            s.execute("LOCK TABLE items IN ACCESS EXCLUSIVE MODE");
            PetdbRun.Result dropped = petdb.run("schema", "drop", app, "--yes");
            assertEquals(0, dropped.exit(), dropped.err());
            assertEquals("dropped schema and role " + app + "; ended 1 open connection(s)", dropped.err().strip());
            assertThrows(SQLException.class, () -> s.execute("SELECT 1"), "the session was ended");
        }
        String state = assertThrows(SQLException.class, () -> connectAs(url).close()).getSQLState();
        assertTrue(state.startsWith("28"), "the role is gone, so its login is refused: " + state);
    }

    @Test
    void aMisplacedUrlOptionIsRefusedWithoutEchoingItsPassword() {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        PetdbRun.Result result = petdb.run("--database-url", "postgres://admin:T0pS3cret@host/petdb", "schema", "list");
        assertEquals(2, result.exit());
        assertFalse(result.err().contains("T0pS3cret"), result.err());
        assertTrue(result.err().contains("postgres://admin:****@host/petdb"), result.err());
    }

    @Test
    void withoutAnAdminUrlItSaysWhereToGetOne() {
        PetdbRun petdb = PetdbRun.onNewDatabase().with("DATABASE_URL", "");
        PetdbRun.Result result = petdb.run("schema", "list");
        assertEquals(2, result.exit());
        assertEquals("petdb: set DATABASE_URL to petdb's admin URL (dokku postgres:info petdb --dsn)", result.err().strip());
    }

    @Test
    void aMalformedAdminUrlNeverShowsItsPassword() {
        PetdbRun petdb = PetdbRun.onNewDatabase().with("DATABASE_URL", "postgres://admin:T0pS3cret@host:99999/petdb");
        PetdbRun.Result result = petdb.run("schema", "list");
        assertEquals(2, result.exit());
        assertFalse(result.err().contains("T0pS3cret"));
        assertEquals("petdb: DATABASE_URL has an invalid port (expected a number from 1 to 65535)", result.err().strip());
    }

    /**
     * dokku's backups hold no roles ({@code pg_dump -Fc --no-acl --no-owner}), so the app's schema carries the marker
     * that says it is a petdb app, and the dump keeps it; an app made before the marker gets it from a second create.
     */
    @Test
    void theSchemaCarriesTheMarkerIntoADokkuDumpAndAnOlderAppGetsIt() throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        String app = PetdbRun.uniqueApp("marked");
        assertEquals(0, petdb.create(app).exit());
        Path dump = Files.createTempFile("marked", ".dump");
        Files.write(dump, DokkuBackups.pgDump(petdb.server, petdb.database));
        Process restore = new ProcessBuilder("pg_restore", "--file", "-", dump.toString()).redirectErrorStream(true).start();
        String sql = new String(restore.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, restore.waitFor(), sql);
        assertTrue(sql.contains("COMMENT ON SCHEMA " + app + " IS 'petdb app';"), sql);

        try (Connection c = petdb.server.connect(petdb.database); Statement s = c.createStatement()) {
            s.execute("COMMENT ON SCHEMA " + app + " IS NULL"); // as made before the marker
        }
        PetdbRun.Result again = petdb.create(app);
        assertEquals(0, again.exit(), again.err());
        assertEquals("app " + app + " exists already; marked its schema as a petdb app (comment 'petdb app'), so backups"
                + " name it; nothing else changed", again.err().strip());
        assertEquals("", again.out(), "no new password: the role is unchanged");
        try (Connection c = petdb.server.connect(petdb.database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT obj_description('" + app + "'::regnamespace, 'pg_namespace')")) {
            rs.next();
            assertEquals("petdb app", rs.getString(1));
        }
        assertTrue(petdb.create(app).err().startsWith("app " + app + " exists already; nothing changed"));
    }
}
