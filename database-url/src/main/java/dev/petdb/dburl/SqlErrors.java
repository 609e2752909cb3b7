package dev.petdb.dburl;

import java.sql.SQLException;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * petdb's one way to turn a database error into one line for the operator or a log: the CLI, the backup library and
 * the app kit all report SQL failures through {@link #reason}.
 */
public final class SqlErrors {
    private SqlErrors() {
    }

    /**
     * @param e a database error
     * @return its first line without the driver's "ERROR: " prefix, with the server's detail (such as which object
     *         depends on which) or the underlying cause (such as an unknown host) after it
     */
    public static String reason(SQLException e) {
        String reason = firstLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        if (reason.startsWith("ERROR: ")) {
            reason = reason.substring("ERROR: ".length());
        }
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        if (server != null && server.getDetail() != null) {
            reason += " (" + String.join("; ", server.getDetail().strip().lines().toList()) + ")";
        } else if (e.getCause() != null && e.getCause() != e) {
            Throwable cause = e.getCause();
            reason = reason.replaceAll("\\.$", "") + " (" + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage())) + ")";
        }
        return reason;
    }

    /**
     * @param text a message, possibly several lines, possibly null
     * @return its first line, trimmed ({@code "unknown error"} for null or blank)
     */
    public static String firstLine(String text) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty()) {
            return "unknown error";
        }
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline);
    }
}
