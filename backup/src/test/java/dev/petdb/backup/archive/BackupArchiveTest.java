package dev.petdb.backup.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;

import dev.petdb.backup.BackupException;
import dev.petdb.testkit.DokkuBackups;
import dev.petdb.backup.dump.DumpContents;
import dev.petdb.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Dokku backups made with the real pg_dump, tar and gpg, read in one pass; and each kind of broken backup.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupArchiveTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    private byte[] tgz;
    private byte[] tgzGpg;

    @BeforeAll
    void backups() throws Exception {
        TestPostgres server = TestPostgres.shared();
        String database = server.createDatabase();
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA fruits");
            s.execute("CREATE TABLE fruits.items (id int, name text)");
            // random text, so that the archive is large enough to cut and flip in its middle
            s.execute("INSERT INTO fruits.items SELECT g, md5(random()::text) FROM generate_series(1, 20000) g");
        }
        tgz = DokkuBackups.tgz(server, database);
        tgzGpg = DokkuBackups.tgzGpg(server, database, PASSPHRASE);
    }

    private static DumpContents read(byte[] object, boolean encrypted, Optional<DecryptionKey> key) {
        return BackupArchive.read(new ByteArrayInputStream(object), encrypted, key.orElse(null));
    }

    private static Optional<DecryptionKey> passphrase(String text) {
        return DecryptionKey.fromEnvironment(java.util.Map.of("BACKUP_PASSPHRASE", text));
    }

    @Test
    void readsPlainAndEncryptedBackups() {
        for (DumpContents dump : new DumpContents[] {read(tgz, false, Optional.empty()),
                read(tgzGpg, true, passphrase(PASSPHRASE))}) {
            var items = dump.entries().stream().filter(e -> e.desc().equals("TABLE DATA") && e.tag().equals("items"))
                    .findFirst().orElseThrow();
            assertEquals(20000, dump.blocks().get(items.dumpId()).rows());
        }
    }

    @Test
    void brokenBackupsAreOneClearLine() {
        BackupException cut = assertThrows(BackupException.class,
                () -> read(Arrays.copyOf(tgz, tgz.length / 2), false, Optional.empty()));
        assertTrue(cut.getMessage().matches("the (backup|dump) is truncated.*"), cut.getMessage());
        assertMessage("the backup is empty", () -> read(new byte[0], false, Optional.empty()));
        assertMessage("not a dokku backup: it is not gzip-compressed (expected a .tgz)",
                () -> read("just some text, long enough".getBytes(), false, Optional.empty()));
        byte[] flipped = tgz.clone();
        flipped[flipped.length / 2] ^= 0x01;
        BackupException corrupt = assertThrows(BackupException.class, () -> read(flipped, false, Optional.empty()));
        assertTrue(corrupt.getMessage().startsWith("the backup is corrupt") || corrupt.getMessage().startsWith("the dump is corrupt"),
                corrupt.getMessage());
        BackupException wrong = assertThrows(BackupException.class, () -> read(tgzGpg, true, passphrase("wrong")));
        assertFalse(wrong.getMessage().contains("wrong\""));
        assertTrue(wrong.getMessage().toLowerCase().contains("passphrase"), wrong.getMessage());
        assertMessage("the backup is encrypted: set BACKUP_PASSPHRASE (or BACKUP_PASSPHRASE_FILE, or BACKUP_SECRET_KEY_FILE)",
                () -> read(tgzGpg, true, Optional.empty()));
        byte[] truncatedGpg = Arrays.copyOf(tgzGpg, tgzGpg.length / 2);
        assertThrows(BackupException.class, () -> read(truncatedGpg, true, passphrase(PASSPHRASE)));
        byte[] flippedGpg = tgzGpg.clone();
        flippedGpg[flippedGpg.length / 2] ^= 0x01;
        assertThrows(BackupException.class, () -> read(flippedGpg, true, passphrase(PASSPHRASE)));
    }

    @Test
    void bytesAfterTheEndOfTheGzipStreamAreReportedNotBroken() {
        byte[] garbage = Arrays.copyOf(tgz, tgz.length + 9);
        System.arraycopy("garbage!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, garbage, tgz.length, 9);
        DumpContents dump = read(garbage, false, Optional.empty());
        assertEquals(java.util.List.of(BackupArchive.trailingBytesNote(9)), dump.notes());
        assertTrue(dump.notes().getFirst().startsWith("9 bytes after the end of the backup's gzip stream"),
                dump.notes().getFirst());
        // zeros (a tape's padding) gzip ignores without a word, and so do we
        assertEquals(java.util.List.of(), read(Arrays.copyOf(tgz, tgz.length + 512), false, Optional.empty()).notes());
        assertEquals(java.util.List.of(), read(tgz, false, Optional.empty()).notes());
    }

    @Test
    void aSecondGzipMemberIsReadOnNotTrailingBytes() {
        byte[] twice = Arrays.copyOf(tgz, tgz.length * 2);
        System.arraycopy(tgz, 0, twice, tgz.length, tgz.length);
        assertEquals(java.util.List.of(), read(twice, false, Optional.empty()).notes(), "gzip -t accepts it silently");
    }

    @Test
    void aTarWithoutADumpIsNotADokkuBackup() throws Exception {
        Path dir = Files.createTempDirectory("notdump");
        Files.createDirectories(dir.resolve("backup"));
        Files.writeString(dir.resolve("backup/export"), "-- PostgreSQL database dump (plain SQL)\n");
        Process tar = new ProcessBuilder("tar", "--create", "--gzip", "--file", "x.tgz", "backup/").directory(dir.toFile()).start();
        assertEquals(0, tar.waitFor());
        assertMessage("not a pg_dump custom-format archive (no PGDMP magic)",
                () -> read(Files.readAllBytes(dir.resolve("x.tgz")), false, Optional.empty()));
        Files.move(dir.resolve("backup/export"), dir.resolve("backup/other"));
        Process tar2 = new ProcessBuilder("tar", "--create", "--gzip", "--file", "y.tgz", "backup/").directory(dir.toFile()).start();
        assertEquals(0, tar2.waitFor());
        assertMessage("not a dokku backup: the archive has no backup/export",
                () -> read(Files.readAllBytes(dir.resolve("y.tgz")), false, Optional.empty()));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable executable) {
        assertEquals(expected, assertThrows(BackupException.class, executable).getMessage());
    }
}
