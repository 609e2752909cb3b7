package dev.petdb.backup.pgtools;

import java.util.Map;

import dev.petdb.dburl.DatabaseUrl;

/**
 * How the PostgreSQL client programs are told where to connect: libpq's environment variables, so that no password
 * ever appears on a command line, where {@code ps} shows it. They get no other part of petdb's environment than what
 * a client program needs: not {@code DATABASE_URL}, the S3 keys or the backup passphrase, which anyone who can read
 * the child's {@code /proc/PID/environ} would otherwise see.
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
        env.keySet().removeIf(name -> !inherited(name));
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

    /**
     * What a client program may inherit: where to find things, locale and time zone, and libpq's own settings (TLS
     * files, service files), but never a password of its own: the only one it gets is the URL's.
     */
    private static boolean inherited(String name) {
        return switch (name) {
            case "PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "PG_BIN" -> true;
            case "PGPASSWORD" -> false;
            default -> name.startsWith("LC_") || name.startsWith("PG");
        };
    }
}
