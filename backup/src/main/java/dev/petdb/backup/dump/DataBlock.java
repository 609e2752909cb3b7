package dev.petdb.backup.dump;

/**
 * What the reader found in one entry's data block, decompressed to its end.
 *
 * @param dumpId          the TOC entry it belongs to
 * @param storedBytes     bytes in the archive (compressed)
 * @param dataBytes       bytes after decompression
 * @param rows            COPY rows (lines) for table data, or large objects for a BLOBS block
 */
public record DataBlock(int dumpId, long storedBytes, long dataBytes, long rows) {
}
