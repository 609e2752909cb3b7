package dev.petdb.backup.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.petdb.backup.BackupException;
import dev.petdb.testkit.TestS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The R2 store against a real S3 server (S3Proxy) over HTTP, configured from the same environment an operator sets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class R2BackupStoreTest {
    private TestS3 s3;

    @BeforeAll
    void start() {
        s3 = TestS3.start("petdb-backups");
    }

    @AfterAll
    void stop() {
        if (s3 != null) { // null when the fast tier skipped the set-up
            s3.close();
        }
    }

    private R2BackupStore store() {
        return R2BackupStore.connect(R2Settings.fromEnvironment(s3.env("")));
    }

    @Test
    void listsEveryKeyAcrossPages() {
        for (int i = 0; i < 1050; i++) {
            s3.put("paged/key-" + String.format("%04d", i), new byte[] {1});
        }
        try (R2BackupStore store = store()) {
            List<StoredObject> objects = store.list("paged/");
            assertEquals(1050, objects.size(), "more than one page of 1,000");
            assertEquals("paged/key-1049", objects.getLast().key());
            assertEquals(1, objects.getFirst().size());
        }
    }

    @Test
    void readsAndDeletes() throws Exception {
        byte[] content = "a backup".getBytes(StandardCharsets.UTF_8);
        s3.put("rw/postgres-petdb-2026-01-02-03-04-05.tgz", content);
        try (R2BackupStore store = store()) {
            try (InputStream in = store.open("rw/postgres-petdb-2026-01-02-03-04-05.tgz")) {
                assertArrayEquals(content, in.readAllBytes());
            }
            store.delete("rw/postgres-petdb-2026-01-02-03-04-05.tgz");
            assertFalse(s3.exists("rw/postgres-petdb-2026-01-02-03-04-05.tgz"));
            BackupException missing = assertThrows(BackupException.class, () -> store.open("rw/nothing.tgz"));
            assertEquals("no backup rw/nothing.tgz in bucket petdb-backups", missing.getMessage());
        }
    }

    @Test
    void headFindsOneKeyWithoutListing() {
        byte[] content = "a backup to find".getBytes(StandardCharsets.UTF_8);
        s3.put("head/postgres-petdb-2026-01-02-03-04-05.tgz", content);
        try (R2BackupStore store = store()) {
            StoredObject found = store.head("head/postgres-petdb-2026-01-02-03-04-05.tgz").orElseThrow();
            assertEquals("head/postgres-petdb-2026-01-02-03-04-05.tgz", found.key());
            assertEquals(content.length, found.size());
            assertTrue(found.lastModified() != null, "the store says when it wrote the object");
            assertTrue(store.head("head/postgres-petdb-2026-01-02-03-04-06.tgz").isEmpty(), "a missing key is no error");
            assertTrue(store.head("head/").isEmpty(), "a folder is not an object");
        }
    }

    @Test
    void headNamesAMissingBucketAndAWrongSecret() {
        Map<String, String> env = new HashMap<>(s3.env(""));
        env.put("BUCKET_NAME", "no-such-bucket");
        try (R2BackupStore store = R2BackupStore.connect(R2Settings.fromEnvironment(env))) {
            assertEquals("bucket no-such-bucket does not exist",
                    assertThrows(BackupException.class, () -> store.head("postgres-petdb-2026-01-02-03-04-05.tgz"))
                            .getMessage());
        }
        env = new HashMap<>(s3.env(""));
        env.put("AWS_SECRET_ACCESS_KEY", "Wr0ngS3cretValue");
        try (R2BackupStore store = R2BackupStore.connect(R2Settings.fromEnvironment(env))) {
            BackupException refused = assertThrows(BackupException.class, () -> store.head("rw/x.tgz"));
            assertTrue(refused.getMessage().startsWith("reading rw/x.tgz failed: "), refused.getMessage());
            assertTrue(refused.getMessage().contains("HTTP 403"), refused.getMessage());
            assertFalse(refused.getMessage().contains("Wr0ngS3cretValue"));
        }
    }

    @Test
    void aWrongSecretIsRefusedWithoutShowingIt() {
        Map<String, String> env = new HashMap<>(s3.env(""));
        env.put("AWS_SECRET_ACCESS_KEY", "Wr0ngS3cretValue");
        try (R2BackupStore store = R2BackupStore.connect(R2Settings.fromEnvironment(env))) {
            BackupException refused = assertThrows(BackupException.class, () -> store.list(""));
            assertTrue(refused.getMessage().startsWith("listing bucket petdb-backups failed: "), refused.getMessage());
            assertTrue(refused.getMessage().contains("HTTP 403"), refused.getMessage());
            assertFalse(refused.getMessage().contains("Wr0ngS3cretValue"));
        }
    }

    @Test
    void aMissingBucketIsNamed() {
        Map<String, String> env = new HashMap<>(s3.env(""));
        env.put("BUCKET_NAME", "no-such-bucket");
        try (R2BackupStore store = R2BackupStore.connect(R2Settings.fromEnvironment(env))) {
            assertEquals("bucket no-such-bucket does not exist",
                    assertThrows(BackupException.class, () -> store.list("")).getMessage());
        }
    }
}
