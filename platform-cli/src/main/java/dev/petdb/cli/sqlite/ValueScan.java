package dev.petdb.cli.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.petdb.dburl.SqlText;

/**
 * One pass over a SQLite table, in SQLite itself: the row count, per column how many values of each storage class it
 * holds, and for date, time and boolean columns how many values parse. Example rowids of values that do not fit are
 * looked up afterwards, only for the columns that have them. Then SQLite's own foreign key check.
 */
final class ValueScan {
    /** The kind {@link #example} takes for a BOOLEAN column's integers other than 0 and 1. */
    static final String NOT_BOOLEAN = "integer other than 0 and 1";
    private static final List<String> KINDS = List.of("integer", "real", "text", "blob");

    private final Connection sqlite;

    /** @param sqlite a connection to the SQLite file */
    ValueScan(Connection sqlite) {
        this.sqlite = sqlite;
    }

    /**
     * @param rows    the table's rows
     * @param columns each column's stats, by name
     */
    record TableScan(long rows, Map<String, ColumnStats> columns) {
    }

    /**
     * @return what {@code table} holds. The first pass counts, per column, the values of the one storage class its
     *         declared type expects; only the columns where that is not every value get a second pass that counts
     *         each storage class.
     */
    TableScan scan(SourceTable table) throws SQLException {
        List<SourceTable.Column> columns = table.columns();
        StringBuilder sql = new StringBuilder("SELECT count(*)");
        for (SourceTable.Column column : columns) {
            String c = SqlText.identifier(column.name());
            sql.append(", count(").append(c).append("), sum(typeof(").append(c).append(") = '")
                    .append(expected(column.declaredType())).append("'), ").append(parsed(column.declaredType(), c));
        }
        sql.append(" FROM ").append(SqlText.identifier(table.name()));
        long rows;
        long[][] first = new long[columns.size()][3];
        try (Statement statement = sqlite.createStatement(); ResultSet rs = statement.executeQuery(sql.toString())) {
            rs.next();
            rows = rs.getLong(1);
            for (int i = 0; i < columns.size(); i++) {
                for (int k = 0; k < 3; k++) {
                    first[i][k] = rs.getLong(2 + i * 3 + k);
                }
            }
        }
        List<Integer> mixed = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (first[i][0] != first[i][1]) {
                mixed.add(i);
            }
        }
        long[][] kinds = new long[columns.size()][];
        if (!mixed.isEmpty()) {
            StringBuilder second = new StringBuilder("SELECT 0");
            for (int i : mixed) {
                String c = SqlText.identifier(columns.get(i).name());
                for (String kind : KINDS) {
                    second.append(", sum(typeof(").append(c).append(") = '").append(kind).append("')");
                }
            }
            second.append(" FROM ").append(SqlText.identifier(table.name()));
            try (Statement statement = sqlite.createStatement();
                 ResultSet rs = statement.executeQuery(second.toString())) {
                rs.next();
                int index = 2;
                for (int i : mixed) {
                    kinds[i] = new long[KINDS.size()];
                    for (int k = 0; k < KINDS.size(); k++) {
                        kinds[i][k] = rs.getLong(index++);
                    }
                }
            }
        }
        Map<String, ColumnStats> stats = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            long[] counts = kinds[i];
            if (counts == null) {
                counts = new long[KINDS.size()];
                counts[KINDS.indexOf(expected(columns.get(i).declaredType()))] = first[i][0];
            }
            stats.put(columns.get(i).name(), new ColumnStats(counts[0], counts[1], counts[2], counts[3],
                    rows - first[i][0], first[i][2]));
        }
        return new TableScan(rows, stats);
    }

    /** The storage class a declared type's values are expected to have (most columns hold only that). */
    private static String expected(String declared) {
        String type = declared.toUpperCase(Locale.ROOT);
        return switch (TypeMapping.affinity(declared)) {
            case INTEGER -> "integer";
            case REAL -> "real";
            case TEXT -> "text";
            case BLOB -> type.isBlank() ? "text" : "blob";
            case NUMERIC -> type.contains("DATE") || type.contains("TIME") ? "text" : "integer";
        };
    }

    /** The count that the declared type asks for (see TypeMapping): dates, times or timestamps that parse, or 0/1. */
    private static String parsed(String declared, String c) {
        String type = declared.toUpperCase(Locale.ROOT);
        if (TypeMapping.affinity(declared) != TypeMapping.Affinity.NUMERIC) {
            return "0";
        }
        if (type.contains("BOOL")) {
            return "sum(typeof(" + c + ") = 'integer' AND " + c + " IN (0, 1))";
        }
        if (!type.contains("DATE") && !type.contains("TIME")) {
            return "0";
        }
        String function = type.contains("DATETIME") || type.contains("TIMESTAMP") ? "datetime"
                : type.contains("DATE") ? "date" : "time";
        return "sum(typeof(" + c + ") = 'text' AND " + function + "(" + c + ") IS " + c + ")";
    }

    /**
     * @param table  the table
     * @param column one of its columns
     * @param kind   a storage class ("integer", "real", "text", "blob", "null") or {@link #NOT_BOOLEAN}
     * @return the smallest rowid whose value in {@code column} is of that kind, or null (none, or no rowid)
     */
    Long example(SourceTable table, String column, String kind) throws SQLException {
        String rowid = rowidName(table);
        if (rowid.equals("NULL")) {
            return null;
        }
        String c = SqlText.identifier(column);
        String where = kind.equals(NOT_BOOLEAN) ? "typeof(" + c + ") = 'integer' AND " + c + " NOT IN (0, 1)"
                : "typeof(" + c + ") = " + SqlText.literal(kind);
        try (Statement statement = sqlite.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT min(" + rowid + ") FROM " + SqlText.identifier(table.name()) + " WHERE " + where)) {
            rs.next();
            long value = rs.getLong(1);
            return rs.wasNull() ? null : value;
        }
    }

    /**
     * @param table   the table
     * @param checked the foreign keys (by their index in the table's list) that will be created
     * @return one line per foreign key that rows of the table break (SQLite does not enforce them unless asked)
     */
    List<String> foreignKeyViolations(SourceTable table, Set<Integer> checked) throws SQLException {
        List<String> problems = new ArrayList<>();
        if (checked.isEmpty()) {
            return problems;
        }
        try (PreparedStatement check = sqlite.prepareStatement(
                "SELECT fkid, min(rowid), count(*) FROM pragma_foreign_key_check(?) GROUP BY fkid ORDER BY fkid")) {
            check.setString(1, table.name());
            try (ResultSet rs = check.executeQuery()) {
                while (rs.next()) {
                    int key = rs.getInt(1);
                    if (!checked.contains(key)) {
                        continue;
                    }
                    SourceTable.ForeignKey fk = table.foreignKeys().get(key);
                    Object rowid = rs.getObject(2);
                    problems.add("foreign key (" + String.join(", ", fk.columns()) + ") to " + fk.parent() + ": "
                            + rs.getLong(3) + " row(s) refer to no row" + (rowid == null ? "" : ", such as rowid " + rowid));
                }
            }
        }
        return problems;
    }

    /** An expression for the rowid, or NULL for a WITHOUT ROWID table (or one whose columns take all its names). */
    static String rowidName(SourceTable table) {
        if (table.withoutRowid()) {
            return "NULL";
        }
        for (String name : List.of("rowid", "_rowid_", "oid")) {
            if (table.columns().stream().noneMatch(c -> c.name().equalsIgnoreCase(name))) {
                return name;
            }
        }
        return table.rowidAlias() != null ? SqlText.identifier(table.rowidAlias()) : "NULL";
    }
}
