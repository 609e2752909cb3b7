package dev.petdb.kit.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import dev.petdb.kit.config.StartupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database as two local apps meet it: one data folder, one server.
 */
class EmbeddedDatabaseTest {
    @Test
    void aSecondStartOnTheSameDataDirSaysAnotherProcessHoldsItAndHowToSeparateThem(@TempDir Path dataDir) {
        try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir)) {
            StartupException e = assertThrows(StartupException.class, () -> EmbeddedDatabase.start(dataDir).close());
            assertEquals("another process holds the embedded PostgreSQL in " + first.dataDirectory()
                    + ": stop it, or set PETDB_DATA_DIR to another folder", e.getMessage());
        }
        try (EmbeddedDatabase again = EmbeddedDatabase.start(dataDir)) {
            assertEquals(dataDir.resolve("postgres").toAbsolutePath(), again.dataDirectory(), "free once stopped");
        }
    }
}
