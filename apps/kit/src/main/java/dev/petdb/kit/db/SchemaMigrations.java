package dev.petdb.kit.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import javax.sql.DataSource;

import dev.petdb.dburl.SqlErrors;
import dev.petdb.kit.config.StartupException;
import dev.petdb.kit.feed.FeedFunctions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs an app's Flyway migrations ({@code classpath:db/migration/APP}) inside its schema, with the history table
 * there too. Several instances starting at once migrate once: a {@link MigrationLock} in the schema, which only the
 * app's role can take, serialises them around Flyway's own lock (which any role could hold: {@link FlywayLock}).
 * A migration edited after it was applied stops both the release phase and the web start with one line naming it.
 */
public final class SchemaMigrations {
    private static final Logger LOGGER = Logger.getLogger(SchemaMigrations.class.getName());
    private static final String UNDEFINED_TABLE = "42P01";
    private SchemaMigrations() {
    }

    /**
     * The release phase ({@code app.jar migrate}): always runs Flyway, which validates every applied migration
     * against the shipped files before it applies the pending ones.
     *
     * @param dataSource connections to the app's database
     * @param schema     the app's schema; created when missing and the role may create it
     * @param appName    selects the migrations folder {@code db/migration/APP}
     * @param loader     where the app's migrations are, usually the app's class loader
     * @return how many migrations this call applied
     * @throws StartupException when an applied migration has changed, a migration fails or the database cannot be
     *                          reached
     */
    public static int migrate(DataSource dataSource, String schema, String appName, ClassLoader loader) {
        // Flyway validates too; this first look names the edited file in the same words as the web start does
        upToDate(dataSource, schema, appName, loader);
        return migrateWithFlyway(dataSource, schema, appName, loader);
    }

    /**
     * The web start: like {@link #migrate}, but when every shipped migration is applied and unchanged, which one query
     * and the files' checksums tell, it returns without loading Flyway.
     *
     * @param dataSource connections to the app's database
     * @param schema     the app's schema
     * @param appName    selects the migrations folder {@code db/migration/APP}
     * @param loader     where the app's migrations are
     * @return how many migrations this call applied
     * @throws StartupException as {@link #migrate}
     */
    public static int migrateUnlessUpToDate(DataSource dataSource, String schema, String appName, ClassLoader loader) {
        if (upToDate(dataSource, schema, appName, loader)) {
            return 0;
        }
        return migrateWithFlyway(dataSource, schema, appName, loader);
    }

    /**
     * Whether every versioned migration the app ships is recorded as applied with the checksum Flyway would compute
     * for it now, checked with one query and without loading Flyway. Anything unusual (no history table, a failed
     * migration, repeatable migrations, a file or folder that cannot be read) answers false, and Flyway decides.
     *
     * @throws StartupException when a shipped migration was applied with another checksum: it changed since
     */
    static boolean upToDate(DataSource dataSource, String schema, String appName, ClassLoader loader) {
        String location = "db/migration/" + appName;
        Optional<Set<String>> shipped = MigrationFiles.versioned(loader, location);
        if (shipped.isEmpty()) {
            return false;
        }
        Map<String, Integer> applied = new HashMap<>();
        // the connection's search_path is the app's schema alone: this is the app's own history table
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT script, checksum, success FROM flyway_schema_history")) {
            while (rows.next()) {
                if (!rows.getBoolean(3)) {
                    return false;
                }
                int checksum = rows.getInt(2);
                applied.put(rows.getString(1), rows.wasNull() ? null : checksum);
            }
        } catch (SQLException e) {
            // no history table yet (42P01): a first deploy; anything else (a login that timed out on a busy host):
            // Flyway will say what is wrong, and the line says why this start is slower than usual
            if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                LOGGER.info("checking the migrations without Flyway failed (" + SqlErrors.reason(e)
                        + "); Flyway checks them instead");
            }
            return false;
        }
        boolean allApplied = true;
        for (String script : shipped.get()) {
            if (!applied.containsKey(script)) {
                allApplied = false;
                continue;
            }
            Integer recorded = applied.get(script);
            try {
                if (recorded == null || recorded != MigrationFiles.checksum(loader, location, script)) {
                    throw new StartupException(changed(script, schema));
                }
            } catch (IOException e) {
                return false;
            }
        }
        return allApplied;
    }

    private static String changed(String script, String schema) {
        return "migration " + script + " of schema " + schema + " has changed since it was applied;"
                + " put it back as it was and make the change in a new migration";
    }

    private static int migrateWithFlyway(DataSource dataSource, String schema, String appName, ClassLoader loader) {
        Flyway flyway = Flyway.configure(loader)
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations("classpath:db/migration/" + appName)
                .failOnMissingLocations(true)
                .validateOnMigrate(true)
                .callbacks(new FeedFunctions())
                .load();
        Connection lockHolder;
        try {
            lockHolder = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StartupException("cannot reach the database to migrate schema " + schema + ": " + SqlErrors.reason(e), e);
        }
        try (lockHolder; MigrationLock held = MigrationLock.take(lockHolder, schema)) {
            FlywayLock.requireNotHeldByOtherRoles(lockHolder, schema);
            MigrateResult result = flyway.migrate();
            return result.migrationsExecuted;
        } catch (SQLException e) {
            throw new StartupException("migrating schema " + schema + " failed: " + SqlErrors.reason(e), e);
        } catch (StartupException e) {
            throw e;
        } catch (FlywayValidateException e) {
            // Flyway's first line only says validation failed; the next names the migration and the mismatch
            List<String> lines = e.getMessage().lines().filter(line -> !line.isBlank()).toList();
            throw new StartupException("migrations of schema " + schema + " do not match its history: "
                    + (lines.size() > 1 ? lines.get(1).strip() : lines.getFirst()), e);
        } catch (RuntimeException e) {
            throw new StartupException("migrating schema " + schema + " failed: " + SqlErrors.firstLine(e.getMessage()), e);
        }
    }
}
