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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

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
            // the backups' manifests will give each night its rows per schema, verify status and findings, and the last verify
            List<ReportNight> nights = catalog.backups().stream()
                    .map(b -> new ReportNight(b.createdAt(), b.key(), b.size(), NightStatus.NOT_VERIFIED, Map.of(), List.of()))
                    .toList();
            return new Report(Instant.now(), catalog.settings().bucket() + "/" + catalog.settings().prefix(), nights, null);
        });
        write(target, StatusPage.render(report));
        context.out().println(target);
        return 0;
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
