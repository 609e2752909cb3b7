package dev.petdb.cli.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.petdb.backup.manifest.BackupHistory;
import dev.petdb.backup.manifest.Manifest;
import dev.petdb.backup.verify.TableSummary;
import dev.petdb.cli.CliContext;
import dev.petdb.cli.CliException;
import dev.petdb.cli.JsonOutput;
import dev.petdb.backup.Sizes;
import dev.petdb.cli.Times;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code petdb backup history}: every backup with what its manifest remembers, from the manifests alone.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"The backups, newest first, from their manifests (written by verify and create): time, size,",
                "verify result and rows per schema; a backup without a manifest shows as not yet verified.",
                "Reads no backup: two listings and one small read per manifest."})
public final class BackupHistoryCommand implements Runnable {
    /** What a backup without a manifest shows as its result. */
    static final String NOT_VERIFIED = "not verified";

    private final CliContext context;

    @Option(names = "--table", paramLabel = "SCHEMA.TABLE", description = "One table's rows over time instead.")
    private String table;

    @Option(names = "--json", description = "Print a JSON array, for scripts.")
    private boolean json;

    BackupHistoryCommand(CliContext context) {
        this.context = context;
    }

    /** One backup in {@code --json}; {@code checked_at} and {@code schemas} are {@code null} without a manifest. */
    record Line(String key, String time, long sizeBytes, String status, String checkedAt, List<Schema> schemas,
                String manifestError) {
    }

    /** One schema's totals in {@code --json}. */
    record Schema(String schema, long tables, long rows, long dataBytes) {
    }

    /** One backup in {@code --table --json}: {@code rows} and {@code data_bytes} are {@code null} when absent. */
    record TableLine(String key, String time, String status, Long rows, Long dataBytes) {
    }

    @Override
    public void run() {
        if (table != null && !table.matches("[^.]+\\.[^.]+")) {
            throw CliException.usage("--table takes SCHEMA.TABLE, e.g. todos.todos, not " + table);
        }
        BackupCatalogs.withCatalog(context, catalog -> {
            List<BackupHistory.Entry> entries = BackupHistory.read(catalog.store(), catalog.settings().prefix(),
                    catalog.settings().backupName());
            if (entries.isEmpty() && !json) {
                context.err().println("no backups named " + catalog.where());
            } else if (table != null) {
                printTable(entries);
            } else {
                printAll(entries);
            }
            entries.stream().filter(e -> e.problem() != null)
                    .forEach(e -> context.err().println("petdb: note: " + e.problem()));
            return null;
        });
    }

    private void printAll(List<BackupHistory.Entry> entries) {
        if (json) {
            context.out().println(JsonOutput.write(entries.stream().map(e -> new Line(e.backup().key(),
                    e.backup().createdAt().toString(), e.backup().size(), status(e),
                    e.manifest().map(m -> m.verify().checkedAt().toString()).orElse(null),
                    e.manifest().map(m -> m.schemas().stream()
                            .map(s -> new Schema(s.schema(), s.tables(), s.rows(), s.dataBytes())).toList()).orElse(null),
                    e.problem())).toList()));
            return;
        }
        String format = "%-20s  %10s  %-12s  %s";
        context.out().println(String.format(format, "TIME", "SIZE", "RESULT", "ROWS PER SCHEMA"));
        for (BackupHistory.Entry e : entries) {
            String rows = e.manifest().map(m -> m.schemas().stream()
                    .map(s -> s.schema() + " " + (s.rows() < 0 ? "?" : String.valueOf(s.rows())))
                    .collect(Collectors.joining(", "))).orElse("");
            context.out().println(String.format(format, Times.utc(e.backup().createdAt()), Sizes.human(e.backup().size()),
                    status(e), rows).stripTrailing());
        }
    }

    private void printTable(List<BackupHistory.Entry> entries) {
        List<TableLine> lines = new ArrayList<>();
        for (BackupHistory.Entry e : entries) {
            Optional<TableSummary> t = e.manifest().filter(Manifest::hasContents)
                    .flatMap(m -> m.tables().stream().filter(s -> s.name().equals(table)).findFirst());
            lines.add(new TableLine(e.backup().key(), e.backup().createdAt().toString(), status(e),
                    t.map(TableSummary::rows).orElse(null), t.map(TableSummary::dataBytes).orElse(null)));
        }
        if (json) {
            context.out().println(JsonOutput.write(lines));
            return;
        }
        String format = "%-20s  %-12s  %12s  %10s";
        context.out().println(String.format(format, "TIME", "RESULT", "ROWS", "DATA"));
        for (int i = 0; i < lines.size(); i++) {
            TableLine line = lines.get(i);
            BackupHistory.Entry e = entries.get(i);
            String rows = line.rows() != null ? String.valueOf(line.rows())
                    : e.manifest().filter(Manifest::hasContents).isPresent() ? "absent" : "";
            context.out().println(String.format(format, Times.utc(e.backup().createdAt()), line.status(), rows,
                    line.dataBytes() == null ? "" : Sizes.human(line.dataBytes())).stripTrailing());
        }
    }

    private static String status(BackupHistory.Entry e) {
        return e.manifest().map(m -> m.verify().status()).orElse(NOT_VERIFIED);
    }
}
