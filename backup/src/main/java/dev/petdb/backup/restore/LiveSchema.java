package dev.petdb.backup.restore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import dev.petdb.backup.BackupException;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.dburl.SqlErrors;

/**
 * A schema as it is in the live database, and who the objects a restore puts into it should belong to: its owner,
 * or for a schema owned by {@code pg_database_owner} (PostgreSQL 15's {@code public}) the database's owner.
 *
 * @param name       the schema
 * @param owner      its owner, as {@code CREATE SCHEMA ... AUTHORIZATION} names it
 * @param objectRole whom restored objects belong to
 * @param canSetRole whether petdb's admin may {@code SET ROLE} to {@code objectRole}; when not, it may not give
 *                   objects to that role either ({@code ALTER ... OWNER TO} asks the same membership), so restored
 *                   objects then belong to the admin
 * @param admin      petdb's admin role
 */
public record LiveSchema(String name, String owner, String objectRole, boolean canSetRole, String admin) {
    private static final String QUERY = """
            SELECT pg_get_userbyid(n.nspowner), r.rolname, pg_has_role(current_user, r.oid, 'MEMBER'), current_user
            FROM pg_namespace n
            JOIN pg_roles r ON r.oid = CASE WHEN pg_get_userbyid(n.nspowner) = 'pg_database_owner'
                THEN (SELECT datdba FROM pg_database WHERE datname = current_database()) ELSE n.nspowner END
            WHERE n.nspname = ?""";

    /**
     * @param admin  petdb's admin URL
     * @param schema a schema name, as stored
     * @return the schema, when it exists
     */
    public static Optional<LiveSchema> find(DatabaseUrl admin, String schema) {
        try (Connection connection = admin.connect("petdb-restore");
             PreparedStatement query = connection.prepareStatement(QUERY)) {
            query.setString(1, schema);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(new LiveSchema(schema, rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        rs.getString(4))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new BackupException("cannot reach petdb: " + SqlErrors.reason(e), e);
        }
    }

    /** @return whom restored objects belong to: {@link #objectRole} when the admin can become it, else the admin */
    public String restoredOwner() {
        return canSetRole ? objectRole : admin;
    }
}
