package dev.petdb.cli.backup;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.archive.DecryptionKey;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.pgtools.PgTool;
import dev.petdb.backup.pgtools.PgTools;
import dev.petdb.backup.restore.RestoreTestResult;
import dev.petdb.backup.restore.TableRows;
import dev.petdb.backup.verify.BackupVerifier;
import dev.petdb.backup.verify.SchemaSummary;
import dev.petdb.backup.verify.VerifyReport;
import dev.petdb.cli.AdminDatabase;
import dev.petdb.cli.CliContext;
import dev.petdb.cli.CliException;
import dev.petdb.cli.ExitCodes;
import dev.petdb.cli.JsonOutput;
import dev.petdb.cli.Redaction;
import dev.petdb.cli.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code petdb backup verify}.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check that a backup reads whole: download, decrypt, gunzip, untar and read the pg_dump archive",
                "(header, table of contents, every data block decompressed) in one pass, and report per schema.",
                "Exit codes: 0 healthy, 1 broken (or its restore test failed), 2 bad usage or set-up (e.g. no key for an",
                "encrypted backup), 3 stale (older than --max-age), 4 none found."})
public final class BackupVerifyCommand implements Callable<Integer> {
    /** Exit code: the newest backup is older than {@code --max-age}. */
    public static final int STALE = 3;
    /** Exit code: no backup found. */
    public static final int NONE = 4;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(m|h|d)");
    /** Past this many tables, a restore test lists only the differing ones. */
    static final int MANY_TABLES = 30;

    private final CliContext context;

    @Parameters(paramLabel = "KEY", arity = "0..1", description = "The backup's key (default: the newest).")
    private String key;

    @Option(names = "--latest", description = "Check the newest backup (the default without KEY).")
    private boolean latest;

    @Option(names = "--file", paramLabel = "PATH",
            description = "Check a backup file on this machine instead (e.g. one you downloaded); .gpg means encrypted.")
    private java.nio.file.Path file;

    @Option(names = "--max-age", paramLabel = "AGE", description = "Exit 3 when the backup is older, e.g. 26h or 2d.")
    private String maxAge;

    @Option(names = "--restore-test",
            description = "Also restore the same bytes into a scratch database on petdb's server (DATABASE_URL, admin), "
                    + "compare row counts with the live database, and always drop the scratch database (and those "
                    + "that earlier, killed restore tests left).")
    private boolean restoreTest;

    @Mixin
    private AdminDatabase admin;

    @Option(names = "--json", description = "Print the result as JSON.")
    private boolean json;

    @Option(names = "--only-differences",
            description = "With --restore-test, list only the tables whose rows differ, and one line for the rest "
                    + "(the default past " + MANY_TABLES + " tables).")
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

    /** Whether the result was sent, so a failure thrown after that is not sent twice. */
    private boolean notified;

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
        try {
            return verify();
        } catch (CliException | BackupException e) {
            // set-up and store failures are failures for the monitor too; Petdb prints the line
            if (!notified && notifyUrl != null) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("status", "error");
                result.put("error", Redaction.secrets(e.getMessage()));
                notify(json(result), e instanceof CliException cli ? cli.exitCode() : ExitCodes.FAILURE);
            }
            throw e;
        }
    }

    private int verify() {
        Optional<Duration> limit = Optional.ofNullable(maxAge).map(BackupVerifyCommand::parseAge);
        DecryptionKey decryption = BackupKeys.fromEnvironment(context).orElse(null);
        BackupVerifier.RestoreTest restore = restoreTest ? restoreSetup() : null;
        Map<String, Object> result = new LinkedHashMap<>();
        if (file != null) {
            if (key != null || latest) {
                throw CliException.usage("give --file, a KEY or --latest, one of them");
            }
            return verifyFile(decryption, restore, limit, result);
        }
        return BackupCatalogs.withCatalog(context, catalog -> {
            List<Backup> backups = catalog.backups();
            Optional<Backup> chosen = key == null ? backups.stream().findFirst()
                    : backups.stream().filter(b -> b.key().equals(key)).findFirst();
            if (chosen.isEmpty()) {
                String message = key == null ? "no backups named " + catalog.where() : "no backup " + key + " among " + catalog.where();
                result.put("status", "none");
                result.put("error", message);
                report(message, result, NONE);
                return NONE;
            }
            Backup backup = chosen.get();
            result.put("key", backup.key());
            result.put("time", backup.createdAt().toString());
            Optional<String> missingKey = BackupKeys.missing(backup, decryption, backup.key());
            if (missingKey.isPresent()) {
                return misconfigured(missingKey.get(), result);
            }
            try (java.io.InputStream content = catalog.store().open(backup.key())) {
                VerifyReport report = verify(decryption, backup, content, restore);
                return conclude(report, backup.key(), limit, result);
            } catch (BackupException | java.io.IOException e) {
                result.put("status", "broken");
                result.put("error", e.getMessage());
                report("broken: " + backup.key() + ": " + e.getMessage(), result, ExitCodes.FAILURE);
                return ExitCodes.FAILURE;
            }
        });
    }

    private int verifyFile(DecryptionKey decryption, BackupVerifier.RestoreTest restore,
                           Optional<Duration> limit, Map<String, Object> result) {
        String name = file.getFileName().toString();
        Backup backup = Backup.of(new dev.petdb.backup.store.StoredObject(name, fileSize(), Instant.now()))
                .orElse(new Backup(name, Instant.now(), fileSize(), name.endsWith(".gpg")));
        result.put("key", file.toString());
        Optional<String> missingKey = BackupKeys.missing(backup, decryption, file.toString());
        if (missingKey.isPresent()) {
            return misconfigured(missingKey.get(), result);
        }
        try (var in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file), 1 << 16)) {
            VerifyReport report = verify(decryption, backup, in, restore);
            return conclude(report, file.toString(), limit, result);
        } catch (dev.petdb.backup.BackupException e) {
            result.put("status", "broken");
            result.put("error", e.getMessage());
            report("broken: " + file + ": " + e.getMessage(), result, ExitCodes.FAILURE);
            return ExitCodes.FAILURE;
        } catch (java.io.IOException e) {
            throw CliException.failure("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The backup cannot be decrypted with what the environment holds: the set-up is wrong, not the backup. */
    private int misconfigured(String message, Map<String, Object> result) {
        result.put("status", "misconfigured");
        result.put("error", message);
        report(message, result, ExitCodes.USAGE);
        return ExitCodes.USAGE;
    }

    /** A backup that reads whole is broken when its restore test failed, else stale when too old, else healthy. */
    private int conclude(VerifyReport report, String name, Optional<Duration> limit, Map<String, Object> result) {
        describe(report, result);
        Optional<String> failure = report.failure();
        if (failure.isPresent()) {
            result.put("status", "broken");
            result.put("error", failure.get());
            print(report, "BROKEN");
            report("broken: " + name + ": " + failure.get(), result, ExitCodes.FAILURE);
            return ExitCodes.FAILURE;
        }
        if (limit.isPresent() && report.age().compareTo(limit.get()) > 0) {
            String message = "stale: " + name + " is " + BackupListCommand.age(report.backup().createdAt(), Instant.now())
                    + " old, more than " + maxAge;
            result.put("status", "stale");
            result.put("error", message);
            print(report, "STALE");
            report(message, result, STALE);
            return STALE;
        }
        result.put("status", "ok");
        print(report, "OK");
        report(null, result, ExitCodes.OK);
        return ExitCodes.OK;
    }

    /** {@code restore} is {@code null} without a restore test. */
    private static VerifyReport verify(DecryptionKey decryption, Backup backup, java.io.InputStream in,
                                       BackupVerifier.RestoreTest restore) {
        BackupVerifier verifier = new BackupVerifier(decryption);
        return restore == null ? verifier.verify(backup, in, Instant.now()) : verifier.verify(backup, in, Instant.now(), restore);
    }

    private long fileSize() {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            throw CliException.failure("cannot read " + file + ": " + e.getMessage());
        }
    }

    private void describe(VerifyReport report, Map<String, Object> result) {
        result.put("age_seconds", report.age().toSeconds());
        result.put("size_bytes", report.backup().size());
        result.put("encrypted", report.backup().encrypted());
        result.put("archive_version", report.header().archiveVersion());
        result.put("compression", report.header().compression().name().toLowerCase(java.util.Locale.ROOT));
        result.put("database", report.header().databaseName());
        result.put("server_version", report.header().serverVersion());
        result.put("pg_dump_version", report.header().dumpVersion());
        result.put("entries", report.entries());
        result.put("data_blocks", report.dataBlocks());
        result.put("schemas", report.schemas().stream().map(s -> Map.of("schema", s.schema(), "tables", s.tables(),
                "rows", s.rows(), "data_bytes", s.dataBytes())).toList());
        result.put("notes", report.notes());
        report.restoreTest().ifPresent(test -> result.put("restore_test", test.tables().stream().map(t -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("schema", t.schema());
            row.put("table", t.table());
            row.put("kind", t.kind() == TableRows.Kind.TABLE ? "table" : "materialized view");
            row.put("dump_rows", t.dumped().isPresent() ? t.dumped().getAsLong() : null);
            row.put("backup_rows", t.restored().isPresent() ? t.restored().getAsLong() : null);
            row.put("live_rows", t.live().isPresent() ? t.live().getAsLong() : null);
            return row;
        }).toList()));
    }

    private BackupVerifier.RestoreTest restoreSetup() {
        PgTool pgRestore = new PgTools(context.env()).require("pg_restore");
        StaleScratchDatabases.drop(context, admin);
        return new BackupVerifier.RestoreTest(admin.url(context), pgRestore);
    }

    private void print(VerifyReport report, String status) {
        if (json) {
            return;
        }
        Backup b = report.backup();
        String age = BackupListCommand.age(b.createdAt(), Instant.now());
        context.out().println(status + "  " + b.key() + " (" + TIME.format(b.createdAt()) + ", "
                + (age.equals("in the future") ? "dated in the future" : age + " old") + ", " + Sizes.human(b.size())
                + (b.encrypted() ? ", encrypted" : "") + ")");
        var h = report.header();
        context.out().println("    pg_dump archive " + h.archiveVersion() + ", " + h.compression().name().toLowerCase(java.util.Locale.ROOT)
                + ", database " + h.databaseName() + ", server " + h.serverVersion() + ", pg_dump " + h.dumpVersion()
                + h.createdAt().map(t -> ", made " + t.toString().replace('T', ' ')).orElse(""));
        context.out().println("    " + report.entries() + " entries; " + report.dataBlocks()
                + " data blocks read to the end");
        report.notes().forEach(note -> context.out().println("    note: " + note));
        report.restoreTest().ifPresent(this::printRestoreTest);
        if (!report.schemas().isEmpty()) {
            String format = "    %-24s %7s %12s %10s%n";
            context.out().printf(format, "SCHEMA", "TABLES", "ROWS", "DATA");
            for (SchemaSummary s : report.schemas()) {
                context.out().printf(format, s.schema(), s.tables(), s.rows() < 0 ? "?" : String.valueOf(s.rows()),
                        s.dataBytes() < 0 ? "?" : Sizes.human(s.dataBytes()));
            }
        }
    }

    /** Per table, the rows restored and live; past {@link #MANY_TABLES} tables, only those that differ. */
    private void printRestoreTest(RestoreTestResult test) {
        context.out().println(test.failure().isEmpty()
                ? "    restore test: pg_restore restored every table into a scratch database, since dropped"
                : "    restore test FAILED: what pg_restore restored into a scratch database, since dropped");
        boolean shortList = onlyDifferences || (!allTables && test.tables().size() > MANY_TABLES);
        List<TableRows> shown = shortList ? test.tables().stream().filter(t -> !t.same()).toList() : test.tables();
        String format = "    %-40s %12s %12s %8s%s";
        if (!shown.isEmpty()) {
            context.out().println(String.format(format, "TABLE", "BACKUP ROWS", "LIVE ROWS", "DIFF", ""));
        }
        for (TableRows t : shown) {
            String dump = t.restoredAsDumped() ? "" : t.restored().isPresent()
                    ? "   restored " + t.restored().getAsLong() + " of the dump's " + t.dumped().orElse(0) + " rows"
                    : "   not restored (" + t.dumped().orElse(0) + " rows in the dump)";
            context.out().println(String.format(format,
                    t.name() + (t.kind() == TableRows.Kind.MATERIALIZED_VIEW ? " (materialized view)" : ""),
                    t.restored().isPresent() ? String.valueOf(t.restored().getAsLong()) : "none",
                    t.live().isPresent() ? String.valueOf(t.live().getAsLong()) : "gone",
                    t.difference().isPresent() ? String.format("%+d", t.difference().getAsLong()) : "", dump).stripTrailing());
        }
        if (shortList) {
            long same = test.same();
            context.out().println("    " + same + (same == 1 ? " table" : " tables")
                    + " with the same rows in the backup, the restore and the live database");
        }
    }

    /** One line for a failure, the JSON when asked, and the notification. */
    private void report(String problem, Map<String, Object> result, int exit) {
        if (problem != null) {
            context.err().println("petdb: " + Redaction.secrets(problem));
        }
        String body = json(result);
        if (json) {
            context.out().println(body);
        }
        if (notifyUrl != null) {
            notify(body, exit);
        }
    }

    private static String json(Map<String, Object> result) {
        return JsonOutput.write(result);
    }

    /** POSTs the result: success to the URL itself, a failure to {@code --notify-fail-url} or to URL/EXIT_CODE. */
    private void notify(String body, int exit) {
        notified = true;
        URI uri;
        try {
            uri = exit == ExitCodes.OK ? URI.create(notifyUrl)
                    : notifyFailUrl != null ? URI.create(notifyFailUrl) : withExitCode(URI.create(notifyUrl), exit);
        } catch (IllegalArgumentException e) {
            context.err().println("petdb: " + (exit != ExitCodes.OK && notifyFailUrl != null ? "--notify-fail-url" : "--notify-url") + " is not a URL; nothing was sent");
            return;
        }
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                context.err().println("petdb: the notification to " + uri.getHost() + " answered HTTP " + response.statusCode());
            }
        } catch (Exception e) {
            // the URL may carry a secret token: name only its host
            context.err().println("petdb: the notification to " + uri.getHost() + " failed: " + e.getClass().getSimpleName());
        }
    }

    /** healthchecks.io's failure form: {@code /<exit code>} after the ping URL's path (its query kept). */
    static URI withExitCode(URI uri, int exit) {
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("not an absolute URL");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + (path.endsWith("/") ? path : path + "/") + exit
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    private static Duration parseAge(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw CliException.usage("--max-age must be a number with m, h or d, such as 26h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
