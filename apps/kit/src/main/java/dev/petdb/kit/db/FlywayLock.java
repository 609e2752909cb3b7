package dev.petdb.kit.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.petdb.kit.config.StartupException;

/**
 * Flyway's own lock on an app's schema. On PostgreSQL, Flyway 11 ({@code PostgreSQLConnection.lock},
 * {@code PostgreSQLAdvisoryLockTemplate}) always takes the advisory lock {@code 0x466C79776179} ("Flyway") plus the
 * Java hash of the quoted history table name, retries it 50 times a second apart, and has no setting to skip it.
 * Any role may take any advisory key, so another app can hold this one. The app's own {@link MigrationLock} is held
 * first, so no instance of this app can be holding it: a holder of another role is named at once, instead of Flyway
 * giving up a minute later with a message about retries.
 */
final class FlywayLock {
    private static final long FLYWAY = 0x466C79776179L;

    private FlywayLock() {
    }

    /**
     * @param schema the app's schema
     * @return the advisory key Flyway locks while it migrates {@code schema}
     */
    static long key(String schema) {
        String table = "\"" + schema.replace("\"", "\"\"") + "\".\"flyway_schema_history\"";
        return FLYWAY + table.hashCode();
    }

    /**
     * @param connection a connection of the app's role
     * @param schema     the app's schema
     * @throws StartupException naming the sessions of other roles that hold Flyway's lock on {@code schema}
     */
    static void requireNotHeldByOtherRoles(Connection connection, String schema) throws SQLException {
        String sql = """
                SELECT a.pid, a.usename, a.application_name
                FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                  AND ((l.classid::bigint << 32) | l.objid::bigint) = ?
                  AND a.usename IS DISTINCT FROM current_user
                ORDER BY a.pid""";
        List<String> holders = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, key(schema));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    // PostgreSQL keeps application_name to printable ASCII
                    holders.add("pid " + rs.getInt(1) + " of role " + rs.getString(2) + " (application '"
                            + rs.getString(3) + "')");
                }
            }
        }
        if (!holders.isEmpty()) {
            throw new StartupException("schema " + schema + " cannot be migrated: Flyway's advisory lock for it (key "
                    + key(schema) + ") is held by " + String.join(", ", holders) + ", a role that is not this app's;"
                    + " an admin can end it with SELECT pg_terminate_backend(pid), then run the release again");
        }
    }
}
