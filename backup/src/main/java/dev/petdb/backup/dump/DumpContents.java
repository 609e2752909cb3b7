package dev.petdb.backup.dump;

import java.util.List;
import java.util.Map;

/**
 * A whole archive as read: header, table of contents, and every data block.
 *
 * @param header  the header
 * @param entries the table of contents, in archive order
 * @param blocks  data blocks by dump id
 */
public record DumpContents(DumpHeader header, List<TocEntry> entries, Map<Integer, DataBlock> blocks) {
    /**
     * @param desc a kind of entry, e.g. {@code TABLE}
     * @return how many entries of that kind the archive has
     */
    public long count(String desc) {
        return entries.stream().filter(e -> e.desc().equals(desc)).count();
    }
}
