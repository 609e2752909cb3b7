package dev.petdb.backup.dump;

/**
 * One entry of an archive's table of contents (its SQL definition is read past, not kept).
 *
 * @param dumpId    the entry's id, which data blocks refer to
 * @param hasData   whether pg_dump wrote data for it (a table's rows, large objects)
 * @param desc      its kind: {@code TABLE}, {@code TABLE DATA}, {@code INDEX}, {@code SCHEMA}, {@code BLOBS}, ...
 * @param tag       its name: a table's name for TABLE and TABLE DATA
 * @param namespace its schema, empty for objects outside one
 * @param owner     its owner, empty with {@code --no-owner}
 * @param dataState {@link #NO_DATA}, {@link #OFFSET_NOT_SET} or {@link #OFFSET_SET}
 * @param offset    where its data block starts, when {@code dataState == OFFSET_SET}
 */
public record TocEntry(int dumpId, boolean hasData, String desc, String tag, String namespace, String owner,
                       int dataState, long offset) {
    /** The archive was written to a pipe: data blocks follow in TOC order without recorded offsets. */
    public static final int OFFSET_NOT_SET = 1;
    /** The archive records where each data block starts. */
    public static final int OFFSET_SET = 2;
    /** The entry has no data block. */
    public static final int NO_DATA = 3;

    /** @return whether a data block for this entry must follow the TOC */
    public boolean expectsData() {
        return dataState != NO_DATA && hasData;
    }
}
