package dev.petdb.cli.backup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.archive.DecryptionKey;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.manifest.VanishedData;
import dev.petdb.backup.pgtools.PgTool;
import dev.petdb.backup.pgtools.PgTools;
import dev.petdb.backup.store.StoredObject;
import dev.petdb.backup.verify.BackupVerifier;
import dev.petdb.cli.AdminDatabase;
import dev.petdb.cli.CliContext;
import dev.petdb.cli.CliException;
import dev.petdb.cli.ExitCodes;
import dev.petdb.cli.Redaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code petdb backup verify}: finds the backup, reads it whole into a {@link VerifyResult}, and reports that one
 * result as text or JSON and to a monitor.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check that a backup reads whole: download, decrypt, gunzip, untar and read the pg_dump archive",
                "(header, table of contents, every data block decompressed) in one pass, and report per schema.",
                "Exit codes: 0 healthy, 1 broken (or its restore test failed), 2 bad usage or set-up (e.g. no key for an",
                "encrypted backup), 3 stale (older than --max-age), 4 none found, 5 suspicious (data vanished since the",
                "previous backup's manifest). Each check of a backup in the bucket writes its manifest beside it."})
public final class BackupVerifyCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "KEY", arity = "0..1", description = "The backup's key (default: the newest).")
    private String key;

    @Option(names = "--latest", description = "Check the newest backup (the default without KEY).")
    private boolean latest;

    @Option(names = "--file", paramLabel = "PATH",
            description = "Check a backup file on this machine instead (e.g. one you downloaded); .gpg means encrypted.")
    private Path file;

    @Option(names = "--max-age", paramLabel = "AGE", converter = MaxAge.Converter.class,
            description = "Exit 3 when the backup is older, e.g. 26h or 2d.")
    private MaxAge maxAge;

    @Option(names = "--restore-test",
            description = "Also restore the same bytes into a scratch database on petdb's server (DATABASE_URL, admin), "
                    + "compare row counts with the live database, and always drop the scratch database (and those "
                    + "that earlier, killed restore tests left).")
    private boolean restoreTest;

    @Mixin
    private AdminDatabase admin;

    @Option(names = "--shrink-threshold", paramLabel = "PERCENT", defaultValue = "50%",
            converter = ShrinkThreshold.Converter.class,
            description = "Suspicious when a table's rows, or the database's rows or data bytes, fell by more than this "
                    + "since the previous backup's manifest (default: ${DEFAULT-VALUE}).")
    private ShrinkThreshold shrinkThreshold;

    @Option(names = "--expect-shrink", paramLabel = "SCHEMA.TABLE",
            description = "A table that shrinks or goes on purpose (repeatable): never suspicious, and left out of the "
                    + "database's totals.")
    private List<String> expectShrink = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as JSON.")
    private boolean json;

    @Option(names = "--only-differences",
            description = "With --restore-test, list only the tables whose rows differ, and one line for the rest "
                    + "(the default past " + VerifyText.MANY_TABLES + " tables).")
    private boolean onlyDifferences;

    @Option(names = "--all-tables", description = "With --restore-test, list every table, however many.")
    private boolean allTables;

    @Option(names = "--notify-url", paramLabel = "URL",
            description = "POST the result as JSON to this URL on success, and on failure to URL/EXIT_CODE "
                    + "(healthchecks.io's form: any other exit than 0 is a failure).")
    private String notifyUrl;

    @Option(names = "--notify-fail-url", paramLabel = "URL",
            description = "On failure POST to this URL instead of --notify-url's /EXIT_CODE form "
                    + "(e.g. an Uptime Kuma push URL with ?status=down).")
    private String notifyFailUrl;

    BackupVerifyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (key != null && latest) {
            throw CliException.usage("give a KEY or --latest, not both");
        }
        if (onlyDifferences && allTables) {
            throw CliException.usage("give --only-differences or --all-tables, not both");
        }
        VerifyResult result;
        try {
            result = verify();
        } catch (CliException | BackupException e) {
            // set-up and store failures are failures for the monitor too; Petdb prints the line
            notification().ifPresent(monitor -> monitor.send(VerifyResult.error(Redaction.secrets(e.getMessage())).json(),
                    e instanceof CliException cli ? cli.exitCode() : ExitCodes.FAILURE));
            throw e;
        }
        return report(result);
    }

    private VerifyResult verify() {
        DecryptionKey decryption = BackupKeys.fromEnvironment(context).orElse(null);
        BackupVerifier.RestoreTest restore = restoreTest ? restoreSetup() : null;
        if (file != null) {
            if (key != null || latest) {
                throw CliException.usage("give --file, a KEY or --latest, one of them");
            }
            return verifyFile(decryption, restore);
        }
        return BackupCatalogs.withCatalog(context, catalog -> {
            Optional<Backup> chosen = key == null ? catalog.backups().stream().findFirst() : catalog.find(key);
            if (chosen.isEmpty()) {
                return VerifyResult.none(key == null ? "no backups named " + catalog.where()
                        : "no backup " + key + " among " + catalog.where());
            }
            return new StoredBackupCheck(catalog, decryption, restore, maxAge, alarms()).check(chosen.get());
        });
    }

    private VanishedData alarms() {
        for (String table : expectShrink) {
            if (!table.matches("[^.]+\\.[^.]+")) {
                throw CliException.usage("--expect-shrink takes SCHEMA.TABLE, e.g. todos.events, not " + table);
            }
        }
        return new VanishedData(shrinkThreshold.fraction(), Set.copyOf(expectShrink));
    }

    /**
     * A file is named by its path and has no time of its own in the result, even when its name carries one; it has
     * no manifest and is compared with none (it need not be one of the bucket's backups).
     */
    private VerifyResult verifyFile(DecryptionKey decryption, BackupVerifier.RestoreTest restore) {
        String name = file.getFileName().toString();
        long size = fileSize();
        Backup backup = Backup.of(new StoredObject(name, size, Instant.now()))
                .orElse(new Backup(name, Instant.now(), size, name.endsWith(".gpg")));
        Optional<String> missingKey = BackupKeys.missing(backup, decryption, file.toString());
        if (missingKey.isPresent()) {
            return VerifyResult.misconfigured(file.toString(), null, missingKey.get());
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return StoredBackupCheck.read(backup, file.toString(), null, in, decryption, restore, maxAge);
        } catch (IOException e) {
            throw CliException.failure("cannot read " + file + ": " + e.getMessage());
        }
    }

    private long fileSize() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw CliException.failure("cannot read " + file + ": " + e.getMessage());
        }
    }

    private BackupVerifier.RestoreTest restoreSetup() {
        PgTool pgRestore = new PgTools(context.env()).require("pg_restore");
        StaleScratchDatabases.drop(context, admin);
        return new BackupVerifier.RestoreTest(admin.url(context), pgRestore);
    }

    /** The text (or the JSON), one line for a problem, and the notification: all from the one result. */
    private int report(VerifyResult result) {
        if (!json) {
            new VerifyText(context.out(), onlyDifferences, allTables).print(result);
        }
        String problem = result.problem();
        if (problem != null) {
            context.err().println("petdb: " + Redaction.secrets(problem));
        }
        if (result.manifestError() != null) {
            context.err().println("petdb: note: " + Redaction.secrets(result.manifestError()));
        }
        String body = result.json();
        if (json) {
            context.out().println(body);
        }
        notification().ifPresent(monitor -> monitor.send(body, result.status().exitCode()));
        return result.status().exitCode();
    }

    private Optional<VerifyNotification> notification() {
        return notifyUrl == null ? Optional.empty()
                : Optional.of(new VerifyNotification(notifyUrl, notifyFailUrl, context.err()));
    }
}
