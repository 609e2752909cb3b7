package dev.petdb.movies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petdb.testkit.TestHttp.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every GET carries a strong ETag; If-None-Match naming it answers a bodiless 304 until the data behind the answer
 * changes, whether the film itself, its genres or its people.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(MoviesServer.class)
class EntityTagTest {
    private MoviesClient movies;
    private String filmId;

    @BeforeAll
    void start(MoviesClient movies) {
        this.movies = movies;
        filmId = movies.column("SELECT id FROM film_work ORDER BY title, id LIMIT 1 OFFSET 77").getFirst();
    }

    private Response get(String path, String ifNoneMatch) {
        return movies.http.send(movies.http.request(path).header("If-None-Match", ifNoneMatch).GET());
    }

    private String etag(Response response) {
        assertEquals(200, response.status(), response.body());
        String etag = response.header("ETag").orElseThrow();
        assertTrue(etag.matches("\"[A-Za-z0-9_-]+\""), "a strong, quoted tag: " + etag);
        assertEquals("no-cache", response.header("Cache-Control").orElseThrow());
        return etag;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/movies", "/api/v1/movies?page=3&page_size=7", "/api/v1/movies/search?query=lantern",
            "/api/v1/movies/search?query=pilot&page=2&page_size=5", "/api/v1/movies/{film}"})
    void everyGetHasAnEtagAndRevalidatesWith304(String template) {
        String path = template.replace("{film}", filmId);
        Response first = movies.http.get(path);
        String etag = etag(first);
        assertEquals(etag, etag(movies.http.get(path)), "the same data gives the same tag");

        Response notModified = get(path, etag);
        assertEquals(304, notModified.status());
        assertEquals("", notModified.body());
        assertEquals(etag, notModified.header("ETag").orElseThrow());

        assertEquals(304, get(path, "W/" + etag).status(), "If-None-Match compares weakly");
        assertEquals(304, get(path, "\"other\", " + etag).status(), "a list naming it");
        assertEquals(304, get(path, "*").status());
        Response other = get(path, "\"other\"");
        assertEquals(200, other.status());
        assertEquals(first.body(), other.body());
    }

    @Test
    void differentPagesHaveDifferentTags() {
        assertNotEquals(etag(movies.http.get("/api/v1/movies?page=1")), etag(movies.http.get("/api/v1/movies?page=2")));
    }

    @Test
    void aChangedFilmChangesItsTagAndTheListsTag() {
        String detail = "/api/v1/movies/" + filmId;
        String list = "/api/v1/movies?page=2&page_size=50"; // offset 77 is on page 2
        String detailTag = etag(movies.http.get(detail));
        String listTag = etag(movies.http.get(list));

        movies.execute("UPDATE film_work SET rating = CASE WHEN rating = 9.9 THEN 1.1 ELSE 9.9 END, "
                + "description = description || ' Restored.' WHERE id = ?::uuid", filmId);

        Response changed = get(detail, detailTag);
        String newDetailTag = etag(changed);
        assertNotEquals(detailTag, newDetailTag);
        assertTrue(changed.body().contains(" Restored.\""), changed.body());
        assertEquals(304, get(detail, newDetailTag).status());
        Response changedList = get(list, listTag);
        assertNotEquals(listTag, etag(changedList));
        assertTrue(changedList.body().contains(" Restored.\""));
    }

    @Test
    void renamingAnActorChangesTheTagOfTheirFilms() {
        String detail = "/api/v1/movies/" + filmId;
        String tag = etag(movies.http.get(detail));
        movies.execute("UPDATE person SET full_name = full_name || ' Jr.' WHERE id = (SELECT person_id FROM "
                + "person_film_work WHERE film_work_id = ?::uuid AND role = 'actor' ORDER BY person_id LIMIT 1)", filmId);
        Response changed = get(detail, tag);
        assertNotEquals(tag, etag(changed));
        assertTrue(changed.body().contains(" Jr.\""), changed.body());
    }

    @Test
    void aNewGenreChangesTheTag() {
        String detail = "/api/v1/movies/" + filmId;
        String tag = etag(movies.http.get(detail));
        movies.execute("INSERT INTO genre (name) VALUES ('Biopic')");
        assertEquals(304, get(detail, tag).status(), "a genre of no film changes nothing this film shows");
        movies.execute("INSERT INTO genre_film_work (film_work_id, genre_id) "
                + "SELECT ?::uuid, id FROM genre WHERE name = 'Biopic'", filmId);
        Response changed = get(detail, tag);
        assertNotEquals(tag, etag(changed));
        assertTrue(changed.body().contains("\"Biopic\""), changed.body());
    }
}
