package dev.petdb.backup.dump;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A whole archive as read: header, table of contents, and every data block.
 *
 * @param header  the header
 * @param entries the table of contents, in archive order
 * @param blocks  data blocks by dump id
 * @param notes   what the reader found that pg_restore accepts but a reader of the report should know, in words: e.g.
 *                {@link DumpReader#SECOND_TOC}, or bytes after the end of the backup's gzip stream
 */
public record DumpContents(DumpHeader header, List<TocEntry> entries, Map<Integer, DataBlock> blocks, List<String> notes) {
    /**
     * @param desc a kind of entry, e.g. {@code TABLE}
     * @return how many entries of that kind the archive has
     */
    public long count(String desc) {
        return entries.stream().filter(e -> e.desc().equals(desc)).count();
    }

    /**
     * @param note one more thing found around the dump (by whoever unpacked it)
     * @return these contents with that note too
     */
    public DumpContents withNote(String note) {
        return new DumpContents(header, entries, blocks, Stream.concat(notes.stream(), Stream.of(note)).toList());
    }
}
