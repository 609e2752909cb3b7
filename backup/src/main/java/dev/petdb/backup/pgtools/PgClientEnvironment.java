package dev.petdb.backup.pgtools;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import dev.petdb.backup.BackupException;
import dev.petdb.dburl.DatabaseUrl;

/**
 * The environment a PostgreSQL client program (pg_dump, pg_restore, psql) runs in: libpq's variables say where to
 * connect, so that no password ever appears on a command line, where {@code ps} shows it. The program gets no other
 * part of petdb's environment than what a client program needs: not {@code DATABASE_URL}, the S3 keys or the backup
 * passphrase, which anyone who can read the child's {@code /proc/PID/environ} would otherwise see.
 */
public final class PgClientEnvironment {
    /** What becomes of a client program's standard output. Its standard error is always a pipe: read it with {@link ProcessErrors}. */
    public enum StandardOutput {
        /** A pipe the caller reads ({@link Process#getInputStream()}), e.g. the SQL {@code pg_restore --file -} writes. */
        PIPE,
        /** Thrown away: the program's result is a file, a database or its exit code, and its chatter must not block it. */
        DISCARD
    }

    private PgClientEnvironment() {
    }

    /**
     * Starts a client program connected to {@code database} on {@code server}'s server.
     *
     * @param command         the program and its arguments (no connection settings: they go to the environment)
     * @param server          the server and credentials
     * @param database        the database to connect to
     * @param applicationName shown in {@code pg_stat_activity}
     * @param output          what becomes of its standard output
     * @return the running program; its standard input and standard error are pipes
     * @throws BackupException naming the program when it cannot be started
     */
    public static Process start(List<String> command, DatabaseUrl server, String database, String applicationName,
                                StandardOutput output) {
        ProcessBuilder builder = new ProcessBuilder(command);
        into(builder.environment(), server, database, applicationName);
        if (output == StandardOutput.DISCARD) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new BackupException("cannot start " + command.getFirst() + ": " + e.getMessage(), e);
        }
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
