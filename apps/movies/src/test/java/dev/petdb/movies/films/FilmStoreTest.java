package dev.petdb.movies.films;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.petdb.kit.config.AppSettings;
import dev.petdb.movies.MoviesApp;
import dev.petdb.testkit.TestPostgres;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The store's SQL on the migrated sample catalogue: each call is one statement however many films it returns
 * (no query per film), and search is served by the GIN index on the generated tsvector column, chosen by the planner
 * on its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilmStoreTest {
    private TestPostgres server;
    private String database;
    private final AtomicInteger statements = new AtomicInteger();
    private FilmStore store;

    @BeforeAll
    void migrate() {
        server = TestPostgres.shared();
        database = server.createDatabase();
        MoviesApp.APP.migrate(AppSettings.fromEnvironment("movies", Map.of("DATABASE_URL", server.adminUrl(database))));
        DbClient db = JdbcClientBuilder.create().connectionPool(new CountingPool()).build();
        store = new FilmStore(db);
    }

    @BeforeEach
    void resetCount() {
        statements.set(0);
    }

    /** Connections bound to the app's schema that count every statement prepared or created on them. */
    private final class CountingPool implements JdbcConnectionPool {
        @Override
        public Connection connection() {
            try {
                Connection real = admin();
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().startsWith("prepare") || method.getName().equals("createStatement")) {
                                statements.incrementAndGet();
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String dbType() {
            return "jdbc:postgresql";
        }
    }

    private Connection admin() throws SQLException {
        Connection connection = server.connect(database);
        try (Statement s = connection.createStatement()) {
            s.execute("SET search_path = movies");
        }
        return connection;
    }

    private <T> T inOneStatement(Supplier<T> call) {
        statements.set(0);
        T result = call.get();
        assertEquals(1, statements.get(), "statements");
        return result;
    }

    @Test
    void aFullPageOfFilmsWithGenresAndPeopleIsOneStatement() {
        List<Film> films = inOneStatement(() -> store.page(200, 100));
        assertEquals(100, films.size());
        for (Film film : films) {
            assertFalse(film.genres().isEmpty() || film.actors().isEmpty() || film.directors().isEmpty()
                    || film.writers().isEmpty(), film.toString());
        }
        assertEquals(5000, (long) inOneStatement(store::count));
    }

    @Test
    void searchAndItsCountAreOneStatementEach() {
        List<Film> films = inOneStatement(() -> store.search("pilot", 0, 100));
        assertEquals(100, films.size());
        assertTrue(films.stream().allMatch(film -> !film.actors().isEmpty() && !film.genres().isEmpty()));
        assertTrue(inOneStatement(() -> store.countMatching("pilot")) > 100);
    }

    @Test
    void oneFilmIsOneStatement() {
        Film film = store.page(0, 1).getFirst();
        assertEquals(film, inOneStatement(() -> store.find(film.id())).orElseThrow());
        assertTrue(inOneStatement(() -> store.find(UUID.randomUUID())).isEmpty());
    }

    @Test
    void searchUsesTheGinIndexForRareAndCommonWords() throws SQLException {
        // a word of one title, one of 25 title nouns, one of 9 description heroes
        for (String word : new String[] {"\"Silent Harbor of Mars\"", "lantern", "pilot"}) {
            String plan = explain(FilmStore.SEARCH, word, 50, 0);
            assertTrue(plan.contains("Bitmap Index Scan on film_work_search_idx"), plan);
            assertFalse(plan.contains("Seq Scan on film_work"), plan);
            String countPlan = explain(FilmStore.SEARCH_COUNT, word);
            assertTrue(countPlan.contains("Bitmap Index Scan on film_work_search_idx"), countPlan);
            assertFalse(countPlan.contains("Seq Scan on film_work"), countPlan);
        }
    }

    @Test
    void aListPageReadsTheTitleIndexInsteadOfSortingTheTable() throws SQLException {
        String plan = explain(FilmStore.PAGE, 50, 100);
        assertTrue(plan.contains("Index Scan using film_work_title_id_idx on film_work"), plan);
        assertFalse(plan.contains("Seq Scan on film_work"), plan);
    }

    @Test
    void linksAreReadThroughTheirIndexes() throws SQLException {
        String plan = explain(FilmStore.ONE, store.page(0, 1).getFirst().id().toString());
        assertTrue(plan.contains("film_work_pkey"), plan);
        assertTrue(plan.contains("genre_film_work_film_genre_key"), plan);
        assertTrue(plan.contains("person_film_work_film_person_role_key"), plan);
    }

    private String explain(String sql, Object... args) throws SQLException {
        try (Connection c = admin(); PreparedStatement s = c.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
            return String.join("\n", lines);
        }
    }
}
