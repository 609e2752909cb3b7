package dev.petdb.cli;

import static dev.petdb.cli.SchemaCommandsTest.connectAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import dev.petdb.fruits.FruitsApp;
import dev.petdb.kit.RunningApp;
import dev.petdb.kit.config.AppSettings;
import dev.petdb.testkit.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two apps provisioned by {@code petdb schema create}: connected as app a, nothing of b's or of {@code public} can
 * be read, written or created, and no schema, role or database can be made. Every refusal is the server's own
 * privilege check (SQLSTATE 42501).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationTest {
    private PetdbRun petdb;
    private String a;
    private String b;
    private String urlA;

    @BeforeAll
    void twoAppsWithData() throws Exception {
        petdb = PetdbRun.onNewDatabase();
        a = PetdbRun.uniqueApp("isoa");
        b = PetdbRun.uniqueApp("isob");
        urlA = petdb.create(a).databaseUrl();
        String urlB = petdb.create(b).databaseUrl();
        try (Connection connection = connectAs(urlB); Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE secrets (id int PRIMARY KEY, value text)");
            s.execute("INSERT INTO secrets VALUES (1, 'b only')");
            s.execute("CREATE FUNCTION peek() RETURNS text LANGUAGE sql AS 'SELECT value FROM secrets LIMIT 1'");
        }
        try (Connection admin = petdb.server.connect(petdb.database); Statement s = admin.createStatement()) {
            // a table the admin left in public long ago
            s.execute("CREATE TABLE public.legacy (v text)");
            s.execute("INSERT INTO public.legacy VALUES ('old')");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM %b.secrets",
            "INSERT INTO %b.secrets VALUES (2, 'from a')",
            "UPDATE %b.secrets SET value = 'x'",
            "DELETE FROM %b.secrets",
            "CREATE TABLE %b.intruder (id int)",
            "SELECT %b.peek()",
            "CREATE TABLE public.intruder (id int)",
            "CREATE VIEW public.v AS SELECT 1",
            "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
            "SELECT * FROM public.legacy",
            "CREATE SCHEMA other",
            "CREATE ROLE someone",
            "ALTER ROLE %b PASSWORD 'x'",
            "DROP SCHEMA %b CASCADE",
            "GRANT USAGE ON SCHEMA %b TO %a",
            "COPY %b.secrets TO STDOUT",
    })
    void appACannot(String statement) throws Exception {
        String sql = statement.replace("%b", b).replace("%a", a);
        try (Connection connection = connectAs(urlA); Statement s = connection.createStatement()) {
            SQLException denied = assertThrows(SQLException.class, () -> s.execute(sql), sql);
            assertEquals("42501", denied.getSQLState(), sql + ": " + denied.getMessage());
        }
    }

    @Test
    void appACannotCreateADatabase() throws Exception {
        try (Connection connection = connectAs(urlA); Statement s = connection.createStatement()) {
            SQLException denied = assertThrows(SQLException.class, () -> s.execute("CREATE DATABASE intruder"));
            assertEquals("42501", denied.getSQLState());
        }
    }

    @Test
    void noSearchPathTrickReachesBsRows() throws Exception {
        try (Connection connection = connectAs(urlA); Statement s = connection.createStatement()) {
            // without USAGE on b's schema, its names do not even resolve: "does not exist" (42P01, 42883)
            s.execute("SET search_path = " + b + ", public");
            assertEquals("42P01", assertThrows(SQLException.class,
                    () -> s.executeQuery("SELECT * FROM secrets")).getSQLState());
            s.execute("SET search_path = " + b);
            assertEquals("42883", assertThrows(SQLException.class,
                    () -> s.executeQuery("SELECT peek()")).getSQLState());
            s.execute("RESET search_path");
            try (ResultSet rs = s.executeQuery("SHOW search_path")) {
                rs.next();
                assertEquals(a, rs.getString(1));
            }
        }
        assertEquals("1:" + md5("(1,\"b only\")"),
                DatabaseState.checksum(petdb.server, petdb.database, b + ".secrets"), "b's rows are untouched");
    }

    @Test
    void fruitsRunsOnItsOwnRole() throws Exception {
        String app = PetdbRun.uniqueApp("fruits");
        String url = petdb.create(app).databaseUrl();
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("DATABASE_URL", url);
        env.put("APP_SCHEMA", app);
        RunningApp fruits = FruitsApp.APP.start(AppSettings.fromEnvironment("fruits", env));
        try {
            TestHttp http = new TestHttp(fruits.port());
            assertEquals("[{\"name\":\"banana\"}]", http.get("/?filter=an").body());
            assertEquals(201, http.postJson("/items", "{\"name\":\"kiwi\"}").status());
        } finally {
            fruits.stop();
        }
        try (Connection admin = petdb.server.connect(petdb.database); Statement s = admin.createStatement();
             ResultSet rs = s.executeQuery("SELECT tableowner, count(*) FROM pg_tables WHERE schemaname = '" + app
                     + "' GROUP BY tableowner")) {
            rs.next();
            assertEquals(app, rs.getString(1), "fruits' tables belong to its role");
            assertEquals(2, rs.getInt(2), "items and flyway_schema_history");
        }
    }

    private static String md5(String text) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(digest);
    }
}
