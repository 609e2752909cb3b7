package dev.petdb.cli.backup;

import java.time.Instant;
import java.util.Optional;

import dev.petdb.backup.archive.DecryptionKey;
import dev.petdb.backup.create.BackupCreator;
import dev.petdb.backup.pgtools.PgTool;
import dev.petdb.backup.pgtools.PgTools;
import dev.petdb.cli.AdminDatabase;
import dev.petdb.cli.CliContext;
import dev.petdb.cli.CliException;
import dev.petdb.cli.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code petdb backup create}.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Make a backup now, in dokku's format and naming: pg_dump -Fc --no-acl --no-owner as "
                + "backup/export in a tar.gz, streamed to R2 without a temporary file.",
                "On any failure the upload is aborted and nothing is stored."})
public final class BackupCreateCommand implements Runnable {
    private final CliContext context;

    @Option(names = "--encrypt", description = "Encrypt with BACKUP_PASSPHRASE (or BACKUP_PASSPHRASE_FILE), as dokku's "
            + "backup-set-encryption does (gpg AES256); the key then ends in .tgz.gpg.")
    private boolean encrypt;

    @Mixin
    private AdminDatabase admin;

    BackupCreateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        Optional<char[]> passphrase = Optional.empty();
        if (encrypt) {
            DecryptionKey key = DecryptionKey.fromEnvironment(context.env()).orElseThrow(() -> CliException.usage(
                    "--encrypt needs BACKUP_PASSPHRASE or BACKUP_PASSPHRASE_FILE"));
            if (!(key instanceof DecryptionKey.Passphrase phrase)) {
                throw CliException.usage("--encrypt encrypts with a passphrase (BACKUP_PASSPHRASE), not a key file");
            }
            passphrase = Optional.of(phrase.passphrase());
        }
        PgTools tools = new PgTools(context.env());
        PgTool pgDump = tools.find("pg_dump").orElseThrow(() -> CliException.failure(
                "pg_dump not found in " + tools.searchedPlaces() + ": install the PostgreSQL client tools or set PG_BIN"));
        var url = admin.url(context);
        Optional<char[]> secret = passphrase;
        BackupCreator.Created created = BackupCatalogs.withCatalog(context, catalog ->
                new BackupCreator(url, pgDump, catalog.store()).create(catalog.settings().prefix(),
                        catalog.settings().backupName(), secret, Instant.now()));
        context.out().println("created " + created.key() + " (" + Sizes.human(created.bytes()) + "; dump "
                + Sizes.human(created.dumpBytes()) + ")");
    }
}
