package dev.petdb.cli.backup;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.catalog.BackupCatalog;
import dev.petdb.backup.store.BackupStore;
import dev.petdb.backup.store.R2BackupStore;
import dev.petdb.backup.store.R2Settings;
import dev.petdb.backup.store.StoredObject;
import dev.petdb.cli.CliContext;
import dev.petdb.cli.CliException;

/**
 * Opens the backup store the environment names, for the duration of one command.
 */
final class BackupCatalogs {
    private BackupCatalogs() {
    }

    /**
     * Runs {@code work} with the store the environment names (R2's variables), and closes it.
     *
     * @param context the environment, and where progress lines go
     * @param work    what to do with the store and its backups
     * @param <T>     its result
     * @return the result
     */
    static <T> T withCatalog(CliContext context, Function<Catalog, T> work) {
        R2Settings settings = R2Settings.fromEnvironment(context.env());
        try (BackupStore store = new ProgressStore(R2BackupStore.connect(settings), context.err(), ProgressStore.onTerminal())) {
            return work.apply(new Catalog(store, new BackupCatalog(store, settings.prefix(), settings.backupName()), settings));
        }
    }

    /** The store, its catalog and where it points. */
    record Catalog(BackupStore store, BackupCatalog catalog, R2Settings settings) {
        /** @return every backup in the store, newest first */
        List<Backup> backups() {
            return catalog.list();
        }

        /** @return what backups are looked for, and where: for messages */
        String where() {
            return settings.backupName() + "-*.tgz[.gpg] under " + settings.bucket() + "/" + settings.prefix();
        }

        /** @return the backup with this key, found with one HEAD request rather than a listing of the bucket */
        Optional<Backup> find(String key) {
            Optional<StoredObject> object = key.startsWith(settings.prefix()) ? store.head(key) : Optional.empty();
            return object.flatMap(o -> Backup.of(o, settings.backupName()));
        }

        /** @return the backup with this key; a one-line failure naming where it looked when there is none */
        Backup named(String key) {
            return find(key).orElseThrow(() -> CliException.failure("no backup " + key + " among " + where()));
        }
    }
}
