package dev.petdb.cli.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the tables of a SQLite file from its catalog: PRAGMA table_list, table_info, index_list, index_xinfo and
 * foreign_key_list, and each table's CREATE statement in sqlite_master (for AUTOINCREMENT).
 */
final class SqliteSchemaReader {
    private static final Pattern AUTOINCREMENT = Pattern.compile("\\bAUTOINCREMENT\\b", Pattern.CASE_INSENSITIVE);
    /** Parts of a CREATE TABLE that the import does not translate: the plan says so rather than drop them silently. */
    private static final Map<String, Pattern> NOT_CARRIED_OVER = new TreeMap<>(Map.of(
            "CHECK constraints", Pattern.compile("\\bCHECK\\s*\\(", Pattern.CASE_INSENSITIVE),
            "COLLATE clauses", Pattern.compile("\\bCOLLATE\\s+\\w", Pattern.CASE_INSENSITIVE),
            "generated columns", Pattern.compile("\\bGENERATED\\s+ALWAYS\\b|\\bAS\\s*\\(", Pattern.CASE_INSENSITIVE),
            "DEFERRABLE foreign keys", Pattern.compile("\\bDEFERRABLE\\b", Pattern.CASE_INSENSITIVE)));

    private final Connection sqlite;

    /** @param sqlite a connection to the SQLite file */
    SqliteSchemaReader(Connection sqlite) {
        this.sqlite = sqlite;
    }

    /** The file's tables. */
    record Catalog(List<SourceTable> tables, List<String> skipped) {
    }

    /**
     * @return every ordinary table of the file (not SQLite's own sqlite_* tables), by name; virtual tables are
     *         listed as skipped
     */
    Catalog read() throws SQLException {
        List<SourceTable> tables = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (PreparedStatement list = sqlite.prepareStatement("SELECT name, type, wr FROM pragma_table_list "
                + "WHERE schema = 'main' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
            try (ResultSet rs = list.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    switch (rs.getString(2)) {
                        case "table" -> tables.add(new SourceTable(name, null, null, null, false, rs.getInt(3) == 1,
                                null, null, null, null));
                        case "virtual" -> skipped.add(name + " (a virtual table)");
                        default -> { } // views are not data; shadow tables belong to their virtual table
                    }
                }
            }
        }
        List<SourceTable> described = new ArrayList<>();
        for (SourceTable table : tables) {
            described.add(describe(table.name(), table.withoutRowid()));
        }
        return new Catalog(described, skipped);
    }

    private SourceTable describe(String table, boolean withoutRowid) throws SQLException {
        List<SourceTable.Column> columns = new ArrayList<>();
        Map<Integer, String> keyParts = new TreeMap<>();
        try (PreparedStatement info = sqlite.prepareStatement(
                "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid")) {
            info.setString(1, table);
            try (ResultSet rs = info.executeQuery()) {
                while (rs.next()) {
                    columns.add(new SourceTable.Column(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2),
                            rs.getInt(3) == 1, rs.getString(4)));
                    if (rs.getInt(5) > 0) {
                        keyParts.put(rs.getInt(5), rs.getString(1));
                    }
                }
            }
        }
        List<String> primaryKey = List.copyOf(keyParts.values());
        String rowidAlias = null;
        if (!withoutRowid && primaryKey.size() == 1) {
            String key = primaryKey.getFirst();
            boolean integer = columns.stream().anyMatch(c -> c.name().equals(key)
                    && c.declaredType().strip().equalsIgnoreCase("INTEGER"));
            rowidAlias = integer ? key : null;
        }
        String createSql = createSql(table);
        boolean autoincrement = rowidAlias != null && createSql != null && AUTOINCREMENT.matcher(createSql).find();

        List<String> notes = new ArrayList<>();
        if (createSql != null) {
            NOT_CARRIED_OVER.forEach((what, pattern) -> {
                if (pattern.matcher(createSql).find()) {
                    notes.add("its CREATE TABLE has " + what + ", which are not carried over");
                }
            });
        }
        List<List<String>> uniques = new ArrayList<>();
        List<SourceTable.Index> indexes = new ArrayList<>();
        try (PreparedStatement list = sqlite.prepareStatement(
                "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?) ORDER BY seq DESC")) {
            list.setString(1, table);
            try (ResultSet rs = list.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    boolean unique = rs.getInt(2) == 1;
                    String origin = rs.getString(3);
                    if (origin.equals("pk")) {
                        continue;
                    }
                    if (rs.getInt(4) == 1) {
                        notes.add("partial index " + name + " is not carried over");
                        continue;
                    }
                    List<String> indexColumns = new ArrayList<>();
                    List<Boolean> descending = new ArrayList<>();
                    if (!indexColumns(name, rowidAlias, indexColumns, descending)) {
                        notes.add("index " + name + " on an expression is not carried over");
                        continue;
                    }
                    if (origin.equals("u")) {
                        uniques.add(List.copyOf(indexColumns));
                    } else {
                        indexes.add(new SourceTable.Index(name, unique, List.copyOf(indexColumns), List.copyOf(descending)));
                    }
                }
            }
        }
        return new SourceTable(table, List.copyOf(columns), primaryKey, rowidAlias, autoincrement, withoutRowid,
                List.copyOf(uniques), List.copyOf(indexes), foreignKeys(table), List.copyOf(notes));
    }

    /** @return false when the index has an expression (or the rowid without an alias) among its keys */
    private boolean indexColumns(String index, String rowidAlias, List<String> columns, List<Boolean> descending)
            throws SQLException {
        try (PreparedStatement info = sqlite.prepareStatement(
                "SELECT cid, name, \"desc\" FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno")) {
            info.setString(1, index);
            try (ResultSet rs = info.executeQuery()) {
                while (rs.next()) {
                    int cid = rs.getInt(1);
                    if (cid == -2 || (cid == -1 && rowidAlias == null)) {
                        return false;
                    }
                    columns.add(cid == -1 ? rowidAlias : rs.getString(2));
                    descending.add(rs.getInt(3) == 1);
                }
            }
        }
        return !columns.isEmpty();
    }

    private List<SourceTable.ForeignKey> foreignKeys(String table) throws SQLException {
        Map<Integer, List<String[]>> byId = new LinkedHashMap<>();
        try (PreparedStatement list = sqlite.prepareStatement("SELECT id, \"table\", \"from\", \"to\", on_update, "
                + "on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq")) {
            list.setString(1, table);
            try (ResultSet rs = list.executeQuery()) {
                while (rs.next()) {
                    byId.computeIfAbsent(rs.getInt(1), id -> new ArrayList<>()).add(new String[] {
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)});
                }
            }
        }
        List<SourceTable.ForeignKey> keys = new ArrayList<>();
        for (List<String[]> parts : byId.values()) {
            String[] first = parts.getFirst();
            List<String> from = parts.stream().map(p -> p[1]).toList();
            boolean toPrimaryKey = parts.stream().anyMatch(p -> p[2] == null);
            List<String> to = toPrimaryKey ? List.of() : parts.stream().map(p -> p[2]).toList();
            keys.add(new SourceTable.ForeignKey(from, first[0], to, first[3], first[4]));
        }
        return List.copyOf(keys);
    }

    private String createSql(String table) throws SQLException {
        try (PreparedStatement statement = sqlite.prepareStatement(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * @param table an AUTOINCREMENT table
     * @return the highest id it ever handed out, from sqlite_sequence (0 when none)
     */
    long sequence(String table) throws SQLException {
        try (PreparedStatement exists = sqlite.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'");
             ResultSet rs = exists.executeQuery()) {
            if (!rs.next()) {
                return 0;
            }
        }
        try (PreparedStatement statement = sqlite.prepareStatement("SELECT seq FROM sqlite_sequence WHERE name = ?")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
