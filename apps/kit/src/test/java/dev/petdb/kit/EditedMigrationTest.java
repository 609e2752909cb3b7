package dev.petdb.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration edited after it was applied stops the release phase and the web start alike, on a real PostgreSQL.
 */
class EditedMigrationTest {
    private static final String APP = "kitedited";

    @Test
    void anAppliedMigrationEditedAfterwardsStopsTheReleaseAndTheStart(@TempDir Path classpath) throws Exception {
        Path folder = Files.createDirectories(classpath.resolve("db/migration/" + APP));
        Path first = folder.resolve("V1__create_notes.sql");
        Files.writeString(first, "CREATE TABLE notes (id bigint PRIMARY KEY);\n");
        TestPostgres server = TestPostgres.shared();
        String database = server.createDatabase();
        AppSettings settings = AppSettings.fromEnvironment(APP,
                Map.of("PORT", "0", "DATABASE_URL", server.adminUrl(database)));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classpath.toUri().toURL()},
                getClass().getClassLoader())) {
            PetApp app = PetApp.named(APP, (routes, db) -> { }, loader);
            assertEquals(1, app.migrate(settings));
            app.start(settings).stop();

            Files.writeString(first, "CREATE TABLE notes (id bigint PRIMARY KEY, body text);\n");
            String expected = "migration V1__create_notes.sql of schema " + APP + " has changed since it was applied;"
                    + " put it back as it was and make the change in a new migration";
            StartupException release = assertThrows(StartupException.class, () -> app.migrate(settings));
            assertEquals(expected, release.getMessage(), "the release phase");
            StartupException start = assertThrows(StartupException.class, () -> app.start(settings).stop());
            assertEquals(expected, start.getMessage(), "the web start");
        }
        try (Connection admin = server.connect(database); Statement s = admin.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.columns"
                     + " WHERE table_schema = '" + APP + "' AND table_name = 'notes'")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "the edited migration did not run");
        }
    }

    @Test
    void lineEndingsAndAByteOrderMarkAreNotAnEdit(@TempDir Path classpath) throws Exception {
        Path folder = Files.createDirectories(classpath.resolve("db/migration/" + APP));
        Path first = folder.resolve("V1__create_notes.sql");
        Files.writeString(first, "CREATE TABLE notes (\n  id bigint PRIMARY KEY\n);\n");
        TestPostgres server = TestPostgres.shared();
        String database = server.createDatabase();
        AppSettings settings = AppSettings.fromEnvironment(APP,
                Map.of("PORT", "0", "DATABASE_URL", server.adminUrl(database)));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classpath.toUri().toURL()},
                getClass().getClassLoader())) {
            PetApp app = PetApp.named(APP, (routes, db) -> { }, loader);
            assertEquals(1, app.migrate(settings));
            // as Flyway computes its checksum: line by line, without line breaks or a byte order mark
            Files.writeString(first, "\uFEFFCREATE TABLE notes (\r\n  id bigint PRIMARY KEY\r\n);\r\n");
            assertEquals(0, app.migrate(settings));
            app.start(settings).stop();
        }
    }

    @Test
    void whereTheFilesCannotBeComparedWithoutFlywayFlywaysValidationStopsTheRelease(@TempDir Path classpath)
            throws Exception {
        Path folder = Files.createDirectories(classpath.resolve("db/migration/" + APP));
        Path first = folder.resolve("V1__create_notes.sql");
        Files.writeString(first, "CREATE TABLE notes (id bigint PRIMARY KEY);\n");
        // a repeatable migration: only Flyway can tell what is pending
        Files.writeString(folder.resolve("R__note_count.sql"), "CREATE OR REPLACE VIEW note_count AS SELECT count(*) FROM notes;\n");
        TestPostgres server = TestPostgres.shared();
        String database = server.createDatabase();
        AppSettings settings = AppSettings.fromEnvironment(APP,
                Map.of("PORT", "0", "DATABASE_URL", server.adminUrl(database)));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classpath.toUri().toURL()},
                getClass().getClassLoader())) {
            PetApp app = PetApp.named(APP, (routes, db) -> { }, loader);
            assertEquals(2, app.migrate(settings));
            Files.writeString(first, "CREATE TABLE notes (id bigint PRIMARY KEY, body text);\n");
            String expected = "migrations of schema " + APP + " do not match its history:"
                    + " Migration checksum mismatch for migration version 1";
            assertEquals(expected, assertThrows(StartupException.class, () -> app.migrate(settings)).getMessage(),
                    "the release phase");
            assertEquals(expected, assertThrows(StartupException.class, () -> app.start(settings).stop()).getMessage(),
                    "the web start");
        }
    }
}
