package dev.petdb.backup.restore;

/** The backup library's one way to quote SQL it writes: identifiers and string literals. */
public final class SqlText {
    private SqlText() {
    }

    /**
     * @param name a schema, table or column name as the catalog stores it
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
