package dev.petdb.cli;

import static dev.petdb.cli.SchemaCommandsTest.connectAs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code petdb import sqlite}: real SQLite files made here, imported into a real PostgreSQL, checked as the app's role.
 */
class SqliteImportTest {
    @TempDir
    Path dir;

    private int files;

    /** A new SQLite file with these statements run in it. */
    private Path sqlite(String... statements) throws SQLException {
        Path file = dir.resolve("app" + (++files) + ".db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
        return file;
    }

    /** An app and its URL. */
    private record App(PetdbRun petdb, String name, String url) {
        PetdbRun.Result importing(Path file, String... more) {
            List<String> args = new ArrayList<>(List.of("import", "sqlite", file.toString(), "--schema", name));
            args.addAll(List.of(more));
            return petdb.run(args.toArray(String[]::new));
        }

        List<String> tables() throws SQLException {
            try (Connection c = connectAs(url); PreparedStatement s = c.prepareStatement(
                    "SELECT tablename || ':' || tableowner FROM pg_tables WHERE schemaname = ? ORDER BY 1")) {
                s.setString(1, name);
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                return tables;
            }
        }

        List<List<Object>> rows(String sql) throws SQLException {
            try (Connection c = connectAs(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }

        Object value(String sql) throws SQLException {
            return rows(sql).getFirst().getFirst();
        }
    }

    private static App app(String prefix) {
        PetdbRun petdb = PetdbRun.onNewDatabase();
        String name = PetdbRun.uniqueApp(prefix);
        PetdbRun.Result created = petdb.create(name);
        assertEquals(0, created.exit(), created.err());
        return new App(petdb, name, created.databaseUrl());
    }

    private static void assertOk(PetdbRun.Result result) {
        assertEquals(0, result.exit(), result.out() + result.err());
    }

    @Test
    void importsTypesNullsUnicodeBlobsBigIntegersQuotedNamesKeysAndIndexes() throws Exception {
        App app = app("imp");
        Path file = sqlite(
                "PRAGMA foreign_keys = ON",
                "CREATE TABLE \"User Accounts\" (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, "
                        + "\"select\" TEXT DEFAULT 'none', \"Balance\" REAL, big INTEGER, avatar BLOB, "
                        + "active BOOLEAN DEFAULT 1, created DATETIME DEFAULT CURRENT_TIMESTAMP, price NUMERIC(10,2), "
                        + "birthday DATE, free_form, email VARCHAR(80) UNIQUE)",
                "INSERT INTO \"User Accounts\" VALUES (1, 'Zoë 🐈 日本語', 'tab\there\nnew line \\ back', 1.5, "
                        + "9223372036854775807, x'00ff10', 1, '2024-01-02 03:04:05', 9.99, '2000-02-29', 42, 'a@x')",
                "INSERT INTO \"User Accounts\" VALUES (2, 'Ann', NULL, NULL, -9223372036854775808, NULL, 0, "
                        + "'2024-12-31 23:59:59', 10, '1999-12-31', 7, NULL)",
                "INSERT INTO \"User Accounts\" (id, name) VALUES (3, 'deleted later')",
                "DELETE FROM \"User Accounts\" WHERE id = 3",
                "CREATE TABLE \"Order\" (id INTEGER PRIMARY KEY, \"user\" INTEGER NOT NULL "
                        + "REFERENCES \"User Accounts\"(id) ON DELETE CASCADE, \"Group\" TEXT, total REAL)",
                "CREATE INDEX \"Order by user\" ON \"Order\" (\"user\", total DESC)",
                "INSERT INTO \"Order\" VALUES (10, 1, 'A', 1e300), (11, 2, NULL, -2.5), (12, 1, 'b', 0.1)");

        PetdbRun.Result imported = app.importing(file, "--yes");
        assertOk(imported);
        assertTrue(imported.out().contains("validated \"User Accounts\": rows 2 / 2"), imported.out());
        assertTrue(imported.out().contains("validated \"Order\": rows 3 / 3"), imported.out());
        assertTrue(imported.out().contains("imported 2 table(s), 5 row(s)"), imported.out());
        assertEquals(List.of("Order:" + app.name(), "User Accounts:" + app.name()), app.tables(),
                "created in the app's schema, owned by the app's role");

        assertEquals(List.of(
                        List.of("id", "bigint", "NO", "YES"), List.of("name", "text", "NO", "NO"),
                        List.of("select", "text", "YES", "NO"), List.of("Balance", "double precision", "YES", "NO"),
                        List.of("big", "bigint", "YES", "NO"), List.of("avatar", "bytea", "YES", "NO"),
                        List.of("active", "boolean", "YES", "NO"),
                        List.of("created", "timestamp without time zone", "YES", "NO"),
                        List.of("price", "numeric", "YES", "NO"), List.of("birthday", "date", "YES", "NO"),
                        List.of("free_form", "bigint", "YES", "NO"), List.of("email", "text", "YES", "NO")),
                app.rows("SELECT column_name::text, data_type::text, is_nullable::text, is_identity::text "
                        + "FROM information_schema.columns WHERE table_schema = current_schema() "
                        + "AND table_name = 'User Accounts' ORDER BY ordinal_position"));
        List<List<Object>> users = app.rows("SELECT id, name, \"select\", \"Balance\", big, avatar, active, "
                + "created::text, price, birthday::text, free_form, email FROM \"User Accounts\" ORDER BY id");
        assertEquals(List.of(1L, "Zoë 🐈 日本語", "tab\there\nnew line \\ back", 1.5, Long.MAX_VALUE),
                users.get(0).subList(0, 5));
        assertArrayEquals(new byte[] {0, (byte) 0xff, 0x10}, (byte[]) users.get(0).get(5));
        assertEquals(List.of(true, "2024-01-02 03:04:05", new java.math.BigDecimal("9.99"), "2000-02-29", 42L, "a@x"),
                users.get(0).subList(6, 12));
        assertEquals(java.util.Arrays.asList(2L, "Ann", null, null, Long.MIN_VALUE, null, false,
                "2024-12-31 23:59:59", new java.math.BigDecimal("10"), "1999-12-31", 7L, null), users.get(1));
        assertEquals(List.of(List.of(10L, 1L, "A", 1e300), java.util.Arrays.asList(11L, 2L, null, -2.5),
                List.of(12L, 1L, "b", 0.1)), app.rows("SELECT * FROM \"Order\" ORDER BY id"));

        try (Connection c = connectAs(app.url()); Statement s = c.createStatement()) {
            // AUTOINCREMENT: id 3 was handed out and deleted, so SQLite's next id is 4, and so is PostgreSQL's
            try (ResultSet rs = s.executeQuery("INSERT INTO \"User Accounts\" (name) VALUES ('new') RETURNING id, "
                    + "\"select\", active, created IS NOT NULL")) {
                rs.next();
                assertEquals(List.of(4L, "none", true, true),
                        List.of(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)));
            }
            try (ResultSet rs = s.executeQuery("INSERT INTO \"Order\" (\"user\") VALUES (4) RETURNING id")) {
                rs.next();
                assertEquals(13L, rs.getLong(1), "INTEGER PRIMARY KEY continues after the highest id");
            }
            SQLException orphan = assertThrows(SQLException.class,
                    () -> s.execute("INSERT INTO \"Order\" (\"user\") VALUES (99)"));
            assertEquals("23503", orphan.getSQLState(), "the foreign key came along");
            SQLException duplicate = assertThrows(SQLException.class,
                    () -> s.execute("INSERT INTO \"User Accounts\" (name, email) VALUES ('x', 'a@x')"));
            assertEquals("23505", duplicate.getSQLState(), "the unique constraint came along");
            s.execute("DELETE FROM \"User Accounts\" WHERE id = 2");
            assertEquals(0L, app.value("SELECT count(*) FROM \"Order\" WHERE \"user\" = 2"), "ON DELETE CASCADE");
        }
        assertEquals("CREATE INDEX \"Order by user\" ON " + app.name() + ".\"Order\" USING btree (\"user\", total DESC)",
                app.value("SELECT indexdef FROM pg_indexes WHERE indexname = 'Order by user'"));
    }

    @Test
    void aValueThatDoesNotFitStopsTheImportUnlessLenient() throws Exception {
        App app = app("fit");
        Path file = sqlite("CREATE TABLE readings (n INTEGER, label TEXT, at DATETIME)",
                "INSERT INTO readings VALUES (1, 'one', '2024-01-01 00:00:00'), ('two', 'two', 'yesterday'), "
                        + "(3, x'01', '2024-01-03 00:00:00')");

        PetdbRun.Result strict = app.importing(file, "--yes");
        assertEquals(1, strict.exit(), strict.out() + strict.err());
        assertTrue(strict.out().contains("PROBLEM: column \"n\": text value at rowid 2 does not fit bigint"),
                strict.out());
        assertTrue(strict.out().contains("PROBLEM: column \"label\": blob value at rowid 3 does not fit text"),
                strict.out());
        assertTrue(strict.out().contains("note: column \"at\": kept as text"), strict.out());
        assertEquals("petdb: 2 problem(s), such as table readings: column \"n\": text value at rowid 2 does not fit "
                + "bigint (2 integer, 1 text); --lenient imports it as text; nothing changed",
                strict.err().lines().toList().getLast());
        assertEquals(List.of(), app.tables(), "nothing written");

        PetdbRun.Result lenient = app.importing(file, "--yes", "--lenient");
        assertOk(lenient);
        assertEquals(List.of(List.of("1", "one", "2024-01-01 00:00:00"), List.of("3", "\\x01", "2024-01-03 00:00:00"),
                        List.of("two", "two", "yesterday")),
                app.rows("SELECT n, label, at FROM readings ORDER BY n"));
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() throws Exception {
        App app = app("dry");
        Path file = sqlite("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL DEFAULT 'x')",
                "INSERT INTO t (v) VALUES ('a'), ('b')");
        PetdbRun.Result dry = app.importing(file, "--dry-run");
        assertOk(dry);
        assertTrue(dry.out().contains("plan: import 1 table(s), 2 row(s), from " + file + " into schema " + app.name()),
                dry.out());
        assertTrue(dry.out().contains("  CREATE TABLE \"" + app.name() + "\".\"t\" (\n      \"id\" bigint GENERATED BY "
                + "DEFAULT AS IDENTITY,\n      \"v\" text NOT NULL DEFAULT 'x'\n  );\n  ALTER TABLE \"" + app.name()
                + "\".\"t\" ADD PRIMARY KEY (\"id\");\n"), dry.out());
        assertTrue(dry.err().contains("dry run: nothing changed"));
        assertEquals(List.of(), app.tables());

        PetdbRun.Result unconfirmed = app.importing(file);
        assertEquals(2, unconfirmed.exit());
        assertTrue(unconfirmed.err().contains("add --yes to confirm"), unconfirmed.err());
        assertEquals(List.of(), app.tables());
    }

    @Test
    void thePlanNamesWhatTheCreateStatementHasThatIsNotCarriedOver() throws Exception {
        App app = app("notes");
        Path file = sqlite("CREATE TABLE t (id INTEGER PRIMARY KEY, price REAL CHECK (price >= 0), "
                        + "name TEXT COLLATE NOCASE, doubled REAL GENERATED ALWAYS AS (price * 2))",
                "CREATE TABLE plain (check_in TEXT, collated TEXT)",
                "INSERT INTO t (price, name) VALUES (1.5, 'a')");
        PetdbRun.Result dry = app.importing(file, "--dry-run");
        assertOk(dry);
        for (String what : List.of("CHECK constraints", "COLLATE clauses", "generated columns")) {
            assertTrue(dry.out().contains("note: its CREATE TABLE has " + what + ", which are not carried over"),
                    dry.out());
        }
        // tables come by name: plain's section ends where t's begins; its column names alone must not count
        String plain = dry.out().substring(dry.out().indexOf("table \"plain\""), dry.out().indexOf("table \"t\""));
        assertFalse(plain.contains("note:"), plain);
    }

    @Test
    void anExistingTableIsAnErrorUnlessReplaceAndAFailureLeavesTheSchemaAsItWas() throws Exception {
        App app = app("rep");
        try (Connection c = connectAs(app.url()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id int, body text)");
            s.execute("INSERT INTO notes VALUES (1, 'kept')");
        }
        Path file = sqlite("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
                "INSERT INTO notes VALUES (1, 'new'), (2, 'newer')",
                "CREATE TABLE broken (body TEXT)",
                // PostgreSQL text cannot hold a NUL character: the COPY of this table fails after notes was replaced
                "INSERT INTO broken VALUES ('a' || char(0) || 'b')");

        PetdbRun.Result exists = app.importing(file, "--yes", "--tables", "notes");
        assertEquals(1, exists.exit());
        assertTrue(exists.err().contains("a table of this name exists in schema " + app.name()
                + " (add --replace to drop it and import it again)"), exists.err());

        PetdbRun.Result failed = app.importing(file, "--yes", "--replace");
        assertEquals(1, failed.exit(), failed.out() + failed.err());
        assertTrue(failed.err().matches("(?s).*petdb: copying table broken failed: .*; rolled back, nothing changed\n"),
                failed.err());
        assertEquals(List.of("notes:" + app.name()), app.tables());
        assertEquals(List.of(List.of(1, "kept")), app.rows("SELECT * FROM notes"), "the old table, untouched");

        PetdbRun.Result replaced = app.importing(file, "--yes", "--replace", "--tables", "NOTES");
        assertOk(replaced);
        assertEquals(List.of(List.of(1L, "new"), List.of(2L, "newer")), app.rows("SELECT * FROM notes ORDER BY id"));
    }

    @Test
    void copiesTwoHundredThousandRowsAndValidatesThem() throws Exception {
        App app = app("big");
        Path file = sqlite("CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT, amount REAL, payload BLOB)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) "
                        + "INSERT INTO events SELECT i, 'kind ' || (i % 17), i / 7.0, randomblob(i % 5) FROM n");
        PetdbRun.Result imported = app.importing(file, "--yes");
        assertOk(imported);
        assertTrue(imported.out().contains("validated \"events\": rows 200000 / 200000"), imported.out());
        assertEquals(List.of(List.of(200000L, 200000L)),
                app.rows("SELECT count(*), max(id) FROM events"));
        // the same digest of every row, computed here from each side independently of the importer
        assertEquals(digest(file, "SELECT id, kind, amount, hex(payload) FROM events ORDER BY id"),
                digest(app, "SELECT id, kind, amount, upper(encode(payload, 'hex')) FROM events ORDER BY id"));
    }

    private static String digest(Path file, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            return digest(c, sql);
        }
    }

    private static String digest(App app, String sql) throws Exception {
        try (Connection c = connectAs(app.url())) {
            return digest(c, sql);
        }
    }

    private static String digest(Connection c, String sql) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                md5.update((rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getDouble(3) + "|" + rs.getString(4) + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    @Test
    void aMissingACorruptAndALockedFileEachGiveOneClearLineAndChangeNothing() throws Exception {
        App app = app("bad");
        PetdbRun.Result missing = app.importing(dir.resolve("nope.db"), "--yes");
        assertEquals(1, missing.exit());
        assertEquals("petdb: no such file: " + dir.resolve("nope.db") + "; nothing changed\n", missing.err());
        assertFalse(Files.exists(dir.resolve("nope.db")), "not created either");

        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "this is not a database, just some text that is long enough to have a header\n".repeat(20));
        PetdbRun.Result notSqlite = app.importing(text, "--yes");
        assertEquals(1, notSqlite.exit());
        assertEquals("petdb: " + text + " is not a SQLite database (SQLITE_NOTADB); nothing changed\n", notSqlite.err());

        Path corrupt = sqlite("CREATE TABLE t (v TEXT)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                        + "INSERT INTO t SELECT printf('row %d', i) FROM n");
        byte[] before = Files.readAllBytes(corrupt);
        try (RandomAccessFile raf = new RandomAccessFile(corrupt.toFile(), "rw")) {
            raf.seek(4096 + 8);  // the header of page 2, a b-tree page of t
            raf.write(new byte[64]);
            raf.seek(4096);
            raf.write(0x63);
        }
        PetdbRun.Result broken = app.importing(corrupt, "--yes");
        assertEquals(1, broken.exit(), broken.out() + broken.err());
        assertTrue(broken.err().startsWith("petdb: " + corrupt + " is corrupt (SQLITE_CORRUPT"), broken.err());
        assertTrue(broken.err().endsWith("; nothing changed\n"), broken.err());
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(corrupt)));

        Path locked = sqlite("CREATE TABLE t (v TEXT)", "INSERT INTO t VALUES ('x')");
        byte[] lockedBefore = Files.readAllBytes(locked);
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + locked);
             Statement s = writer.createStatement()) {
            writer.setAutoCommit(true);
            s.execute("BEGIN EXCLUSIVE");
            s.execute("INSERT INTO t VALUES ('y')");
            PetdbRun.Result busy = app.importing(locked, "--yes");
            assertEquals(1, busy.exit(), busy.out() + busy.err());
            assertEquals("petdb: " + locked + " is locked by another process (SQLITE_BUSY): stop the app that writes "
                    + "it, or copy the file, and try again; nothing changed\n", busy.err());
            s.execute("ROLLBACK");
        }
        assertArrayEquals(lockedBefore, Files.readAllBytes(locked), "the file is only read");
        assertEquals(List.of(), app.tables());
    }

    @Test
    void refusesASchemaThatIsNoPetdbAppAndAnUnknownTable() throws Exception {
        App app = app("who");
        Path file = sqlite("CREATE TABLE t (v TEXT)");
        PetdbRun.Result noApp = app.petdb().run("import", "sqlite", file.toString(), "--schema", "nobody_here", "--yes");
        assertEquals(1, noApp.exit());
        assertEquals("petdb: no petdb app nobody_here in this database: create it first (petdb schema create "
                + "nobody_here); nothing changed\n", noApp.err());

        PetdbRun.Result unknown = app.importing(file, "--yes", "--tables", "t,missing");
        assertEquals(2, unknown.exit());
        assertEquals("petdb: no table missing in " + file + " (it has: t); nothing changed\n", unknown.err());
        assertEquals(List.of(), app.tables());
    }
}
