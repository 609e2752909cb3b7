package dev.petdb.movies.paging;

import dev.petdb.kit.http.Requests;
import io.helidon.webserver.http.ServerRequest;

/**
 * The page a client asked for with {@code ?page=N&page_size=M}.
 *
 * @param page the page number, from 1
 * @param size results per page, from 1 to {@link #MAX_SIZE}
 */
public record PageRequest(int page, int size) {
    /** The seed's Django API served 50 films a page. */
    public static final int DEFAULT_SIZE = 50;
    /** Larger pages would make a slow answer for a phone; a client wanting more asks for the next page. */
    public static final int MAX_SIZE = 100;

    /**
     * @param request the request
     * @return its page and page size, 1 and {@link #DEFAULT_SIZE} when absent
     * @throws dev.petdb.kit.http.ProblemException 400 naming {@code page} or {@code page_size} when out of range
     *                                             or not a whole number
     */
    public static PageRequest from(ServerRequest request) {
        return new PageRequest(Requests.intQuery(request, "page", 1, 1, Integer.MAX_VALUE),
                Requests.intQuery(request, "page_size", DEFAULT_SIZE, 1, MAX_SIZE));
    }

    /** @return how many results come before this page; a long, since page times size may pass int's range */
    public long offset() {
        return (page - 1L) * size;
    }
}
