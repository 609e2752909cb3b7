package dev.petdb.cli.backup;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.dump.DumpHeader;
import dev.petdb.backup.restore.RestoreTestResult;
import dev.petdb.backup.restore.TableRows;
import dev.petdb.backup.verify.SchemaSummary;
import dev.petdb.backup.verify.VerifyReport;
import dev.petdb.backup.Sizes;
import dev.petdb.cli.Times;

/**
 * The text {@code backup verify} prints for a backup it read: the verdict and the backup on the first line, the
 * dump's header, notes, the restore test's tables and one row per schema.
 */
final class VerifyText {
    /** Past this many tables, a restore test lists only the differing ones. */
    static final int MANY_TABLES = 30;

    private final PrintWriter out;
    private final boolean onlyDifferences;
    private final boolean allTables;

    /**
     * @param out             where to print
     * @param onlyDifferences list only the restore test's tables whose rows differ
     * @param allTables       list every table of the restore test, however many
     */
    VerifyText(PrintWriter out, boolean onlyDifferences, boolean allTables) {
        this.out = out;
        this.onlyDifferences = onlyDifferences;
        this.allTables = allTables;
    }

    /** Prints a result that has a report (one that read whole); prints nothing for one that has not. */
    void print(VerifyResult result) {
        VerifyReport report = result.report();
        if (report == null) {
            return;
        }
        Backup b = report.backup();
        String age = Times.age(b.createdAt(), Instant.now());
        out.println(result.status().name() + "  " + b.key() + " (" + Times.utc(b.createdAt()) + ", "
                + (age.equals("in the future") ? "dated in the future" : age + " old") + ", " + Sizes.human(b.size())
                + (b.encrypted() ? ", encrypted" : "") + ")");
        DumpHeader h = report.header();
        out.println("    pg_dump archive " + h.archiveVersion() + ", " + h.compression().name().toLowerCase(Locale.ROOT)
                + ", database " + h.databaseName() + ", server " + h.serverVersion() + ", pg_dump " + h.dumpVersion()
                + h.createdAt().map(t -> ", made " + t.toString().replace('T', ' ')).orElse(""));
        out.println("    " + report.entries() + " entries; " + report.dataBlocks() + " data blocks read to the end");
        report.notes().forEach(note -> out.println("    note: " + note));
        if (result.comparedWith() != null) {
            out.println(result.findings().isEmpty() ? "    compared with " + result.comparedWith() + ": nothing vanished"
                    : "    vanished since " + result.comparedWith() + ":");
            result.findings().forEach(finding -> out.println("      " + finding.text()));
        }
        report.restoreTest().ifPresent(this::printRestoreTest);
        if (!report.schemas().isEmpty()) {
            String format = "    %-24s %7s %12s %10s%n";
            out.printf(format, "SCHEMA", "TABLES", "ROWS", "DATA");
            for (SchemaSummary s : report.schemas()) {
                out.printf(format, s.schema(), s.tables(), s.rows() < 0 ? "?" : String.valueOf(s.rows()),
                        s.dataBytes() < 0 ? "?" : Sizes.human(s.dataBytes()));
            }
        }
    }

    /** Per table, the rows restored and live; past {@link #MANY_TABLES} tables, only those that differ. */
    private void printRestoreTest(RestoreTestResult test) {
        out.println(test.failure().isEmpty()
                ? "    restore test: pg_restore restored every table into a scratch database, since dropped"
                : "    restore test FAILED: what pg_restore restored into a scratch database, since dropped");
        boolean shortList = onlyDifferences || (!allTables && test.tables().size() > MANY_TABLES);
        List<TableRows> shown = shortList ? test.tables().stream().filter(t -> !t.same()).toList() : test.tables();
        String format = "    %-40s %12s %12s %8s%s";
        if (!shown.isEmpty()) {
            out.println(String.format(format, "TABLE", "BACKUP ROWS", "LIVE ROWS", "DIFF", ""));
        }
        for (TableRows t : shown) {
            String dump = t.restoredAsDumped() ? "" : t.restored().isPresent()
                    ? "   restored " + t.restored().getAsLong() + " of the dump's " + t.dumped().orElse(0) + " rows"
                    : "   not restored (" + t.dumped().orElse(0) + " rows in the dump)";
            out.println(String.format(format,
                    t.name() + (t.kind() == TableRows.Kind.MATERIALIZED_VIEW ? " (materialized view)" : ""),
                    t.restored().isPresent() ? String.valueOf(t.restored().getAsLong()) : "none",
                    t.live().isPresent() ? String.valueOf(t.live().getAsLong()) : "gone",
                    t.difference().isPresent() ? String.format("%+d", t.difference().getAsLong()) : "", dump).stripTrailing());
        }
        if (shortList) {
            long same = test.same();
            out.println("    " + same + (same == 1 ? " table" : " tables")
                    + " with the same rows in the backup, the restore and the live database");
        }
    }
}
