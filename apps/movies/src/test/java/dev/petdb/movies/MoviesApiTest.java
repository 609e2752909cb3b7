package dev.petdb.movies;

import static dev.petdb.movies.MoviesClient.assertProblem;
import static dev.petdb.movies.MoviesClient.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petdb.kit.RunningApp;
import dev.petdb.kit.http.json.JsonCodec;
import dev.petdb.testkit.TestHttp.Response;
import dev.petdb.testkit.app.AppUnderTest;
import dev.petdb.testkit.openapi.OpenApiAgreement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /api/v1/movies} and {@code GET /api/v1/movies/{id}} on the generated catalogue: the Django envelope,
 * every pagination edge, the fields of a film checked against the tables, and the error statuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(MoviesServer.class)
class MoviesApiTest {
    private static final List<String> FIELDS = List.of("id", "title", "description", "creation_date", "rating", "type",
            "genres", "actors", "directors", "writers");

    private MoviesClient movies;
    private long count;

    @BeforeAll
    void start(MoviesClient movies) {
        this.movies = movies;
        count = movies.number("SELECT count(*) FROM film_work");
    }

    @Test
    void firstPageHasFiftyFilmsInTitleOrderAndNoPrev() {
        JsonNode page = movies.json("/api/v1/movies");
        assertEquals(List.of("count", "total_pages", "prev", "next", "results"), fieldNames(page));
        assertEquals(count, page.get("count").asLong());
        assertEquals((count + 49) / 50, page.get("total_pages").asLong());
        assertTrue(page.get("prev").isNull());
        assertEquals(2, page.get("next").asInt());
        // the database's collation decides the order: compare with PostgreSQL's own ORDER BY
        assertEquals(movies.column("SELECT id FROM film_work ORDER BY title, id LIMIT 50"),
                texts(page.get("results"), "id"));
        assertEquals(page, movies.json("/api/v1/movies?page=1&page_size=50"));
    }

    @Test
    void aFilmHasTheSeedsFieldsWithSortedNamesFromTheTables() {
        JsonNode film = movies.json("/api/v1/movies?page=7&page_size=13").get("results").get(5);
        assertEquals(FIELDS, fieldNames(film));
        String id = film.get("id").asText();
        assertEquals(movies.column("SELECT title FROM film_work WHERE id = ?::uuid", id).getFirst(), film.get("title").asText());
        assertEquals(movies.column("SELECT description FROM film_work WHERE id = ?::uuid", id).getFirst(),
                film.get("description").asText());
        assertEquals(movies.column("SELECT type FROM film_work WHERE id = ?::uuid", id).getFirst(), film.get("type").asText());
        assertEquals(movies.column("SELECT g.name FROM genre_film_work gf JOIN genre g ON g.id = gf.genre_id "
                + "WHERE gf.film_work_id = ?::uuid ORDER BY g.name", id), texts(film.get("genres"), null));
        for (String role : new String[] {"actor", "director", "writer"}) {
            List<String> names = texts(film.get(role + "s"), null);
            assertFalse(names.isEmpty(), role);
            assertEquals(movies.column("SELECT p.full_name FROM person_film_work pf JOIN person p ON p.id = pf.person_id "
                    + "WHERE pf.film_work_id = ?::uuid AND pf.role = ? ORDER BY p.full_name", id, role), names, role);
        }
    }

    @Test
    void datesAreIsoAndRatingsNumbersWithOneDecimalOrNull() {
        String[] dated = movies.column("SELECT id || ' ' || creation_date || ' ' || rating FROM film_work "
                + "WHERE creation_date IS NOT NULL AND rating = round(rating) ORDER BY id LIMIT 1").getFirst().split(" ");
        JsonNode film = movies.json("/api/v1/movies/" + dated[0]);
        assertEquals(dated[1], film.get("creation_date").asText());
        assertTrue(dated[1].matches("\\d{4}-\\d\\d-\\d\\d"), dated[1]);
        assertTrue(film.get("rating").isNumber());
        assertEquals(dated[2], film.get("rating").toString());
        assertTrue(dated[2].matches("\\d+\\.0"), "a whole rating still shows its decimal: " + dated[2]);
        String undated = movies.column("SELECT id FROM film_work WHERE creation_date IS NULL AND rating IS NULL "
                + "ORDER BY id LIMIT 1").getFirst();
        JsonNode bare = movies.json("/api/v1/movies/" + undated);
        assertTrue(bare.get("creation_date").isNull());
        assertTrue(bare.get("rating").isNull());
    }

    @Test
    void lastPageHasTheRemainderAndNoNext() {
        int size = 30;
        long lastPage = (count + size - 1) / size;
        JsonNode last = movies.json("/api/v1/movies?page=" + lastPage + "&page_size=" + size);
        assertEquals(lastPage, last.get("total_pages").asLong());
        assertEquals(lastPage - 1, last.get("prev").asLong());
        assertTrue(last.get("next").isNull());
        long remainder = count % size == 0 ? size : count % size;
        assertTrue(remainder < size, "the test needs a partial last page");
        assertEquals(remainder, last.get("results").size());
        assertEquals(movies.column("SELECT id FROM (SELECT id, title FROM film_work ORDER BY title DESC, id DESC LIMIT ?) t "
                + "ORDER BY title, id", remainder), texts(last.get("results"), "id"));
    }

    @Test
    void aMiddlePageLinksBothWays() {
        JsonNode page = movies.json("/api/v1/movies?page=3&page_size=10");
        assertEquals(2, page.get("prev").asInt());
        assertEquals(4, page.get("next").asInt());
        assertEquals(10, page.get("results").size());
        assertEquals(movies.column("SELECT id FROM film_work ORDER BY title, id LIMIT 10 OFFSET 20"),
                texts(page.get("results"), "id"));
    }

    @Test
    void pageSizeOfAHundredWorks() {
        JsonNode page = movies.json("/api/v1/movies?page_size=100");
        assertEquals(100, page.get("results").size());
        assertEquals((count + 99) / 100, page.get("total_pages").asLong());
    }

    @Test
    void walkingEveryPageVisitsEveryFilmOnceInOrder() {
        List<String> ids = new ArrayList<>();
        JsonNode page = movies.json("/api/v1/movies?page_size=100");
        int pages = 1;
        while (!page.get("next").isNull()) {
            ids.addAll(texts(page.get("results"), "id"));
            page = movies.json("/api/v1/movies?page_size=100&page=" + page.get("next").asInt());
            pages++;
        }
        ids.addAll(texts(page.get("results"), "id"));
        assertEquals(page.get("total_pages").asInt(), pages);
        assertEquals(count, ids.size());
        Set<String> distinct = new HashSet<>(ids);
        assertEquals(ids.size(), distinct.size(), "no film on two pages");
        assertEquals(movies.column("SELECT id FROM film_work ORDER BY title, id"), ids);
    }

    @Test
    void pagesPastTheEndAnswer404() {
        long lastPage = (count + 49) / 50;
        assertEquals(200, movies.http.get("/api/v1/movies?page=" + lastPage).status());
        assertProblem(movies.http.get("/api/v1/movies?page=" + (lastPage + 1)), 404, null);
        assertProblem(movies.http.get("/api/v1/movies?page=" + Integer.MAX_VALUE + "&page_size=100"), 404, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "1.5", "", "2147483648", "%201"})
    void badPageNumbersAnswer400NamingPage(String page) {
        assertProblem(movies.http.get("/api/v1/movies?page=" + page), 400, "page");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "abc", "-5", "", "1e2"})
    void badPageSizesAnswer400NamingPageSize(String size) {
        assertProblem(movies.http.get("/api/v1/movies?page_size=" + size), 400, "page_size");
    }

    @Test
    void oneFilmById() {
        JsonNode listed = movies.json("/api/v1/movies?page=2").get("results").get(0);
        String id = listed.get("id").asText();
        assertEquals(listed, movies.json("/api/v1/movies/" + id));
        // an id is a uuid: its upper-case spelling names the same film
        assertEquals(listed, movies.json("/api/v1/movies/" + id.toUpperCase()));
    }

    @Test
    void anUnknownFilmAnswers404() {
        assertProblem(movies.http.get("/api/v1/movies/00000000-0000-0000-0000-000000000000"), 404, null);
        assertProblem(movies.http.get("/api/v1/movies/6f1c1e5e-8d7a-4d6e-9a3b-2c4d5e6f7a8b"), 404, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1", "1-2-3-4-5", "6f1c1e5e-8d7a-4d6e-9a3b-2c4d5e6f7a8", "6f1c1e5e8d7a4d6e9a3b2c4d5e6f7a8b",
            "6f1c1e5e-8d7a-4d6e-9a3b-2c4d5e6f7a8bb", "%27%3B%20DROP%20TABLE%20film_work%3B"})
    void aMalformedIdAnswers404(String id) {
        assertProblem(movies.http.get("/api/v1/movies/" + id), 404, null);
    }

    @Test
    void searchIsNotTakenForAnId() {
        assertProblem(movies.http.get("/api/v1/movies/search"), 400, "query");
    }

    @Test
    void otherMethodsAnswer405WithAllow() {
        String id = movies.column("SELECT id FROM film_work LIMIT 1").getFirst();
        for (String path : new String[] {"/api/v1/movies", "/api/v1/movies/search", "/api/v1/movies/" + id}) {
            for (String method : new String[] {"POST", "PUT", "DELETE"}) {
                Response response = movies.http.send(method, path, "application/json", "{}".getBytes());
                assertProblem(response, 405, null);
                assertEquals("GET, HEAD", response.header("Allow").orElseThrow(), method + " " + path);
            }
        }
    }

    @Test
    void unknownPathsAnswer404() {
        assertProblem(movies.http.get("/api/v1/movie"), 404, null);
        assertProblem(movies.http.get("/api/v2/movies"), 404, null);
        assertProblem(movies.http.get("/"), 404, null);
        assertProblem(movies.http.get("/api/v1/movies/"), 404, null);
        assertProblem(movies.http.get("/api/v1/movies/search/more"), 404, null);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theOpenApiDocumentAgreesWithTheApp(AppUnderTest app) {
        OpenApiAgreement.assertAgrees(app, "movies", app.running(RunningApp.class).routes(), JsonCodec::fieldNames);
    }
}
