package dev.petdb.backup.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.catalog.BackupCatalog;
import dev.petdb.backup.store.BackupStore;

/**
 * Every backup in the store with what its manifest remembers, newest first: the one way to read a backup's history
 * (for {@code petdb backup history} and anything else that shows it). Two listings and one read per manifest; the
 * backups themselves are not read.
 */
public final class BackupHistory {
    private BackupHistory() {
    }

    /**
     * One backup in the history.
     *
     * @param backup   the backup
     * @param manifest its manifest; empty when it has none yet (not verified since manifests began) or when that
     *                 could not be read
     * @param problem  why its manifest could not be read; {@code null} when it could or there is none
     */
    public record Entry(Backup backup, Optional<Manifest> manifest, String problem) {
    }

    /**
     * @param store      where the backups are
     * @param prefix     their folder, empty or ending in {@code /}
     * @param backupName the name every backup starts with
     * @return every backup, newest first, each with its manifest if it has one
     * @throws BackupException when the store cannot be listed
     */
    public static List<Entry> read(BackupStore store, String prefix, String backupName) {
        ManifestStore manifests = new ManifestStore(store, prefix);
        Set<String> keys = manifests.keys();
        List<Entry> entries = new ArrayList<>();
        for (Backup backup : new BackupCatalog(store, prefix, backupName).list()) {
            if (!keys.contains(manifests.keyOf(backup))) {
                entries.add(new Entry(backup, Optional.empty(), null));
                continue;
            }
            try {
                entries.add(new Entry(backup, Optional.of(manifests.read(backup)), null));
            } catch (BackupException e) {
                entries.add(new Entry(backup, Optional.empty(), e.getMessage()));
            }
        }
        return entries;
    }
}
