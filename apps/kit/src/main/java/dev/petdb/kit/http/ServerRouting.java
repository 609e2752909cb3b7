package dev.petdb.kit.http;

import io.helidon.dbclient.DbClient;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;

/**
 * The complete routing the server gets: puts an app's routes together with what every app has: the access log, guards against request smuggling,
 * per-client rate limits when they are on, problem+json errors, health, HEAD wherever GET is, and 404/405 for the rest.
 */
public final class ServerRouting {
    private ServerRouting() {
    }

    /**
     * @param endpoints the app's own endpoints
     * @param db        the app's database client
     * @param health    the health endpoints
     * @param rateLimit the per-client rate limit, after the access log and framing guards; null for none
     * @return the complete routing
     */
    public static HttpRouting.Builder create(Endpoints endpoints, DbClient db, Health health, Filter rateLimit) {
        HttpRouting.Builder routing = HttpRouting.builder();
        routing.addFilter(new AccessLog());
        routing.addFilter(new RequestFraming());
        if (rateLimit != null) {
            routing.addFilter(rateLimit);
        }
        Problems.register(routing);
        health.register(routing);
        RouteTable routes = new RouteTable(routing);
        endpoints.register(routes, db);
        routes.registerFallback();
        return routing;
    }
}
