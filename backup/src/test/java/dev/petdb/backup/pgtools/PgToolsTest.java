package dev.petdb.backup.pgtools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Finding pg_dump and pg_restore with the real programs of this machine.
 */
class PgToolsTest {

    @Test
    void aClientHandlesServersOfItsVersionAndOlderOnly() {
        PgTool pgDump15 = new PgTool("pg_dump", Path.of("/x/pg_dump"), "15.18", 15);
        assertTrue(pgDump15.handles(15));
        assertTrue(pgDump15.handles(14));
        assertFalse(pgDump15.handles(18));
    }

    @Test
    void pgBinIsTheOnlyPlaceLookedAtWhenSet() throws Exception {
        Path empty = Files.createTempDirectory("empty-bin");
        PgTools tools = new PgTools(Map.of("PG_BIN", empty.toString(), "PATH", "/usr/bin:/bin"));
        assertEquals(Optional.empty(), tools.find("pg_dump"));
        assertEquals("PG_BIN (" + empty + ")", tools.searchedPlaces());
    }

    @Test
    void findsTheRealPgDumpAndItsVersion() {
        Path debian15 = Path.of("/usr/lib/postgresql/15/bin");
        assumeTrue(Files.isExecutable(debian15.resolve("pg_dump")), "PostgreSQL 15 client tools are not installed");
        PgTool found = new PgTools(Map.of("PG_BIN", debian15.toString())).find("pg_dump").orElseThrow();
        assertEquals(15, found.major());
        assertTrue(found.version().matches("15\\.\\d+"), found.version());
        assertEquals(debian15.resolve("pg_dump"), found.path());
        PgTool newest = new PgTools(Map.of("PATH", "/usr/bin")).find("pg_restore").orElseThrow();
        assertTrue(newest.major() >= 15);
    }
}
