package dev.petdb.kit;

import java.util.List;
import java.util.logging.Logger;

import com.zaxxer.hikari.HikariDataSource;
import dev.petdb.kit.db.EmbeddedDatabase;
import dev.petdb.kit.http.Health;
import dev.petdb.kit.http.RouteTable;
import dev.petdb.kit.logging.StdoutHandler;
import io.helidon.webserver.WebServer;

/**
 * A started app: its server, pool and, without DATABASE_URL, its embedded database (else null).
 */
public final class RunningApp implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(RunningApp.class.getName());

    private final String name;
    private final WebServer server;
    private final HikariDataSource pool;
    private final Health health;
    private final List<RouteTable.Route> routes;
    /** Null when the app runs on DATABASE_URL. */
    private final EmbeddedDatabase embedded;

    RunningApp(String name, WebServer server, HikariDataSource pool, Health health, List<RouteTable.Route> routes,
               EmbeddedDatabase embedded) {
        this.name = name;
        this.server = server;
        this.pool = pool;
        this.health = health;
        this.routes = routes;
        this.embedded = embedded;
    }

    /** @return the port the server listens on */
    public int port() {
        return server.port();
    }

    /** @return the app's name */
    public String name() {
        return name;
    }

    /**
     * @return every route the app answers, the kit's (health, {@code /openapi}) and its own, as declared; what its
     *         OpenAPI document must describe
     */
    public List<RouteTable.Route> routes() {
        return routes;
    }

    /**
     * Stops gracefully: readiness turns DOWN, the server stops accepting, in-flight requests get the configured grace
     * period to finish, then the pool and the embedded database close.
     */
    public synchronized void stop() {
        if (!server.isRunning()) {
            return;
        }
        LOGGER.info(name + " stopping: finishing in-flight requests");
        health.stopping();
        server.stop();
        pool.close();
        if (embedded != null) {
            embedded.close();
        }
        LOGGER.info(name + " stopped");
        // the JVM exits next, and log lines wait in a buffer for up to 200 ms
        StdoutHandler.flushAll();
    }

    @Override
    public void close() {
        stop();
    }
}
