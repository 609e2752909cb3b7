package dev.petdb.cli.doctor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.petdb.cli.schema.SchemaProvisioner;

/**
 * App sessions left idle in an open transaction longer than their {@code idle_in_transaction_session_timeout}
 * allows: the server would have ended them, so the session lifted its own limit ({@code SET}, which no role can be
 * denied). Such a session holds its locks, and with a snapshot or a transaction id it holds back vacuum for every app.
 */
final class IdleTransactions {
    /** petdb's default limit, for a role that has none left. */
    private static final long DEFAULT_LIMIT_MS = 60_000;
    /** The server ends a session at its limit, not before: a little over it is not yet a lifted limit. */
    private static final long GRACE_MS = 1_000;

    private IdleTransactions() {
    }

    /**
     * @param connection an admin connection to petdb
     * @return one OK line, or one problem per session over its limit
     */
    static List<DoctorCommand.Check> check(Connection connection) throws SQLException {
        String sql = """
                SELECT a.usename, a.pid, a.application_name, a.datname,
                       (extract(epoch FROM now() - a.state_change) * 1000)::bigint,
                       age(a.backend_xmin), a.backend_xid IS NOT NULL,
                       coalesce((SELECT s.setconfig FROM pg_db_role_setting s
                                  WHERE s.setrole = a.usesysid AND s.setdatabase = a.datid
                                    AND s.setconfig::text LIKE '%idle_in_transaction_session_timeout=%'),
                                (SELECT s.setconfig FROM pg_db_role_setting s
                                  WHERE s.setrole = a.usesysid AND s.setdatabase = 0)),
                       a.state IS NULL
                FROM pg_stat_activity a
                WHERE shobj_description(a.usesysid, 'pg_authid') = ?
                  AND (a.state LIKE 'idle in transaction%' OR a.state IS NULL)
                ORDER BY a.usename, a.pid""";
        List<DoctorCommand.Check> problems = new ArrayList<>();
        int hidden = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, SchemaProvisioner.MARKER);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(9)) {
                        hidden++;
                        continue;
                    }
                    String configured = RoleSetting.parse(rs.getArray(8)).get("idle_in_transaction_session_timeout");
                    long set = configured == null ? 0 : RoleSetting.millis(configured).orElse(0L);
                    long limit = set > 0 ? set : DEFAULT_LIMIT_MS;
                    String limitText = set > 0 ? configured : DEFAULT_LIMIT_MS / 1000 + "s (petdb's default; the role has none)";
                    long idle = rs.getLong(5);
                    if (idle <= limit + GRACE_MS) {
                        continue;
                    }
                    String vacuum = rs.getString(6) != null
                            ? "holds back vacuum (its snapshot is " + rs.getLong(6) + " transactions old)"
                            : rs.getBoolean(7) ? "holds back vacuum (it has written)" : "holds its locks";
                    problems.add(new DoctorCommand.Check(false, "idle transaction: " + rs.getString(1) + " session pid "
                            + rs.getInt(2) + " (application '" + rs.getString(3) + "', database " + rs.getString(4)
                            + ") has been idle in a transaction for " + idle / 1000 + " s, beyond its limit of "
                            + limitText + " (the session lifted it); it " + vacuum
                            + ": end it with SELECT pg_terminate_backend(" + rs.getInt(2) + ")"));
                }
            }
        }
        if (hidden > 0) {
            problems.add(new DoctorCommand.Check(false, "idle transactions: cannot see the state of " + hidden
                    + " app session(s): grant pg_read_all_stats to the admin role"));
        }
        return problems.isEmpty()
                ? List.of(new DoctorCommand.Check(true, "idle transactions: no app session is idle in a transaction"
                        + " beyond its limit"))
                : problems;
    }
}
