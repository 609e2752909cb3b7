package dev.petdb.backup.pgtools;

import java.util.Map;

import dev.petdb.dburl.DatabaseUrl;

/**
 * How the PostgreSQL client programs are told where to connect: libpq's environment variables, so that no password
 * ever appears on a command line, where {@code ps} shows it.
 */
public final class PgConnection {
    private PgConnection() {
    }

    /**
     * @param env             a process builder's environment, changed in place
     * @param url             the server and credentials
     * @param database        the database to connect to
     * @param applicationName shown in {@code pg_stat_activity}
     */
    public static void into(Map<String, String> env, DatabaseUrl url, String database, String applicationName) {
        env.put("PGHOST", url.host());
        env.put("PGPORT", String.valueOf(url.port()));
        env.put("PGUSER", url.user());
        env.put("PGDATABASE", database);
        if (!url.password().isEmpty()) {
            env.put("PGPASSWORD", url.password());
        }
        String sslmode = url.parameters().get("sslmode");
        if (sslmode != null) {
            env.put("PGSSLMODE", sslmode);
        }
        env.put("PGAPPNAME", applicationName);
    }
}
