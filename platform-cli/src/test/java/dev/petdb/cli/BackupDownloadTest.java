package dev.petdb.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.petdb.backup.catalog.Backup;
import dev.petdb.testkit.DokkuBackups;
import dev.petdb.testkit.TestS3;
import org.junit.jupiter.api.Test;

/**
 * {@code petdb backup download}: the dump of a dokku-made backup as a file pg_restore reads, readable by its owner
 * only, never overwriting by accident, and nothing at all from a backup that fails its checks.
 */
class BackupDownloadTest {
    private static final String PASSPHRASE = "download-test-passphrase";

    private static String pgRestoreList(Path dump) throws Exception {
        Process list = new ProcessBuilder("pg_restore", "--list", dump.toString()).redirectErrorStream(true).start();
        String toc = new String(list.getInputStream().readAllBytes());
        assertEquals(0, list.waitFor(), toc);
        return toc;
    }

    private static List<String> files(Path dir) throws Exception {
        try (var listing = Files.list(dir)) {
            return listing.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheDumpPgRestoreReadsOnlyForItsOwner() throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        try (Connection c = petdb.server.connect(petdb.database); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE public.notes (id int PRIMARY KEY, body text)");
            s.execute("INSERT INTO public.notes SELECT g, md5(g::text) FROM generate_series(1, 5000) g");
        }
        byte[] encrypted = DokkuBackups.tgzGpg(petdb.server, petdb.database, PASSPHRASE);
        byte[] plain = DokkuBackups.tgz(petdb.server, petdb.database);
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            String key = "2025-07-20/" + Backup.fileName("postgres-petdb", Instant.now().minus(Duration.ofHours(2)), true);
            String cut = "2025-07-20/" + Backup.fileName("postgres-petdb", Instant.now().minus(Duration.ofHours(1)), false);
            s3.put(key, encrypted);
            byte[] badChecksum = Arrays.copyOf(plain, plain.length);
            badChecksum[plain.length - 8] ^= 1; // the dump whole; only gzip's CRC at the very end is wrong
            s3.put(cut, badChecksum);
            Map<String, String> env = new HashMap<>(s3.env(""));
            env.put("BACKUP_PASSPHRASE", PASSPHRASE);
            PetdbRun petdbCli = PetdbRun.withEnvironment(env);
            Path dir = Files.createTempDirectory("download");
            Path dump = dir.resolve("notes.dump");

            PetdbRun.Result done = petdbCli.run("backup", "download", key, "--output", dump.toString());
            assertEquals(0, done.exit(), done.err());
            assertEquals(dump.toString(), done.out().strip());
            assertTrue(done.err().contains("downloading " + key), "progress on standard error: " + done.err());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dump)));
            assertTrue(pgRestoreList(dump).contains("TABLE DATA public notes"));
            assertEquals(List.of("notes.dump"), files(dir), "no temporary file left");

            byte[] first = Files.readAllBytes(dump);
            PetdbRun.Result again = petdbCli.run("backup", "download", key, "--output", dump.toString());
            assertEquals(1, again.exit());
            assertEquals("petdb: " + dump + " exists; add --force to overwrite it\n", again.messages());
            assertFalse(again.err().contains("downloading "), "refused before downloading");
            Files.writeString(dump, "something else");
            PetdbRun.Result forced = petdbCli.run("backup", "download", key, "--output", dump.toString(), "--force");
            assertEquals(0, forced.exit(), forced.err());
            assertArrayEquals(first, Files.readAllBytes(dump), "the same dump again");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dump)));

            // a backup that fails its checks leaves no file, even when the dump itself was read whole
            Path broken = dir.resolve("broken.dump");
            PetdbRun.Result failed = petdbCli.run("backup", "download", cut, "--output", broken.toString());
            assertEquals(1, failed.exit(), failed.out());
            assertTrue(failed.messages().startsWith("petdb: the backup is corrupt"), failed.err());
            assertEquals(List.of("notes.dump"), files(dir), "no file, no temporary file");

            PetdbRun.Result wrongKey = PetdbRun.withEnvironment(s3.env("")).with("BACKUP_PASSPHRASE", "wrong")
                    .run("backup", "download", key, "--output", broken.toString());
            assertEquals(1, wrongKey.exit(), wrongKey.out());
            assertEquals(List.of("notes.dump"), files(dir), "no file from a wrong key");

            // no key at all is a set-up error, as for verify and restore: exit 2, naming the variables
            PetdbRun.Result noKey = PetdbRun.withEnvironment(s3.env("")).run("backup", "download", key, "--output",
                    broken.toString());
            assertEquals(2, noKey.exit(), noKey.out());
            assertEquals("petdb: " + key + " is encrypted: set BACKUP_PASSPHRASE or BACKUP_PASSPHRASE_FILE (a passphrase),"
                    + " or BACKUP_SECRET_KEY_FILE (a secret key)\n", noKey.err(), "said before anything is downloaded");
            for (PetdbRun.Result r : List.of(done, again, forced, failed, wrongKey)) {
                assertFalse((r.out() + r.err()).contains(PASSPHRASE), "the passphrase never shows");
            }
        }
    }
}
