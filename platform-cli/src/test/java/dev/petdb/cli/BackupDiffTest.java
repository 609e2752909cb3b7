package dev.petdb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.testkit.DokkuBackups;
import dev.petdb.testkit.TestS3;
import org.junit.jupiter.api.Test;

/**
 * {@code petdb backup diff}: what changed since a dokku-made backup, by primary key and, for a table without one, as a
 * multiset of whole rows; the live database is only read, and no scratch database is left.
 */
class BackupDiffTest {
    private static final String PASSPHRASE = "diff-test-passphrase";

    private static void sql(PetdbRun petdb, String... statements) throws Exception {
        try (Connection c = petdb.server.connect(petdb.database); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static long scratchDatabases(PetdbRun petdb) throws Exception {
        try (Connection c = petdb.server.connect(petdb.database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE 'petdb\\_scratch\\_%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void showsDeletedAddedAndChangedRowsByPrimaryKeyAndDuplicatesAsAMultiset() throws Exception {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        sql(petdb, "CREATE TABLE public.notes (id int PRIMARY KEY, body text, stars int)",
                "INSERT INTO public.notes SELECT g, 'note ' || g, g % 5 FROM generate_series(1, 2000) g",
                "CREATE TABLE public.tags (tag text, n int)", // no primary key, duplicates
                "INSERT INTO public.tags VALUES ('a', 1), ('a', 1), ('a', 1), ('b', NULL), ('b', NULL), ('c', 3)",
                "CREATE SCHEMA shop",
                "CREATE TABLE shop.orders (region text, no int, total numeric, PRIMARY KEY (region, no))",
                "INSERT INTO shop.orders VALUES ('eu', 1, 10.5), ('eu', 2, 20), ('us', 1, 7)",
                "CREATE TABLE shop.events (id int, at date) PARTITION BY RANGE (at)",
                "CREATE TABLE shop.events_2025 PARTITION OF shop.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "INSERT INTO shop.events VALUES (1, '2025-03-01'), (2, '2025-04-01')",
                "CREATE TABLE shop.parent (id int PRIMARY KEY, v text)", // inheritance: each table its own rows
                "CREATE TABLE shop.child (extra int) INHERITS (shop.parent)",
                "INSERT INTO shop.parent VALUES (1, 'p')",
                "INSERT INTO shop.child VALUES (2, 'c', 0)",
                "CREATE TYPE public.mood AS ENUM ('ok', 'meh')", // pg_restore --table restores no type
                "CREATE TABLE public.moods (id int PRIMARY KEY, m public.mood)");
        byte[] encrypted = DokkuBackups.tgzGpg(petdb.server, petdb.database, PASSPHRASE);

        // the bad day: a bad UPDATE, a delete, an insert; in the multiset one duplicate less and one more
        sql(petdb, "UPDATE public.notes SET body = '' WHERE id IN (2, 1000, 1999)",
                "UPDATE public.notes SET stars = NULL, body = 'it''s new' WHERE id = 7",
                "DELETE FROM public.notes WHERE id IN (5, 1500)",
                "INSERT INTO public.notes VALUES (2001, 'after the backup', 1)",
                "DELETE FROM public.tags WHERE ctid = (SELECT min(ctid) FROM public.tags WHERE tag = 'a')",
                "INSERT INTO public.tags VALUES ('b', NULL), ('d', 4)",
                "INSERT INTO shop.events VALUES (3, '2025-05-01')",
                "CREATE TABLE public.later (id int PRIMARY KEY)");
        List<String> stateBefore = DatabaseState.of(petdb.server, petdb.database);
        String notesBefore = DatabaseState.checksum(petdb.server, petdb.database, "public.notes");
        String tagsBefore = DatabaseState.checksum(petdb.server, petdb.database, "public.tags");

        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            String key = "2025-07-20/" + Backup.fileName("postgres-petdb", Instant.now().minus(Duration.ofHours(2)), true);
            s3.put(key, encrypted);
            Map<String, String> env = new HashMap<>(s3.env(""));
            env.put("DATABASE_URL", petdb.server.adminUrl(petdb.database));
            env.put("BACKUP_PASSPHRASE", PASSPHRASE);
            PetdbRun diff = PetdbRun.withEnvironment(env);

            PetdbRun.Result text = diff.run("backup", "diff", key, "--table", "public.notes", "--table", "public.tags",
                    "--limit", "2");
            assertEquals(0, text.exit(), text.err());
            assertEquals("", text.messages(), "only progress on standard error");
            assertEquals("""
                    public.notes (by primary key id): 2 deleted, 1 added, 4 changed since the backup (2000 rows then, 1999 now)
                      deleted  id='1500'
                      deleted  id='5'
                      added    id='2001'
                      changed  id='1000': body: 'note 1000' -> ''
                      changed  id='1999': body: 'note 1999' -> ''
                      ... and 2 more changed
                    public.tags (no primary key: compared as whole rows): 1 deleted, 2 added since the backup (6 rows then, 7 now)
                      deleted  tag='a' n='1'
                      added    tag='b' n=NULL
                      added    tag='d' n='4'
                    """, text.out(), "keys in text order, as both sides are read");

            PetdbRun.Result json = diff.run("backup", "diff", key, "--schema", "shop", "--table", "public.notes", "--json");
            assertEquals(0, json.exit(), json.err());
            JsonNode result = new ObjectMapper().readTree(json.out());
            assertEquals(key, result.get("backup").asText());
            JsonNode notes = result.get("tables").get(0);
            assertEquals("notes", notes.get("table").asText());
            assertEquals("[\"id\"]", notes.get("primary_key").toString());
            assertEquals(2, notes.get("deleted").asLong());
            assertEquals(1, notes.get("added").asLong());
            assertEquals(4, notes.get("changed").asLong());
            assertEquals(4, notes.get("changed_rows").size(), "the default limit is 5");
            JsonNode seven = notes.get("changed_rows").get(3);
            assertEquals("{\"key\":{\"id\":\"7\"},\"changes\":{\"body\":{\"old\":\"note 7\",\"new\":\"it's new\"},"
                    + "\"stars\":{\"old\":\"2\",\"new\":null}}}", seven.toString());
            List<String> compared = new java.util.ArrayList<>();
            result.get("tables").forEach(t -> compared.add(t.get("schema").asText() + "." + t.get("table").asText() + " -"
                    + t.get("deleted") + " +" + t.get("added") + " ~" + t.get("changed") + " " + t.get("primary_key")));
            assertEquals(List.of("public.notes -2 +1 ~4 [\"id\"]", "shop.child -0 +0 ~0 null", "shop.events_2025 -0 +1 ~0 null",
                    "shop.orders -0 +0 ~0 [\"region\",\"no\"]", "shop.parent -0 +0 ~0 [\"id\"]"), compared,
                    "the tables named, then a schema's by name; partitions, not their parent; each its own rows");

            // one line for each mistake, before anything is downloaded where it can be
            PetdbRun.Result unknown = diff.run("backup", "diff", key, "--table", "public.nope");
            assertEquals(1, unknown.exit());
            assertEquals("petdb: no table public.nope in database " + petdb.database + "\n", unknown.messages());
            PetdbRun.Result notInBackup = diff.run("backup", "diff", key, "--table", "public.later");
            assertEquals(1, notInBackup.exit());
            assertEquals("petdb: table public.later is not in the backup " + key + "\n", notInBackup.messages());
            PetdbRun.Result noKey = diff.run("backup", "diff", "2025-07-20/nothing.tgz", "--table", "public.notes");
            assertEquals(1, noKey.exit());
            assertTrue(noKey.messages().startsWith("petdb: no backup 2025-07-20/nothing.tgz among "), noKey.err());
            PetdbRun.Result partitioned = diff.run("backup", "diff", key, "--table", "shop.events");
            assertEquals(1, partitioned.exit());
            assertEquals("petdb: table shop.events is partitioned: compare its partitions (--table or --schema)\n",
                    partitioned.messages());
            PetdbRun.Result ownType = diff.run("backup", "diff", key, "--table", "public.moods");
            assertEquals(1, ownType.exit());
            assertEquals("petdb: restoring public.moods from the backup failed: pg_restore: error: could not execute query: "
                    + "ERROR:  type \"public.mood\" does not exist\n", ownType.messages());
            PetdbRun.Result badName = diff.run("backup", "diff", key, "--table", "notes");
            assertEquals(1, badName.exit());
            assertEquals("petdb: --table needs SCHEMA.TABLE, such as public.notes, not notes\n", badName.messages());
            PetdbRun.Result nothing = diff.run("backup", "diff", key);
            assertEquals(2, nothing.exit());
            for (PetdbRun.Result r : List.of(text, json, unknown, notInBackup, noKey, ownType)) {
                assertFalse((r.out() + r.err()).contains(PASSPHRASE), "the passphrase never shows");
                assertFalse((r.out() + r.err()).contains(TestS3.SECRET_KEY), "the S3 secret never shows");
            }
        }
        assertEquals(stateBefore, DatabaseState.of(petdb.server, petdb.database), "nothing changed live");
        assertEquals(notesBefore, DatabaseState.checksum(petdb.server, petdb.database, "public.notes"));
        assertEquals(tagsBefore, DatabaseState.checksum(petdb.server, petdb.database, "public.tags"));
        assertEquals(0, scratchDatabases(petdb), "no scratch database left behind");
    }
}
