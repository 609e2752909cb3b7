package dev.petdb.cli.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.petdb.cli.CliException;
import dev.petdb.dburl.SqlErrors;

/**
 * The connections the app roles may hold together, against what the server can give them.
 *
 * @param maxConnections the server's {@code max_connections}
 * @param reserved       connections kept for superusers (and, on PostgreSQL 16 and later, {@code reserved_connections})
 * @param promised       the sum of the app roles' connection limits
 * @param apps           how many app roles there are
 * @param unlimited      the app roles without a connection limit, comma-separated, or null when there are none
 */
public record ConnectionBudget(int maxConnections, int reserved, long promised, int apps, String unlimited) {

    /**
     * @param connection an admin connection
     * @return the budget as the server stands now
     * @throws CliException when the server cannot be queried
     */
    public static ConnectionBudget read(Connection connection) {
        String sql = """
                SELECT current_setting('max_connections')::int,
                       current_setting('superuser_reserved_connections')::int
                         + coalesce(current_setting('reserved_connections', true)::int, 0),
                       (SELECT coalesce(sum(rolconnlimit) FILTER (WHERE rolconnlimit >= 0), 0)
                          FROM pg_roles WHERE shobj_description(oid, 'pg_authid') = ?),
                       (SELECT count(*) FROM pg_roles WHERE shobj_description(oid, 'pg_authid') = ?),
                       (SELECT string_agg(rolname, ', ' ORDER BY rolname) FROM pg_roles
                         WHERE shobj_description(oid, 'pg_authid') = ? AND rolconnlimit < 0)""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 1; i <= 3; i++) {
                statement.setString(i, SchemaProvisioner.MARKER);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new ConnectionBudget(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getInt(4), rs.getString(5));
            }
        } catch (SQLException e) {
            throw CliException.failure("cannot read the connection budget: " + SqlErrors.reason(e), e);
        }
    }

    /**
     * @param connectionLimit the limit of an app about to be created
     * @return the budget once that app exists
     */
    public ConnectionBudget withApp(int connectionLimit) {
        return new ConnectionBudget(maxConnections, reserved, promised + connectionLimit, apps + 1, unlimited);
    }

    /** @return connections left for the app roles: {@code max_connections} less the reserved ones */
    public int available() {
        return maxConnections - reserved;
    }

    /** @return whether the app roles may together hold more connections than the server gives them */
    public boolean overCommitted() {
        return promised > available();
    }

    /** @return one line, such as {@code connection budget: 2 app role(s) may hold 20 of 97 connections (...)} */
    public String describe() {
        return "connection budget: " + apps + " app role(s) may hold " + promised + " of " + available()
                + " connections (max_connections " + maxConnections + ", " + reserved + " reserved)"
                + (overCommitted() ? ": lower some app's limit or raise max_connections" : "");
    }
}
