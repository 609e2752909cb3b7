package dev.petdb.backup.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.petdb.testkit.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * The merge is only right if petdb orders keys exactly as PostgreSQL's {@code ORDER BY convert_to(k::text, 'UTF8')}
 * does: checked on keys where UTF-16 order (Java's {@code String.compareTo}) and byte order differ, and end to end
 * across two databases of the same server.
 */
class TableComparisonTest {
    /** Outside ASCII, beyond the surrogates in UTF-16 (U+FF5A) and beyond the basic plane (U+1F600), and empty. */
    private static final List<String> KEYS = List.of("a", "B", "10", "9", "", "é", "€", "ｚ", "😀", "😀a", "a b", "ab");

    private final TestPostgres server = TestPostgres.shared();

    private static void fill(Connection c, String changedBody) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE public.t (k text PRIMARY KEY, body text)");
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO public.t VALUES (?, ?)")) {
            for (String key : KEYS) {
                insert.setString(1, key);
                insert.setString(2, key.equals("é") ? changedBody : "same");
                insert.executeUpdate();
            }
        }
    }

    @Test
    void javaOrdersKeysAsPostgresOrdersTheirUtf8Bytes() throws Exception {
        String database = server.createDatabase();
        List<String> byPostgres = new ArrayList<>();
        try (Connection c = server.connect(database)) {
            fill(c, "x");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT k FROM (SELECT k FROM public.t UNION ALL SELECT NULL) v ORDER BY convert_to(k, 'UTF8')")) {
                while (rs.next()) {
                    byPostgres.add(rs.getString(1));
                }
            }
        }
        List<String> byJava = new ArrayList<>(KEYS);
        byJava.add(null);
        byJava.sort(TableComparison::compareText);
        assertEquals(byPostgres, byJava);
    }

    @Test
    void findsOnlyTheRowsThatChangedWhenKeysSortDifferentlyInUtf16() throws Exception {
        String backup = server.createDatabase();
        String live = server.createDatabase();
        try (Connection b = server.connect(backup); Connection l = server.connect(live)) {
            fill(b, "before");
            fill(l, "after");
            try (Statement s = l.createStatement()) {
                s.execute("DELETE FROM public.t WHERE k = 'ｚ'"); // between keys that UTF-16 and UTF-8 order differently
            }
            b.setAutoCommit(false);
            l.setAutoCommit(false);
            TableDiff diff = TableComparison.compare(b, l, "public", "t", 5);
            assertEquals(List.of(new RowExample(Map.of("k", "ｚ"), 1, List.of())), diff.deletedRows(), diff.toString());
            assertEquals(0, diff.added(), diff.toString());
            assertEquals(List.of(new RowExample(Map.of("k", "é"), 1, List.of(new ColumnChange("body", "before", "after")))),
                    diff.changedRows());
            assertEquals(List.of("k"), diff.keyColumns());
        }
    }
}
