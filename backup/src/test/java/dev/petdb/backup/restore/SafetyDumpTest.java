package dev.petdb.backup.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import dev.petdb.backup.pgtools.PgTools;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.testkit.TestPostgres;
import org.junit.jupiter.api.Test;

/** A safety dump never replaces another one, even when two restores start in the same second. */
class SafetyDumpTest {
    private final TestPostgres server = TestPostgres.shared();
    private final String database = server.createDatabase();

    @Test
    void aSecondSafetyDumpInTheSameSecondGetsItsOwnName() throws Exception {
        PgTools tools = new PgTools(Map.of("PATH", "/usr/bin"));
        SchemaRestore restore = new SchemaRestore(DatabaseUrl.parse("DATABASE_URL", server.adminUrl(database)),
                new SchemaRestore.Tools(tools.find("pg_dump").orElseThrow(), tools.find("pg_restore").orElseThrow(),
                        tools.find("psql").orElseThrow()));
        Path dir = Files.createTempDirectory("safety-names");
        // the names of every second this test may run in are taken already, by an earlier restore's safety dump
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        for (int second = 0; second < 30; second++) {
            Files.writeString(dir.resolve("petdb-safety-x-"
                    + DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss").format(now.plusSeconds(second)) + ".dump"), "earlier");
        }

        Path made = restore.safetyDump(List.of("--schema", "public"), "petdb-safety-x", dir);

        try (var files = Files.list(dir)) {
            assertEquals(31, files.count(), "a new file beside the earlier ones");
        }
        try (var files = Files.list(dir)) {
            assertEquals(30, files.filter(f -> !f.equals(made)).map(f -> {
                try {
                    return Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter("earlier"::equals).count(), "no earlier safety dump was replaced");
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(made)));
    }
}
