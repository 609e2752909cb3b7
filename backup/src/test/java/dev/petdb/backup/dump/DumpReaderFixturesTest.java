package dev.petdb.backup.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.petdb.backup.BackupException;
import org.junit.jupiter.api.Test;

/**
 * The reader on dumps that the real pg_dump 15, 17 and 18 wrote, in every compression, with {@code -f} and with a
 * shell redirect (src/test/resources/dumps; its README says how they were made and checked with pg_restore). What is
 * expected of them comes from that README, which took it from the real database and pg_restore.
 */
class DumpReaderFixturesTest {
    private static final List<String> FIXTURES = List.of(
            "pg15-none-f", "pg15-none-redirect", "pg15-gzip-f", "pg15-gzip-redirect",
            "pg17-none-f", "pg17-none-redirect", "pg17-gzip-f", "pg17-gzip-redirect",
            "pg17-lz4-f", "pg17-lz4-redirect", "pg17-zstd-f", "pg17-zstd-redirect",
            "pg18-none-f", "pg18-none-redirect", "pg18-gzip-f", "pg18-gzip-redirect",
            "pg18-lz4-f", "pg18-lz4-redirect", "pg18-zstd-f", "pg18-zstd-redirect");

    static byte[] fixture(String name) {
        try (InputStream in = DumpReaderFixturesTest.class.getResourceAsStream("/dumps/" + name + ".dump")) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The README's table of rows per table: the numbers the real database and pg_restore gave. */
    private static Map<String, Long> readmeRows() throws IOException {
        String readme;
        try (InputStream in = DumpReaderFixturesTest.class.getResourceAsStream("/dumps/README.md")) {
            readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Long> rows = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\w+\\.\\w+) \\| (\\d+) \\|$").matcher(readme);
        while (row.find()) {
            rows.put(row.group(1), Long.parseLong(row.group(2)));
        }
        assertEquals(9, rows.size(), "the README lists nine tables with data");
        return rows;
    }

    private static DumpContents read(byte[] dump) {
        return DumpReader.read(new ByteArrayInputStream(dump));
    }

    private static Map<String, Long> rowsByTable(DumpContents contents) {
        Map<String, Long> rows = new TreeMap<>();
        contents.entries().stream().filter(e -> e.desc().equals("TABLE DATA"))
                .forEach(e -> rows.put(e.namespace() + "." + e.tag(), contents.blocks().get(e.dumpId()).rows()));
        return rows;
    }

    private static TocEntry data(DumpContents contents, String schema, String table) {
        return contents.entries().stream()
                .filter(e -> e.desc().equals("TABLE DATA") && e.namespace().equals(schema) && e.tag().equals(table))
                .findFirst().orElseThrow();
    }

    @Test
    void everyFixtureReadsWholeWithItsRowsCounted() throws IOException {
        Map<String, Long> expected = readmeRows();
        for (String name : FIXTURES) {
            DumpContents contents = read(fixture(name));
            String compression = name.split("-")[1];
            assertEquals(compression.toUpperCase(java.util.Locale.ROOT), contents.header().compression().name(), name);
            assertEquals(name.startsWith("pg15") ? "1.14" : "1.16", contents.header().archiveVersion(), name);
            assertEquals(name.startsWith("pg15") ? 45 : 44, contents.entries().size(), name + ": TOC entries, as pg_restore --list");
            assertEquals(expected, rowsByTable(contents), name);
            long largeObjects = contents.entries().stream().filter(e -> e.desc().equals("BLOBS"))
                    .mapToLong(e -> contents.blocks().get(e.dumpId()).rows()).sum();
            assertEquals(2, largeObjects, name + ": large objects");
            assertTrue(contents.blocks().values().stream().allMatch(b -> b.dataBytes() > 0 || b.rows() == 0), name);
        }
    }

    @Test
    void aSecondTableOfContentsIsNotedExactlyForRedirectedPgDump17And18() {
        for (String name : FIXTURES) {
            List<String> notes = read(fixture(name)).notes();
            boolean expected = name.endsWith("-redirect") && !name.startsWith("pg15");
            assertEquals(expected ? List.of(DumpReader.SECOND_TOC) : List.of(), notes, name);
        }
    }

    @Test
    void aSecondTableOfContentsThatDiffersOrOtherTrailingBytesAreNotedNotBroken() {
        byte[] redirect = fixture("pg18-zstd-redirect");
        byte[] viaFile = fixture("pg18-zstd-f");
        // rename a table in the second table of contents only (the last string "orders", a tag there, not part of a
        // definition): pg_restore never reads it
        byte[] renamed = redirect.clone();
        byte[] orders = {0, 6, 0, 0, 0, 'o', 'r', 'd', 'e', 'r', 's'};
        int at = lastIndexOf(renamed, orders);
        assertTrue(at >= viaFile.length, "the last \"orders\" is in the second table of contents");
        renamed[at + 5] = 'O';
        List<String> notes = read(renamed).notes();
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.getFirst().startsWith("a second table of contents after the data that differs from the first"),
                notes.getFirst());
        assertTrue(notes.getFirst().contains("shop.orders"), notes.getFirst());

        byte[] garbage = Arrays.copyOf(viaFile, viaFile.length + 7);
        System.arraycopy("garbage".getBytes(StandardCharsets.US_ASCII), 0, garbage, viaFile.length, 7);
        assertEquals(List.of("7 bytes after the data that are not a table of contents; pg_restore does not read them"),
                read(garbage).notes());
        assertEquals(rowsByTable(read(viaFile)), rowsByTable(read(garbage)));
    }

    @Test
    void dataAsInsertStatementsIsReadWholeButNotCounted() {
        DumpContents contents = read(fixture("pg18-zstd-inserts-redirect"));
        assertEquals(9, contents.count("TABLE DATA"));
        assertTrue(rowsByTable(contents).values().stream().allMatch(rows -> rows == -1), rowsByTable(contents).toString());
        assertEquals(List.of("the data of 9 tables is INSERT statements (pg_dump --inserts): read and decompressed whole,"
                + " but their rows are not counted", DumpReader.SECOND_TOC), contents.notes());
    }

    /**
     * pg_dump's LZ4 and Zstandard frames carry no checksum, so not every changed byte can show (a letter inside a value
     * decompresses to another letter, for pg_restore too); a run of changed bytes breaks the frame or the rows.
     */
    @Test
    void changedBytesInAnLz4OrZstdBlockAreBrokenNamingTheTable() {
        for (String name : List.of("pg18-lz4-f", "pg17-zstd-redirect", "pg17-lz4-redirect", "pg18-zstd-f")) {
            byte[] dump = fixture(name);
            // a redirected dump's first table of contents has no offsets; its -f twin has the same bytes up to the end
            // of the data, and offsets
            DumpContents contents = read(fixture(name.replace("-redirect", "-f")));
            TocEntry items = data(contents, "shop", "items");
            long stored = contents.blocks().get(items.dumpId()).storedBytes();
            for (long into : new long[] {0, stored / 4, stored / 2, stored * 3 / 4}) {
                byte[] flipped = dump.clone();
                for (int i = 0; i < 16; i++) {
                    // after the block's type and id (6 bytes) and its first chunk's length (5)
                    flipped[(int) (items.offset() + 11 + into + i)] ^= 0x5a;
                }
                BackupException e = assertThrows(BackupException.class, () -> read(flipped), name + " at " + into);
                assertTrue(e.getMessage().startsWith("the dump is corrupt: "), e.getMessage());
                assertTrue(e.getMessage().endsWith("(in the data of TABLE DATA shop.items)"), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
            }
        }
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsBroken() {
        byte[] dump = fixture("pg18-none-f");
        TocEntry orders = data(read(dump), "shop", "orders");
        byte[] changed = dump.clone();
        int tab = (int) orders.offset() + 11;
        while (changed[tab] != '\t') {
            tab++;
        }
        changed[tab] = ' '; // row 1 of shop.orders (id, item, placed) loses a field separator: COPY refuses it
        String message = assertThrows(BackupException.class, () -> read(changed)).getMessage();
        assertTrue(message.matches("the dump is corrupt: row 1 has 2 fields instead of 3 \\(COPY would refuse it\\)"
                + " at byte \\d+ \\(in the data of TABLE DATA shop.orders\\)"), message);
    }

    @Test
    void copyStatementsGiveTheirColumns() {
        assertEquals(3, BlockCounts.columns("COPY shop.orders (id, item, placed) FROM stdin;\n"));
        assertEquals(2, BlockCounts.columns("COPY \"my schema\".\"a (b)\" (\"x, y\", \"z\"\"\") FROM stdin;\n"));
        assertEquals(0, BlockCounts.columns("COPY public.nothing  FROM stdin;\n"));
        assertEquals(-1, BlockCounts.columns(""));
        assertEquals(-1, BlockCounts.columns("SELECT 1"));
    }

    @Test
    void anUnknownCompressionCodeOrArchiveVersionIsBrokenInOneLine() {
        byte[] dump = fixture("pg18-zstd-f");
        assertEquals(3, dump[11], "the compression code follows magic, version, sizes and format");
        byte[] unknown = dump.clone();
        unknown[11] = 4;
        assertEquals("the dump is corrupt: an unknown compression code 4 in its header (pg_restore knows 0 to 3)",
                assertThrows(BackupException.class, () -> read(unknown)).getMessage());
        byte[] newer = dump.clone();
        newer[6] = 17;
        assertEquals("archive version 1.17 is newer than petdb can read (up to 1.16); a newer petdb is needed",
                assertThrows(BackupException.class, () -> read(newer)).getMessage());
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
