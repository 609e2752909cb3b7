package dev.petdb.cli.sqlite;

/**
 * Quoting identifiers on both sides. Both SQLite and PostgreSQL quote with double quotes and double any double quote
 * inside, so every name (capitals, spaces, reserved words) is always quoted and kept exactly as it is.
 */
final class Names {
    /** PostgreSQL's limit on identifiers, in bytes (NAMEDATALEN - 1). */
    static final int PG_MAX_BYTES = 63;

    private Names() {
    }

    /** @return {@code name} as a quoted identifier, for SQLite and PostgreSQL alike */
    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** @return {@code 'text'} as an SQL string literal (standard_conforming_strings) */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** @return whether PostgreSQL would keep the name whole (it truncates longer ones) */
    static boolean fitsPostgres(String name) {
        return name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= PG_MAX_BYTES && name.indexOf('\0') < 0;
    }
}
