package dev.petdb.cli.backup;

import java.util.Optional;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.archive.DecryptionKey;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.cli.CliContext;
import dev.petdb.cli.CliException;

/**
 * The key that decrypts backups, from the environment. A missing or unreadable key is the operator's set-up, not a
 * broken backup: bad usage (exit 2), with one line naming the variables to set.
 */
final class BackupKeys {
    private BackupKeys() {
    }

    /**
     * @return the key the environment configures, if any
     * @throws CliException (usage) when the variables contradict each other or name a file that cannot be read
     */
    static Optional<DecryptionKey> fromEnvironment(CliContext context) {
        try {
            return DecryptionKey.fromEnvironment(context.env());
        } catch (BackupException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    /**
     * @param key  the key the environment configures; {@code null} when none
     * @param name how to name the backup in the message (its key, or a file's path)
     * @return why {@code backup} cannot be decrypted with {@code key}, before anything is downloaded; empty when it can
     */
    static Optional<String> missing(Backup backup, DecryptionKey key, String name) {
        if (!backup.encrypted() || key != null) {
            return Optional.empty();
        }
        return Optional.of(name + " is encrypted: set " + DecryptionKey.PASSPHRASE + " or " + DecryptionKey.PASSPHRASE_FILE
                + " (a passphrase), or " + DecryptionKey.SECRET_KEY_FILE + " (a secret key)");
    }

    /** Like {@link #missing}, as a usage error; {@code key} is {@code null} when none is configured. */
    static void require(Backup backup, DecryptionKey key) {
        missing(backup, key, backup.key()).ifPresent(message -> {
            throw CliException.usage(message);
        });
    }
}
