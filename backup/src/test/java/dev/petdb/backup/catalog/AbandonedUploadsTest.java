package dev.petdb.backup.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.petdb.backup.store.R2BackupStore;
import dev.petdb.backup.store.R2Settings;
import dev.petdb.backup.store.UnfinishedUpload;
import dev.petdb.testkit.TestS3;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Unfinished uploads against a real S3 server (S3Proxy). The server dates every upload when it starts, so "older than
 * a day" is tested with a limit of zero here; the commands' tests check that a fresh upload is left alone.
 */
class AbandonedUploadsTest {

    private static String startUpload(TestS3 s3, String key) {
        try (S3Client client = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3.port()))
                .region(Region.of("auto")).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(TestS3.ACCESS_KEY, TestS3.SECRET_KEY)))
                .build()) {
            return client.createMultipartUpload(r -> r.bucket("petdb-backups").key(key)).uploadId();
        }
    }

    @Test
    void findsOnlyPetdbsOwnUploadsAndAbortsThem() {
        try (TestS3 s3 = TestS3.start("petdb-backups");
             R2BackupStore store = R2BackupStore.connect(R2Settings.fromEnvironment(s3.env("nightly")))) {
            String ours = startUpload(s3, "nightly/postgres-petdb-2026-11-23-03-00-07.tgz.gpg");
            startUpload(s3, "nightly/postgres-other-2026-11-23-03-00-07.tgz"); // another service's backups
            startUpload(s3, "nightly/2026-11-23/postgres-petdb-2026-11-23-03-00-07.tgz"); // dokku's dated folder
            startUpload(s3, "elsewhere/postgres-petdb-2026-11-23-03-00-07.tgz");
            startUpload(s3, "nightly/postgres-petdb-notes.txt");
            AbandonedUploads abandoned = new AbandonedUploads(store, "nightly/", "postgres-petdb");

            List<UnfinishedUpload> found = abandoned.olderThan(Duration.ZERO, Instant.now());
            assertEquals(List.of("nightly/postgres-petdb-2026-11-23-03-00-07.tgz.gpg"),
                    found.stream().map(UnfinishedUpload::key).toList());
            assertEquals(ours, found.getFirst().uploadId());
            assertTrue(abandoned.olderThan(AbandonedUploads.AFTER, Instant.now()).isEmpty(), "a fresh upload may be running");

            store.abort(found.getFirst());
            store.abort(found.getFirst()); // gone already: not an error
            assertEquals(List.of(), abandoned.olderThan(Duration.ZERO, Instant.now()));
            assertEquals(4, s3.pendingUploads(), "nobody else's uploads are touched");
        }
    }
}
