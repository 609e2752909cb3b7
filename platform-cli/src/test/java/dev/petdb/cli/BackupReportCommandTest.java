package dev.petdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.petdb.backup.catalog.Backup;
import dev.petdb.testkit.TestS3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code petdb backup report} against a real S3 server (S3Proxy): the page of the bucket's backups, written whole
 * or not at all.
 */
class BackupReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesThePageOfTheBucketsBackupsAndReplacesItKeepingItsMode() throws IOException {
        Instant lastNight = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            for (int night = 0; night < 3; night++) {
                s3.put("2026-11-01/" + Backup.fileName("postgres-petdb", lastNight.minus(Duration.ofDays(night)), true),
                        new byte[2048 + night]);
            }
            s3.put("2026-11-01/readme.txt", new byte[1]);
            PetdbRun petdb = PetdbRun.withEnvironment(s3.env(""));
            Path page = dir.resolve("report.html");

            PetdbRun.Result result = petdb.run("backup", "report", "--output", page.toString());
            assertEquals(0, result.exit(), result.err());
            assertEquals(page + System.lineSeparator(), result.out());
            String html = Files.readString(page);
            assertTrue(html.contains("<h1>Last night&#39;s backup has not been verified</h1>"), html);
            assertTrue(html.contains("<p class=\"meta\">Backups in petdb-backups/, page made "), html);
            assertEquals(3, html.split("data-status=\"NOT_VERIFIED\"", -1).length - 1, html);
            assertTrue(html.contains("<td class=\"key\">2026-11-01/" + Backup.fileName("postgres-petdb", lastNight, true)
                    + "</td><td class=\"n\">2.0 kB</td>"), html);
            assertFalse(html.contains("readme"));
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(page)));

            Files.setPosixFilePermissions(page, PosixFilePermissions.fromString("rw-r-----"));
            Files.writeString(page, "yesterday's page");
            PetdbRun.Result again = petdb.run("backup", "report", "--output", page.toString());
            assertEquals(0, again.exit(), again.err());
            assertTrue(Files.readString(page).startsWith("<!DOCTYPE html>"));
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(page)));
            assertEquals(List.of(page), files());
        }
    }

    @Test
    void aFolderOrAMissingFolderIsRefusedInOneLine() throws IOException {
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            PetdbRun petdb = PetdbRun.withEnvironment(s3.env(""));
            PetdbRun.Result folder = petdb.run("backup", "report", "--output", dir.toString());
            assertEquals(2, folder.exit());
            assertEquals("petdb: " + dir + " is a folder; give --output a file's path" + System.lineSeparator(), folder.err());

            Path nowhere = dir.resolve("missing/report.html");
            PetdbRun.Result missing = petdb.run("backup", "report", "--output", nowhere.toString());
            assertEquals(2, missing.exit());
            assertEquals("petdb: no folder " + dir.resolve("missing") + " for report.html" + System.lineSeparator(), missing.err());
            assertEquals(List.of(), files());
        }
    }

    @Test
    void aStoreThatCannotBeReadLeavesTheOldPage() throws IOException {
        Path page = Files.writeString(dir.resolve("report.html"), "yesterday's page");
        PetdbRun.Result result = PetdbRun.withEnvironment(Map.of()).run("backup", "report", "--output", page.toString());
        assertEquals(1, result.exit());
        assertEquals("petdb: AWS_ACCESS_KEY_ID is not set (the value given to dokku postgres:backup-auth)", result.err().strip());
        assertEquals("yesterday's page", Files.readString(page));
        assertEquals(List.of(page), files());
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
