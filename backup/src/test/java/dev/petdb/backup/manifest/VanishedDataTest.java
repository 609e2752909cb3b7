package dev.petdb.backup.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.petdb.backup.verify.TableSummary;
import org.junit.jupiter.api.Test;

class VanishedDataTest {
    private static final VanishedData HALF = new VanishedData(VanishedData.DEFAULT_THRESHOLD, Set.of());

    private static Manifest manifest(TableSummary... tables) {
        return new Manifest(Manifest.FORMAT, "k", Instant.EPOCH, 1, false, new Manifest.Dump("18.1", "18.1", "petdb", null),
                new Manifest.Verification("ok", Instant.EPOCH, List.of()), "test", List.of(), List.of(tables));
    }

    private static List<String> texts(List<VanishedData.Finding> findings) {
        return findings.stream().map(VanishedData.Finding::text).toList();
    }

    @Test
    void aGoneSchemaIsOneFindingNotOnePerTable() {
        Manifest before = manifest(new TableSummary("shop", "orders", 100, 1000), new TableSummary("shop", "items", 1, 10),
                new TableSummary("todos", "todos", 1000, 10000));
        Manifest after = manifest(new TableSummary("todos", "todos", 1000, 10000));
        assertEquals(List.of("schema shop is gone (had 101 rows)"), texts(HALF.findings(before, after)));
    }

    @Test
    void aTableThatFellByMoreThanTheThresholdIsAFindingAndOneThatFellByLessIsNot() {
        Manifest before = manifest(new TableSummary("a", "x", 100, 1000), new TableSummary("a", "y", 100, 1000),
                new TableSummary("a", "z", 10000, 100000));
        Manifest after = manifest(new TableSummary("a", "x", 49, 490), new TableSummary("a", "y", 50, 500),
                new TableSummary("a", "z", 10000, 100000));
        assertEquals(List.of("table a.x fell from 100 to 49 rows"), texts(HALF.findings(before, after)));
    }

    @Test
    void theDatabaseFallingIsAFindingUnlessTheTableIsExcused() {
        Manifest before = manifest(new TableSummary("a", "x", 100, 1000), new TableSummary("logs", "events", 900, 9000));
        Manifest after = manifest(new TableSummary("a", "x", 100, 1000), new TableSummary("logs", "events", 0, 0));
        assertEquals(List.of("table logs.events fell from 900 to 0 rows", "the database fell from 1000 to 100 rows",
                "the database's data fell from 10000 to 1000 bytes"), texts(HALF.findings(before, after)));
        assertEquals(List.of(), new VanishedData(0.5, Set.of("logs.events")).findings(before, after));
    }

    @Test
    void aGoneTableNamesItsRowsAndUnknownCountsNeverFall() {
        Manifest before = manifest(new TableSummary("a", "x", 1, 10), new TableSummary("a", "y", -1, -1),
                new TableSummary("a", "z", 5, 50));
        Manifest after = manifest(new TableSummary("a", "y", 0, 0), new TableSummary("a", "z", -1, -1));
        assertEquals(List.of("table a.x is gone (had 1 row)"), texts(HALF.findings(before, after)));
    }

    @Test
    void theThresholdIsAFractionAboveZero() {
        assertThrows(IllegalArgumentException.class, () -> new VanishedData(0, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new VanishedData(1.5, Set.of()));
    }
}
