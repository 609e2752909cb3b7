package dev.petdb.cli.backup;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.archive.DecryptionKey;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.diff.BackupDiff;
import dev.petdb.backup.diff.ColumnChange;
import dev.petdb.backup.diff.LiveTables;
import dev.petdb.backup.diff.RowExample;
import dev.petdb.backup.diff.TableDiff;
import dev.petdb.backup.pgtools.PgTool;
import dev.petdb.backup.pgtools.PgTools;
import dev.petdb.backup.restore.TableName;
import dev.petdb.cli.AdminDatabase;
import dev.petdb.cli.CliContext;
import dev.petdb.cli.CliException;
import dev.petdb.cli.JsonOutput;
import dev.petdb.dburl.SqlErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code petdb backup diff KEY --table SCHEMA.TABLE}: what changed in some tables since a backup.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show which rows were deleted, added and changed since a backup, per table: by primary key, or as "
                + "whole rows (duplicates counted) where there is none.",
                "Restores only those tables from the backup into a scratch database on petdb's server (always dropped) "
                        + "and compares; the live database is only read."})
public final class BackupDiffCommand implements Callable<Integer> {
    private static final int SHOWN_VALUE = 60;

    private final CliContext context;

    @Parameters(paramLabel = "KEY", description = "The backup's key (see petdb backup list).")
    private String key;

    @Option(names = "--table", paramLabel = "SCHEMA.TABLE", description = "A table to compare (repeatable).")
    private List<String> tables = new ArrayList<>();

    @Option(names = "--schema", paramLabel = "SCHEMA", description = "Compare every table of this schema (repeatable).")
    private List<String> schemas = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "5",
            description = "Show up to N rows of each kind per table (default: 5).")
    private int limit;

    @Option(names = "--json", description = "Print the result as JSON.")
    private boolean json;

    @Mixin
    private AdminDatabase admin;

    BackupDiffCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (tables.isEmpty() && schemas.isEmpty()) {
            throw CliException.usage("name what to compare: --table SCHEMA.TABLE or --schema SCHEMA");
        }
        if (limit < 0) {
            throw CliException.usage("--limit must be 0 or more");
        }
        List<TableName> named = tables.stream().map(LiveTables::parse).toList();
        List<TableName> chosen = admin.withConnection(context, connection -> {
            try {
                return LiveTables.resolve(connection, named, schemas);
            } catch (SQLException e) {
                throw CliException.failure("cannot read the live tables: " + SqlErrors.reason(e), e);
            }
        });
        PgTool pgRestore = new PgTools(context.env()).require("pg_restore");
        DecryptionKey decryption = BackupKeys.fromEnvironment(context).orElse(null);
        StaleScratchDatabases.drop(context, admin);
        BackupDiff diff = new BackupDiff(admin.url(context), pgRestore, decryption);
        List<TableDiff> diffs = BackupCatalogs.withCatalog(context, catalog -> {
            Backup backup = catalog.named(key);
            BackupKeys.require(backup, decryption);
            try (InputStream content = catalog.store().open(backup.key())) {
                return diff.diff(backup, content, chosen, limit);
            } catch (IOException e) {
                throw new BackupException("reading " + key + " failed: " + e.getMessage(), e);
            }
        });
        if (json) {
            printJson(diffs);
        } else {
            diffs.forEach(this::print);
        }
        return 0;
    }

    private void print(TableDiff diff) {
        var out = context.out();
        out.println(diff.schema() + "." + diff.table() + " (" + (diff.byPrimaryKey()
                ? "by primary key " + String.join(", ", diff.keyColumns()) : "no primary key: compared as whole rows")
                + "): " + (diff.unchanged() ? "unchanged" : diff.deleted() + " deleted, " + diff.added() + " added"
                + (diff.byPrimaryKey() ? ", " + diff.changed() + " changed" : ""))
                + " since the backup (" + diff.backupRows() + " rows then, " + diff.liveRows() + " now)");
        diff.notes().forEach(note -> out.println("  note: " + note));
        examples(diff.deletedRows(), diff.deleted(), "deleted");
        examples(diff.addedRows(), diff.added(), "added");
        examples(diff.changedRows(), diff.changed(), "changed");
    }

    private void examples(List<RowExample> shown, long total, String kind) {
        var out = context.out();
        for (RowExample row : shown) {
            StringBuilder line = new StringBuilder("  ").append(String.format("%-8s", kind)).append(' ');
            List<String> key = new ArrayList<>();
            row.key().forEach((column, value) -> key.add(column + "=" + shown(value)));
            line.append(String.join(" ", key));
            if (row.copies() > 1) {
                line.append(" (").append(row.copies()).append(" copies)");
            }
            if (!row.changes().isEmpty()) {
                List<String> changes = new ArrayList<>();
                for (ColumnChange change : row.changes()) {
                    changes.add(change.column() + ": " + shown(change.before()) + " -> " + shown(change.after()));
                }
                line.append(": ").append(String.join(", ", changes));
            }
            out.println(line);
        }
        long more = total - shown.stream().mapToLong(RowExample::copies).sum();
        if (more > 0 && !shown.isEmpty()) {
            out.println("  ... and " + more + " more " + kind);
        }
    }

    /** A value as SQL would write it, cut short: the full values are in --json. */
    private static String shown(String value) {
        if (value == null) {
            return "NULL";
        }
        String cut = value.length() > SHOWN_VALUE ? value.substring(0, SHOWN_VALUE) + "…" : value;
        return "'" + cut.replace("'", "''").replace("\n", "\\n") + "'";
    }

    private void printJson(List<TableDiff> diffs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TableDiff diff : diffs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("schema", diff.schema());
            row.put("table", diff.table());
            row.put("primary_key", diff.byPrimaryKey() ? diff.keyColumns() : null);
            row.put("backup_rows", diff.backupRows());
            row.put("live_rows", diff.liveRows());
            row.put("deleted", diff.deleted());
            row.put("added", diff.added());
            row.put("changed", diff.changed());
            row.put("deleted_rows", diff.deletedRows().stream().map(BackupDiffCommand::json).toList());
            row.put("added_rows", diff.addedRows().stream().map(BackupDiffCommand::json).toList());
            row.put("changed_rows", diff.changedRows().stream().map(BackupDiffCommand::json).toList());
            row.put("notes", diff.notes());
            rows.add(row);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("backup", key);
        result.put("tables", rows);
        context.out().println(JsonOutput.write(result));
    }

    private static Map<String, Object> json(RowExample example) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", example.key());
        if (example.copies() != 1) {
            row.put("copies", example.copies());
        }
        if (!example.changes().isEmpty()) {
            Map<String, Object> changes = new LinkedHashMap<>();
            for (ColumnChange change : example.changes()) {
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("old", change.before());
                values.put("new", change.after());
                changes.put(change.column(), values);
            }
            row.put("changes", changes);
        }
        return row;
    }
}
