package dev.petdb.dburl;

/**
 * petdb's one way to quote SQL it writes itself: identifiers and string literals. Used by the app kit, the backup
 * library and the CLI alike, for PostgreSQL (and SQLite, which quotes the same way).
 */
public final class SqlText {
    private SqlText() {
    }

    /**
     * @param name a schema, table, column or role name exactly as the catalog stores it
     * @return the name double-quoted, inner quotes doubled
     */
    public static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * @param value text
     * @return a standard string literal (standard_conforming_strings is on in every supported server)
     */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
