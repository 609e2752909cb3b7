package dev.petdb.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.petdb.testkit.TestPostgres;

/**
 * What a refused command must leave as it was: every role with its attributes, password hash, settings and comment,
 * every schema with its owner and privileges, and each table's rows.
 */
final class DatabaseState {
    private DatabaseState() {
    }

    static List<String> of(TestPostgres server, String database) throws SQLException {
        List<String> state = new ArrayList<>();
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            read(s, state, """
                    SELECT a.rolname || ' ' || a.rolcanlogin || a.rolsuper || a.rolcreatedb || a.rolcreaterole
                           || ' ' || a.rolconnlimit || ' ' || coalesce(a.rolpassword, '-') || ' '
                           || coalesce(shobj_description(a.oid, 'pg_authid'), '-') || ' '
                           || coalesce((SELECT string_agg(array_to_string(setconfig, ','), ';') FROM pg_db_role_setting
                                        WHERE setrole = a.oid), '-')
                    FROM pg_authid a ORDER BY a.rolname""");
            read(s, state, """
                    SELECT nspname || ' ' || pg_get_userbyid(nspowner) || ' ' || coalesce(nspacl::text, '-')
                    FROM pg_namespace ORDER BY nspname""");
            read(s, state, """
                    SELECT n.nspname || '.' || c.relname || ' ' || c.relkind::text FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ORDER BY 1""");
        }
        return state;
    }

    /** An order-independent checksum of a table's rows. */
    static String checksum(TestPostgres server, String database, String table) throws SQLException {
        try (Connection c = server.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM "
                     + table + " t")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void read(Statement s, List<String> state, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                state.add(rs.getString(1));
            }
        }
    }
}
