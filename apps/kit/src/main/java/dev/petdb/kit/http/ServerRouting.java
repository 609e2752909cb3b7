package dev.petdb.kit.http;

import java.util.List;

import io.helidon.dbclient.DbClient;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;

/**
 * The complete routing the server gets: puts an app's routes together with what every app has: the access log, guards
 * against request smuggling, per-client rate limits when they are on, problem+json errors, health, the OpenAPI
 * document, HEAD wherever GET is, and 404/405 for the rest.
 *
 * @param routing for the web server
 * @param routes  every route declared, the kit's and the app's, for {@code RunningApp.routes()}
 */
public record ServerRouting(HttpRouting.Builder routing, List<RouteTable.Route> routes) {
    /**
     * @param endpoints the app's own endpoints
     * @param db        the app's database client
     * @param health    the health endpoints
     * @param document  the app's OpenAPI document, answered at {@code /openapi}; null when it has none
     * @param rateLimit the per-client rate limit, after the access log and framing guards; null for none
     * @return the complete routing
     */
    public static ServerRouting create(Endpoints endpoints, DbClient db, Health health, OpenApiDocument document,
                                       Filter rateLimit) {
        HttpRouting.Builder routing = HttpRouting.builder();
        routing.addFilter(new AccessLog());
        routing.addFilter(new RequestFraming());
        if (rateLimit != null) {
            routing.addFilter(rateLimit);
        }
        Problems.register(routing);
        RouteTable routes = new RouteTable(routing);
        health.register(routes);
        if (document != null) {
            document.register(routes);
        }
        endpoints.register(routes, db);
        routes.registerFallback();
        return new ServerRouting(routing, routes.routes());
    }
}
