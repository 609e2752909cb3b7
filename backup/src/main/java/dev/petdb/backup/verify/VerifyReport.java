package dev.petdb.backup.verify;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.dump.DumpHeader;
import dev.petdb.backup.restore.RestoreTestResult;

/**
 * What a structural check of one backup found: it reads whole, and this is what it holds.
 *
 * @param backup        the backup
 * @param age           how old it is
 * @param header        the dump's header
 * @param entries       entries in its table of contents
 * @param dataBlocks    data blocks read, each decompressed to its end
 * @param schemas       per schema: tables, rows, data size
 * @param tables        per table (and materialized view): rows and data size, by schema and name
 * @param notes         what the check found that pg_restore accepts but is worth knowing, in words (e.g. a second
 *                      table of contents after the data, or bytes after the end of the gzip stream)
 * @param restoreTest   with a restore test: per table, the rows dumped, restored and live now, and whether it failed
 */
public record VerifyReport(Backup backup, Duration age, DumpHeader header, int entries, int dataBlocks,
                           List<SchemaSummary> schemas, List<TableSummary> tables, List<String> notes, Optional<RestoreTestResult> restoreTest) {
    /** @return why the backup is broken although it reads whole: its restore test failed */
    public Optional<String> failure() {
        return restoreTest.flatMap(RestoreTestResult::failure);
    }
}
