package dev.petdb.cli.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.petdb.cli.CliException;
import dev.petdb.backup.restore.SchemaOwnership;
import dev.petdb.dburl.SqlErrors;
import dev.petdb.dburl.SqlText;
import org.postgresql.util.PasswordUtil;

/**
 * Creates, lists, re-keys and drops app schemas and their login roles in petdb. Each change runs in one transaction
 * under an advisory lock, so it happens whole or not at all, and two operators cannot interleave.
 * <p>
 * App roles carry a marker comment; the provisioner changes no role without it, so it never touches a role or schema
 * it did not create. Identifiers are checked by {@link AppName} and quoted anyway; values are bound, except in DDL,
 * which cannot take parameters: there they are validated ({@link RoleSettings}) and quoted as literals. Passwords go to
 * the server as SCRAM verifiers computed here, so the clear text never appears in its logs.
 */
public final class SchemaProvisioner {
    /** The comment that marks a role as a petdb app role. */
    public static final String MARKER = "petdb app";

    private final Connection connection;

    /**
     * @param connection an admin connection to petdb (a role that may create roles and schemas)
     */
    public SchemaProvisioner(Connection connection) {
        this.connection = connection;
    }

    /** What {@link #create} did. */
    public enum Outcome {
        /** role and schema were made */
        CREATED,
        /** the role was made and given the existing schema */
        ADOPTED,
        /** both existed as a petdb app; the schema lacked its marker comment, which was added */
        MARKED,
        /** both existed as a petdb app, marked; nothing changed */
        ALREADY_EXISTS
    }

    /**
     * Creates login role and schema {@code app}, unless both exist already as a petdb app.
     *
     * @param app      the app
     * @param settings its limits
     * @param password the new role's password
     * @param adopt    when schema {@code app} exists without its role (an app that ran on the superuser's URL):
     *                 create the role and give it the schema and everything in it
     * @return what it did
     * @throws CliException when the name belongs to something that is not a petdb app
     */
    public Outcome create(AppName app, RoleSettings settings, String password, boolean adopt) {
        return inTransaction(() -> {
            boolean roleExists = roleExists(app);
            boolean appRole = roleExists && isAppRole(app);
            boolean schemaExists = schemaOwner(app) != null;
            if (appRole && schemaExists) {
                // schemas made before the marker existed get it here, so a dump of them names the app too
                return markSchema(app) ? Outcome.MARKED : Outcome.ALREADY_EXISTS;
            }
            if (roleExists && !appRole) {
                throw CliException.failure("role " + app + " exists and is not a petdb app role; nothing changed");
            }
            if (schemaExists && !adopt) {
                throw CliException.failure("schema " + app + " exists but was not made by petdb; add --adopt to give it"
                        + " and everything in it to a new role " + app + "; nothing changed");
            }
            if (roleExists) {
                throw CliException.failure("app role " + app + " exists without its schema; drop it with "
                        + "'petdb schema drop " + app + " --yes' and create it again; nothing changed");
            }
            String role = quote(app);
            for (String statement : newRole(app, settings, connection.getCatalog(), password)) {
                execute(statement);
            }
            if (schemaExists) {
                execute("ALTER SCHEMA " + role + " OWNER TO " + role);
                for (String change : SchemaOwnership.statements(connection, app.value())) {
                    execute(change);
                }
            } else {
                execute("CREATE SCHEMA " + role + " AUTHORIZATION " + role);
            }
            execute(schemaComment(app));
            return schemaExists ? Outcome.ADOPTED : Outcome.CREATED;
        });
    }

    /**
     * The statements that make login role {@code app} as {@code petdb schema create} does, schema aside: its
     * attributes and connection limit, the {@link #MARKER} comment, its search_path and timeouts, and its password,
     * sent as a SCRAM verifier computed here (the statements never hold the clear text). Also the revoke that keeps
     * every app out of {@code public}. Used over JDBC by {@link #create} and inside a restore's transaction by
     * {@code petdb backup restore --recreate-roles}, so both make the same role.
     * <p>
     * Timeouts are set for this database, where they take precedence over the role's own (role-wide) settings, and
     * role-wide as well, for any other database the role reaches. The role may still change either for itself:
     * PostgreSQL lets any role run {@code ALTER ROLE} on its own settings, so {@code petdb doctor} checks them.
     *
     * @param app      the app
     * @param settings its limits
     * @param database petdb's database
     * @param password the role's password
     * @return the statements, in order, without terminating semicolons
     */
    public static List<String> newRole(AppName app, RoleSettings settings, String database, String password) {
        String role = quote(app);
        List<String> statements = new ArrayList<>();
        statements.add("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
                + " CONNECTION LIMIT " + settings.connectionLimit());
        statements.add("COMMENT ON ROLE " + role + " IS " + SqlText.literal(MARKER));
        statements.add("ALTER ROLE " + role + " SET search_path = " + role);
        for (var timeout : settings.timeouts().entrySet()) {
            String value = SqlText.literal(timeout.getValue());
            statements.add("ALTER ROLE " + role + " IN DATABASE " + SqlText.identifier(database) + " SET "
                    + timeout.getKey() + " = " + value);
            statements.add("ALTER ROLE " + role + " SET " + timeout.getKey() + " = " + value);
        }
        statements.add(passwordStatement(app, password));
        // PostgreSQL 15 and later do this by default; older databases and old grants may still allow it
        statements.add("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        return statements;
    }

    /**
     * The comment that marks an app's schema, so that a dump (which holds no roles: dokku's backups are
     * {@code pg_dump --no-acl --no-owner}) still says which schemas are petdb apps.
     *
     * @param app the app
     * @return {@code COMMENT ON SCHEMA app IS 'petdb app'}
     */
    public static String schemaComment(AppName app) {
        return "COMMENT ON SCHEMA " + quote(app) + " IS " + SqlText.literal(MARKER);
    }

    /**
     * Refuses an app whose role or schema exists, for a restore that makes every app's role anew.
     *
     * @param app the app
     * @throws CliException when role or schema {@code app} exists
     */
    public void requireNew(AppName app) {
        try {
            if (schemaOwner(app) != null) {
                throw CliException.failure("database " + connection.getCatalog() + " is not empty: schema " + app
                        + " exists, and --recreate-roles restores onto an empty database (a new dokku postgres:create);"
                        + " nothing changed");
            }
            if (roleExists(app) && !isAppRole(app)) {
                throw CliException.failure("role " + app + " exists and is not a petdb app role; nothing changed");
            }
            if (roleExists(app)) {
                throw CliException.failure("app role " + app + " exists already, and --recreate-roles makes every app's"
                        + " role anew: drop it first (petdb schema drop " + app + " --yes); nothing changed");
            }
        } catch (SQLException e) {
            throw CliException.failure("cannot check app " + app + ": " + SqlErrors.reason(e), e);
        }
    }

    /**
     * @param app a name
     * @return whether a role of that name exists, a petdb app's or not
     * @throws CliException when the database cannot be asked
     */
    public boolean hasRole(AppName app) {
        try {
            return roleExists(app);
        } catch (SQLException e) {
            throw CliException.failure("cannot check role " + app + ": " + SqlErrors.reason(e), e);
        }
    }

    /** Adds the marker comment to an app's schema that lacks it. @return whether it was missing */
    private boolean markSchema(AppName app) throws SQLException {
        if (exists("SELECT 1 FROM pg_namespace WHERE nspname = ? AND obj_description(oid, 'pg_namespace') = ?",
                app.value(), MARKER)) {
            return false;
        }
        execute(schemaComment(app));
        return true;
    }

    /**
     * Gives an app role a new password; the old one stops working for new connections.
     *
     * @param app      the app
     * @param password the new password
     */
    public void rotatePassword(AppName app, String password) {
        inTransaction(() -> {
            requireAppRole(app);
            setPassword(app, password);
            return null;
        });
    }

    /**
     * Drops the app's role and everything it owns in this database: its schema and the data in it. The role loses its
     * logins and its sessions end first, so a running app cannot hold the drop up or reconnect in between. When
     * objects of anybody else depend on the app's, nothing is dropped and the role may log in again.
     *
     * @param app the app
     * @return how many sessions of the role were ended
     */
    public int drop(AppName app) {
        inTransaction(() -> {
            requireAppRole(app);
            execute("ALTER ROLE " + quote(app) + " NOLOGIN");
            return null;
        });
        int ended = endSessions(app);
        try {
            inTransaction(() -> {
                execute("SET LOCAL lock_timeout = '30s'");
                // RESTRICT (the default): if another app's object depends on one of these, fail instead of cascading
                execute("DROP OWNED BY " + quote(app));
                if (schemaOwner(app) != null) {
                    execute("DROP SCHEMA " + quote(app));
                }
                execute("DROP ROLE " + quote(app));
                return null;
            });
        } catch (CliException e) {
            inTransaction(() -> {
                execute("ALTER ROLE " + quote(app) + " LOGIN");
                return null;
            });
            throw CliException.failure("cannot drop " + app + ": " + e.getMessage() + "; nothing was dropped"
                    + (ended > 0 ? " (" + ended + " connection(s) were ended; the app may reconnect)" : ""), e);
        }
        return ended;
    }

    private int endSessions(AppName app) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FILTER "
                + "(WHERE pg_terminate_backend(pid, 5000)) FROM pg_stat_activity WHERE usename = ? AND pid <> pg_backend_pid()")) {
            statement.setString(1, app.value());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw CliException.failure("cannot end the connections of " + app + ": " + SqlErrors.reason(e), e);
        }
    }

    /**
     * @return every petdb app with its usage, ordered by name
     */
    public List<AppRole> list() {
        String sql = """
                SELECT r.rolname,
                       pg_get_userbyid(n.nspowner) AS owner,
                       (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p')),
                       (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c
                         WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'm')),
                       (SELECT count(*) FROM pg_stat_activity a WHERE a.usesysid = r.oid),
                       r.rolconnlimit
                FROM pg_roles r
                LEFT JOIN pg_namespace n ON n.nspname = r.rolname
                WHERE shobj_description(r.oid, 'pg_authid') = ?
                ORDER BY r.rolname""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, MARKER);
            List<AppRole> apps = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    apps.add(new AppRole(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getInt(6)));
                }
            }
            return apps;
        } catch (SQLException e) {
            throw CliException.failure("cannot list app schemas: " + SqlErrors.reason(e), e);
        }
    }

    private void requireAppRole(AppName app) throws SQLException {
        if (!roleExists(app)) {
            throw CliException.failure("no app " + app + " in this database; nothing changed");
        }
        if (!isAppRole(app)) {
            throw CliException.failure("role " + app + " is not a petdb app role; nothing changed");
        }
    }

    private void setPassword(AppName app, String password) throws SQLException {
        execute(passwordStatement(app, password));
    }

    /** The server sees a SCRAM verifier only, never the password, so the clear text cannot reach its logs. */
    private static String passwordStatement(AppName app, String password) {
        return "ALTER ROLE " + quote(app) + " PASSWORD "
                + SqlText.literal(PasswordUtil.encodeScramSha256(password.toCharArray()));
    }

    private boolean roleExists(AppName app) throws SQLException {
        return exists("SELECT 1 FROM pg_roles WHERE rolname = ?", app.value());
    }

    private boolean isAppRole(AppName app) throws SQLException {
        return exists("SELECT 1 FROM pg_roles WHERE rolname = ? AND shobj_description(oid, 'pg_authid') = ?",
                app.value(), MARKER);
    }

    private String schemaOwner(AppName app) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = ?")) {
            statement.setString(1, app.value());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private boolean exists(String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String quote(AppName app) {
        return SqlText.identifier(app.value());
    }

    /**
     * Work on an app's schema, run by {@link #inAppTransaction}.
     *
     * @param <T> what it returns
     */
    @FunctionalInterface
    public interface Work<T> {
        /** @return its result */
        T run() throws SQLException;
    }

    /**
     * Refuses an app that {@code petdb schema create} did not make, or whose schema is gone: for commands that write
     * into the schema.
     *
     * @param app the app
     * @throws CliException when role and schema APP are not a petdb app
     */
    public void requireApp(AppName app) {
        try {
            if (!isAppRole(app) || schemaOwner(app) == null) {
                throw CliException.failure("no petdb app " + app + " in this database: create it first (petdb schema "
                        + "create " + app + "); nothing changed");
            }
        } catch (SQLException e) {
            throw CliException.failure("cannot check app " + app + ": " + SqlErrors.reason(e), e);
        }
    }

    /**
     * Runs work on an app's schema in one transaction under the lock every petdb change to apps takes, after
     * {@link #requireApp}: whole or not at all, and never interleaved with a create, rotate or drop.
     *
     * @param app    the app
     * @param action what the work is, for the message when it fails
     * @param work   the work; its own failures pass through unchanged
     * @param <T>    what it returns
     * @return what the work returned
     * @throws CliException when the app is not there or a statement fails; everything is rolled back
     */
    public <T> T inAppTransaction(AppName app, String action, Work<T> work) {
        return inTransaction(() -> {
            requireApp(app);
            return work.run();
        }, e -> action + " failed: " + SqlErrors.reason(e) + "; rolled back, nothing changed");
    }

    private <T> T inTransaction(Work<T> work) {
        return inTransaction(work, SqlErrors::reason);
    }

    private <T> T inTransaction(Work<T> work, Function<SQLException, String> failure) {
        try {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                    lock.setString(1, "petdb-provision");
                    lock.execute();
                }
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw CliException.failure(failure.apply(e), e);
        }
    }
}
