package dev.petdb.cli.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;

import dev.petdb.backup.store.R2BackupStore;
import dev.petdb.backup.store.R2Settings;
import dev.petdb.cli.UnfinishedUploads;
import dev.petdb.testkit.TestS3;
import org.junit.jupiter.api.Test;

/**
 * Prune's abort of abandoned uploads against a real S3 server (S3Proxy). The server dates uploads itself, so the age
 * limit is zero here; {@code BackupCommandsTest} checks that prune leaves a fresh upload alone.
 */
class AbandonedUploadsCleanupTest {

    @Test
    void aDryRunNamesWhatARealRunAborts() {
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            R2Settings settings = R2Settings.fromEnvironment(s3.env("nightly"));
            UnfinishedUploads.start(s3, "petdb-backups", "nightly/postgres-petdb-2026-11-20-03-00-01.tgz");
            UnfinishedUploads.start(s3, "petdb-backups", "nightly/postgres-petdb-2026-11-21-03-00-01.tgz.gpg");
            UnfinishedUploads.start(s3, "petdb-backups", "nightly/someone-elses-file.bin");
            try (R2BackupStore store = R2BackupStore.connect(settings)) {
                StringWriter dry = new StringWriter();
                new AbandonedUploadsCleanup(store, settings, new PrintWriter(dry, true)).run(Duration.ZERO, Instant.now(), true);
                assertTrue(dry.toString().matches("(would abort unfinished upload nightly/postgres-petdb-2026-11-2[01]-03-00-01"
                        + "\\.tgz(\\.gpg)? \\(started \\d+s ago\\)\\R){2}"), dry.toString());
                assertEquals(3, s3.pendingUploads(), "a dry run aborts nothing");

                StringWriter real = new StringWriter();
                new AbandonedUploadsCleanup(store, settings, new PrintWriter(real, true)).run(Duration.ZERO, Instant.now(), false);
                assertEquals(dry.toString().replace("would abort ", "aborted "), real.toString());
                assertEquals(1, s3.pendingUploads(), "only petdb's own are aborted");
            }
        }
    }
}
