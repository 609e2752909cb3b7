package dev.petdb.movies;

import static dev.petdb.movies.MoviesClient.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With no films at all, as Django's paginator answers: page 1 exists and is empty; page 2 does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(MoviesServer.class)
class EmptyCatalogueTest {
    private static final String EMPTY = "{\"count\":0,\"total_pages\":1,\"prev\":null,\"next\":null,\"results\":[]}";

    private MoviesClient movies;

    @BeforeAll
    void start(MoviesClient movies) {
        this.movies = movies;
        movies.execute("DELETE FROM film_work");
    }

    @Test
    void pageOneIsEmptyAndPageTwoIsNotFound() {
        assertEquals(EMPTY, movies.http.get("/api/v1/movies").body());
        assertEquals(EMPTY, movies.http.get("/api/v1/movies?page=1&page_size=100").body());
        assertProblem(movies.http.get("/api/v1/movies?page=2"), 404, null);
    }

    @Test
    void searchIsEmptyToo() {
        assertEquals(EMPTY, movies.http.get("/api/v1/movies/search?query=lantern").body());
        assertProblem(movies.http.get("/api/v1/movies/search?query=lantern&page=2"), 404, null);
    }

    @Test
    void deletedLinksWentWithTheFilms() {
        assertEquals(0, movies.number("SELECT count(*) FROM genre_film_work"));
        assertEquals(0, movies.number("SELECT count(*) FROM person_film_work"));
    }
}
