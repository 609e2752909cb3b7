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
     */
    public static Optional<String> query(ServerRequest request, String name) {
        return request.query().first(name).asOptional();
    }
}
