package dev.petdb.backup.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.archive.BackupArchive;
import dev.petdb.backup.archive.DecryptionKey;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.dump.DumpContents;
import dev.petdb.backup.pgtools.PgTool;
import dev.petdb.backup.pgtools.PgTools;
import dev.petdb.backup.store.R2BackupStore;
import dev.petdb.backup.store.R2Settings;
import dev.petdb.backup.store.StoredObject;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.testkit.TestPostgres;
import dev.petdb.testkit.TestS3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code backup create}: dokku's format and naming, readable by the real tar, gpg and pg_restore; nothing stored on
 * failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupCreatorTest {
    private TestPostgres server;
    private String database;
    private PgTool pgDump;

    @BeforeAll
    void database() throws Exception {
        server = TestPostgres.shared();
        database = server.createDatabase();
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA shop");
            s.execute("CREATE TABLE shop.items (id int, name text)");
            s.execute("INSERT INTO shop.items SELECT g, md5(g::text) FROM generate_series(1, 4321) g");
        }
        pgDump = new PgTools(Map.of("PATH", System.getenv().getOrDefault("PATH", ""))).find("pg_dump").orElseThrow();
    }

    private R2BackupStore store(TestS3 s3) {
        return R2BackupStore.connect(R2Settings.fromEnvironment(s3.env("nightly")));
    }

    private BackupCreator creator(R2BackupStore store, String db) {
        return new BackupCreator(DatabaseUrl.parse("url", server.adminUrl(db)), pgDump, store);
    }

    private static long itemsRows(DumpContents dump) {
        var entry = dump.entries().stream().filter(e -> e.desc().equals("TABLE DATA") && e.tag().equals("items"))
                .findFirst().orElseThrow();
        return dump.blocks().get(entry.dumpId()).rows();
    }

    @Test
    void aPlainBackupIsWhatDokkuWrites() throws Exception {
        try (TestS3 s3 = TestS3.start("petdb-backups"); R2BackupStore store = store(s3)) {
            Instant now = Instant.parse("2026-11-23T03:00:07Z");
            BackupCreator.Created created = creator(store, database).create("nightly/", "postgres-petdb", BackupCreator.Encryption.NONE, now);
            assertEquals("nightly/postgres-petdb-2026-11-23-03-00-07.tgz", created.key());
            assertEquals(List.of(created.key()), s3.keys());
            assertTrue(Backup.of(new StoredObject(created.key(), created.bytes(), now), "postgres-petdb").isPresent());

            byte[] object = s3.get(created.key());
            assertEquals(created.bytes(), object.length);
            Path dir = Files.createTempDirectory("created");
            Files.write(dir.resolve("b.tgz"), object);
            assertEquals(List.of("backup/", "backup/export"), List.of(run(dir, "tar", "-tzf", "b.tgz").strip().split("\n")));
            run(dir, "tar", "-xzf", "b.tgz");
            assertEquals(created.dumpBytes(), Files.size(dir.resolve("backup/export")));
            assertTrue(run(dir, "pg_restore", "--list", "backup/export").contains("TABLE DATA shop items"));
            assertEquals(4321, itemsRows(BackupArchive.read(new ByteArrayInputStream(object), false, null)));
        }
    }

    @Test
    void anEncryptedBackupDecryptsWithGpg() throws Exception {
        try (TestS3 s3 = TestS3.start("petdb-backups"); R2BackupStore store = store(s3)) {
            BackupCreator.Created created = creator(store, database).create("nightly/", "postgres-petdb",
                    new BackupCreator.Encryption.WithPassphrase(DecryptionKey.passphrase("our passphrase")), Instant.now());
            assertTrue(created.key().endsWith(".tgz.gpg"), created.key());
            byte[] object = s3.get(created.key());
            Path dir = Files.createTempDirectory("encrypted");
            Path home = Files.createDirectories(dir.resolve("gnupg"));
            Files.write(dir.resolve("b.tgz.gpg"), object);
            try {
                run(dir, "gpg", "--homedir", home.toString(), "--batch", "--quiet", "--pinentry-mode", "loopback",
                        "--passphrase", "our passphrase", "--output", "b.tgz", "--decrypt", "b.tgz.gpg");
            } finally {
                run(dir, "gpgconf", "--homedir", home.toString(), "--kill", "all");
            }
            assertEquals(List.of("backup/", "backup/export"), List.of(run(dir, "tar", "-tzf", "b.tgz").strip().split("\n")));
            DumpContents dump = BackupArchive.read(new ByteArrayInputStream(object), true,
                    DecryptionKey.fromEnvironment(Map.of("BACKUP_PASSPHRASE", "our passphrase")).orElseThrow());
            assertEquals(4321, itemsRows(dump));
        }
    }

    @Test
    void nothingIsStoredWhenTheStreamBreaksOff() {
        try (TestS3 s3 = TestS3.start("petdb-backups"); R2BackupStore store = store(s3)) {
            InputStream breaksAfter20MiB = new InputStream() {
                private long left = 20L * 1024 * 1024;

                @Override
                public int read() throws IOException {
                    if (left-- <= 0) {
                        throw new IOException("the source broke off");
                    }
                    return 'x';
                }
            };
            BackupException e = assertThrows(BackupException.class, () -> store.upload("nightly/partial.tgz", breaksAfter20MiB));
            assertEquals("uploading nightly/partial.tgz failed, nothing was stored: the source broke off", e.getMessage());
            assertEquals(List.of(), s3.keys());
            assertEquals(0, s3.pendingUploads(), "the multipart upload was aborted");
        }
    }

    @Test
    void nothingIsStoredWhenPgDumpFails() {
        try (TestS3 s3 = TestS3.start("petdb-backups"); R2BackupStore store = store(s3)) {
            BackupException e = assertThrows(BackupException.class,
                    () -> creator(store, "no_such_database").create("nightly/", "postgres-petdb", BackupCreator.Encryption.NONE, Instant.now()));
            assertTrue(e.getMessage().startsWith("cannot reach petdb"), e.getMessage());
            assertEquals(List.of(), s3.keys());
            assertEquals(0, s3.pendingUploads());
        }
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
        return output;
    }
}
