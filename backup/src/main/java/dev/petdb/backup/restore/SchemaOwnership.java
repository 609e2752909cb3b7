package dev.petdb.backup.restore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.petdb.dburl.SqlText;

/**
 * Handing every object in an app's schema to the app's role: relations (a table brings its indexes and the sequences
 * of its own columns along), other sequences, routines and types. One query, used two ways: over JDBC (when
 * {@code petdb schema create --adopt} takes over a schema) and inside a restore's transaction (after a whole-database
 * restore, whose dump has no owners).
 */
public final class SchemaOwnership {
    /** The ALTER ... OWNER statements for schema {@code $1}, owner {@code $1} too; names quoted by the server. */
    static final String QUERY = """
            SELECT format('ALTER %s %s OWNER TO %I', CASE c.relkind WHEN 'v' THEN 'VIEW'
                     WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE'
                     WHEN 'c' THEN 'TYPE' ELSE 'TABLE' END, c.oid::regclass, n.nspname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S', 'c')
              AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                    AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
            UNION ALL
            SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, n.nspname)
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1
            UNION ALL
            SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, n.nspname)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = $1 AND t.typtype IN ('e', 'd', 'r')""";

    private SchemaOwnership() {
    }

    /**
     * @param connection an admin connection
     * @param schema     the app's schema, named like its role
     * @return the statements that give everything in it to the role
     * @throws SQLException when the catalog cannot be read
     */
    public static List<String> statements(Connection connection, String schema) throws SQLException {
        String jdbc = QUERY.replace("$1", "?");
        List<String> statements = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(jdbc)) {
            for (int i = 1; i <= QUERY.split("\\$1", -1).length - 1; i++) {
                query.setString(i, schema);
            }
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    statements.add(rs.getString(1));
                }
            }
        }
        return statements;
    }

    /**
     * @param markerComment the comment that marks petdb's app roles
     * @return a {@code DO} block giving each app schema (with everything in it) to its app role
     */
    static String forEveryApp(String markerComment) {
        return "DO $petdb$\nDECLARE app text; statement text;\nBEGIN\n"
                + "  FOR app IN SELECT rolname FROM pg_roles WHERE shobj_description(oid, 'pg_authid') = "
                + SqlText.literal(markerComment) + "\n"
                + "      AND EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = rolname) LOOP\n"
                + "    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', app, app);\n"
                + "    FOR statement IN EXECUTE $q$" + QUERY + "$q$ USING app LOOP\n"
                + "      EXECUTE statement;\n"
                + "    END LOOP;\n"
                + "  END LOOP;\n"
                + "END\n$petdb$;\n";
    }
}
