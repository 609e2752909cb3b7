package dev.petdb.backup.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One backup on the status page.
 *
 * @param time          when it was taken (from its name)
 * @param key           its key in the bucket
 * @param sizeBytes     its size in the bucket
 * @param status        what verify made of it
 * @param rowsPerSchema rows per schema, as verify counted them; empty when not known
 * @param findings      what verify found wrong, one line each (why it is broken or suspicious); empty when nothing
 */
public record ReportNight(Instant time, String key, long sizeBytes, NightStatus status, Map<String, Long> rowsPerSchema,
                          List<String> findings) {
    /** Copies the map and list, so a page is drawn from what was given. */
    public ReportNight {
        rowsPerSchema = Map.copyOf(rowsPerSchema);
        findings = List.copyOf(findings);
    }

    /** @return rows in all schemas */
    public long rows() {
        return rowsPerSchema.values().stream().mapToLong(Long::longValue).sum();
    }
}
