package dev.petdb.cli;

import static dev.petdb.cli.SchemaCommandsTest.connectAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.petdb.backup.catalog.Backup;
import dev.petdb.fruits.FruitsApp;
import dev.petdb.kit.RunningApp;
import dev.petdb.kit.config.AppSettings;
import dev.petdb.testkit.DokkuBackups;
import dev.petdb.testkit.TestHttp;
import dev.petdb.testkit.TestS3;
import org.junit.jupiter.api.Test;

/**
 * {@code petdb backup restore} of one app's schema from a dokku-made backup of the whole database: fruits, on its own
 * role, keeps working afterwards; the other app's rows do not change; a failure midway changes nothing.
 */
class BackupRestoreTest {

    private static String checksum(PetdbRun petdb, String table) throws Exception {
        return DatabaseState.checksum(petdb.server, petdb.database, table);
    }

    private static long count(PetdbRun petdb, String sql) throws Exception {
        try (Connection c = petdb.server.connect(petdb.database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static RunningApp fruits(String url, String app) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("DATABASE_URL", url);
        env.put("APP_SCHEMA", app);
        return FruitsApp.APP.start(AppSettings.fromEnvironment("fruits", env));
    }

    @Test
    void restoresOneAppsSchemaAndNothingElse() throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        String app = PetdbRun.uniqueApp("fr");
        String other = PetdbRun.uniqueApp("bystander");
        String appUrl = petdb.create(app).databaseUrl();
        String otherUrl = petdb.create(other).databaseUrl();
        RunningApp running = fruits(appUrl, app);
        try {
            TestHttp http = new TestHttp(running.port());
            assertEquals(201, http.postJson("/items", "{\"name\":\"kiwi\"}").status());
        } finally {
            running.stop();
        }
        try (Connection c = connectAs(otherUrl); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
            s.execute("INSERT INTO notes SELECT g, md5(g::text) FROM generate_series(1, 50) g");
        }
        byte[] backup = DokkuBackups.tgz(petdb.server, petdb.database);

        // the bad day: rows deleted, a stray table, and the other app moves on
        try (Connection c = connectAs(appUrl); Statement s = c.createStatement()) {
            s.execute("DELETE FROM items WHERE name <> 'apple'");
            s.execute("CREATE TABLE stray (v int)");
        }
        try (Connection c = connectAs(otherUrl); Statement s = c.createStatement()) {
            s.execute("INSERT INTO notes VALUES (51, 'after the backup')");
        }
        String otherBefore = checksum(petdb, other + ".notes");

        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            String key = "2025-07-20/" + Backup.fileName("postgres-petdb", Instant.now().minus(Duration.ofHours(3)), false);
            s3.put(key, backup);
            Map<String, String> env = new HashMap<>(s3.env(""));
            env.put("DATABASE_URL", petdb.server.adminUrl(petdb.database));
            Path safetyDir = Files.createTempDirectory("safety");
            PetdbRun restore = PetdbRun.withEnvironment(env);

            PetdbRun.Result unconfirmed = restore.run("backup", "restore", key, "--schema", app);
            assertEquals(2, unconfirmed.exit());
            assertEquals(1, count(petdb, "SELECT count(*) FROM " + app + ".items"), "nothing changed");

            PetdbRun.Result done = restore.run("backup", "restore", key, "--schema", app, "--yes", "--safety-dir",
                    safetyDir.toString());
            assertEquals(0, done.exit(), done.err());
            assertEquals("restored schema " + app + " from " + key + ", owned by role " + app, done.out().strip());
            assertTrue(done.messages().startsWith("safety dump of the live schema " + app + ": " + safetyDir), done.err());
            try (var listing = Files.list(safetyDir)) {
                Path safety = listing.findFirst().orElseThrow();
                Process list = new ProcessBuilder("pg_restore", "--list", safety.toString()).start();
                String toc = new String(list.getInputStream().readAllBytes());
                assertEquals(0, list.waitFor());
                assertTrue(toc.contains("TABLE " + app + " stray"), "the safety dump holds the live schema as it was");
            }

            assertEquals(4, count(petdb, "SELECT count(*) FROM " + app + ".items"), "apple, banana, carrot, kiwi");
            assertEquals(0, count(petdb, "SELECT count(*) FROM pg_tables WHERE schemaname = '" + app + "' AND tablename = 'stray'"));
            assertEquals(0, count(petdb, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = '" + app + "' AND pg_get_userbyid(c.relowner) <> '" + app + "'"),
                    "everything restored belongs to the app's role");
            assertEquals(otherBefore, checksum(petdb, other + ".notes"), "the other app is untouched");

            RunningApp again = fruits(appUrl, app);
            try {
                TestHttp http = new TestHttp(again.port());
                assertEquals("[{\"name\":\"apple\"},{\"name\":\"banana\"},{\"name\":\"carrot\"},{\"name\":\"kiwi\"}]",
                        http.get("/").body());
                assertEquals(201, http.postJson("/items", "{\"name\":\"fig\"}").status(), "identity sequence restored too");
            } finally {
                again.stop();
            }

            // side by side: the live schema stays as it is
            String live = checksum(petdb, app + ".items");
            PetdbRun.Result side = restore.run("backup", "restore", key, "--schema", app, "--into", app + "_copy", "--yes",
                    "--safety-dir", safetyDir.toString());
            assertEquals(0, side.exit(), side.err());
            assertEquals(live, checksum(petdb, app + ".items"));
            assertEquals(4, count(petdb, "SELECT count(*) FROM " + app + "_copy.items"));

            // a failure midway: the backup breaks off; nothing changes, nothing is left behind
            String cut = "2025-07-20/" + Backup.fileName("postgres-petdb", Instant.now().minus(Duration.ofHours(1)), false);
            s3.put(cut, Arrays.copyOf(backup, backup.length * 3 / 4));
            PetdbRun.Result failed = restore.run("backup", "restore", cut, "--schema", app, "--yes", "--safety-dir",
                    safetyDir.toString());
            assertEquals(1, failed.exit(), failed.out());
            assertTrue(failed.messages().matches("petdb: the (backup|dump) is truncated.*\\R"), failed.err());
            assertEquals(live, checksum(petdb, app + ".items"), "the live schema is exactly as it was");
            assertEquals(List.of(), DatabaseState.of(petdb.server, petdb.database).stream()
                    .filter(line -> line.startsWith("petdb_restore_")).toList(), "no schema left aside");
        }
    }

    @Test
    void restoresTheWholeDatabaseAndGivesEachAppItsSchemaBack() throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        String a = PetdbRun.uniqueApp("alla");
        String b = PetdbRun.uniqueApp("allb");
        String urlA = petdb.create(a).databaseUrl();
        String urlB = petdb.create(b).databaseUrl();
        for (String url : List.of(urlA, urlB)) {
            try (Connection c = connectAs(url); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE items (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text)");
                s.execute("INSERT INTO items (name) SELECT md5(g::text) FROM generate_series(1, 200) g");
            }
        }
        String aBackup = checksum(petdb, a + ".items");
        String bBackup = checksum(petdb, b + ".items");
        byte[] backup = DokkuBackups.tgz(petdb.server, petdb.database);
        for (String url : List.of(urlA, urlB)) {
            try (Connection c = connectAs(url); Statement s = c.createStatement()) {
                s.execute("DELETE FROM items WHERE id > 10");
            }
        }
        // a migration after the backup added a table to a's schema, and someone made a schema of their own
        try (Connection c = connectAs(urlA); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE added_later (id int PRIMARY KEY REFERENCES items (id))");
        }
        try (Connection c = petdb.server.connect(petdb.database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA made_later");
            s.execute("CREATE TABLE made_later.kept (v int)");
        }
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            String key = "2025-07-20/" + Backup.fileName("postgres-petdb", Instant.now().minus(Duration.ofHours(1)), false);
            s3.put(key, backup);
            Map<String, String> env = new HashMap<>(s3.env(""));
            env.put("DATABASE_URL", petdb.server.adminUrl(petdb.database));
            Path safetyDir = Files.createTempDirectory("safety-all");
            PetdbRun restore = PetdbRun.withEnvironment(env);
            assertEquals(2, restore.run("backup", "restore", key, "--all").exit(), "needs --yes");
            assertEquals(2, restore.run("backup", "restore", key, "--all", "--schema", a, "--yes").exit());

            PetdbRun.Result done = restore.run("backup", "restore", key, "--all", "--yes", "--safety-dir", safetyDir.toString());
            assertEquals(0, done.exit(), done.err());
            assertEquals(aBackup, checksum(petdb, a + ".items"));
            assertEquals(bBackup, checksum(petdb, b + ".items"));
            assertEquals(0, count(petdb, "SELECT count(*) FROM pg_tables WHERE schemaname = '" + a
                    + "' AND tablename = 'added_later'"), "a's schema is as it was in the backup");
            assertEquals(0, count(petdb, "SELECT count(*) FROM made_later.kept"), "a schema made after the backup stays");
            for (String app : List.of(a, b)) {
                assertEquals(0, count(petdb, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = '" + app + "' AND pg_get_userbyid(c.relowner) <> '" + app + "'"),
                        "everything in " + app + " belongs to its role again");
            }
            try (Connection c = connectAs(urlA); Statement s = c.createStatement()) {
                s.execute("INSERT INTO items (name) VALUES ('after the restore')");
            }
            try (var listing = Files.list(safetyDir)) {
                assertEquals(1, listing.count(), "the safety dump of the whole database");
            }
        }
    }

    /**
     * pg_restore's own transaction statements are the only ones petdb holds back: a row that reads {@code COMMIT;}, a
     * procedure whose body commits, and large objects (which pg_restore would otherwise wrap in a transaction of their
     * own) all come back whole.
     */
    @Test
    void restoresRowsAndRoutinesThatSayCommitAndLargeObjects() throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        try (Connection c = petdb.server.connect(petdb.database); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE public.words (v text)");
            s.execute("INSERT INTO public.words VALUES ('BEGIN;'), ('COMMIT;')");
            s.execute("CREATE PROCEDURE public.tidy() LANGUAGE plpgsql AS $$\nBEGIN\nCOMMIT;\nEND\n$$");
            s.execute("SELECT lo_from_bytea(424242, 'a large object')");
        }
        String words = checksum(petdb, "public.words");
        byte[] backup = DokkuBackups.tgz(petdb.server, petdb.database);
        try (Connection c = petdb.server.connect(petdb.database); Statement s = c.createStatement()) {
            s.execute("DELETE FROM public.words");
            s.execute("DROP PROCEDURE public.tidy()");
            s.execute("SELECT lo_unlink(424242)");
        }
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            String key = "2025-07-20/" + Backup.fileName("postgres-petdb", Instant.now().minus(Duration.ofHours(1)), false);
            s3.put(key, backup);
            Map<String, String> env = new HashMap<>(s3.env(""));
            env.put("DATABASE_URL", petdb.server.adminUrl(petdb.database));
            PetdbRun.Result done = PetdbRun.withEnvironment(env).run("backup", "restore", key, "--all", "--yes",
                    "--safety-dir", Files.createTempDirectory("safety-words").toString());
            assertEquals(0, done.exit(), done.err());
        }
        assertEquals(words, checksum(petdb, "public.words"));
        assertEquals(1, count(petdb, "SELECT count(*) FROM pg_proc WHERE proname = 'tidy'"
                + " AND prosrc LIKE '%' || chr(10) || 'COMMIT;' || chr(10) || '%'"));
        assertEquals(1, count(petdb, "SELECT count(*) FROM pg_largeobject_metadata WHERE oid = 424242"
                + " AND convert_from(lo_get(424242), 'UTF8') = 'a large object'"));
    }
}
