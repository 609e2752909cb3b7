package dev.petdb.movies;

import static dev.petdb.movies.MoviesClient.assertProblem;
import static dev.petdb.movies.MoviesClient.encode;
import static dev.petdb.movies.MoviesClient.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /api/v1/movies/search}: PostgreSQL full-text search in place of the seed's Elasticsearch, ranked, in the
 * same envelope as the list. Ranking is tested on films inserted here with words no generated film has.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(MoviesServer.class)
class SearchApiTest {
    private static final String[] WOMBATS = {"Zeta", "Alpha", "Gamma", "Eta", "Beta", "Epsilon", "Delta"};

    private MoviesClient movies;

    @BeforeAll
    void start(MoviesClient movies) {
        this.movies = movies;
        film("Quokka Sunrise", "A calm story about the sea.");
        film("Morning Tide", "A quokka and a sailor share an island.");
        film("Evening Tide", "Quokka after quokka: the quokka island, where every quokka smiles.");
        // same words in the same places, so equal ranks, and only the title can order them
        for (String letter : WOMBATS) {
            film("Wombat " + letter, "Nothing else to see.");
        }
    }

    private void film(String title, String description) {
        movies.execute("INSERT INTO film_work (title, description, type) VALUES (?, ?, 'movie')", title, description);
    }

    private JsonNode search(String query, String more) {
        return movies.json("/api/v1/movies/search?query=" + encode(query) + more);
    }

    @Test
    void aTitleMatchRanksAboveDescriptionMatches() {
        JsonNode page = search("quokka", "");
        assertEquals(3, page.get("count").asInt());
        List<String> titles = texts(page.get("results"), "title");
        assertEquals("Quokka Sunrise", titles.getFirst());
        // the description that says it four times outranks the one that says it once
        assertEquals(List.of("Quokka Sunrise", "Evening Tide", "Morning Tide"), titles);
    }

    @Test
    void resultsHaveTheListsFieldsAndEnvelope() {
        JsonNode page = search("quokka", "");
        assertEquals(1, page.get("total_pages").asInt());
        assertTrue(page.get("prev").isNull());
        assertTrue(page.get("next").isNull());
        JsonNode first = page.get("results").get(0);
        assertEquals(first, movies.json("/api/v1/movies/" + first.get("id").asText()));
    }

    @Test
    void equalRanksAreOrderedByTitleAndPaged() {
        List<String> expected = movies.column("SELECT title FROM film_work WHERE title LIKE 'Wombat %' ORDER BY title, id");
        assertEquals(WOMBATS.length, expected.size());
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode body = search("wombat", "&page_size=3&page=" + page);
            assertEquals(WOMBATS.length, body.get("count").asInt());
            assertEquals(3, body.get("total_pages").asInt());
            assertEquals(page == 1 ? null : page - 1, body.get("prev").isNull() ? null : body.get("prev").asInt());
            assertEquals(page == 3 ? null : page + 1, body.get("next").isNull() ? null : body.get("next").asInt());
            assertEquals(page == 3 ? 1 : 3, body.get("results").size());
            seen.addAll(texts(body.get("results"), "title"));
        }
        assertEquals(expected, seen);
        assertProblem(movies.http.get("/api/v1/movies/search?query=wombat&page_size=3&page=4"), 404, null);
    }

    @Test
    void englishStemmingFindsOtherFormsOfAWord() {
        assertEquals(WOMBATS.length, search("Wombats", "").get("count").asInt());
        assertEquals(2, search("tides", "").get("count").asInt());
    }

    @Test
    void webSearchSyntaxWorks() {
        assertEquals(List.of("Evening Tide", "Morning Tide"), texts(search("quokka -sunrise", "").get("results"), "title"));
        assertEquals(List.of("Morning Tide"), texts(search("\"morning tide\"", "").get("results"), "title"));
        assertEquals(Set.of("Quokka Sunrise", "Wombat Alpha"),
                Set.copyOf(texts(search("sunrise or \"wombat alpha\"", "").get("results"), "title")));
    }

    @Test
    void aWordInNoFilmGivesAnEmptyFirstPage() {
        JsonNode page = search("xylophonist", "");
        assertEquals(0, page.get("count").asInt());
        assertEquals(1, page.get("total_pages").asInt());
        assertTrue(page.get("prev").isNull());
        assertTrue(page.get("next").isNull());
        assertEquals(0, page.get("results").size());
        assertProblem(movies.http.get("/api/v1/movies/search?query=xylophonist&page=2"), 404, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"the", "&|!():*", "'; DROP TABLE film_work; --", "\"", "-", "or"})
    void stopWordsAndOperatorSoupAreJustTextMatchingNothing(String query) {
        assertEquals(0, search(query, "").get("count").asInt());
        assertTrue(movies.number("SELECT count(*) FROM film_work") > 1000);
    }

    @Test
    void generatedFilmsAreFoundByTitleAndDescriptionWords() {
        JsonNode page = search("lantern", "&page_size=100");
        long expected = movies.number("SELECT count(*) FROM film_work WHERE title ~* '\\mlanterns?\\M' "
                + "OR description ~* '\\mlanterns?\\M'");
        assertTrue(expected > 100, "a word of the title list is in many films: " + expected);
        assertEquals(expected, page.get("count").asLong());
        assertEquals(100, page.get("results").size());
        for (JsonNode film : page.get("results")) {
            assertTrue(film.get("title").asText().toLowerCase(Locale.ROOT).contains("lantern"), film.toString());
        }
        // a word of the descriptions only: found in the description, not the title
        JsonNode pilots = search("pilot", "&page_size=5");
        assertEquals(movies.number("SELECT count(*) FROM film_work WHERE description ~* '\\mpilots?\\M'"),
                pilots.get("count").asLong());
        for (JsonNode film : pilots.get("results")) {
            assertTrue(film.get("description").asText().contains("pilot"), film.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "query=", "query=%20%20%20", "query=%09", "other=quokka"})
    void aMissingOrBlankQueryAnswers400NamingQuery(String parameters) {
        assertProblem(movies.http.get("/api/v1/movies/search?" + parameters), 400, "query");
    }

    @Test
    void queriesOverTwoHundredCharactersAnswer400() {
        assertProblem(movies.http.get("/api/v1/movies/search?query=" + "a".repeat(201)), 400, "query");
        // counted in characters, not bytes: 200 two-byte letters are fine
        assertEquals(200, movies.http.get("/api/v1/movies/search?query=" + encode("ü".repeat(200))).status());
        assertEquals(200, movies.http.get("/api/v1/movies/search?query=" + "a".repeat(200)).status());
    }

    @Test
    void aNulCharacterAnswers400RatherThanFailingInTheDatabase() {
        assertProblem(movies.http.get("/api/v1/movies/search?query=quokka%00"), 400, "query");
    }

    @Test
    void badPagingParametersAnswer400LikeTheList() {
        assertProblem(movies.http.get("/api/v1/movies/search?query=quokka&page=0"), 400, "page");
        assertProblem(movies.http.get("/api/v1/movies/search?query=quokka&page=abc"), 400, "page");
        assertProblem(movies.http.get("/api/v1/movies/search?query=quokka&page_size=101"), 400, "page_size");
        assertProblem(movies.http.get("/api/v1/movies/search?query=quokka&page_size=0"), 400, "page_size");
    }
}
