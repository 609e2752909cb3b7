package dev.petdb.backup.dump;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The header of a pg_dump custom-format archive.
 *
 * @param archiveVersion the archive format version, e.g. {@code 1.16} (pg_dump 17 and 18)
 * @param intSize        bytes per integer
 * @param offsetSize     bytes per file offset
 * @param compression    how the data blocks are compressed
 * @param createdAt      when pg_dump started, in the dumping machine's local time (the format keeps no zone)
 * @param databaseName   the dumped database
 * @param serverVersion  the server's version, e.g. {@code 18.1}
 * @param dumpVersion    pg_dump's version
 */
public record DumpHeader(String archiveVersion, int intSize, int offsetSize, Compression compression,
                         Optional<LocalDateTime> createdAt, String databaseName, String serverVersion, String dumpVersion) {

    /** How data blocks are compressed. */
    public enum Compression {
        /** Plain COPY text. */
        NONE,
        /** zlib (pg_dump's "gzip"), the default of {@code pg_dump -Fc}: checked fully. */
        GZIP,
        /** LZ4 (pg_dump 16+ with {@code -Z lz4}): an LZ4 frame per block, checked fully. */
        LZ4,
        /** Zstandard (pg_dump 16+ with {@code -Z zstd}): a Zstandard frame per block, checked fully. */
        ZSTD
    }

    /**
     * @return the major version of pg_restore needed to read this archive, from pg_dump's version
     */
    public int dumpMajorVersion() {
        return majorOf(dumpVersion);
    }

    /**
     * @return the server's major version
     */
    public int serverMajorVersion() {
        return majorOf(serverVersion);
    }

    private static int majorOf(String version) {
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(version.substring(0, end));
    }
}
