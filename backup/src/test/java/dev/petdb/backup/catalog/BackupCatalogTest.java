package dev.petdb.backup.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.petdb.backup.store.R2BackupStore;
import dev.petdb.backup.store.R2Settings;
import dev.petdb.backup.store.StoredObject;
import dev.petdb.testkit.TestS3;
import org.junit.jupiter.api.Test;

/**
 * Backups are found by name anywhere below the prefix and ordered by the time in their name, never by folder.
 */
class BackupCatalogTest {

    @Test
    void newestFirstByTheTimeInTheName() {
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            // the seed's schedule froze its folder at the day it was set; a manual backup went elsewhere
            s3.put("2025-07-20/postgres-petdb-2025-07-21-03-00-01.tgz", new byte[10]);
            s3.put("2025-07-20/postgres-petdb-2025-07-23-03-00-02.tgz.gpg", new byte[30]);
            s3.put("2025-07-20/postgres-petdb-2025-07-22-03-00-00.tgz", new byte[20]);
            s3.put("manual/postgres-petdb-2025-07-22-12-30-00.tgz", new byte[5]);
            s3.put("2025-07-20/postgres-otherdb-2025-07-24-03-00-00.tgz", new byte[1]);
            s3.put("2025-07-20/postgres-petdb-2025-13-40-03-00-00.tgz", new byte[1]);
            s3.put("2025-07-20/notes.txt", new byte[1]);
            s3.put(".petdb/manifests/2025-07-20/postgres-petdb-2025-07-21-03-00-01.tgz.json", new byte[1]); // never a backup
            s3.put("2025-07-20/postgres-petdb-2025-07-25-03-00-00.tar", new byte[1]);
            try (R2BackupStore store = R2BackupStore.connect(R2Settings.fromEnvironment(s3.env("")))) {
                List<Backup> backups = new BackupCatalog(store, "", "postgres-petdb").list();
                assertEquals(List.of(
                        new Backup("2025-07-20/postgres-petdb-2025-07-23-03-00-02.tgz.gpg",
                                Instant.parse("2025-07-23T03:00:02Z"), 30, true),
                        new Backup("manual/postgres-petdb-2025-07-22-12-30-00.tgz",
                                Instant.parse("2025-07-22T12:30:00Z"), 5, false),
                        new Backup("2025-07-20/postgres-petdb-2025-07-22-03-00-00.tgz",
                                Instant.parse("2025-07-22T03:00:00Z"), 20, false),
                        new Backup("2025-07-20/postgres-petdb-2025-07-21-03-00-01.tgz",
                                Instant.parse("2025-07-21T03:00:01Z"), 10, false)), backups);
                assertEquals(List.of("manual/postgres-petdb-2025-07-22-12-30-00.tgz"),
                        new BackupCatalog(store, "manual/", "postgres-petdb").list().stream().map(Backup::key).toList());
            }
        }
    }

    @Test
    void fileNamesAreDokkus() {
        assertEquals("postgres-petdb-2025-07-21-03-00-01.tgz.gpg",
                Backup.fileName("postgres-petdb", Instant.parse("2025-07-21T03:00:01Z"), true));
    }

    @Test
    void aFileIsABackupWhateverItsNamePart() {
        assertEquals(Optional.of(new Backup("mydb-2025-07-21-03-00-01.tgz.gpg", Instant.parse("2025-07-21T03:00:01Z"), 7, true)),
                Backup.of(new StoredObject("mydb-2025-07-21-03-00-01.tgz.gpg", 7, Instant.EPOCH)));
        assertEquals(Optional.empty(), Backup.of(new StoredObject("mydb-2025-07-21-03-00-01.tgz.gpg", 7, Instant.EPOCH),
                "postgres-petdb"));
        assertEquals(Optional.empty(), Backup.of(new StoredObject("mydb-2025-13-40-03-00-00.tgz", 1, Instant.EPOCH)),
                "an impossible date");
        assertEquals(Optional.empty(), Backup.of(new StoredObject("anything.tgz", 1, Instant.EPOCH)));
    }
}
