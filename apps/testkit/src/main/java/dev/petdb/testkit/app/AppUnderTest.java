package dev.petdb.testkit.app;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import dev.petdb.testkit.TestHttp;
import dev.petdb.testkit.TestPostgres;

/**
 * An app started in this JVM on a free port, on a database of a real PostgreSQL that no other test uses: what a test
 * talks to ({@link #http()}) and looks behind ({@link #admin()}). {@link AppServer} gives one to each test class;
 * a test that needs its own (another database, a server it stops, a restart) starts it here and closes it.
 */
public final class AppUnderTest implements AutoCloseable {
    private final AppLauncher launcher;
    private final TestPostgres server;
    private final String database;
    private final Map<String, String> environment;
    private final AppLauncher.Launched launched;
    private final TestHttp http;

    private AppUnderTest(AppLauncher launcher, TestPostgres server, String database, Map<String, String> environment) {
        this.launcher = launcher;
        this.server = server;
        this.database = database;
        this.environment = Map.copyOf(environment);
        this.launched = launcher.launch(this.environment);
        this.http = new TestHttp(launched.port());
    }

    /**
     * @param launcher how to start the app
     * @return the app on a new database of the shared test server
     */
    public static AppUnderTest start(AppLauncher launcher) {
        return start(launcher, Map.of());
    }

    /**
     * @param launcher how to start the app
     * @param settings further variables, such as {@code DB_POOL_SIZE}
     * @return the app on a new database of the shared test server
     */
    public static AppUnderTest start(AppLauncher launcher, Map<String, String> settings) {
        TestPostgres server = TestPostgres.shared();
        return start(launcher, server, server.createDatabase(), settings);
    }

    /**
     * @param launcher how to start the app
     * @param server   the PostgreSQL server, e.g. a {@link TestPostgres#dedicated()} one the test stops
     * @param database a database on it, e.g. the one an instance stopped before used
     * @param settings further variables
     * @return the app on that database
     */
    public static AppUnderTest start(AppLauncher launcher, TestPostgres server, String database,
                                     Map<String, String> settings) {
        return new AppUnderTest(launcher, server, database, environment(server, database, settings));
    }

    /**
     * @param server   the PostgreSQL server
     * @param database a database on it
     * @param settings further variables
     * @return the variables an app gets in a test: any free port, the admin's URL of the database, and the settings;
     *         request rate limits are off unless the settings turn them on, as tests send bursts from one address
     */
    public static Map<String, String> environment(TestPostgres server, String database, Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(settings);
        environment.putIfAbsent("RATE_LIMIT_PER_MINUTE", "0");
        environment.put("PORT", "0");
        environment.put("DATABASE_URL", server.adminUrl(database));
        return environment;
    }

    /** @return an HTTP client for the app */
    public TestHttp http() {
        return http;
    }

    /** @return the port the app listens on */
    public int port() {
        return launched.port();
    }

    /**
     * @param type what the app's start returned, e.g. the kit's {@code RunningApp}
     * @param <T>  that type
     * @return the running app itself, for what only the app kit can tell, such as its routes
     * @throws IllegalArgumentException when it is of another type
     */
    public <T> T running(Class<T> type) {
        Object app = launched.app();
        if (!type.isInstance(app)) {
            throw new IllegalArgumentException("the app under test is a " + app.getClass().getName() + ", not a "
                    + type.getName());
        }
        return type.cast(app);
    }

    /** @return the PostgreSQL server the app uses */
    public TestPostgres server() {
        return server;
    }

    /** @return the app's database on {@link #server()} */
    public String database() {
        return database;
    }

    /**
     * @return a new admin connection to the app's database; the app's tables are in the schema of its name
     * @throws SQLException when the server does not answer
     */
    public Connection admin() throws SQLException {
        return server.connect(database);
    }

    /** @return this app stopped and started again with the same variables on the same database, as a deploy does */
    public AppUnderTest restarted() {
        close();
        return new AppUnderTest(launcher, server, database, environment);
    }

    /** Stops the app; the database stays. */
    @Override
    public void close() {
        try {
            launched.app().close();
        } catch (Exception e) {
            throw new IllegalStateException("the app did not stop", e);
        }
    }
}
