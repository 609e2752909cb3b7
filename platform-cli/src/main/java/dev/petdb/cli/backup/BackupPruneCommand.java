package dev.petdb.cli.backup;

import java.time.Instant;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.catalog.AbandonedUploads;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.manifest.ManifestStore;
import dev.petdb.backup.retention.GfsRetention;
import dev.petdb.cli.CliContext;
import dev.petdb.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code petdb backup prune}.
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Delete old backups, grandfather-father-son: keep the newest backup of each of the last",
                "N days, weeks and months that have backups (UTC), and always the newest of all; a deleted backup's",
                "manifest goes with it, and nothing else in the bucket.",
                "Also aborts the multipart uploads of backups that never finished (backup create was killed) and "
                        + "started more than a day ago."})
public final class BackupPruneCommand implements Runnable {
    private final CliContext context;

    @Option(names = "--keep-daily", paramLabel = "N", defaultValue = "7", description = "Days to keep (default: ${DEFAULT-VALUE}).")
    private int daily;

    @Option(names = "--keep-weekly", paramLabel = "N", defaultValue = "4", description = "ISO weeks to keep (default: ${DEFAULT-VALUE}).")
    private int weekly;

    @Option(names = "--keep-monthly", paramLabel = "N", defaultValue = "6", description = "Months to keep (default: ${DEFAULT-VALUE}).")
    private int monthly;

    @Option(names = "--dry-run", description = "Print what would be deleted; delete nothing.")
    private boolean dryRun;

    BackupPruneCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        if (daily < 0 || weekly < 0 || monthly < 0) {
            throw CliException.usage("--keep-daily, --keep-weekly and --keep-monthly must not be negative");
        }
        GfsRetention retention = new GfsRetention(daily, weekly, monthly);
        BackupCatalogs.withCatalog(context, catalog -> {
            GfsRetention.Plan plan = retention.plan(catalog.backups());
            ManifestStore manifests = new ManifestStore(catalog.store(), catalog.settings().prefix());
            int deleted = 0;
            for (Backup backup : plan.delete()) {
                if (dryRun) {
                    context.out().println("would delete " + backup.key());
                    continue;
                }
                try {
                    catalog.store().delete(backup.key());
                    manifests.delete(backup); // second: a failure in between leaves an orphan manifest, never a backup without one
                } catch (BackupException e) {
                    throw new BackupException(e.getMessage() + " (deleted " + deleted + " of " + plan.delete().size()
                            + " before that)", e);
                }
                deleted++;
                context.out().println("deleted " + backup.key());
            }
            context.err().println((dryRun ? "would keep " : "kept ") + plan.keep().size() + " and "
                    + (dryRun ? "delete " : "deleted ") + plan.delete().size() + " of " + catalog.where());
            abortAbandonedUploads(catalog);
            return null;
        });
    }

    /** Uploads that backup create started and never finished (killed): their parts cost storage and no list shows them. */
    private void abortAbandonedUploads(BackupCatalogs.Catalog catalog) {
        new AbandonedUploadsCleanup(catalog.store(), catalog.settings(), context.out())
                .run(AbandonedUploads.AFTER, Instant.now(), dryRun);
    }
}
