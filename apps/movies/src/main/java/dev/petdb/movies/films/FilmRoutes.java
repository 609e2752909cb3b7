package dev.petdb.movies.films;

import java.util.Optional;
import java.util.UUID;

import dev.petdb.kit.http.Json;
import dev.petdb.kit.http.ProblemException;
import dev.petdb.kit.http.Requests;
import dev.petdb.kit.http.RouteTable;
import dev.petdb.movies.paging.Page;
import dev.petdb.movies.paging.PageRequest;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The movies API: the paginated list, full-text search and one film. Every answer carries an ETag, so a client
 * revalidating with If-None-Match gets a bodiless 304 while nothing changed.
 */
public final class FilmRoutes {
    /** Longer queries are not searches a person types; refusing them bounds the work per request. */
    static final int MAX_QUERY_LENGTH = 200;

    private final FilmStore store;

    /**
     * @param store the catalogue
     */
    public FilmRoutes(FilmStore store) {
        this.store = store;
    }

    /**
     * @param routes where to declare the endpoints
     */
    public void register(RouteTable routes) {
        // search before {id}: Helidon takes the first route that matches, and {id} would match "search"
        routes.get("/api/v1/movies", this::list)
                .get("/api/v1/movies/search", this::search)
                .get("/api/v1/movies/{id}", this::find);
    }

    private void list(ServerRequest request, ServerResponse response) {
        PageRequest page = PageRequest.from(request);
        Json.sendCacheable(request, response, Page.of(page, store.count(), store::page));
    }

    private void search(ServerRequest request, ServerResponse response) {
        String query = searchQuery(request);
        PageRequest page = PageRequest.from(request);
        Json.sendCacheable(request, response, Page.of(page, store.countMatching(query),
                (offset, limit) -> store.search(query, offset, limit)));
    }

    private void find(ServerRequest request, ServerResponse response) {
        Film film = filmId(request.path().pathParameters().get("id"))
                .flatMap(store::find)
                .orElseThrow(() -> ProblemException.notFound("no film at " + request.path().path()));
        Json.sendCacheable(request, response, film);
    }

    private static String searchQuery(ServerRequest request) {
        String query = Requests.query(request, "query").map(String::strip).orElse("");
        if (query.isEmpty()) {
            throw ProblemException.invalid("query", "query is required: the words to search for");
        }
        if (query.codePointCount(0, query.length()) > MAX_QUERY_LENGTH) {
            throw ProblemException.invalid("query", "query must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        if (query.indexOf('\0') >= 0) {
            // PostgreSQL text cannot hold NUL: without this check it would be a 500
            throw ProblemException.invalid("query", "query must not contain NUL characters");
        }
        return query;
    }

    /** An id in the canonical form only: UUID.fromString alone also takes "1-2-3-4-5". */
    private static Optional<UUID> filmId(String text) {
        try {
            UUID id = UUID.fromString(text);
            return id.toString().equalsIgnoreCase(text) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
