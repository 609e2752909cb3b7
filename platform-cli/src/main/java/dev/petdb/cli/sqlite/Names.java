package dev.petdb.cli.sqlite;

import java.nio.charset.StandardCharsets;

/**
 * Which SQLite names PostgreSQL keeps whole. Both SQLite and PostgreSQL quote identifiers the same way
 * ({@link dev.petdb.dburl.SqlText}), so every name (capitals, spaces, reserved words) is always quoted and kept
 * exactly as it is, as long as it fits.
 */
final class Names {
    /** PostgreSQL's limit on identifiers, in bytes (NAMEDATALEN - 1). */
    static final int PG_MAX_BYTES = 63;

    private Names() {
    }

    /** @return whether PostgreSQL would keep the name whole (it truncates longer ones) */
    static boolean fitsPostgres(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length <= PG_MAX_BYTES && name.indexOf('\0') < 0;
    }
}
