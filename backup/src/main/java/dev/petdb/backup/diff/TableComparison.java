package dev.petdb.backup.diff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.petdb.dburl.SqlText;


/**
 * Compares one table's rows in two databases of the same server without loading either side: both are read through a
 * cursor, ordered by the key's text as UTF-8 bytes ({@code convert_to(k::text, 'UTF8')}, a byte order Java reproduces
 * as code point order, whatever each database's collation and encoding), and merged. The key is the live table's
 * primary key, or every column when it has none, so that duplicate rows count as a multiset. Values are compared as
 * PostgreSQL's text output of each column, read over connections with the same settings.
 */
public final class TableComparison {
    private static final int FETCH = 1000;

    private TableComparison() {
    }

    /**
     * @param backup a connection to the database the backup's table was restored into, in a transaction of its own
     * @param live   a connection to the live database, in a read-only transaction of its own
     * @param schema the table's schema
     * @param table  the table
     * @param limit  how many examples of each kind to keep
     * @return what changed
     */
    public static TableDiff compare(Connection backup, Connection live, String schema, String table, int limit)
            throws SQLException {
        String name = SqlText.identifier(schema) + "." + SqlText.identifier(table);
        List<String> liveColumns = columns(live, name);
        List<String> backupColumns = columns(backup, name);
        List<String> notes = new ArrayList<>();
        List<String> common = new ArrayList<>();
        for (String column : liveColumns) {
            if (backupColumns.contains(column)) {
                common.add(column);
            } else {
                notes.add("column " + column + " was added since the backup and is not compared");
            }
        }
        backupColumns.stream().filter(c -> !liveColumns.contains(c))
                .forEach(c -> notes.add("column " + c + " is only in the backup and is not compared"));
        List<String> primaryKey = primaryKey(live, name);
        if (!primaryKey.isEmpty() && !common.containsAll(primaryKey)) {
            notes.add("the primary key's columns are not all in the backup: rows are compared whole");
            primaryKey = List.of();
        }
        List<String> key = primaryKey.isEmpty() ? common : primaryKey;
        List<String> values = common.stream().filter(c -> !key.contains(c)).toList();
        String query = query(name, key, values);
        try (PreparedStatement b = backup.prepareStatement(query); PreparedStatement l = live.prepareStatement(query)) {
            b.setFetchSize(FETCH);
            l.setFetchSize(FETCH);
            try (ResultSet backupRows = b.executeQuery(); ResultSet liveRows = l.executeQuery()) {
                Merge merge = new Merge(key, values, !primaryKey.isEmpty(), limit);
                merge.run(new Cursor(backupRows, key.size(), values.size()), new Cursor(liveRows, key.size(), values.size()));
                return new TableDiff(schema, table, primaryKey, merge.backupRows, merge.liveRows, merge.deleted,
                        merge.added, merge.changed, List.copyOf(merge.deletedRows), List.copyOf(merge.addedRows),
                        List.copyOf(merge.changedRows), List.copyOf(notes));
            }
        }
    }

    /**
     * The key's columns, then the others, as text; ordered by the key's UTF-8 bytes, SQL NULL last. ONLY: a parent's
     * own rows, not its inheritance children's, which are tables of their own.
     */
    static String query(String table, List<String> key, List<String> values) {
        List<String> select = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (String column : key) {
            select.add("t." + SqlText.identifier(column) + "::text");
            order.add("convert_to(t." + SqlText.identifier(column) + "::text, 'UTF8')");
        }
        values.forEach(column -> select.add("t." + SqlText.identifier(column) + "::text"));
        return "SELECT " + (select.isEmpty() ? "1" : String.join(", ", select)) + " FROM ONLY " + table + " t"
                + (order.isEmpty() ? "" : " ORDER BY " + String.join(", ", order));
    }

    /**
     * The order of {@code convert_to(text, 'UTF8')} in PostgreSQL: byte by byte, a prefix first; UTF-8's byte order
     * is the order of code points. SQL NULL sorts last, as {@code ORDER BY} puts it.
     */
    static int compareText(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static List<String> columns(Connection connection, String table) throws SQLException {
        return names(connection, "SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0"
                + " AND NOT attisdropped ORDER BY attnum", table);
    }

    private static List<String> primaryKey(Connection connection, String table) throws SQLException {
        return names(connection, "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                + " AND a.attnum = ANY (i.indkey) WHERE i.indrelid = ?::regclass AND i.indisprimary"
                + " ORDER BY array_position(i.indkey::int2[], a.attnum)", table);
    }

    private static List<String> names(Connection connection, String sql, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** One side's rows, one at a time. */
    private static final class Cursor {
        private final ResultSet rows;
        private final int keys;
        private final int values;
        private List<String> key;
        private List<String> value;

        Cursor(ResultSet rows, int keys, int values) throws SQLException {
            this.rows = rows;
            this.keys = keys;
            this.values = values;
            advance();
        }

        boolean hasRow() {
            return key != null;
        }

        private void advance() throws SQLException {
            if (!rows.next()) {
                key = null;
                value = null;
                return;
            }
            key = read(1, keys);
            value = read(keys + 1, values);
        }

        private List<String> read(int from, int count) throws SQLException {
            List<String> texts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                texts.add(rows.getString(from + i));
            }
            return texts;
        }

        /** @return how many rows, from this one on, have {@code key}; moves past them */
        long skip(List<String> key) throws SQLException {
            long n = 0;
            while (hasRow() && Objects.equals(this.key, key)) {
                n++;
                advance();
            }
            return n;
        }
    }

    /** Walks both sides in step, counting and keeping examples. */
    private static final class Merge {
        private final List<String> keyColumns;
        private final List<String> valueColumns;
        private final boolean byPrimaryKey;
        private final int limit;
        long backupRows;
        long liveRows;
        long deleted;
        long added;
        long changed;
        final List<RowExample> deletedRows = new ArrayList<>();
        final List<RowExample> addedRows = new ArrayList<>();
        final List<RowExample> changedRows = new ArrayList<>();

        Merge(List<String> keyColumns, List<String> valueColumns, boolean byPrimaryKey, int limit) {
            this.keyColumns = keyColumns;
            this.valueColumns = valueColumns;
            this.byPrimaryKey = byPrimaryKey;
            this.limit = limit;
        }

        void run(Cursor backup, Cursor live) throws SQLException {
            while (backup.hasRow() || live.hasRow()) {
                int order = !backup.hasRow() ? 1 : !live.hasRow() ? -1 : compareKeys(backup.key, live.key);
                List<String> key = order <= 0 ? backup.key : live.key;
                List<String> before = order <= 0 ? backup.value : null;
                List<String> after = order >= 0 ? live.value : null;
                long inBackup = order <= 0 ? backup.skip(key) : 0;
                long inLive = order >= 0 ? live.skip(key) : 0;
                backupRows += inBackup;
                liveRows += inLive;
                if (inBackup > inLive) {
                    deleted += inBackup - inLive;
                    keep(deletedRows, new RowExample(keyOf(key), inBackup - inLive, List.of()));
                } else if (inLive > inBackup) {
                    added += inLive - inBackup;
                    keep(addedRows, new RowExample(keyOf(key), inLive - inBackup, List.of()));
                }
                if (byPrimaryKey && before != null && after != null && !before.equals(after)) {
                    changed++;
                    List<ColumnChange> changes = new ArrayList<>();
                    for (int i = 0; i < valueColumns.size(); i++) {
                        if (!Objects.equals(before.get(i), after.get(i))) {
                            changes.add(new ColumnChange(valueColumns.get(i), before.get(i), after.get(i)));
                        }
                    }
                    keep(changedRows, new RowExample(keyOf(key), 1, List.copyOf(changes)));
                }
            }
        }

        private void keep(List<RowExample> examples, RowExample example) {
            if (examples.size() < limit) {
                examples.add(example);
            }
        }

        private Map<String, String> keyOf(List<String> key) {
            Map<String, String> named = new LinkedHashMap<>();
            for (int i = 0; i < keyColumns.size(); i++) {
                named.put(keyColumns.get(i), key.get(i));
            }
            return Collections.unmodifiableMap(named);
        }

        private static int compareKeys(List<String> a, List<String> b) {
            for (int i = 0; i < a.size(); i++) {
                int c = compareText(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
    }
}
