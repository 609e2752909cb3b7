package dev.petdb.fruits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.petdb.kit.config.AppSettings;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.kit.db.SchemaDataSources;
import dev.petdb.testkit.TestPostgres;
import dev.petdb.testkit.app.AppUnderTest;
import org.junit.jupiter.api.Test;

/**
 * The app works in its own schema alone: migrations, history table and data land there, nothing in {@code public};
 * the seed rows come once; instances starting together migrate once.
 */
class SchemaBindingTest {

    @Test
    void everythingLandsInTheAppsSchemaAndNothingInPublic() throws Exception {
        try (AppUnderTest fruits = AppUnderTest.start(FruitsServer.FRUITS); Connection admin = fruits.admin()) {
            assertEquals(List.of("flyway_schema_history", "items"), tables(admin, "fruits"));
            assertEquals(List.of(), relations(admin, "public"));
        }
    }

    @Test
    void connectionsSeeOnlyTheAppsSchema() throws Exception {
        TestPostgres server = TestPostgres.shared();
        String database = server.createDatabase();
        DatabaseUrl url = DatabaseUrl.parse("DATABASE_URL", server.adminUrl(database));
        try (Connection connection = SchemaDataSources.unpooled(url, "fruits", "fruits").getConnection();
             ResultSet rs = connection.createStatement().executeQuery("SHOW search_path")) {
            rs.next();
            assertEquals("fruits", rs.getString(1));
        }
    }

    @Test
    void migrationsAreNotCutOffByTheRolesStatementTimeout() throws Exception {
        TestPostgres server = TestPostgres.shared();
        String database = server.createDatabase();
        String role = "impatient_" + ProcessHandle.current().pid();
        try (Connection admin = server.connect(database)) {
            admin.createStatement().execute("CREATE ROLE " + role + " LOGIN PASSWORD 'pw' ");
            admin.createStatement().execute("ALTER ROLE " + role + " SET statement_timeout = '100ms'");
        }
        DatabaseUrl url = DatabaseUrl.parse("DATABASE_URL", server.url(role, "pw", database));
        try (Connection app = SchemaDataSources.unpooled(url, role, "t").getConnection()) {
            assertEquals("57014", org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> app.createStatement().execute("SELECT pg_sleep(0.5)")).getSQLState(), "query_canceled");
        }
        try (Connection migration = SchemaDataSources.forMigrations(url, role, "t").getConnection()) {
            migration.createStatement().execute("SELECT pg_sleep(0.5)");
        }
    }

    @Test
    void anotherSchemaNameKeepsTheAppApart() throws Exception {
        TestPostgres server = TestPostgres.shared();
        String database = server.createDatabase();
        var settings = AppSettings.fromEnvironment("fruits",
                AppUnderTest.environment(server, database, Map.of("APP_SCHEMA", "orchard")));
        var app = FruitsApp.APP.start(settings);
        try (Connection admin = server.connect(database)) {
            assertEquals(List.of("flyway_schema_history", "items"), tables(admin, "orchard"));
            assertEquals(List.of(), tables(admin, "fruits"));
            assertEquals(List.of(), relations(admin, "public"));
        } finally {
            app.stop();
        }
    }

    @Test
    void seedRowsComeOnceAndDeletedOnesStayDeleted() throws Exception {
        TestPostgres server = TestPostgres.shared();
        String database = server.createDatabase();
        try (AppUnderTest first = AppUnderTest.start(FruitsServer.FRUITS, server, database, Map.of())) {
            assertEquals("[{\"name\":\"apple\"},{\"name\":\"banana\"},{\"name\":\"carrot\"}]", first.http().get("/").body());
            try (Connection admin = first.admin()) {
                admin.createStatement().execute("DELETE FROM fruits.items WHERE name IN ('apple', 'carrot')");
            }
        }
        try (AppUnderTest second = AppUnderTest.start(FruitsServer.FRUITS, server, database, Map.of())) {
            assertEquals("[{\"name\":\"banana\"}]", second.http().get("/").body());
        }
    }

    @Test
    void instancesStartingTogetherMigrateOnce() throws Exception {
        TestPostgres server = TestPostgres.shared();
        String database = server.createDatabase();
        AppSettings settings = AppSettings.fromEnvironment("fruits", AppUnderTest.environment(server, database, Map.of()));
        int instances = 4;
        CyclicBarrier together = new CyclicBarrier(instances);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Future<Integer>> applied = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                applied.add(pool.submit((Callable<Integer>) () -> {
                    together.await();
                    return FruitsApp.APP.migrate(settings);
                }));
            }
            int total = 0;
            for (Future<Integer> f : applied) {
                total += f.get();
            }
            assertEquals(2, total, "the two migrations ran once across all instances");
        } finally {
            pool.shutdownNow();
        }
        try (Connection admin = server.connect(database)) {
            assertEquals(List.of("1", "2"), column(admin,
                    "SELECT version FROM fruits.flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank"));
            assertEquals(List.of("3"), column(admin, "SELECT count(*) FROM fruits.items"));
        }
    }

    static List<String> tables(Connection connection, String schema) throws SQLException {
        return column(connection, "SELECT tablename FROM pg_tables WHERE schemaname = ? ORDER BY tablename", schema);
    }

    /** Tables, views, sequences, indexes, functions and types: anything an app could leave behind. */
    static List<String> relations(Connection connection, String schema) throws SQLException {
        return column(connection, """
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?
                UNION ALL SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ?
                UNION ALL SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                  WHERE n.nspname = ? AND t.typtype <> 'b' AND t.typrelid = 0
                ORDER BY 1""", schema, schema, schema);
    }

    static List<String> column(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }
}
