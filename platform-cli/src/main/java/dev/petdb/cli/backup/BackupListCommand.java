package dev.petdb.cli.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.petdb.backup.catalog.Backup;
import dev.petdb.cli.CliContext;
import dev.petdb.cli.JsonOutput;
import dev.petdb.backup.Sizes;
import dev.petdb.cli.Times;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code petdb backup list}.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "The backups, newest first: key, time (UTC, from the name), age, size, encrypted or not.")
public final class BackupListCommand implements Runnable {
    private final CliContext context;

    @Option(names = "--json", description = "Print a JSON array, for scripts.")
    private boolean json;

    BackupListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        Instant now = Instant.now();
        BackupCatalogs.withCatalog(context, catalog -> {
            List<Backup> backups = catalog.backups();
            if (json) {
                printJson(backups, now);
            } else if (backups.isEmpty()) {
                context.err().println("no backups named " + catalog.where());
            } else {
                int width = backups.stream().mapToInt(b -> b.key().length()).max().orElse(3);
                String format = "%-" + width + "s  %-20s  %8s  %10s  %s%n";
                context.out().printf(format, "KEY", "TIME", "AGE", "SIZE", "ENCRYPTED");
                for (Backup b : backups) {
                    context.out().printf(format, b.key(), Times.utc(b.createdAt()), Times.age(b.createdAt(), now),
                            Sizes.human(b.size()), b.encrypted() ? "yes" : "no");
                }
            }
            return null;
        });
    }

    private void printJson(List<Backup> backups, Instant now) {
        List<Map<String, Object>> rows = backups.stream().map(b -> Map.<String, Object>of(
                "key", b.key(), "time", b.createdAt().toString(),
                "age_seconds", Duration.between(b.createdAt(), now).toSeconds(),
                "size_bytes", b.size(), "encrypted", b.encrypted())).toList();
        context.out().println(JsonOutput.write(rows));
    }
}
