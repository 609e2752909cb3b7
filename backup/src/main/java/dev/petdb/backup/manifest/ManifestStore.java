package dev.petdb.backup.manifest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.store.BackupStore;
import dev.petdb.backup.store.StoredObject;

/**
 * Where the manifests are: {@code <prefix>.petdb/manifests/<the backup's key below the prefix>.json}, one per backup.
 * The name ends in {@code .json}, so no manifest is ever taken for a backup; and it is made from the backup's key
 * alone, so that deleting a backup's manifest can never delete anything else.
 */
public final class ManifestStore {
    /** The folder below the prefix that holds the manifests. */
    public static final String FOLDER = ".petdb/manifests/";

    private final BackupStore store;
    private final String prefix;

    /**
     * @param store  where the backups are
     * @param prefix the backups' folder, empty or ending in {@code /}
     */
    public ManifestStore(BackupStore store, String prefix) {
        this.store = store;
        this.prefix = prefix;
    }

    /**
     * @param backup a backup under the prefix
     * @return the key of its manifest
     */
    public String keyOf(Backup backup) {
        if (!backup.key().startsWith(prefix)) {
            throw new BackupException(backup.key() + " is not under " + prefix + ": it has no manifest");
        }
        return prefix + FOLDER + backup.key().substring(prefix.length()) + ".json";
    }

    /**
     * @param key any key in the store
     * @return whether it is where a manifest is kept, under whatever prefix
     */
    public static boolean isManifest(String key) {
        return (key.startsWith(FOLDER) || key.contains("/" + FOLDER)) && key.endsWith(".json");
    }

    /** @return the keys of every manifest in the store (one listing) */
    public Set<String> keys() {
        return store.list(prefix + FOLDER).stream().map(StoredObject::key).filter(k -> k.endsWith(".json"))
                .collect(Collectors.toSet());
    }

    /**
     * Writes (or overwrites) a backup's manifest.
     *
     * @param backup   the backup
     * @param manifest what it holds
     * @throws BackupException when the store refuses it
     */
    public void write(Backup backup, Manifest manifest) {
        store.upload(keyOf(backup), new ByteArrayInputStream(ManifestJson.write(manifest)));
    }

    /**
     * @param backup a backup that has a manifest (see {@link #keys()})
     * @return its manifest
     * @throws BackupException when it cannot be read or is not a manifest
     */
    public Manifest read(Backup backup) {
        String key = keyOf(backup);
        try (InputStream in = store.open(key)) {
            return ManifestJson.read(in.readAllBytes(), key);
        } catch (IOException e) {
            throw new BackupException("cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a backup's manifest, if it has one; nothing else.
     *
     * @param backup the backup
     */
    public void delete(Backup backup) {
        store.delete(keyOf(backup));
    }

    /**
     * The manifest to compare a backup with: that of the newest older backup whose manifest shows it read whole.
     *
     * @param backup  the backup being checked
     * @param backups every backup, in any order
     * @return that manifest, or empty when no older backup has one
     * @throws BackupException when a manifest cannot be read
     */
    public Optional<Manifest> previous(Backup backup, List<Backup> backups) {
        Set<String> manifests = keys();
        return backups.stream()
                .filter(b -> b.createdAt().isBefore(backup.createdAt()) && manifests.contains(keyOf(b)))
                .sorted((a, b) -> b.createdAt().compareTo(a.createdAt()))
                .map(this::read)
                .filter(Manifest::hasContents)
                .findFirst();
    }
}
