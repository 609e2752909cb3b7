package dev.petdb.cli;

import java.sql.SQLException;

/**
 * Turning database errors into one line for the operator.
 */
public final class Sql {
    private Sql() {
    }

    /**
     * @param e a database error
     * @return its first line, without the driver's "ERROR: " prefix
     */
    public static String reason(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return first.startsWith("ERROR: ") ? first.substring("ERROR: ".length()) : first;
    }
}
