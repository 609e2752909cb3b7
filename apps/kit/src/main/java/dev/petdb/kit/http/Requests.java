package dev.petdb.kit.http;

import java.util.Optional;

import io.helidon.webserver.http.ServerRequest;

/**
 * Reading path and query parameters with the same 400 for every app when one is malformed.
 */
public final class Requests {
    private Requests() {
    }

    /**
     * @param request the request
     * @param name    a path parameter such as {@code id} in {@code /items/{id}}
     * @return its value as a positive whole number
     * @throws ProblemException 404 when it is not one: no resource can have that id
     */
    public static long idParameter(ServerRequest request, String name) {
        String text = request.path().pathParameters().get(name);
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw ProblemException.notFound("no resource at " + request.path().path());
    }

    /**
     * @param request the request
     * @param name    a query parameter
     * @return its first value, if present
     * @throws ProblemException 400 naming the parameter when it holds U+0000, which PostgreSQL text cannot hold
     */
    public static Optional<String> query(ServerRequest request, String name) {
        Optional<String> value = request.query().first(name).asOptional();
        if (value.isPresent() && value.get().indexOf('\0') >= 0) {
            throw ProblemException.invalid(name, name + " must not contain U+0000 (%00)");
        }
        return value;
    }

    /**
     * @param request      the request
     * @param name         a query parameter holding a whole number, such as {@code page} or {@code limit}
     * @param defaultValue its value when absent
     * @param min          smallest value accepted
     * @param max          largest value accepted
     * @return its value
     * @throws ProblemException 400 naming the parameter when it is not a whole number within the bounds
     */
    public static int intQuery(ServerRequest request, String name, int defaultValue, int min, int max) {
        Optional<String> text = query(request, name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw ProblemException.invalid(name, name + " must be a whole number "
                + (max == Integer.MAX_VALUE ? "of at least " + min : "from " + min + " to " + max));
    }
}
