package dev.petdb.cli.backup;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.archive.DecryptionKey;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.manifest.Manifest;
import dev.petdb.backup.manifest.ManifestStore;
import dev.petdb.backup.manifest.VanishedData;
import dev.petdb.backup.verify.BackupVerifier;
import dev.petdb.backup.verify.VerifyReport;
import dev.petdb.cli.Petdb;

/**
 * Checks one backup in the store the way {@code backup verify} and {@code backup create} do: reads it whole, compares
 * it with the previous backup's manifest, and writes (or overwrites) its own manifest with the verdict. A manifest
 * that cannot be read or written is said in the result ({@link VerifyResult#manifestError()}), never turned into a
 * verdict: the backup is what was checked.
 */
final class StoredBackupCheck {
    private final BackupCatalogs.Catalog catalog;
    private final DecryptionKey decryption;
    private final BackupVerifier.RestoreTest restore;
    private final MaxAge maxAge;
    private final VanishedData alarms;

    /**
     * @param catalog    the store and its backups
     * @param decryption how to decrypt; {@code null} when the environment has no key
     * @param restore    the restore test to run; {@code null} for none
     * @param maxAge     the age past which the backup is stale; {@code null} for none
     * @param alarms     what counts as vanished data
     */
    StoredBackupCheck(BackupCatalogs.Catalog catalog, DecryptionKey decryption, BackupVerifier.RestoreTest restore,
                      MaxAge maxAge, VanishedData alarms) {
        this.catalog = catalog;
        this.decryption = decryption;
        this.restore = restore;
        this.maxAge = maxAge;
        this.alarms = alarms;
    }

    /**
     * @param backup a backup in the store
     * @return the verdict; misconfigured (and no manifest written) when the environment cannot decrypt it
     */
    VerifyResult check(Backup backup) {
        Optional<String> missingKey = BackupKeys.missing(backup, decryption, backup.key());
        if (missingKey.isPresent()) {
            return VerifyResult.misconfigured(backup.key(), backup.createdAt(), missingKey.get());
        }
        VerifyResult result = read(backup);
        ManifestStore manifests = new ManifestStore(catalog.store(), catalog.settings().prefix());
        String manifestError = null;
        if (result.report() != null && result.status() != VerifyResult.Status.BROKEN) {
            try {
                Optional<Manifest> previous = manifests.previous(backup, catalog.backups());
                if (previous.isPresent()) {
                    result = result.comparedWith(previous.get().backup(),
                            alarms.findings(previous.get(), manifest(backup, result, Instant.now())));
                }
            } catch (BackupException e) {
                manifestError = "not compared with the previous backup's manifest: " + e.getMessage();
            }
        }
        try {
            manifests.write(backup, manifest(backup, result, Instant.now()));
        } catch (BackupException e) {
            manifestError = (manifestError == null ? "" : manifestError + "; ") + "manifest not written to "
                    + manifests.keyOf(backup) + ": " + e.getMessage();
        }
        return manifestError == null ? result : result.withManifestError(manifestError);
    }

    private VerifyResult read(Backup backup) {
        try (InputStream in = catalog.store().open(backup.key())) {
            return read(backup, backup.key(), backup.createdAt(), in, decryption, restore, maxAge);
        } catch (BackupException | IOException e) {
            return VerifyResult.broken(backup.key(), backup.createdAt(), e.getMessage());
        }
    }

    /**
     * Reads a backup whole, from the store or a file; one that does not read whole is broken, not a failure.
     *
     * @param name       the key, or the file's path
     * @param time       the time in its name; {@code null} for a file
     * @param decryption how to decrypt; {@code null} for none
     * @param restore    the restore test to run; {@code null} for none
     * @param maxAge     the age past which it is stale; {@code null} for none
     */
    static VerifyResult read(Backup backup, String name, Instant time, InputStream in, DecryptionKey decryption,
                             BackupVerifier.RestoreTest restore, MaxAge maxAge) {
        BackupVerifier verifier = new BackupVerifier(decryption);
        try {
            VerifyReport report = restore == null ? verifier.verify(backup, in, Instant.now())
                    : verifier.verify(backup, in, Instant.now(), restore);
            return VerifyResult.of(report, name, time, maxAge, Instant.now());
        } catch (BackupException e) {
            return VerifyResult.broken(name, time, e.getMessage());
        }
    }

    private static Manifest manifest(Backup backup, VerifyResult result, Instant checkedAt) {
        return result.report() == null
                ? Manifest.unread(backup, result.status().label(), checkedAt, Petdb.version())
                : Manifest.of(result.report(), result.status().label(), checkedAt,
                        result.findings().stream().map(VanishedData.Finding::text).toList(), Petdb.version());
    }
}
