package dev.petdb.movies.films;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/**
 * The catalogue's films with their genres and people. Each method is one SQL statement: a page of films comes with
 * its genres and people aggregated by PostgreSQL, never one more query per film. Every value is a bound parameter;
 * the connection's search_path is the app's schema.
 */
public final class FilmStore {
    /** The text search configuration of the generated {@code film_work.search} column; a query must use the same. */
    private static final String CONFIGURATION = "'english'";
    private static final String COLUMNS = "id, title, description, creation_date, rating, type";

    // package-private: FilmStoreTest EXPLAINs the very statements the app runs
    static final String PAGE = withGenresAndPeople(
            "SELECT " + COLUMNS + " FROM film_work ORDER BY title, id LIMIT ? OFFSET ?", "f.title, f.id");
    // Helidon's client binds a UUID as varchar, so the id goes as text with a cast
    static final String ONE = withGenresAndPeople("SELECT " + COLUMNS + " FROM film_work WHERE id = ?::uuid", "f.id");
    static final String COUNT = "SELECT count(*) AS n FROM film_work";
    /** Ranked by ts_rank: the title is weighted A and the description B, so a word counts more in the title. */
    static final String SEARCH = withGenresAndPeople("SELECT " + COLUMNS + ", ts_rank(search, query) AS rank "
            + "FROM film_work, websearch_to_tsquery(" + CONFIGURATION + ", ?) query WHERE search @@ query "
            + "ORDER BY rank DESC, title, id LIMIT ? OFFSET ?", "f.rank DESC, f.title, f.id");
    static final String SEARCH_COUNT = "SELECT count(*) AS n FROM film_work "
            + "WHERE search @@ websearch_to_tsquery(" + CONFIGURATION + ", ?)";

    private final DbClient db;

    /**
     * @param db the app's database client
     */
    public FilmStore(DbClient db) {
        this.db = db;
    }

    /**
     * Wraps a query of film_work rows, already limited to one page, with each film's genres and people as sorted
     * arrays. Only these constants are formatted into SQL, never a request's values.
     */
    private static String withGenresAndPeople(String films, String order) {
        return """
                SELECT f.id, f.title, f.description, f.creation_date, f.rating, f.type,
                       ARRAY(SELECT g.name FROM genre_film_work gf JOIN genre g ON g.id = gf.genre_id
                             WHERE gf.film_work_id = f.id ORDER BY g.name) AS genres,
                       coalesce(people.actors, '{}') AS actors,
                       coalesce(people.directors, '{}') AS directors,
                       coalesce(people.writers, '{}') AS writers
                FROM (%s) f
                LEFT JOIN LATERAL (
                    SELECT array_agg(p.full_name ORDER BY p.full_name) FILTER (WHERE pf.role = 'actor') AS actors,
                           array_agg(p.full_name ORDER BY p.full_name) FILTER (WHERE pf.role = 'director') AS directors,
                           array_agg(p.full_name ORDER BY p.full_name) FILTER (WHERE pf.role = 'writer') AS writers
                    FROM person_film_work pf JOIN person p ON p.id = pf.person_id
                    WHERE pf.film_work_id = f.id) people ON true
                ORDER BY %s""".formatted(films, order);
    }

    /** @return how many films there are */
    public long count() {
        return db.execute().get(COUNT).orElseThrow().column("n").get(Long.class);
    }

    /**
     * @param offset films to skip in title order
     * @param limit  most films to return
     * @return the films, ordered by title, then id
     */
    public List<Film> page(long offset, int limit) {
        return films(db.execute().query(PAGE, limit, offset));
    }

    /**
     * @param id a film id
     * @return the film, if there is one
     */
    public Optional<Film> find(UUID id) {
        return films(db.execute().query(ONE, id.toString())).stream().findFirst();
    }

    /**
     * @param query words in web search syntax ({@code "a phrase"}, {@code or}, {@code -word})
     * @return how many films match
     */
    public long countMatching(String query) {
        return db.execute().get(SEARCH_COUNT, query).orElseThrow().column("n").get(Long.class);
    }

    /**
     * @param query  words in web search syntax
     * @param offset matching films to skip
     * @param limit  most films to return
     * @return the matching films, best match first; equal ranks by title, then id
     */
    public List<Film> search(String query, long offset, int limit) {
        return films(db.execute().query(SEARCH, query, limit, offset));
    }

    /** Maps while the stream's connection is open: the arrays are read from it. */
    private static List<Film> films(Stream<DbRow> rows) {
        try (rows) {
            return rows.map(FilmStore::film).toList();
        }
    }

    private static Film film(DbRow row) {
        Date created = row.column("creation_date").get(Date.class);
        return new Film(row.column("id").get(UUID.class), row.column("title").get(String.class),
                row.column("description").get(String.class), created == null ? null : created.toLocalDate(),
                row.column("rating").get(BigDecimal.class), row.column("type").get(String.class),
                names(row, "genres"), names(row, "actors"), names(row, "directors"), names(row, "writers"));
    }

    private static List<String> names(DbRow row, String column) {
        try {
            return List.of((String[]) row.column(column).get(Array.class).getArray());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + column, e);
        }
    }
}
