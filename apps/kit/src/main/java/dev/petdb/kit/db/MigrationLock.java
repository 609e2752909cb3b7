package dev.petdb.kit.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.petdb.dburl.SqlErrors;
import dev.petdb.dburl.SqlText;
import dev.petdb.kit.config.StartupException;


/**
 * The lock that makes an app's instances migrate one at a time: {@code LOCK TABLE APP.petdb_migration_lock IN
 * EXCLUSIVE MODE}, held in an open transaction while Flyway runs on other connections. Unlike an advisory lock, which
 * any role may take on any key, only a role with rights in the app's schema can take or queue for it: another app's
 * role is refused ("permission denied for schema"), and the {@code ACCESS SHARE} lock that some functions take on
 * any table without checking rights (such as {@code pg_relation_size(oid)}) does not conflict with it. The open
 * transaction holds no snapshot, so it does not hold back vacuum.
 * <p>
 * The first migration of a schema goes without it: Flyway refuses a schema that has tables but no history table, so
 * the lock table is made only once the history table exists. Until then Flyway's own lock alone serialises instances
 * ({@link FlywayLock}).
 */
final class MigrationLock implements AutoCloseable {
    static final String TABLE = "petdb_migration_lock";
    /** How long an instance waits for another instance of the same app to finish migrating. */
    static final String WAIT = "2min";
    private static final Pattern DURATION = Pattern.compile("[0-9]{1,6}(ms|s|min)");

    /** Null when nothing is held (the schema has no history yet). */
    private final Connection connection;

    private MigrationLock(Connection connection) {
        this.connection = connection;
    }

    /**
     * Creates the lock table when missing, then waits for the lock; does nothing before the schema's first migration.
     *
     * @param connection a connection of the app's role, used for nothing else until {@link #close}
     * @param schema     the app's schema
     * @return the held lock; closing it releases the lock
     * @throws StartupException naming who holds the lock when it is not free within {@link #WAIT}, or why the
     *                          table cannot be created
     */
    static MigrationLock take(Connection connection, String schema) throws SQLException {
        return take(connection, schema, WAIT);
    }

    /** {@link #take(Connection, String)} with another wait, such as {@code 1s}. */
    static MigrationLock take(Connection connection, String schema, String wait) throws SQLException {
        if (!DURATION.matcher(wait).matches()) {
            throw new IllegalArgumentException("not a duration: " + wait);
        }
        String table = SqlText.identifier(schema) + "." + TABLE;
        if (!exists(connection, SqlText.identifier(schema) + ".flyway_schema_history")) {
            return new MigrationLock(null);
        }
        createTable(connection, schema, table);
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = '" + wait + "'");
            statement.execute("SET LOCAL statement_timeout = 0");
            // the lock lives as long as this transaction, which sits idle while Flyway works on other connections
            statement.execute("SET LOCAL idle_in_transaction_session_timeout = 0");
            statement.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
        } catch (SQLException e) {
            connection.rollback();
            if ("55P03".equals(e.getSQLState())) {
                throw new StartupException("waited " + wait + " for the migration lock of schema " + schema + ": "
                        + holders(connection, table) + "; retry when that migration has ended", e);
            }
            throw new StartupException("cannot take the migration lock of schema " + schema + ": " + SqlErrors.reason(e), e);
        }
        return new MigrationLock(connection);
    }

    /** Creates the table when missing; a concurrent instance may create it at the same time, so it looks again. */
    private static void createTable(Connection connection, String schema, String table) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            // look first: CREATE TABLE IF NOT EXISTS checks the right to create before it looks
            if (exists(connection, table)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + table + " ()");
                return;
            } catch (SQLException e) {
                // 23505: two IF NOT EXISTS raced on the catalog's unique index; the other one won
                if (attempt == 1 && "23505".equals(e.getSQLState())) {
                    continue;
                }
                throw new StartupException("cannot create the migration lock table " + schema + "." + TABLE + ": "
                        + SqlErrors.reason(e), e);
            }
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String holders(Connection connection, String table) {
        String sql = """
                SELECT a.pid, a.usename, a.application_name,
                       extract(epoch FROM now() - a.xact_start)::bigint
                FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'relation' AND l.granted AND l.relation = to_regclass(?)
                  AND l.mode = 'ExclusiveLock'
                ORDER BY a.pid""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, table);
            List<String> found = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.add("pid " + rs.getInt(1) + " of role " + rs.getString(2) + " (application '"
                            + rs.getString(3) + "') has held it for " + rs.getLong(4) + " s");
                }
            }
            return found.isEmpty() ? "the session that held it has just let go" : String.join(", ", found);
        } catch (SQLException e) {
            return "who holds it is unknown (" + SqlErrors.reason(e) + ")";
        }
    }

    /** Ends the transaction, which releases the lock; again does nothing. */
    @Override
    public void close() throws SQLException {
        if (connection != null && !connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }
}
