package dev.petdb.kit.http;

import io.helidon.dbclient.DbClient;
import io.helidon.webserver.http.HttpRouting;

/**
 * Puts an app's routes together with what every app has: the access log, guards against request smuggling,
 * problem+json errors, health, HEAD wherever GET is, and 404/405 for the rest.
 */
public final class AppRouting {
    private AppRouting() {
    }

    /**
     * @param appRoutes the app's own endpoints
     * @param db        the app's database client
     * @param health    the health endpoints
     * @return the complete routing
     */
    public static HttpRouting.Builder create(AppRoutes appRoutes, DbClient db, Health health) {
        HttpRouting.Builder routing = HttpRouting.builder();
        routing.addFilter(new AccessLog());
        routing.addFilter(new RequestFraming());
        Problems.register(routing);
        health.register(routing);
        Routes routes = new Routes(routing);
        appRoutes.register(routes, db);
        routes.registerFallback();
        return routing;
    }
}
