package dev.petdb.backup.pgtools;

import java.nio.file.Path;

/**
 * A PostgreSQL client program found on this machine.
 *
 * @param name    {@code pg_dump} or {@code pg_restore}
 * @param path    where it is
 * @param version what it says of itself, e.g. {@code 18.1}
 * @param major   its major version, e.g. 18
 */
public record PgTool(String name, Path path, String version, int major) {
    /**
     * @param serverMajor the server's major version
     * @return whether this tool can dump that server, or restore what its pg_dump wrote
     */
    public boolean handles(int serverMajor) {
        return major >= serverMajor;
    }
}
