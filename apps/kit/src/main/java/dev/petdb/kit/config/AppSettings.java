package dev.petdb.kit.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.petdb.dburl.AppNameRule;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.dburl.InvalidDatabaseUrlException;

/**
 * How an app runs, read from the environment the way Dokku sets it.
 *
 * @param appName       the app's name: its default schema and its migrations folder {@code db/migration/NAME}
 * @param port          {@code PORT}, default 8080
 * @param url           {@code DATABASE_URL}, or null for the embedded default database; read it as {@link #databaseUrl()}
 * @param schema        {@code APP_SCHEMA}, default the app's name; the only schema the app's connections see
 * @param poolSize      {@code DB_POOL_SIZE}, default 4: connections are shared by every app on one petdb
 * @param dataDir       {@code PETDB_DATA_DIR}, default {@code .petdb}: where the embedded database keeps its data
 * @param shutdownGrace {@code SHUTDOWN_GRACE_SECONDS}, default 8: how long in-flight requests may finish on SIGTERM
 *                      (Dokku sends SIGTERM once traffic has moved
 *                      to the new container, and SIGKILL after its stop timeout, 30 s by default)
 * @param rateLimit     {@code RATE_LIMIT_PER_MINUTE}, {@code RATE_LIMIT_BURST}, {@code RATE_LIMIT_TRUSTED_PROXIES}:
 *                      how many requests each client may send
 */
public record AppSettings(String appName, int port, DatabaseUrl url, String schema, int poolSize,
                          Path dataDir, Duration shutdownGrace, RateLimitSettings rateLimit) {

    /** @return {@code DATABASE_URL}, or empty for the embedded default database */
    public Optional<DatabaseUrl> databaseUrl() {
        return Optional.ofNullable(url);
    }

    /**
     * @param appName the app's name
     * @param env     the environment, usually {@code System.getenv()}
     * @return settings, with defaults for what the environment leaves out
     * @throws StartupException naming the setting that is wrong
     */
    public static AppSettings fromEnvironment(String appName, Map<String, String> env) {
        int port = intSetting(env, "PORT", 8080, 0, 65535);
        String url = env.get("DATABASE_URL");
        DatabaseUrl databaseUrl;
        try {
            databaseUrl = url == null || url.isBlank() ? null : DatabaseUrl.parse("DATABASE_URL", url);
        } catch (InvalidDatabaseUrlException e) {
            throw new StartupException(e.getMessage());
        }
        String schema = env.getOrDefault("APP_SCHEMA", appName).trim();
        AppNameRule.problemWithSetting(schema, "APP_SCHEMA").ifPresent(problem -> {
            throw new StartupException(problem);
        });
        int poolSize = intSetting(env, "DB_POOL_SIZE", 4, 1, 100);
        Path dataDir = Path.of(env.getOrDefault("PETDB_DATA_DIR", ".petdb"));
        Duration grace = Duration.ofSeconds(intSetting(env, "SHUTDOWN_GRACE_SECONDS", 8, 0, 3600));
        return new AppSettings(appName, port, databaseUrl, schema, poolSize, dataDir, grace, rateLimit(env));
    }

    private static RateLimitSettings rateLimit(Map<String, String> env) {
        int perMinute = intSetting(env, "RATE_LIMIT_PER_MINUTE", 600, 0, 1_000_000);
        int burst = intSetting(env, "RATE_LIMIT_BURST", 100, 1, 1_000_000);
        String proxies = env.get("RATE_LIMIT_TRUSTED_PROXIES");
        return new RateLimitSettings(perMinute, burst, TrustedProxies.parse("RATE_LIMIT_TRUSTED_PROXIES",
                proxies == null || proxies.isBlank() ? TrustedProxies.DEFAULT : proxies));
    }

    private static int intSetting(Map<String, String> env, String name, int fallback, int min, int max) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            String digits = text.strip();
            int value = digits.matches("[0-9]{1,9}") ? Integer.parseInt(digits) : -1;
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StartupException(name + " must be a whole number from " + min + " to " + max);
    }
}
