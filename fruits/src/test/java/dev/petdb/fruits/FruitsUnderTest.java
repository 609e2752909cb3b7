package dev.petdb.fruits;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import dev.petdb.kit.RunningApp;
import dev.petdb.kit.config.AppSettings;
import dev.petdb.testkit.TestHttp;
import dev.petdb.testkit.TestPostgres;

/**
 * fruits started in this JVM on a fresh database of a real PostgreSQL, on a free port.
 */
final class FruitsUnderTest implements AutoCloseable {
    final TestPostgres server;
    final String database;
    final RunningApp app;
    final TestHttp http;

    private FruitsUnderTest(TestPostgres server, String database, RunningApp app) {
        this.server = server;
        this.database = database;
        this.app = app;
        this.http = new TestHttp(app.port());
    }

    /** fruits on a new database of the shared test server. */
    static FruitsUnderTest start() {
        TestPostgres server = TestPostgres.shared();
        return start(server, server.createDatabase());
    }

    /** fruits on the given database, e.g. again on the one a stopped instance used. */
    static FruitsUnderTest start(TestPostgres server, String database) {
        return new FruitsUnderTest(server, database, FruitsApp.APP.start(settings(server, database, Map.of())));
    }

    static AppSettings settings(TestPostgres server, String database, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("PORT", "0");
        env.put("DATABASE_URL", server.adminUrl(database));
        return AppSettings.fromEnvironment("fruits", env);
    }

    Connection admin() throws SQLException {
        return server.connect(database);
    }

    @Override
    public void close() {
        app.stop();
    }
}
