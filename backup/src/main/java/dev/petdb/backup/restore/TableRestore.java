package dev.petdb.backup.restore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.archive.BackupArchive;
import dev.petdb.backup.archive.DecryptionKey;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.dump.DataBlock;
import dev.petdb.backup.dump.DumpContents;
import dev.petdb.backup.dump.TocEntry;
import dev.petdb.backup.pgtools.PgClientEnvironment.StandardOutput;
import dev.petdb.backup.pgtools.ProcessErrors;
import dev.petdb.backup.store.BackupStore;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.dburl.SqlErrors;
import dev.petdb.dburl.SqlText;

/**
 * Restores some tables from a whole-database backup, in any schema ({@code public}, one the superuser owns, a petdb
 * app's), through {@link SchemaRestore}'s one pipeline: nothing live changes until every check has passed.
 * <ol>
 *     <li>The backup is read twice. The first read hands the dump to {@code pg_restore --list --verbose}, whose
 *     dependencies pick the tables' entries ({@link TocSelection}); a table not in the backup is refused here, before
 *     anything changes. Reading twice, rather than restoring from a local copy, means no decrypted copy of every row
 *     is ever left on disk (a kill -9 would leave it), at the cost of a second download.</li>
 *     <li>A safety dump of the live tables ({@code pg_dump -Fc -t}, mode 0600).</li>
 *     <li>In one transaction: foreign keys from other tables to the restored ones are noted and dropped, the live
 *     tables dropped (without CASCADE: a view on one refuses the restore, naming it), the tables restored with
 *     {@code pg_restore --use-list} as the schema's owner, their row counts compared with the dump's, each replaced
 *     table given back to its owner with its grants (the dump has none), and the noted foreign keys added again,
 *     which checks every row that refers to the restored rows; one that no longer holds rolls everything back,
 *     naming it.</li>
 * </ol>
 * With {@code into}, the tables go into a new schema: each source schema is renamed aside for the length of the
 * transaction, the tables are restored under its name and moved into the new schema, and the live schema is renamed
 * back, so nothing live changes.
 */
public final class TableRestore {
    /**
     * What was done.
     *
     * @param safetyDump      where the live tables were saved first; empty side by side, or when none was live
     * @param tables          the tables restored
     * @param into            the new schema they are in, when side by side
     * @param owner           whom the restored objects belong to: the schema's owner, or a replaced table's
     *                        (several, comma-separated, when they differ)
     * @param keptForeignKeys foreign keys of other tables to the restored ones, kept and checked ("public.notes notes_item_id_fkey")
     * @param leftOut         what the backup has for these tables but a side-by-side restore leaves out
     * @param notLive         the backup's foreign keys of other tables to the restored ones that are not live (a
     *                        {@code DROP TABLE ... CASCADE} dropped them): not added, since that would change the
     *                        other table ("public.notes notes_item_id_fkey")
     */
    public record Outcome(Optional<Path> safetyDump, List<TableName> tables, Optional<String> into, String owner,
                          List<String> keptForeignKeys, List<String> leftOut, List<String> notLive) {
    }

    private final DatabaseUrl admin;
    private final SchemaRestore pipeline;
    private final SchemaRestore.Tools tools;

    /**
     * @param admin petdb's admin URL
     * @param tools the PostgreSQL client tools
     */
    public TableRestore(DatabaseUrl admin, SchemaRestore.Tools tools) {
        this.admin = admin;
        this.tools = tools;
        this.pipeline = new SchemaRestore(admin, tools);
    }

    /**
     * @param store     where the backup is; it is opened twice
     * @param backup    the backup
     * @param key       how to decrypt it; {@code null} for a backup that is not encrypted
     * @param tables    the tables, each named once
     * @param into      a new schema to restore them into, leaving the live ones as they are; {@code null} to replace
     *                  the live tables
     * @param safetyDir where the safety dump goes
     * @return what was done
     * @throws BackupException when anything fails; the live database is then as it was
     */
    public Outcome restore(BackupStore store, Backup backup, DecryptionKey key, List<TableName> tables,
                           String into, Path safetyDir) {
        if (into != null && LiveSchema.find(admin, into).isPresent()) {
            throw new BackupException("schema " + into + " exists already: --into needs a new schema");
        }
        Set<String> schemas = new LinkedHashSet<>(tables.stream().map(TableName::schema).toList());
        // the schemas that are live, each with what the catalog says of it; a schema not in it is not live
        Map<String, LiveSchema> live = new LinkedHashMap<>();
        schemas.forEach(schema -> LiveSchema.find(admin, schema).ifPresent(found -> live.put(schema, found)));
        if (into == null) {
            schemas.stream().filter(schema -> !live.containsKey(schema)).findFirst().ifPresent(schema -> {
                throw new BackupException("there is no schema " + schema
                        + " in the live database to restore into (restore it with --schema, or use --into)");
            });
        }
        refusePartitions(tables);
        Map<TableName, LiveTable> liveTables = into != null ? Map.of() : liveTables(tables);
        // one role runs the restore, so that what it creates is that role's: the schemas' owner when they share one
        // the admin may act as, else the admin; a table that was live goes back to its owner afterwards (an app may
        // own its tables in public)
        Set<String> roles = new LinkedHashSet<>();
        live.values().forEach(schema -> roles.add(schema.restoredOwner()));
        boolean oneOwnerForAll = roles.size() == 1 && live.size() == schemas.size()
                && live.values().stream().allMatch(LiveSchema::canSetRole);
        String role = oneOwnerForAll ? roles.iterator().next() : null; // null: the admin runs it
        String restorer = role != null ? role : adminRole();
        Map<TableName, String> givenBack = new LinkedHashMap<>();
        liveTables.forEach((table, was) -> {
            if (!was.owner().equals(restorer)) {
                givenBack.put(table, was.owner());
            }
        });
        Set<String> owners = new LinkedHashSet<>();
        tables.forEach(table -> owners.add(givenBack.getOrDefault(table, restorer)));
        String owner = String.join(", ", owners);

        TocSelection selection = select(store, backup, key, tables, into != null);
        List<String> incoming = into != null ? List.of() : incomingForeignKeys(tables);
        List<TableName> replaced = List.copyOf(liveTables.keySet());
        Optional<Path> safety = replaced.isEmpty() ? Optional.empty() : Optional.of(pipeline.safetyDump(
                replaced.stream().flatMap(t -> Stream.of("--table", pattern(t))).toList(),
                "petdb-safety-" + replaced.getFirst() + (replaced.size() > 1 ? "-and-" + (replaced.size() - 1) + "-more" : ""),
                safetyDir));
        Path list = listFile(selection);
        try {
            List<String> asides = new ArrayList<>();
            schemas.forEach(schema -> asides.add(SchemaRestore.asideName() + "_" + asides.size()));
            String preamble = into != null ? sideBySidePreamble(into, restorer, List.copyOf(schemas), asides, live, role)
                    : inPlacePreamble(tables, role);
            try (InputStream content = store.open(backup.key())) {
                pipeline.run(backup, content, key, List.of("--use-list", list.toString()), preamble,
                        dump -> into != null ? sideBySidePostamble(tables, into, List.copyOf(schemas), asides, live, dump)
                                : inPlacePostamble(tables, givenBack, dump),
                        dump -> tables.forEach(table -> tableData(dump, table)));
            } catch (IOException e) {
                throw new BackupException("reading " + backup.key() + " failed: " + e.getMessage(), e);
            }
        } finally {
            try {
                Files.deleteIfExists(list);
            } catch (IOException e) {
                // a list of entry numbers: nothing secret is left behind
            }
        }
        List<String> notLive = into != null ? List.of()
                : selection.incoming().stream().filter(fk -> !incoming.contains(fk)).toList();
        return new Outcome(safety, List.copyOf(tables), Optional.ofNullable(into), owner, incoming, selection.leftOut(), notLive);
    }

    /** The first read: the dump's table of contents with its dependencies, and the tables' entries chosen from it. */
    private TocSelection select(BackupStore store, Backup backup, DecryptionKey key, List<TableName> tables,
                                boolean sideBySide) {
        Process listing = pipeline.start(List.of(tools.pgRestore().path().toString(), "--list", "--verbose", "--file", "-"),
                StandardOutput.PIPE); // the listing, read below
        ProcessErrors errors = ProcessErrors.of(listing);
        StringBuilder out = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (InputStream in = listing.getInputStream()) {
                out.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                // pg_restore's exit code says what went wrong
            }
        });
        DumpContents dump;
        try (InputStream content = store.open(backup.key())) {
            dump = BackupArchive.read(content, backup.encrypted(), key, listing.getOutputStream());
            if (!listing.waitFor(10, TimeUnit.MINUTES) || listing.exitValue() != 0) {
                throw new BackupException("pg_restore --list failed, so nothing was restored: " + errors.lastOr("no message"));
            }
            reader.join();
        } catch (IOException e) {
            throw new BackupException("reading " + backup.key() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted; nothing was restored", e);
        } finally {
            listing.destroyForcibly();
        }
        return TocSelection.of(dump, out.toString(), tables, sideBySide);
    }

    private static Path listFile(TocSelection selection) {
        try {
            Path list = Files.createTempFile("petdb-restore-", ".list",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(list, selection.listing());
            return list;
        } catch (IOException e) {
            throw new BackupException("cannot write pg_restore's list of entries: " + e.getMessage(), e);
        }
    }

    /** A pg_dump {@code -t} pattern that matches exactly this table: double quotes make every character literal. */
    private static String pattern(TableName table) {
        return SqlText.identifier(table.schema()) + "." + SqlText.identifier(table.name());
    }

    /**
     * Notes and drops the foreign keys of other tables to the restored ones (they are added back at the end), then
     * drops the live tables; then becomes the schemas' owner.
     */
    /** {@code role}: the role to become, {@code null} to stay petdb's admin. */
    private static String inPlacePreamble(List<TableName> tables, String role) {
        StringBuilder sql = new StringBuilder("SET lock_timeout = '60s';\n");
        // names in what is noted come out schema-qualified
        sql.append("SELECT pg_catalog.set_config('search_path', '', true);\n");
        sql.append("CREATE TEMPORARY TABLE petdb_kept_foreign_keys ON COMMIT DROP AS\n")
                .append(incomingQuery(tables, "c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)"))
                .append(";\n");
        sql.append("DO $petdb$\nDECLARE f record;\nBEGIN\n")
                .append("  FOR f IN SELECT * FROM pg_temp.petdb_kept_foreign_keys LOOP\n")
                .append("    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', f.conrelid, f.conname);\n")
                .append("  END LOOP;\nEND\n$petdb$;\n");
        // dokku's dumps hold no grants: the live tables' (and their sequences') are given again afterwards
        sql.append("CREATE TEMPORARY TABLE petdb_kept_grants ON COMMIT DROP AS\n")
                .append("SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind,")
                .append(" format('%I.%I', n.nspname, c.relname) AS name, c.relacl AS acl")
                .append(" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relacl IS NOT NULL AND (")
                .append(restoredRelations(tables, "c.oid")).append(" OR EXISTS (SELECT 1 FROM pg_depend d JOIN pg_class t")
                .append(" ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace WHERE d.classid =")
                .append(" 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype")
                .append(" IN ('a', 'i') AND c.relkind = 'S' AND ").append(restoredRelations(tables, "t.oid")).append("));\n");
        sql.append("DROP TABLE IF EXISTS ")
                .append(String.join(", ", tables.stream().map(TableName::sql).toList())).append(";\n");
        if (role != null) {
            sql.append("SET ROLE ").append(SqlText.identifier(role)).append(";\n");
        }
        return sql.toString();
    }

    private static String inPlacePostamble(List<TableName> tables, Map<TableName, String> givenBack, DumpContents dump) {
        StringBuilder sql = new StringBuilder("\nRESET ROLE;\n");
        // its indexes and owned sequences go along
        givenBack.forEach((table, was) -> sql.append("ALTER TABLE ").append(table.sql()).append(" OWNER TO ")
                .append(SqlText.identifier(was)).append(";\n"));
        for (TableName table : tables) {
            sql.append(rowCheck(table, table, dump));
        }
        sql.append("DO $petdb$\nDECLARE g record;\nBEGIN\n")
                .append("  FOR g IN SELECT k.kind, k.name, a.privilege_type, a.grantee, a.is_grantable")
                .append(" FROM pg_temp.petdb_kept_grants k, aclexplode(k.acl) a")
                .append(" WHERE to_regclass(k.name) IS NOT NULL LOOP\n")
                .append("    EXECUTE format('GRANT %s ON %s %s TO %s%s', g.privilege_type, g.kind, g.name,\n")
                .append("      CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END,\n")
                .append("      CASE WHEN g.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);\n")
                .append("  END LOOP;\nEND\n$petdb$;\n");
        sql.append("DO $petdb$\nDECLARE f record;\nBEGIN\n")
                .append("  FOR f IN SELECT * FROM pg_temp.petdb_kept_foreign_keys LOOP\n")
                .append("    BEGIN\n")
                .append("      EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', f.conrelid, f.conname, f.pg_get_constraintdef);\n")
                .append("    EXCEPTION WHEN OTHERS THEN\n")
                .append("      RAISE EXCEPTION 'petdb: foreign key % of % to a restored table does not hold any more (%);"
                        + " restore % as well, or change its rows first', f.conname, f.conrelid, SQLERRM, f.conrelid;\n")
                .append("    END;\n")
                .append("  END LOOP;\nEND\n$petdb$;\n");
        sql.append(FeedResync.in(tables.stream().map(TableName::schema).distinct().toList()));
        return sql.toString();
    }

    /**
     * Creates the new schema, and renames each source schema aside for a fresh one of the same name, which the
     * restore fills; then becomes {@code role}, unless it is {@code null}.
     */
    private static String sideBySidePreamble(String into, String owner, List<String> schemas, List<String> asides,
                                             Map<String, LiveSchema> live, String role) {
        StringBuilder sql = new StringBuilder("SET lock_timeout = '60s';\n");
        sql.append("CREATE SCHEMA ").append(SqlText.identifier(into)).append(" AUTHORIZATION ")
                .append(SqlText.identifier(owner)).append(";\n");
        for (int i = 0; i < schemas.size(); i++) {
            String schema = SqlText.identifier(schemas.get(i));
            if (live.containsKey(schemas.get(i))) {
                sql.append("ALTER SCHEMA ").append(schema).append(" RENAME TO ").append(SqlText.identifier(asides.get(i))).append(";\n");
            }
            sql.append("CREATE SCHEMA ").append(schema).append(" AUTHORIZATION ").append(SqlText.identifier(owner)).append(";\n");
        }
        if (role != null) {
            sql.append("SET ROLE ").append(SqlText.identifier(role)).append(";\n");
        }
        return sql.toString();
    }

    private static String sideBySidePostamble(List<TableName> tables, String into, List<String> schemas,
                                              List<String> asides, Map<String, LiveSchema> live, DumpContents dump) {
        StringBuilder sql = new StringBuilder("\nRESET ROLE;\n");
        for (TableName table : tables) {
            // its indexes, constraints and owned sequences move with it
            sql.append("ALTER TABLE ").append(table.sql()).append(" SET SCHEMA ").append(SqlText.identifier(into)).append(";\n");
            sql.append(rowCheck(table, new TableName(into, table.name()), dump));
        }
        for (int i = 0; i < schemas.size(); i++) {
            // without CASCADE: the fresh schema must be empty now
            sql.append("DROP SCHEMA ").append(SqlText.identifier(schemas.get(i))).append(";\n");
            if (live.containsKey(schemas.get(i))) {
                sql.append("ALTER SCHEMA ").append(SqlText.identifier(asides.get(i))).append(" RENAME TO ")
                        .append(SqlText.identifier(schemas.get(i))).append(";\n");
            }
        }
        return sql.toString();
    }

    /** Refuses the commit unless {@code restored} holds exactly as many rows of its own as the dump has for {@code table}. */
    private static String rowCheck(TableName table, TableName restored, DumpContents dump) {
        long rows = tableData(dump, table).map(DataBlock::rows).orElse(-1L);
        if (rows < 0) {
            return ""; // no data block, or one whose rows the reader could not count
        }
        return "DO $petdb$\nDECLARE n bigint;\nBEGIN\n"
                + "  SELECT count(*) INTO n FROM ONLY " + restored.sql() + ";\n"
                + "  IF n <> " + rows + " THEN\n"
                + "    RAISE EXCEPTION 'petdb: % has % rows after the restore, but " + rows + " in the dump', "
                + SqlText.literal(table.toString()) + ", n;\n"
                + "  END IF;\nEND\n$petdb$;\n";
    }

    /** The table's data block in the dump, when it has one; refuses a dump that lacks the table. */
    private static Optional<DataBlock> tableData(DumpContents dump, TableName table) {
        if (dump.entries().stream().noneMatch(e -> e.desc().equals("TABLE") && e.namespace().equals(table.schema())
                && e.tag().equals(table.name()))) {
            throw new BackupException("the backup has no table " + table);
        }
        return dump.entries().stream().filter(e -> e.desc().equals("TABLE DATA") && e.namespace().equals(table.schema())
                && e.tag().equals(table.name())).findFirst().map(TocEntry::dumpId).map(id -> dump.blocks().get(id));
    }

    /** An SQL condition: the relation {@code oid} is one of the restored tables. */
    private static String restoredRelations(List<TableName> tables, String oid) {
        return "(SELECT (rn.nspname, r.relname) FROM pg_class r JOIN pg_namespace rn ON rn.oid = r.relnamespace"
                + " WHERE r.oid = " + oid + ") IN (" + String.join(", ", tables.stream().map(t -> "(" + SqlText.literal(t.schema())
                + "::name, " + SqlText.literal(t.name()) + "::name)").toList()) + ")";
    }

    /** The foreign keys of tables not restored that point to restored ones, as the catalog has them now. */
    private static String incomingQuery(List<TableName> tables, String columns) {
        String restored = String.join(", ", tables.stream().map(t -> "(" + SqlText.literal(t.schema()) + ", "
                + SqlText.literal(t.name()) + ")").toList());
        return "SELECT " + columns + " FROM pg_constraint c"
                + " JOIN pg_class r ON r.oid = c.confrelid JOIN pg_namespace rn ON rn.oid = r.relnamespace"
                + " JOIN pg_class f ON f.oid = c.conrelid JOIN pg_namespace fn ON fn.oid = f.relnamespace"
                + " WHERE c.contype = 'f' AND (rn.nspname, r.relname) IN (" + restored + ")"
                + " AND (fn.nspname, f.relname) NOT IN (" + restored + ")"
                + " ORDER BY 1, 2";
    }

    private List<String> incomingForeignKeys(List<TableName> tables) {
        return query(incomingQuery(tables, "fn.nspname || '.' || f.relname, c.conname"), 2);
    }

    /** A table as it is live. */
    private record LiveTable(String owner) {
    }

    private Map<TableName, LiveTable> liveTables(List<TableName> tables) {
        Map<TableName, LiveTable> found = new LinkedHashMap<>();
        try (Connection connection = admin.connect("petdb-restore");
             PreparedStatement statement = connection.prepareStatement("SELECT pg_get_userbyid(c.relowner)"
                     + " FROM pg_class c JOIN pg_namespace n"
                     + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')")) {
            for (TableName table : tables) {
                statement.setString(1, table.schema());
                statement.setString(2, table.name());
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next()) {
                        found.put(table, new LiveTable(rs.getString(1)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new BackupException("cannot reach petdb: " + SqlErrors.reason(e), e);
        }
        return found;
    }

    /** Dropping a partitioned table drops its partitions, which --table would not bring back: refuse first. */
    private void refusePartitions(List<TableName> tables) {
        List<String> partitioned = query("SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE (c.relkind = 'p' OR c.relispartition) AND "
                + restoredRelations(tables, "c.oid"), 1);
        if (!partitioned.isEmpty()) {
            throw new BackupException(partitioned.getFirst() + " is partitioned, or a partition, and --table does not"
                    + " restore partitioned tables: restore the schema with --schema");
        }
    }

    private String adminRole() {
        return query("SELECT current_user", 1).getFirst();
    }

    private List<String> query(String sql, int columns) {
        List<String> rows = new ArrayList<>();
        try (Connection connection = admin.connect("petdb-restore"); var statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder(rs.getString(1));
                for (int i = 2; i <= columns; i++) {
                    row.append(' ').append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        } catch (SQLException e) {
            throw new BackupException("cannot reach petdb: " + SqlErrors.reason(e), e);
        }
        return rows;
    }

}
