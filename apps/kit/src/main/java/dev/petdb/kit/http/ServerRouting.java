package dev.petdb.kit.http;

import io.helidon.dbclient.DbClient;
import io.helidon.webserver.http.HttpRouting;

/**
 * The complete routing the server gets: puts an app's routes together with what every app has: the access log, guards against request smuggling,
 * problem+json errors, health, HEAD wherever GET is, and 404/405 for the rest.
 */
public final class ServerRouting {
    private ServerRouting() {
    }

    /**
     * @param endpoints the app's own endpoints
     * @param db        the app's database client
     * @param health    the health endpoints
     * @return the complete routing
     */
    public static HttpRouting.Builder create(Endpoints endpoints, DbClient db, Health health) {
        HttpRouting.Builder routing = HttpRouting.builder();
        routing.addFilter(new AccessLog());
        routing.addFilter(new RequestFraming());
        Problems.register(routing);
        health.register(routing);
        RouteTable routes = new RouteTable(routing);
        endpoints.register(routes, db);
        routes.registerFallback();
        return routing;
    }
}
