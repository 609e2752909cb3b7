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
    private record Route(Method method, String pattern, PathMatcher matcher) {
    }

    private final HttpRouting.Builder routing;
    private final List<Route> routes = new ArrayList<>();

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
        routes.add(new Route(method, path, PathMatchers.create(path)));
        return this;
    }

    /** Must come after every other route: answers what none of them took. */
    void registerFallback() {
        routing.any(this::notFoundOrNotAllowed);
    }

    private void notFoundOrNotAllowed(ServerRequest request, ServerResponse response) {
        UriPath path = request.path().absolute();
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.matcher().match(path).accepted()) {
                allowed.add(route.method().text());
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
