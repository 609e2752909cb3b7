package dev.petdb.backup.diff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.restore.TableName;

/**
 * The live tables a diff compares: those named, and every table of the schemas named (partitions, not their
 * partitioned parent, whose rows they hold), each checked to exist before anything is downloaded.
 */
public final class LiveTables {
    private LiveTables() {
    }

    /**
     * @param table {@code SCHEMA.TABLE}, as PostgreSQL spells the names (no quoting)
     * @return the table
     * @throws BackupException when it is not of that form
     */
    public static TableName parse(String table) {
        int dot = table.indexOf('.');
        if (dot <= 0 || dot == table.length() - 1 || table.indexOf('.', dot + 1) >= 0) {
            throw new BackupException("--table needs SCHEMA.TABLE, such as public.notes, not " + table);
        }
        return new TableName(table.substring(0, dot), table.substring(dot + 1));
    }

    /**
     * @param live    a connection to the live database
     * @param tables  tables named
     * @param schemas schemas whose every table to add
     * @return the tables, each once, in the order given (a schema's by name)
     * @throws BackupException for a table or schema that is not there, or a schema without tables
     */
    public static List<TableName> resolve(Connection live, List<TableName> tables, List<String> schemas)
            throws SQLException {
        Set<TableName> resolved = new LinkedHashSet<>();
        for (TableName table : tables) {
            String kind = kind(live, table);
            if (kind == null) {
                throw new BackupException("no table " + table + " in database " + live.getCatalog());
            }
            if (kind.equals("p")) { // its rows are in its partitions, each a table of its own in the dump
                throw new BackupException("table " + table + " is partitioned: compare its partitions (--table or --schema)");
            }
            resolved.add(table);
        }
        for (String schema : schemas) {
            List<TableName> inSchema = new ArrayList<>();
            try (PreparedStatement statement = live.prepareStatement("SELECT c.relname FROM pg_class c JOIN pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r'"
                    + " ORDER BY c.relname")) {
                statement.setString(1, schema);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        inSchema.add(new TableName(schema, rs.getString(1)));
                    }
                }
            }
            if (inSchema.isEmpty()) {
                throw new BackupException("no tables in schema " + schema + " of database " + live.getCatalog());
            }
            resolved.addAll(inSchema);
        }
        return List.copyOf(resolved);
    }

    /** @return {@code r} for a table, {@code p} for a partitioned one, null for neither */
    private static String kind(Connection live, TableName table) throws SQLException {
        try (PreparedStatement statement = live.prepareStatement("SELECT c.relkind::text FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
