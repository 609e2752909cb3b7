package dev.petdb.cli.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

import dev.petdb.backup.archive.DecryptionKey;
import dev.petdb.backup.create.BackupCreator;
import dev.petdb.backup.manifest.ManifestStore;
import dev.petdb.backup.manifest.VanishedData;
import dev.petdb.backup.pgtools.PgTool;
import dev.petdb.backup.pgtools.PgTools;
import dev.petdb.cli.AdminDatabase;
import dev.petdb.cli.CliContext;
import dev.petdb.cli.CliException;
import dev.petdb.backup.Sizes;
import dev.petdb.dburl.DatabaseUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code petdb backup create}.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Make a backup now, in dokku's format and naming: pg_dump -Fc --no-acl --no-owner as "
                + "backup/export in a tar.gz, streamed to R2 without a temporary file.",
                "On any failure the upload is aborted and nothing is stored. The backup is then read back from R2,",
                "as backup verify reads it, and its manifest written beside it."})
public final class BackupCreateCommand implements Runnable {
    private final CliContext context;

    @Option(names = "--encrypt", description = "Encrypt like dokku: to the public key in BACKUP_PUBLIC_KEY_FILE "
            + "(backup-set-public-key-encryption), else with BACKUP_PASSPHRASE or BACKUP_PASSPHRASE_FILE "
            + "(backup-set-encryption, AES256); the key then ends in .tgz.gpg.")
    private boolean encrypt;

    @Mixin
    private AdminDatabase admin;

    BackupCreateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        BackupCreator.Encryption encryption = encrypt ? encryption() : BackupCreator.Encryption.NONE;
        PgTool pgDump = new PgTools(context.env()).require("pg_dump");
        DatabaseUrl url = admin.url(context);
        BackupCatalogs.withCatalog(context, catalog -> {
            BackupCreator.Created created = new BackupCreator(url, pgDump, catalog.store()).create(
                    catalog.settings().prefix(), catalog.settings().backupName(), encryption, Instant.now());
            context.out().println("created " + created.key() + " (" + Sizes.human(created.bytes()) + "; dump "
                    + Sizes.human(created.dumpBytes()) + ")");
            writeManifest(catalog, created.key());
            return null;
        });
    }

    /**
     * Reads the new backup back from the store, as verify does, and writes its manifest; one encrypted to a public
     * key without the secret key here is left for {@code backup verify} to read.
     */
    private void writeManifest(BackupCatalogs.Catalog catalog, String key) {
        VerifyResult result = new StoredBackupCheck(catalog, BackupKeys.fromEnvironment(context).orElse(null), null, null,
                new VanishedData(VanishedData.DEFAULT_THRESHOLD, Set.of())).check(catalog.named(key));
        switch (result.status()) {
            case MISCONFIGURED -> context.err().println("petdb: note: no manifest written: " + result.error()
                    + "; backup verify with the key writes it");
            case BROKEN -> throw CliException.failure("created " + key + ", but it does not read back: " + result.error());
            default -> {
                context.out().println("read back: " + result.status().label() + "; manifest "
                        + new ManifestStore(catalog.store(), catalog.settings().prefix()).keyOf(catalog.named(key)));
                result.findings().forEach(f -> context.out().println("  vanished since " + result.comparedWith() + ": "
                        + f.text()));
            }
        }
        if (result.manifestError() != null) {
            context.err().println("petdb: note: " + result.manifestError());
        }
    }

    private BackupCreator.Encryption encryption() {
        String publicKeyFile = context.env().get("BACKUP_PUBLIC_KEY_FILE");
        if (publicKeyFile != null && !publicKeyFile.isBlank()) {
            try {
                return new BackupCreator.Encryption.ToPublicKey(Files.readAllBytes(Path.of(publicKeyFile)));
            } catch (IOException e) {
                throw CliException.failure("cannot read BACKUP_PUBLIC_KEY_FILE (" + publicKeyFile + "): " + e.getMessage());
            }
        }
        DecryptionKey key = DecryptionKey.fromEnvironment(context.env()).orElseThrow(() -> CliException.usage(
                "--encrypt needs BACKUP_PUBLIC_KEY_FILE, BACKUP_PASSPHRASE or BACKUP_PASSPHRASE_FILE"));
        if (!(key instanceof DecryptionKey.Passphrase phrase)) {
            throw CliException.usage("--encrypt encrypts to BACKUP_PUBLIC_KEY_FILE or with BACKUP_PASSPHRASE; a secret key "
                    + "file is for decrypting");
        }
        return new BackupCreator.Encryption.WithPassphrase(phrase);
    }
}
