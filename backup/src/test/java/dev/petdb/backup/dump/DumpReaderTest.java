package dev.petdb.backup.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.petdb.backup.BackupException;
import dev.petdb.testkit.DokkuBackups;
import dev.petdb.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The custom-format reader on archives written by the real pg_dump, and on broken ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DumpReaderTest {
    private TestPostgres server;
    private String database;
    private byte[] dump;

    @BeforeAll
    void database() throws Exception {
        server = TestPostgres.shared();
        database = server.createDatabase();
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA shop");
            s.execute("CREATE SCHEMA notes");
            s.execute("CREATE TABLE shop.items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text, note text)");
            s.execute("INSERT INTO shop.items (name, note) SELECT 'item ' || g,"
                    + " CASE WHEN g % 10 = 0 THEN E'two\\nlines' ELSE 'ü' END FROM generate_series(1, 1000) g");
            s.execute("CREATE INDEX ON shop.items (name)");
            s.execute("CREATE TABLE shop.empty (id int)");
            s.execute("CREATE TABLE notes.docs (id int, body bytea)");
            s.execute("INSERT INTO notes.docs SELECT g, decode(md5(g::text), 'hex') FROM generate_series(1, 50) g");
            s.execute("SELECT lo_from_bytea(0, 'large object one'), lo_from_bytea(0, 'two')");
        }
        dump = DokkuBackups.pgDump(server, database);
    }

    private static Map<String, Long> rowsByTable(DumpContents contents) {
        return contents.entries().stream().filter(e -> e.desc().equals("TABLE DATA"))
                .collect(Collectors.toMap(e -> e.namespace() + "." + e.tag(), e -> contents.blocks().get(e.dumpId()).rows()));
    }

    @Test
    void readsHeaderTocAndEveryDataBlock() {
        DumpContents contents = DumpReader.read(new ByteArrayInputStream(dump));
        DumpHeader header = contents.header();
        assertEquals("1.14", header.archiveVersion(), "pg_dump 15 writes archive version 1.14");
        assertEquals(DumpHeader.Compression.GZIP, header.compression());
        assertEquals(database, header.databaseName());
        assertTrue(header.serverVersion().startsWith("15."), header.serverVersion());
        assertEquals(15, header.dumpMajorVersion());
        assertTrue(header.createdAt().isPresent());
        assertEquals(3, contents.count("TABLE"));
        assertEquals(1, contents.count("INDEX"));
        assertEquals(Map.of("shop.items", 1000L, "shop.empty", 0L, "notes.docs", 50L), rowsByTable(contents));
        TocEntry blobs = contents.entries().stream().filter(e -> e.desc().equals("BLOBS")).findFirst().orElseThrow();
        assertEquals(2, contents.blocks().get(blobs.dumpId()).rows(), "two large objects");
        assertTrue(contents.entries().stream().filter(TocEntry::expectsData)
                .allMatch(e -> e.dataState() == TocEntry.OFFSET_SET), "a dump to a file records offsets");
    }

    @Test
    void readsUncompressedDumpsAndDumpsWrittenToAPipe() throws Exception {
        DumpContents plain = DumpReader.read(new ByteArrayInputStream(DokkuBackups.pgDump(server, database, "-Z0")));
        assertEquals(DumpHeader.Compression.NONE, plain.header().compression());
        assertEquals(Map.of("shop.items", 1000L, "shop.empty", 0L, "notes.docs", 50L), rowsByTable(plain));

        Process pgDump = new ProcessBuilder("pg_dump", "-h", server.host(), "-p", String.valueOf(server.port()), "-U",
                "postgres", "-Fc", "--no-acl", "--no-owner", database).start();
        DumpContents piped = DumpReader.read(pgDump.getInputStream());
        assertEquals(0, pgDump.waitFor());
        assertEquals(Map.of("shop.items", 1000L, "shop.empty", 0L, "notes.docs", 50L), rowsByTable(piped));
        assertTrue(piped.entries().stream().filter(TocEntry::expectsData)
                .allMatch(e -> e.dataState() == TocEntry.OFFSET_NOT_SET), "a dump to a pipe cannot record offsets");
    }

    @Test
    void aTruncatedDumpIsTruncated() {
        for (int length : new int[] {dump.length - 1, dump.length * 2 / 3, 200, 6}) {
            byte[] cut = Arrays.copyOf(dump, length);
            BackupException e = assertThrows(BackupException.class, () -> DumpReader.read(new ByteArrayInputStream(cut)));
            assertTrue(e.getMessage().startsWith("the dump is truncated"), length + ": " + e.getMessage());
        }
    }

    @Test
    void aFlippedByteInsideTableDataIsCorrupt() {
        DumpContents contents = DumpReader.read(new ByteArrayInputStream(dump));
        TocEntry items = contents.entries().stream()
                .filter(e -> e.desc().equals("TABLE DATA") && e.tag().equals("items")).findFirst().orElseThrow();
        for (int into : new int[] {30, 200, (int) contents.blocks().get(items.dumpId()).storedBytes() / 2}) {
            byte[] flipped = dump.clone();
            flipped[(int) items.offset() + into] ^= 0x5a;
            BackupException e = assertThrows(BackupException.class, () -> DumpReader.read(new ByteArrayInputStream(flipped)));
            assertTrue(e.getMessage().startsWith("the dump is corrupt") || e.getMessage().startsWith("the dump is truncated"),
                    e.getMessage());
        }
    }

    @Test
    void notADump() {
        assertEquals("not a pg_dump archive: it is empty or shorter than a header",
                assertThrows(BackupException.class, () -> DumpReader.read(new ByteArrayInputStream(new byte[0]))).getMessage());
        for (byte[] other : List.of("-- PostgreSQL database dump\nSET x;\n".getBytes(), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0})) {
            assertEquals("not a pg_dump custom-format archive (no PGDMP magic)",
                    assertThrows(BackupException.class, () -> DumpReader.read(new ByteArrayInputStream(other))).getMessage());
        }
        byte[] newer = dump.clone();
        newer[6] = 99;
        assertEquals("archive version 1.99 is newer than petdb can read (up to 1.16); a newer petdb is needed",
                assertThrows(BackupException.class, () -> DumpReader.read(new ByteArrayInputStream(newer))).getMessage());
    }
}
