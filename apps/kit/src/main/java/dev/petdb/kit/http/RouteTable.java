package dev.petdb.kit.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.common.uri.UriPath;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The table an app declares its endpoints in: each route goes to Helidon, and the table keeps every path and method,
 * so that a request no route takes answers 405 with {@code Allow} when the path exists, and 404 otherwise.
 */
public final class RouteTable {
    /**
     * One declared route: what the OpenAPI agreement test compares with the app's document.
     *
     * @param method the HTTP method, e.g. {@code GET}; HEAD, which every GET also answers, is not listed
     * @param path   the path pattern as declared, e.g. {@code /items/{id}}: Helidon's syntax, which is OpenAPI's too
     */
    public record Route(String method, String path) {
        /** @return {@code METHOD PATH}, e.g. {@code GET /items/{id}}: how the test kit, which knows no kit types, reads it */
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private record Declared(Route route, PathMatcher matcher) {
    }

    private final HttpRouting.Builder routing;
    private final List<Declared> routes = new ArrayList<>();

    RouteTable(HttpRouting.Builder routing) {
        this.routing = routing;
    }

    /** Registers a GET endpoint, and HEAD for it; path patterns are Helidon's, e.g. {@code /items/{id}}. */
    public RouteTable get(String path, Handler handler) {
        routing.route(Method.HEAD, path, HeadResponse.head(handler));
        return add(Method.GET, path, handler);
    }

    /** Registers a POST endpoint. */
    public RouteTable post(String path, Handler handler) {
        return add(Method.POST, path, handler);
    }

    /** Registers a PUT endpoint. */
    public RouteTable put(String path, Handler handler) {
        return add(Method.PUT, path, handler);
    }

    /** Registers a PATCH endpoint. */
    public RouteTable patch(String path, Handler handler) {
        return add(Method.PATCH, path, handler);
    }

    /** Registers a DELETE endpoint. */
    public RouteTable delete(String path, Handler handler) {
        return add(Method.DELETE, path, handler);
    }

    private RouteTable add(Method method, String path, Handler handler) {
        routing.route(method, path, handler);
        routes.add(new Declared(new Route(method.text(), path), PathMatchers.create(path)));
        return this;
    }

    /** @return every route declared so far, in order: the kit's own (health, {@code /openapi}) and the app's */
    public List<Route> routes() {
        return routes.stream().map(Declared::route).toList();
    }

    /** Must come after every other route: answers what none of them took. */
    void registerFallback() {
        routing.any(this::notFoundOrNotAllowed);
    }

    private void notFoundOrNotAllowed(ServerRequest request, ServerResponse response) {
        UriPath path = request.path().absolute();
        Set<String> allowed = new LinkedHashSet<>();
        for (Declared route : routes) {
            if (route.matcher().match(path).accepted()) {
                allowed.add(route.route().method());
            }
        }
        if (allowed.isEmpty()) {
            throw ProblemException.notFound("no resource at " + path.path());
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        throw ProblemException.methodNotAllowed(request.prologue().method().text() + " is not allowed on " + path.path()
                + "; allowed: " + String.join(", ", allowed), allowed);
    }
}
