package dev.petdb.cli.backup;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.manifest.BackupHistory;
import dev.petdb.backup.manifest.Manifest;
import dev.petdb.backup.report.NightStatus;
import dev.petdb.backup.report.Report;
import dev.petdb.backup.report.ReportNight;
import dev.petdb.backup.report.StatusPage;
import dev.petdb.cli.CliContext;
import dev.petdb.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code petdb backup report --output FILE}: the status page of the backups, one self-contained HTML file.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the status page of the backups: one self-contained HTML file (no network, no script) with "
                + "the state of the newest backup at the top, charts of size and rows per schema over time, and the "
                + "table of backups.", "Replaces FILE as a whole; prints its path."})
public final class BackupReportCommand implements Callable<Integer> {
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private final CliContext context;

    @Option(names = "--output", paramLabel = "FILE", required = true, description = "Where to write the page.")
    private Path output;

    BackupReportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path target = output.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw CliException.usage(target + " is a folder; give --output a file's path");
        }
        if (!Files.isDirectory(target.getParent())) {
            throw CliException.usage("no folder " + target.getParent() + " for " + target.getFileName());
        }
        Report report = BackupCatalogs.withCatalog(context, catalog -> {
            List<BackupHistory.Entry> history = BackupHistory.read(catalog.store(), catalog.settings().prefix(),
                    catalog.settings().backupName());
            Report.LastVerify lastVerify = history.stream().flatMap(entry -> entry.manifest().stream())
                    .max(Comparator.comparing(manifest -> manifest.verify().checkedAt()))
                    .map(manifest -> new Report.LastVerify(manifest.verify().checkedAt(), manifest.backup()))
                    .orElse(null);
            return new Report(Instant.now(), catalog.settings().bucket() + "/" + catalog.settings().prefix(),
                    history.stream().map(BackupReportCommand::night).toList(), lastVerify);
        });
        write(target, StatusPage.render(report));
        context.out().println(target);
        return 0;
    }

    /** A night as its manifest, written by the last verify of it, tells it; without one it is not verified. */
    private static ReportNight night(BackupHistory.Entry entry) {
        Backup backup = entry.backup();
        if (entry.manifest().isEmpty()) {
            return new ReportNight(backup.createdAt(), backup.key(), backup.size(), NightStatus.NOT_VERIFIED, Map.of(),
                    List.of());
        }
        Manifest manifest = entry.manifest().get();
        Map<String, Long> rows = new LinkedHashMap<>();
        manifest.schemas().forEach(schema -> rows.put(schema.schema(), schema.rows()));
        return new ReportNight(backup.createdAt(), backup.key(), backup.size(), status(manifest.verify().status()), rows,
                manifest.verify().findings());
    }

    private static NightStatus status(String verified) {
        return switch (verified) {
            // stale says the check came late, not that the backup is wrong: it read whole
            case "ok", "stale" -> NightStatus.OK;
            case "suspicious" -> NightStatus.SUSPICIOUS;
            case "broken" -> NightStatus.BROKEN;
            default -> NightStatus.NOT_VERIFIED;
        };
    }

    /** Whole or not at all: a temporary file beside the target, then one rename; a page refreshed nightly keeps its mode. */
    private static void write(Path target, String page) {
        Path partial = null;
        try {
            partial = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".partial");
            Files.writeString(partial, page, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(partial, Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                    ? Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS) : READABLE);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AccessDeniedException e) {
            throw CliException.failure("cannot write " + target + ": permission denied", e);
        } catch (IOException e) {
            throw CliException.failure("writing " + target + " failed: " + e.getMessage(), e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException e) {
                    // a hidden .partial file left behind; the next run writes a new one
                }
            }
        }
    }
}
