package dev.petdb.kit.db;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a database that cannot be reached from a query that went wrong: the first is worth a 503 and a retry.
 */
public final class DatabaseOutage {
    private DatabaseOutage() {
    }

    /**
     * @param failure anything thrown while talking to the database
     * @return true when some cause in the chain says the database is unreachable, shutting down or out of connections
     */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P01-03: server shutting down or starting; 53300: too many connections
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                        || state.equals("53300")) {
                    return true;
                }
            }
        }
        return false;
    }
}
