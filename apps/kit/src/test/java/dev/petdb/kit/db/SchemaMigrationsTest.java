package dev.petdb.kit.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import javax.sql.DataSource;

import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.testkit.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrations on a real PostgreSQL, and the shortcut that skips Flyway when every shipped migration is applied.
 */
class SchemaMigrationsTest {
    private static final String APP = "kittest";

    @Test
    void migratesOnceThenFindsTheSchemaUpToDateUntilHistoryDisagrees() throws Exception {
        TestPostgres server = TestPostgres.shared();
        String database = server.createDatabase();
        DataSource dataSource = SchemaBoundDataSource.forMigrations(
                DatabaseUrl.parse("url", server.adminUrl(database)), APP, APP);

        assertFalse(SchemaMigrations.upToDate(dataSource, APP), "no history table yet");
        assertEquals(2, SchemaMigrations.migrate(dataSource, APP, APP));
        assertTrue(SchemaMigrations.upToDate(dataSource, APP));
        assertEquals(0, SchemaMigrations.migrate(dataSource, APP, APP));

        try (Connection admin = server.connect(database); Statement s = admin.createStatement()) {
            s.execute("UPDATE kittest.flyway_schema_history SET success = false WHERE version = '2'");
            assertFalse(SchemaMigrations.upToDate(dataSource, APP), "a failed migration is Flyway's to report");
            s.execute("DELETE FROM kittest.flyway_schema_history WHERE version = '2'");
            s.execute("TRUNCATE kittest.notes");
            assertFalse(SchemaMigrations.upToDate(dataSource, APP), "a shipped migration is not applied");
        }
        assertEquals(1, SchemaMigrations.migrate(dataSource, APP, APP), "Flyway applies the missing one");
        try (Connection admin = server.connect(database); Statement s = admin.createStatement();
             var rows = s.executeQuery("SELECT count(*) FROM kittest.notes")) {
            rows.next();
            assertEquals(1, rows.getInt(1));
        }
    }

    @Test
    void shippedMigrationsAreListedFromAFolderAndFromAJar(@TempDir Path dir) throws Exception {
        assertEquals(Optional.of(Set.of("V1__create_notes.sql", "V2__first_note.sql")),
                MigrationFiles.versioned(getClass().getClassLoader(), "db/migration/" + APP));

        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            // as Maven's jar plugin writes them: folders have entries of their own
            for (String name : new String[] {"db/", "db/migration/", "db/migration/a/", "db/migration/b/",
                    "db/migration/a/V1__one.sql", "db/migration/a/V1_1__two.sql",
                    "db/migration/b/V1__one.sql", "db/migration/b/R__view.sql"}) {
                out.putNextEntry(new JarEntry(name));
                if (!name.endsWith("/")) {
                    out.write("SELECT 1;".getBytes());
                }
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertEquals(Optional.of(Set.of("V1__one.sql", "V1_1__two.sql")), MigrationFiles.versioned(loader, "db/migration/a"));
            assertEquals(Optional.empty(), MigrationFiles.versioned(loader, "db/migration/b"),
                    "a repeatable migration leaves the decision to Flyway");
            assertEquals(Optional.empty(), MigrationFiles.versioned(loader, "db/migration/none"));
        }
    }
}
