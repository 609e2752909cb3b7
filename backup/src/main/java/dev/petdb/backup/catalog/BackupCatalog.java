package dev.petdb.backup.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.petdb.backup.store.BackupStore;

/**
 * The backups in a store: every object under the prefix whose name is a backup's, newest first by the time in its
 * name. Folders do not matter: dokku's schedule expands {@code $(date +%F)} once, so nightly backups all land in the
 * folder of the day the schedule was set.
 */
public final class BackupCatalog {
    private final BackupStore store;
    private final String prefix;
    private final String backupName;

    /**
     * @param store      where the backups are
     * @param prefix     the folder to search below, empty for the whole bucket
     * @param backupName the name every backup starts with
     */
    public BackupCatalog(BackupStore store, String prefix, String backupName) {
        this.store = store;
        this.prefix = prefix;
        this.backupName = backupName;
    }

    /** @return every backup, newest first */
    public List<Backup> list() {
        return store.list(prefix).stream()
                .flatMap(object -> Backup.of(object, backupName).stream())
                .sorted(Comparator.comparing(Backup::createdAt).reversed().thenComparing(Backup::key))
                .toList();
    }

    /** @return the newest backup, if there is any */
    public Optional<Backup> latest() {
        return list().stream().findFirst();
    }
}
