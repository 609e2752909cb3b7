package dev.petdb.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import dev.petdb.kit.config.AppSettings;
import dev.petdb.kit.config.StartupException;
import dev.petdb.testkit.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration edited after it was applied stops the release phase and the web start alike, on a real PostgreSQL.
 * The app's migrations come from a folder of the test's own, so a test can edit one after it was applied.
 */
class EditedMigrationTest {
    private static final String APP = "kitedited";

    @TempDir
    Path classpath;
    private Path first;
    private TestPostgres server;
    private String database;
    private AppSettings settings;
    private URLClassLoader loader;
    private PetApp app;

    @BeforeEach
    void migrationsOnTheirOwnClasspath() throws IOException {
        first = Files.createDirectories(classpath.resolve("db/migration/" + APP)).resolve("V1__create_notes.sql");
        server = TestPostgres.shared();
        database = server.createDatabase();
        settings = AppSettings.fromEnvironment(APP, Map.of("PORT", "0", "DATABASE_URL", server.adminUrl(database)));
        loader = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, getClass().getClassLoader());
        app = PetApp.named(APP, (routes, db) -> { }, loader);
    }

    @AfterEach
    void closeLoader() throws IOException {
        if (loader != null) { // null when the fast tier skipped the set-up
            loader.close();
        }
    }

    @Test
    void anAppliedMigrationEditedAfterwardsStopsTheReleaseAndTheStart() throws Exception {
        Files.writeString(first, "CREATE TABLE notes (id bigint PRIMARY KEY);\n");
        assertEquals(1, app.migrate(settings));
        app.start(settings).stop();

        Files.writeString(first, "CREATE TABLE notes (id bigint PRIMARY KEY, body text);\n");
        String expected = "migration V1__create_notes.sql of schema " + APP + " has changed since it was applied;"
                + " put it back as it was and make the change in a new migration";
        assertRefused(expected);
        try (Connection admin = server.connect(database); Statement s = admin.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.columns"
                     + " WHERE table_schema = '" + APP + "' AND table_name = 'notes'")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "the edited migration did not run");
        }
    }

    @Test
    void lineEndingsAndAByteOrderMarkAreNotAnEdit() throws Exception {
        Files.writeString(first, "CREATE TABLE notes (\n  id bigint PRIMARY KEY\n);\n");
        assertEquals(1, app.migrate(settings));
        // as Flyway computes its checksum: line by line, without line breaks or a byte order mark
        Files.writeString(first, "\uFEFFCREATE TABLE notes (\r\n  id bigint PRIMARY KEY\r\n);\r\n");
        assertEquals(0, app.migrate(settings));
        app.start(settings).stop();
    }

    @Test
    void whereTheFilesCannotBeComparedWithoutFlywayFlywaysValidationStopsTheRelease() throws Exception {
        Files.writeString(first, "CREATE TABLE notes (id bigint PRIMARY KEY);\n");
        // a repeatable migration: only Flyway can tell what is pending
        Files.writeString(first.resolveSibling("R__note_count.sql"),
                "CREATE OR REPLACE VIEW note_count AS SELECT count(*) FROM notes;\n");
        assertEquals(2, app.migrate(settings));
        Files.writeString(first, "CREATE TABLE notes (id bigint PRIMARY KEY, body text);\n");
        assertRefused("migrations of schema " + APP + " do not match its history:"
                + " Migration checksum mismatch for migration version 1");
    }

    private void assertRefused(String expected) {
        assertEquals(expected, assertThrows(StartupException.class, () -> app.migrate(settings)).getMessage(),
                "the release phase");
        assertEquals(expected, assertThrows(StartupException.class, () -> app.start(settings).stop()).getMessage(),
                "the web start");
    }
}
