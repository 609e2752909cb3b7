package dev.petdb.movies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import dev.petdb.kit.config.AppSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample catalogue the migrations generate: large enough to page and search through, complete (every film has
 * genres and people in all three roles) and the same on every run.
 */
@ExtendWith(MoviesServer.class)
class CatalogueTest {
    /** Every film's content, genres and people with roles, in one md5: equal digests mean equal catalogues. */
    private static final String DIGEST = """
            SELECT md5(string_agg(concat_ws('|', f.id, f.title, f.description, f.creation_date, f.rating, f.type,
                       (SELECT string_agg(g.id || g.name, ',' ORDER BY g.id)
                        FROM genre_film_work gf JOIN genre g ON g.id = gf.genre_id WHERE gf.film_work_id = f.id),
                       (SELECT string_agg(p.id || p.full_name || pf.role, ',' ORDER BY p.id, pf.role)
                        FROM person_film_work pf JOIN person p ON p.id = pf.person_id WHERE pf.film_work_id = f.id)),
                   E'\\n' ORDER BY f.id))
            FROM film_work f""";

    private final MoviesClient movies;

    CatalogueTest(MoviesClient movies) {
        this.movies = movies;
    }

    @Test
    void atLeastAThousandFilmsEachWithGenresAndAllThreeRoles() {
        long films = movies.number("SELECT count(*) FROM film_work");
        assertTrue(films >= 1000, "films: " + films);
        assertEquals(films, movies.json("/api/v1/movies").get("count").asLong());
        assertEquals(0, movies.number("SELECT count(*) FROM film_work f "
                + "WHERE NOT EXISTS (SELECT 1 FROM genre_film_work gf WHERE gf.film_work_id = f.id)"));
        for (String role : new String[] {"actor", "director", "writer"}) {
            assertEquals(0, movies.number("SELECT count(*) FROM film_work f WHERE NOT EXISTS "
                    + "(SELECT 1 FROM person_film_work pf WHERE pf.film_work_id = f.id AND pf.role = ?)", role), role);
        }
        // several actors and one or two directors and writers, as the issue asks
        assertEquals(3, movies.number("SELECT min(n) FROM (SELECT count(*) n FROM person_film_work "
                + "WHERE role = 'actor' GROUP BY film_work_id) a"));
        for (String role : new String[] {"director", "writer"}) {
            assertEquals("1-2", movies.column("SELECT min(n) || '-' || max(n) FROM (SELECT count(*) n "
                    + "FROM person_film_work WHERE role = ? GROUP BY film_work_id) d", role).getFirst(), role);
        }
    }

    @Test
    void valuesCoverTheRangesTheApiShows() {
        assertEquals("0.0 10.0", movies.column("SELECT min(rating) || ' ' || max(rating) FROM film_work").getFirst());
        assertTrue(movies.number("SELECT count(*) FROM film_work WHERE rating IS NULL") > 0, "some films are unrated");
        assertTrue(movies.number("SELECT count(*) FROM film_work WHERE creation_date IS NULL") > 0, "some are undated");
        assertEquals("movie,tv_show", String.join(",", movies.column("SELECT DISTINCT type FROM film_work ORDER BY 1")));
        assertEquals(movies.number("SELECT count(*) FROM film_work"),
                movies.number("SELECT count(DISTINCT title) FROM film_work"), "titles are unique");
        assertEquals(movies.number("SELECT count(*) FROM person"),
                movies.number("SELECT count(DISTINCT full_name) FROM person"), "names are unique");
    }

    @Test
    void everyDatabaseGetsTheSameCatalogue() {
        String other = movies.app.server().createDatabase();
        int applied = MoviesApp.APP.migrate(AppSettings.fromEnvironment("movies",
                Map.of("DATABASE_URL", movies.app.server().adminUrl(other))));
        assertEquals(2, applied);
        String here = movies.column(DIGEST).getFirst();
        try (var connection = movies.app.server().connect(other); var s = connection.createStatement()) {
            s.execute("SET search_path = movies");
            try (var rs = s.executeQuery(DIGEST)) {
                rs.next();
                assertEquals(here, rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
