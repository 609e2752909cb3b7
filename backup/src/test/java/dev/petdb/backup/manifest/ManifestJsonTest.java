package dev.petdb.backup.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.verify.SchemaSummary;
import dev.petdb.backup.verify.TableSummary;
import org.junit.jupiter.api.Test;

class ManifestJsonTest {
    private static final Manifest MANIFEST = new Manifest(Manifest.FORMAT, "2026-11-01/postgres-petdb-2026-11-02-03-00-04.tgz",
            Instant.parse("2026-11-02T03:00:04Z"), 3072, true,
            new Manifest.Dump("18.1 (Debian 18.1-1.pgdg13+2)", "18.1", "petdb", "2026-11-02T03:00:01"),
            new Manifest.Verification("suspicious", Instant.parse("2026-11-02T06:10:00.123Z"),
                    List.of("table shop.orders fell from 200 to 0 rows")), "0.1.0",
            List.of(new SchemaSummary("todos", 2, 1500, 48000)),
            List.of(new TableSummary("todos", "todos", 1500, 48000), new TableSummary("todos", "users", 0, 0)));

    @Test
    void aManifestReadsBackAsWritten() {
        byte[] json = ManifestJson.write(MANIFEST);
        String text = new String(json, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"format_version\" : 1"), text);
        assertTrue(text.contains("\"checked_at\" : \"2026-11-02T06:10:00.123Z\""), text);
        assertTrue(text.contains("\"data_bytes\" : 48000"), text);
        assertEquals(MANIFEST, ManifestJson.read(json, "m.json"));
    }

    @Test
    void aManifestWrittenBeforeFindingsWereKeptReadsWithNone() {
        String text = new String(ManifestJson.write(MANIFEST), StandardCharsets.UTF_8);
        String older = text.replaceAll(",\\s*\"findings\" : \\[[^\\]]*\\]", "");
        assertFalse(older.contains("findings"), older);
        assertEquals(List.of(), ManifestJson.read(older.getBytes(StandardCharsets.UTF_8), "m.json").verify().findings());
    }

    @Test
    void fieldsOfANewerPetdbAreIgnoredButANewerFormatIsRefused() {
        String text = new String(ManifestJson.write(MANIFEST), StandardCharsets.UTF_8);
        assertEquals(MANIFEST, ManifestJson.read(text.replace("{\n", "{\n  \"later\" : [1],\n").getBytes(StandardCharsets.UTF_8), "m.json"));
        BackupException newer = assertThrows(BackupException.class, () -> ManifestJson.read(
                text.replace("\"format_version\" : 1", "\"format_version\" : 2").getBytes(StandardCharsets.UTF_8), "m.json"));
        assertEquals("m.json has manifest format 2, newer than this petdb reads (1): update petdb", newer.getMessage());
    }

    @Test
    void whatIsNotAManifestIsSaidInOneLine() {
        BackupException notJson = assertThrows(BackupException.class,
                () -> ManifestJson.read("not json".getBytes(StandardCharsets.UTF_8), "m.json"));
        assertTrue(notJson.getMessage().startsWith("m.json is not a petdb manifest: "), notJson.getMessage());
        assertEquals(1, notJson.getMessage().lines().count(), notJson.getMessage());
        BackupException empty = assertThrows(BackupException.class,
                () -> ManifestJson.read("{}".getBytes(StandardCharsets.UTF_8), "m.json"));
        assertEquals("m.json is not a petdb manifest: no format_version, backup or verify", empty.getMessage());
    }
}
