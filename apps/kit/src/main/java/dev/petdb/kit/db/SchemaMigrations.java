package dev.petdb.kit.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import dev.petdb.dburl.SqlErrors;
import dev.petdb.kit.config.StartupException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs an app's Flyway migrations ({@code classpath:db/migration/APP}) inside its schema, with the history table
 * there too. Several instances starting at once migrate once: a {@link MigrationLock} in the schema, which only the
 * app's role can take, serialises them around Flyway's own lock (which any role could hold: {@link FlywayLock}).
 */
public final class SchemaMigrations {
    private SchemaMigrations() {
    }

    /**
     * @param dataSource connections to the app's database
     * @param schema     the app's schema; created when missing and the role may create it
     * @param appName    selects the migrations folder {@code db/migration/APP}
     * @return how many migrations this call applied
     * @throws StartupException when a migration fails or the database cannot be reached
     */
    public static int migrate(DataSource dataSource, String schema, String appName) {
        if (upToDate(dataSource, appName)) {
            return 0;
        }
        return migrateWithFlyway(dataSource, schema, appName);
    }

    /**
     * Whether every versioned migration the app ships is recorded as applied, checked with one query and without
     * loading Flyway. Anything unusual (no history table, a failed migration, repeatable migrations, a folder that
     * cannot be listed) answers false, and Flyway decides.
     */
    static boolean upToDate(DataSource dataSource, String appName) {
        Optional<Set<String>> shipped = MigrationFiles.versioned(SchemaMigrations.class.getClassLoader(),
                "db/migration/" + appName);
        if (shipped.isEmpty()) {
            return false;
        }
        // the connection's search_path is the app's schema alone: this is the app's own history table
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT script, success FROM flyway_schema_history")) {
            Set<String> applied = new HashSet<>();
            while (rows.next()) {
                if (!rows.getBoolean(2)) {
                    return false;
                }
                applied.add(rows.getString(1));
            }
            return applied.containsAll(shipped.get());
        } catch (SQLException e) {
            // no history table yet (42P01), or anything else: Flyway will say what is wrong
            return false;
        }
    }

    private static int migrateWithFlyway(DataSource dataSource, String schema, String appName) {
        Flyway flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations("classpath:db/migration/" + appName)
                .failOnMissingLocations(true)
                .load();
        Connection lockHolder;
        try {
            lockHolder = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StartupException("cannot reach the database to migrate schema " + schema + ": " + e.getMessage(), e);
        }
        try (lockHolder; MigrationLock held = MigrationLock.take(lockHolder, schema)) {
            FlywayLock.requireNotHeldByOtherRoles(lockHolder, schema);
            MigrateResult result = flyway.migrate();
            return result.migrationsExecuted;
        } catch (SQLException e) {
            throw new StartupException("migrating schema " + schema + " failed: " + SqlErrors.reason(e), e);
        } catch (StartupException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StartupException("migrating schema " + schema + " failed: " + SqlErrors.firstLine(e.getMessage()), e);
        }
    }
}
