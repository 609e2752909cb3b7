package dev.petdb.backup.verify;

import java.time.Duration;
import java.util.List;

import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.dump.DumpHeader;

/**
 * What a structural check of one backup found: it reads whole, and this is what it holds.
 *
 * @param backup        the backup
 * @param age           how old it is
 * @param header        the dump's header
 * @param entries       entries in its table of contents
 * @param dataBlocks    data blocks read, each decompressed to its end
 * @param schemas       per schema: tables, rows, data size
 * @param notes         what could not be checked, in words (e.g. a compression this reader does not decompress)
 */
public record VerifyReport(Backup backup, Duration age, DumpHeader header, int entries, int dataBlocks,
                           List<SchemaSummary> schemas, List<String> notes) {
}
