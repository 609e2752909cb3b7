package dev.petdb.backup.dump;

/**
 * What the reader found in one entry's data block.
 *
 * @param dumpId          the TOC entry it belongs to
 * @param storedBytes     bytes in the archive (compressed)
 * @param dataBytes       bytes after decompression, or -1 when the compression is not checked
 * @param rows            COPY rows (lines) for table data, or large objects for a BLOBS block; -1 when not checked
 */
public record DataBlock(int dumpId, long storedBytes, long dataBytes, long rows) {
}
