/**
 * The film catalogue: the routes under /api/v1/movies (list, one film, full-text search) and the store that reads
 * films with their genres and people. MoviesApp wires them; only the routes call the store.
 */
package dev.petdb.movies.films;
