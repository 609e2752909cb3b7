package dev.petdb.backup.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import dev.petdb.backup.store.BackupStore;
import dev.petdb.backup.store.StoredObject;
import dev.petdb.backup.store.UnfinishedUpload;

/**
 * petdb's own multipart uploads that never finished: {@code backup create} killed with {@code kill -9}, or its host
 * gone. Only keys {@code backup create} writes count (the prefix, then a backup's file name); anything else in the
 * bucket belongs to someone else. An upload is abandoned once it is older than the caller's limit, a day for the
 * commands: a younger one may be a backup running right now.
 */
public final class AbandonedUploads {
    /** No backup runs this long; a younger unfinished upload may be one running now. */
    public static final Duration AFTER = Duration.ofDays(1);

    private final BackupStore store;
    private final String prefix;
    private final String backupName;

    /**
     * @param store      where the backups are
     * @param prefix     the folder {@code backup create} writes to, empty or ending in {@code /}
     * @param backupName the name every backup starts with
     */
    public AbandonedUploads(BackupStore store, String prefix, String backupName) {
        this.store = store;
        this.prefix = prefix;
        this.backupName = backupName;
    }

    /**
     * @param age started more than this long ago ({@link #AFTER} outside tests)
     * @param now the time to measure against
     * @return petdb's unfinished uploads started before {@code now - age}, oldest first
     */
    public List<UnfinishedUpload> olderThan(Duration age, Instant now) {
        Instant before = now.minus(age);
        return store.unfinishedUploads(prefix + backupName + "-").stream()
                .filter(this::isOurs)
                .filter(upload -> upload.initiated() != null && !upload.initiated().isAfter(before))
                .sorted(Comparator.comparing(UnfinishedUpload::initiated).thenComparing(UnfinishedUpload::key))
                .toList();
    }

    private boolean isOurs(UnfinishedUpload upload) {
        String name = upload.key().substring(prefix.length());
        return !name.contains("/") && Backup.of(new StoredObject(upload.key(), 0, upload.initiated()), backupName).isPresent();
    }
}
