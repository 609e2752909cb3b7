package dev.petdb.cli.backup;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

import dev.petdb.backup.catalog.AbandonedUploads;
import dev.petdb.backup.store.BackupStore;
import dev.petdb.backup.store.R2Settings;
import dev.petdb.backup.store.UnfinishedUpload;
import dev.petdb.cli.Times;

/**
 * The part of {@code backup prune} that aborts petdb's abandoned uploads, one line each on standard output.
 */
final class AbandonedUploadsCleanup {
    private final BackupStore store;
    private final R2Settings settings;
    private final PrintWriter out;

    AbandonedUploadsCleanup(BackupStore store, R2Settings settings, PrintWriter out) {
        this.store = store;
        this.settings = settings;
        this.out = out;
    }

    /**
     * @param after  abort those started longer ago ({@link AbandonedUploads#AFTER} outside tests)
     * @param now    the time to measure against
     * @param dryRun print what would be aborted, abort nothing
     */
    void run(Duration after, Instant now, boolean dryRun) {
        for (UnfinishedUpload upload : new AbandonedUploads(store, settings.prefix(), settings.backupName()).olderThan(after, now)) {
            String what = "unfinished upload " + upload.key() + " (started "
                    + Times.age(upload.initiated(), now) + " ago)";
            if (dryRun) {
                out.println("would abort " + what);
                continue;
            }
            store.abort(upload);
            out.println("aborted " + what);
        }
    }
}
