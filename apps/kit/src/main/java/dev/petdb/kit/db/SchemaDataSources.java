package dev.petdb.kit.db;

import java.sql.SQLException;
import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.kit.config.StartupException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Makes the data sources of an app (plain, for migrations, pooled) whose connections see one schema alone: every
 * connection starts with {@code search_path} set to the app's schema (the driver's {@code currentSchema}), so
 * unqualified names never reach {@code public} or another app.
 */
public final class SchemaDataSources {
    /** Short enough that a request answers 503 within about 2 s while the database is down. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofMillis(1500);

    private SchemaDataSources() {
    }

    /**
     * A plain (unpooled) data source: each {@code getConnection()} opens a new connection bound to the schema.
     *
     * @param url     where the database is
     * @param schema  the only schema on the search_path
     * @param appName shown as {@code application_name} in {@code pg_stat_activity}
     * @return the data source
     * @throws StartupException when the URL carries a parameter the driver does not know
     */
    public static PGSimpleDataSource unpooled(DatabaseUrl url, String schema, String appName) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url.jdbcUrl());
        for (String key : url.jdbcProperties().stringPropertyNames()) {
            try {
                ds.setProperty(key, url.jdbcProperties().getProperty(key));
            } catch (SQLException | IllegalArgumentException e) {
                throw new StartupException("DATABASE_URL has a query parameter the PostgreSQL driver does not accept: " + key);
            }
        }
        ds.setCurrentSchema(schema);
        ds.setApplicationName(appName);
        ds.setConnectTimeout((int) CONNECTION_TIMEOUT.toSeconds() + 1);
        ds.setLoginTimeout((int) CONNECTION_TIMEOUT.toSeconds() + 1);
        return ds;
    }

    /**
     * Like {@link #unpooled}, for migrations: without a statement timeout, since an app role provisioned by
     * {@code petdb schema create} has one (30 s by default) that a long migration must not hit, and without an
     * idle-in-transaction timeout (60 s by default), since Flyway's lock and {@link MigrationLock} sit idle in their
     * transactions while another connection runs a migration.
     *
     * @param url     where the database is
     * @param schema  the only schema on the search_path
     * @param appName shown as {@code application_name}
     * @return the data source
     */
    public static PGSimpleDataSource forMigrations(DatabaseUrl url, String schema, String appName) {
        PGSimpleDataSource ds = unpooled(url, schema, appName);
        ds.setOptions("-c statement_timeout=0 -c idle_in_transaction_session_timeout=0");
        return ds;
    }

    /**
     * A HikariCP pool over {@link #unpooled}. It does not fail when the database is down at creation: it connects
     * when asked, so the app comes back by itself after an outage.
     *
     * @param url      where the database is
     * @param schema   the only schema on the search_path
     * @param appName  pool name and {@code application_name}
     * @param poolSize the most connections this app holds
     * @return the pool; close it on shutdown
     */
    public static HikariDataSource pooled(DatabaseUrl url, String schema, String appName, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(unpooled(url, schema, appName));
        config.setPoolName(appName);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(1000);
        config.setInitializationFailTimeout(-1);
        config.setIdleTimeout(Duration.ofMinutes(2).toMillis());
        config.setKeepaliveTime(Duration.ofMinutes(1).toMillis());
        return new HikariDataSource(config);
    }
}
