package dev.petdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.petdb.testkit.TestPostgres;
import dev.petdb.testkit.TestS3;
import org.junit.jupiter.api.Test;

/**
 * {@code petdb backup create} stopped by a signal, as a real process: it leaves no unfinished upload behind.
 */
class BackupInterruptedTest {

    @Test
    void sigtermDuringTheUploadAbortsIt() throws Exception {
        TestPostgres server = TestPostgres.shared();
        String database = server.createDatabase();
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            // 64 MiB that no compression shrinks: the upload takes four 16 MiB parts, long enough to be caught in flight
            s.execute("CREATE TABLE noise (id int, bytes bytea)");
            s.execute("INSERT INTO noise SELECT g, sha512(int8send(g)) FROM generate_series(1, 1048576) g");
        }
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            Map<String, String> env = new HashMap<>(s3.env("nightly"));
            env.put("DATABASE_URL", server.adminUrl(database));
            env.put("PATH", System.getenv().getOrDefault("PATH", ""));
            Path log = Files.createTempFile("petdb-backup-create", ".log");
            Process create = PetdbProcess.start(env, log, "backup", "create");
            try {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5); // a bound, not a timing
                while (s3.pendingUploads() == 0 && create.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(1, s3.pendingUploads(), "the upload started: " + Files.readString(log));
                create.destroy(); // SIGTERM
                assertTrue(create.waitFor(2, TimeUnit.MINUTES), "petdb exits after SIGTERM");
            } finally {
                create.destroyForcibly();
            }
            String output = Files.readString(log);
            assertEquals(143, create.exitValue(), "stopped by the signal, not finished: " + output);
            assertEquals(List.of(), s3.keys(), "nothing stored: " + output);
            assertEquals(0, s3.pendingUploads(), "no unfinished upload left: " + output);
        }
    }
}
