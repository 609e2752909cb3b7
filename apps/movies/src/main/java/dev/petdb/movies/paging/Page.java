package dev.petdb.movies.paging;

import java.util.List;

import dev.petdb.kit.http.ProblemException;

/**
 * One page of results in the seed's Django envelope: {@code {"count", "total_pages", "prev", "next", "results"}},
 * where prev and next are page numbers, or null on the first and last page. As Django's paginator does, an empty
 * result still has one (empty) page.
 *
 * @param count      how many results there are on all pages
 * @param totalPages how many pages there are, at least 1
 * @param prev       the previous page's number, or null
 * @param next       the next page's number, or null
 * @param results    this page's results
 * @param <T>        the type of a result
 */
public record Page<T>(long count, long totalPages, Long prev, Long next, List<T> results) {
    /**
     * Fetches one page of results.
     *
     * @param <T> the type of a result
     */
    @FunctionalInterface
    public interface Rows<T> {
        /**
         * @param offset how many results to skip
         * @param limit  how many results to return at most
         * @return the results
         */
        List<T> fetch(long offset, int limit);
    }

    /**
     * @param request the page asked for
     * @param count   how many results there are in all
     * @param rows    fetches the page; not called for a page past the end
     * @param <T>     the type of a result
     * @return the page
     * @throws ProblemException 404 when the page is past the last one
     */
    public static <T> Page<T> of(PageRequest request, long count, Rows<T> rows) {
        long totalPages = Math.max(1, Math.ceilDiv(count, request.size()));
        long page = request.page();
        if (page > totalPages) {
            throw ProblemException.notFound("page " + page + " is past the last page, " + totalPages);
        }
        return new Page<>(count, totalPages, page > 1 ? page - 1 : null, page < totalPages ? page + 1 : null,
                rows.fetch(request.offset(), request.size()));
    }
}
