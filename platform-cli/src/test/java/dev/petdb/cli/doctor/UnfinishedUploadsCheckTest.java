package dev.petdb.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.petdb.cli.UnfinishedUploads;
import dev.petdb.testkit.TestS3;
import org.junit.jupiter.api.Test;

/**
 * Doctor's check of abandoned uploads against a real S3 server (S3Proxy). The server dates uploads itself, so the age
 * limit is zero here; {@code BackupCommandsTest} checks that doctor's one-day rule leaves a fresh upload alone.
 */
class UnfinishedUploadsCheckTest {

    @Test
    void abandonedUploadsAreAProblemWithCountAndAge() {
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            Map<String, String> env = s3.env("nightly");
            assertEquals("OK       no abandoned backup uploads under petdb-backups/nightly/",
                    UnfinishedUploadsCheck.run(env, Duration.ZERO).toString());
            UnfinishedUploads.start(s3, "petdb-backups", "nightly/postgres-petdb-2026-11-20-03-00-01.tgz");
            UnfinishedUploads.start(s3, "petdb-backups", "nightly/postgres-petdb-2026-11-21-03-00-01.tgz");
            String problem = UnfinishedUploadsCheck.run(env, Duration.ZERO).toString();
            assertTrue(problem.matches("PROBLEM  2 abandoned backup upload\\(s\\) under petdb-backups/nightly/, the oldest "
                    + "started \\d+s ago: petdb backup prune aborts them"), problem);
        }
    }

    @Test
    void withoutTheBackupVariablesItIsNotChecked() {
        assertEquals("OK       abandoned backup uploads: not checked, BUCKET_NAME is not set",
                UnfinishedUploadsCheck.run(Map.of()).toString());
        Map<String, String> broken = new HashMap<>(Map.of("BUCKET_NAME", "petdb-backups"));
        assertEquals("PROBLEM  abandoned backup uploads: AWS_ACCESS_KEY_ID is not set (the value given to dokku "
                + "postgres:backup-auth)", UnfinishedUploadsCheck.run(broken).toString());
    }
}
