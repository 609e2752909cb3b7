/**
 * Paging as the seed's Django paginator answers it: the page request read from the query string and the envelope
 * (count, total_pages, prev, next, results). Called by the film routes.
 */
package dev.petdb.movies.paging;
