package dev.petdb.backup.restore;

/** Quoting for the SQL the restores write into psql: identifiers and string literals. */
final class SqlText {
    private SqlText() {
    }

    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
