package dev.petdb.kit.http;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: it can take traffic, which needs the database
 * within a short timeout and no shutdown under way. Dokku's healthcheck and a load balancer read the second.
 */
public final class Health {
    private static final int VALIDATION_SECONDS = 1;

    private static final String LIVE = "/health/live";
    private static final String READY = "/health/ready";

    private final DataSource dataSource;
    private volatile boolean stopping;

    /**
     * @param dataSource the app's pool, asked for a connection on each readiness check
     */
    public Health(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param path a request's path
     * @return whether it is one of these checks, which Dokku and load balancers poll (never rate-limited)
     */
    public static boolean isCheck(String path) {
        return path.equals(LIVE) || path.equals(READY);
    }

    /** On the route table, so that another method on these paths answers 405 and the routes are listed. */
    void register(RouteTable routes) {
        routes.get(LIVE, (req, res) -> Json.send(res, Status.OK_200, Map.of("status", "UP")))
                .get(READY, this::ready);
    }

    /** From now on readiness answers 503, so traffic moves elsewhere while in-flight requests finish. */
    public void stopping() {
        stopping = true;
    }

    private void ready(ServerRequest request, ServerResponse response) {
        if (stopping) {
            Json.send(response, Status.SERVICE_UNAVAILABLE_503, Map.of("status", "DOWN", "reason", "shutting down"));
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(VALIDATION_SECONDS)) {
                Json.send(response, Status.OK_200, Map.of("status", "UP"));
                return;
            }
        } catch (SQLException e) {
            // reported below
        }
        Json.send(response, Status.SERVICE_UNAVAILABLE_503, Map.of("status", "DOWN", "reason", "database unavailable"));
    }
}
