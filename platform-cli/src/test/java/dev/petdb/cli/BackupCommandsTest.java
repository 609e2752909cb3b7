package dev.petdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.testkit.TestS3;
import org.junit.jupiter.api.Test;

/**
 * {@code petdb backup list} and {@code prune} against a real S3 server (S3Proxy), configured as for R2.
 */
class BackupCommandsTest {

    @Test
    void listShowsBackupsNewestFirst() throws Exception {
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            s3.put("2025-07-20/postgres-petdb-2025-07-21-03-00-00.tgz", new byte[2048]);
            s3.put("2025-07-20/postgres-petdb-2025-07-22-03-00-00.tgz.gpg", new byte[100]);
            s3.put("2025-07-20/readme.txt", new byte[1]);
            PetdbRun petdb = PetdbRun.withEnvironment(s3.env(""));

            PetdbRun.Result table = petdb.run("backup", "list");
            assertEquals(0, table.exit(), table.err());
            List<String> lines = table.out().lines().toList();
            assertEquals(3, lines.size(), table.out());
            assertTrue(lines.get(0).matches("KEY +TIME +AGE +SIZE +ENCRYPTED"), lines.get(0));
            assertTrue(lines.get(1).matches("2025-07-20/postgres-petdb-2025-07-22-03-00-00\\.tgz\\.gpg +2025-07-22 03:00:00Z"
                    + " +\\d+d \\d+h +100 B +yes"), lines.get(1));
            assertTrue(lines.get(2).matches("2025-07-20/postgres-petdb-2025-07-21-03-00-00\\.tgz +2025-07-21 03:00:00Z"
                    + " +\\d+d \\d+h +2\\.0 kB +no"), lines.get(2));

            PetdbRun.Result json = petdb.run("backup", "list", "--json");
            JsonNode rows = new ObjectMapper().readTree(json.out());
            assertEquals(2, rows.size());
            assertEquals("2025-07-22T03:00:00Z", rows.get(0).get("time").asText());
            assertTrue(rows.get(0).get("encrypted").asBoolean());
            assertEquals(2048, rows.get(1).get("size_bytes").asLong());
            assertTrue(rows.get(1).get("age_seconds").asLong() > 0);
        }
    }

    @Test
    void anEmptyBucketSaysWhatWasSearched() {
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            PetdbRun.Result result = PetdbRun.withEnvironment(s3.env("2025-07-20")).run("backup", "list");
            assertEquals(0, result.exit());
            assertEquals("no backups named postgres-petdb-*.tgz[.gpg] under petdb-backups/2025-07-20/", result.err().strip());
        }
    }

    @Test
    void pruneKeepsWhatGfsSaysAndDryRunDeletesNothing() {
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            List<String> keys = new ArrayList<>();
            for (LocalDate day = LocalDate.of(2025, 9, 1); !day.isAfter(LocalDate.of(2025, 10, 31)); day = day.plusDays(1)) {
                String key = "2025-07-20/" + Backup.fileName("postgres-petdb", Instant.parse(day + "T03:00:00Z"), false);
                s3.put(key, new byte[1]);
                keys.add(key);
            }
            PetdbRun petdb = PetdbRun.withEnvironment(s3.env(""));
            String[] prune = {"backup", "prune", "--keep-daily", "3", "--keep-weekly", "2", "--keep-monthly", "2"};

            PetdbRun.Result dryRun = petdb.run(concat(prune, "--dry-run"));
            assertEquals(0, dryRun.exit(), dryRun.err());
            // Oct 29-31 daily; weeks: Fri Oct 31 (W44), Sun Oct 26 (W43); months: Oct 31, Sep 30
            List<String> kept = List.of("2025-10-31", "2025-10-30", "2025-10-29", "2025-10-26", "2025-09-30");
            assertEquals(61 - kept.size(), dryRun.out().lines().filter(l -> l.startsWith("would delete ")).count());
            assertEquals("would keep 5 and delete 56 of postgres-petdb-*.tgz[.gpg] under petdb-backups/", dryRun.err().strip());
            assertTrue(keys.stream().allMatch(s3::exists), "a dry run deletes nothing");

            PetdbRun.Result real = petdb.run(prune);
            assertEquals(0, real.exit(), real.err());
            for (String key : keys) {
                boolean shouldStay = kept.stream().anyMatch(day -> key.contains(day + "-03-00-00"));
                assertEquals(shouldStay, s3.exists(key), key);
            }
            assertEquals(56, real.out().lines().filter(l -> l.startsWith("deleted ")).count());
        }
    }

    @Test
    void aFreshUnfinishedUploadIsLeftAloneByPruneAndDoctor() {
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            // a backup create running right now: its upload is unfinished, and must stay so
            UnfinishedUploads.start(s3, "petdb-backups", Backup.fileName("postgres-petdb", Instant.now(), false));
            PetdbRun petdb = PetdbRun.onNewDatabase();
            s3.env("").forEach(petdb::with);

            PetdbRun.Result pruned = petdb.run("backup", "prune");
            assertEquals(0, pruned.exit(), pruned.err());
            assertEquals("", pruned.out());
            assertEquals(1, s3.pendingUploads(), "younger than a day: perhaps running now");
            PetdbRun.Result doctor = petdb.run("doctor");
            assertTrue(doctor.out().lines().anyMatch(l -> l.equals("OK       no abandoned backup uploads under petdb-backups/")),
                    doctor.out());
            assertEquals(1, s3.pendingUploads());
        }
    }

    @Test
    void missingSettingsAndWrongCredentialsAreOneLineWithoutSecrets() {
        PetdbRun.Result missing = PetdbRun.withEnvironment(Map.of()).run("backup", "list");
        assertEquals(1, missing.exit());
        assertEquals("petdb: AWS_ACCESS_KEY_ID is not set (the value given to dokku postgres:backup-auth)",
                missing.err().strip());

        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            Map<String, String> env = new HashMap<>(s3.env(""));
            env.put("AWS_SECRET_ACCESS_KEY", "Wr0ngS3cretValue");
            PetdbRun.Result refused = PetdbRun.withEnvironment(env).run("backup", "prune");
            assertEquals(1, refused.exit());
            assertEquals(1, refused.err().lines().count(), refused.err());
            assertFalse(refused.err().contains("Wr0ngS3cretValue"));
        }
    }

    private static String[] concat(String[] args, String more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = more;
        return all;
    }
}
