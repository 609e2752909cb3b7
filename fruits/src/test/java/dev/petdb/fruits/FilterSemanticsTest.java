package dev.petdb.fruits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;

import dev.petdb.testkit.app.AppUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /?filter=}: LIKE's wildcards match literally, and text that would be SQL stays data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(FruitsServer.class)
class FilterSemanticsTest {
    private AppUnderTest fruits;

    @BeforeAll
    void start(AppUnderTest fruits) {
        this.fruits = fruits;
        for (String name : new String[] {"100% juice", "a_b", "back\\slash", "axb", "O'Reilly pear"}) {
            String json = "{\"name\":\"" + name.replace("\\", "\\\\") + "\"}";
            assertEquals(201, fruits.http().postJson("/items", json).status(), name);
        }
    }

    private String filter(String text) {
        return fruits.http().get("/?filter=" + URLEncoder.encode(text, StandardCharsets.UTF_8)).body();
    }

    @Test
    void noFilterGivesAllItemsOrderedByName() throws Exception {
        String all = fruits.http().get("/").body();
        assertEquals(all, filter(""));
        // the database's collation decides the order: compare with PostgreSQL's own ORDER BY
        StringBuilder expected = new StringBuilder("[");
        try (var connection = fruits.admin(); Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM fruits.items ORDER BY name")) {
            while (rs.next()) {
                expected.append(expected.length() > 1 ? "," : "")
                        .append("{\"name\":\"").append(rs.getString(1).replace("\\", "\\\\")).append("\"}");
            }
        }
        assertEquals(expected.append(']').toString(), all);
        assertEquals(8, all.split("\\{").length - 1);
    }

    @Test
    void percentMatchesOnlyAPercentSign() {
        assertEquals("[{\"name\":\"100% juice\"}]", filter("%"));
    }

    @Test
    void underscoreMatchesOnlyAnUnderscore() {
        assertEquals("[{\"name\":\"a_b\"}]", filter("_"));
        assertEquals("[{\"name\":\"a_b\"}]", filter("a_b"));
    }

    @Test
    void backslashMatchesOnlyABackslash() {
        assertEquals("[{\"name\":\"back\\\\slash\"}]", filter("\\"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"' OR '1'='1", "'; DROP TABLE items; --", "%' OR name LIKE '%", "\\'", "a'); DELETE FROM items; --"})
    void sqlInjectionAttemptsAreJustText(String attack) throws Exception {
        assertEquals("[]", filter(attack));
        try (var connection = fruits.admin(); Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM fruits.items")) {
            rs.next();
            assertEquals(8, rs.getInt(1));
        }
    }

    @Test
    void aQuoteInAFilterMatchesAQuote() {
        assertEquals("[{\"name\":\"O'Reilly pear\"}]", filter("'r"));
    }
}
