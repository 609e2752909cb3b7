package dev.petdb.cli.doctor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.catalog.AbandonedUploads;
import dev.petdb.backup.store.R2BackupStore;
import dev.petdb.backup.store.R2Settings;
import dev.petdb.backup.store.UnfinishedUpload;
import dev.petdb.cli.Times;

/**
 * Doctor's check for backup uploads that never finished ({@code backup create} killed): their parts cost storage,
 * and no listing of backups shows them. Needs the backup store's variables; without {@code BUCKET_NAME} it is skipped.
 */
final class UnfinishedUploadsCheck {
    private UnfinishedUploadsCheck() {
    }

    /**
     * @param env the environment with the backup store's variables
     * @return OK, or a problem with the count and the oldest's age
     */
    static DoctorCommand.Check run(Map<String, String> env) {
        return run(env, AbandonedUploads.AFTER);
    }

    /** @param after count those started longer ago: {@link AbandonedUploads#AFTER}, or less in a test */
    static DoctorCommand.Check run(Map<String, String> env, Duration after) {
        if (env.getOrDefault("BUCKET_NAME", "").isBlank()) {
            return new DoctorCommand.Check(true, "abandoned backup uploads: not checked, BUCKET_NAME is not set");
        }
        try {
            R2Settings settings = R2Settings.fromEnvironment(env);
            try (R2BackupStore store = R2BackupStore.connect(settings)) {
                Instant now = Instant.now();
                List<UnfinishedUpload> abandoned = new AbandonedUploads(store, settings.prefix(), settings.backupName())
                        .olderThan(after, now);
                String where = settings.bucket() + "/" + settings.prefix();
                // abandoned: started by backup create and unfinished for longer than any backup runs
                return abandoned.isEmpty()
                        ? new DoctorCommand.Check(true, "no abandoned backup uploads under " + where)
                        : new DoctorCommand.Check(false, abandoned.size() + " abandoned backup upload(s) under " + where
                                + ", the oldest started " + Times.age(abandoned.getFirst().initiated(), now)
                                + " ago: petdb backup prune aborts them");
            }
        } catch (BackupException e) {
            return new DoctorCommand.Check(false, "abandoned backup uploads: " + e.getMessage());
        }
    }
}
