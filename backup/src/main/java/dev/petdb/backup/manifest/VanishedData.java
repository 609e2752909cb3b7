package dev.petdb.backup.manifest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.petdb.backup.verify.TableSummary;

/**
 * Compares a backup with an earlier one for data that vanished: a schema or table that is gone, a table whose rows
 * fell by more than the threshold, and the database's rows or data bytes falling by more than the threshold. A
 * faithful backup of an emptied table reads whole; only a comparison with an earlier night notices it.
 *
 * @param threshold the fraction a count may fall by before it is a finding, above 0 and at most 1 (0.5: by half)
 * @param excused   tables ({@code schema.table}) that shrink on purpose: never a finding, and left out of the
 *                  database's totals on both nights
 */
public record VanishedData(double threshold, Set<String> excused) {
    /** The default threshold: a count that fell by more than half. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /** Checks the threshold and copies the excused tables. */
    public VanishedData {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be above 0 and at most 1: " + threshold);
        }
        excused = Set.copyOf(excused);
    }

    /** What kind of data vanished. */
    public enum Kind {
        /** A schema that had tables is not in the backup. */
        SCHEMA_GONE,
        /** A table is not in the backup (its schema is). */
        TABLE_GONE,
        /** A table's rows fell by more than the threshold. */
        TABLE_SHRANK,
        /** The database's rows fell by more than the threshold. */
        DATABASE_ROWS_SHRANK,
        /** The database's data bytes fell by more than the threshold. */
        DATABASE_BYTES_SHRANK;

        /** @return the kind as JSON writes it */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One thing that vanished.
     *
     * @param kind   what vanished
     * @param schema the schema; {@code null} for the database's totals
     * @param table  the table; {@code null} for a schema or the database's totals
     * @param before rows (bytes for {@link Kind#DATABASE_BYTES_SHRANK}) in the earlier backup
     * @param after  the same in this backup (0 when gone)
     */
    public record Finding(Kind kind, String schema, String table, long before, long after) {
        /** @return one line naming what, before and after */
        public String text() {
            return switch (kind) {
                case SCHEMA_GONE -> "schema " + schema + " is gone (had " + rows(before) + ")";
                case TABLE_GONE -> "table " + schema + "." + table + " is gone (had " + rows(before) + ")";
                case TABLE_SHRANK -> "table " + schema + "." + table + " fell from " + before + " to " + rows(after);
                case DATABASE_ROWS_SHRANK -> "the database fell from " + before + " to " + rows(after);
                case DATABASE_BYTES_SHRANK -> "the database's data fell from " + before + " to " + after + " bytes";
            };
        }

        private static String rows(long n) {
            return n + (n == 1 ? " row" : " rows");
        }
    }

    /**
     * @param before the earlier backup's manifest (one that read whole)
     * @param after  this backup's
     * @return the findings, schemas first, then tables by name, then the database; empty when nothing vanished
     */
    public List<Finding> findings(Manifest before, Manifest after) {
        Map<String, TableSummary> now = new HashMap<>();
        Set<String> schemasNow = new LinkedHashSet<>();
        for (TableSummary t : after.tables()) {
            now.put(t.name(), t);
            schemasNow.add(t.schema());
        }
        List<Finding> schemaFindings = new ArrayList<>();
        List<Finding> tableFindings = new ArrayList<>();
        Map<String, Long> goneSchemaRows = new TreeMap<>();
        for (TableSummary t : before.tables()) {
            if (excused.contains(t.name())) {
                continue;
            }
            TableSummary current = now.get(t.name());
            if (!schemasNow.contains(t.schema())) {
                goneSchemaRows.merge(t.schema(), Math.max(t.rows(), 0), Long::sum);
            } else if (current == null) {
                tableFindings.add(new Finding(Kind.TABLE_GONE, t.schema(), t.table(), t.rows(), 0));
            } else if (fell(t.rows(), current.rows())) {
                tableFindings.add(new Finding(Kind.TABLE_SHRANK, t.schema(), t.table(), t.rows(), current.rows()));
            }
        }
        goneSchemaRows.forEach((schema, rows) -> schemaFindings.add(new Finding(Kind.SCHEMA_GONE, schema, null, rows, 0)));
        List<Finding> findings = new ArrayList<>(schemaFindings);
        tableFindings.sort((a, b) -> (a.schema() + "." + a.table()).compareTo(b.schema() + "." + b.table()));
        findings.addAll(tableFindings);
        long rowsBefore = total(before, true);
        long rowsAfter = total(after, true);
        if (fell(rowsBefore, rowsAfter)) {
            findings.add(new Finding(Kind.DATABASE_ROWS_SHRANK, null, null, rowsBefore, rowsAfter));
        }
        long bytesBefore = total(before, false);
        long bytesAfter = total(after, false);
        if (fell(bytesBefore, bytesAfter)) {
            findings.add(new Finding(Kind.DATABASE_BYTES_SHRANK, null, null, bytesBefore, bytesAfter));
        }
        return findings;
    }

    /** Unknown counts ({@code -1}) never fall. */
    private boolean fell(long before, long after) {
        return before > 0 && after >= 0 && (before - after) > threshold * before;
    }

    /** @return the rows (or data bytes) of the tables that are not excused; {@code -1} when one is unknown */
    private long total(Manifest manifest, boolean rows) {
        long sum = 0;
        for (TableSummary t : manifest.tables()) {
            if (excused.contains(t.name())) {
                continue;
            }
            long n = rows ? t.rows() : t.dataBytes();
            if (n < 0) {
                return -1;
            }
            sum += n;
        }
        return sum;
    }
}
