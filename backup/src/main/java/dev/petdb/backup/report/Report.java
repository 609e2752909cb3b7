package dev.petdb.backup.report;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What the status page shows.
 *
 * @param generatedAt when the page was made
 * @param bucket      where the backups are, e.g. {@code petdb-backups/}: for people
 * @param nights      the backups, in any order
 * @param lastVerify  the newest verify run; {@code null} when none is known
 */
public record Report(Instant generatedAt, String bucket, List<ReportNight> nights, LastVerify lastVerify) {
    /** Keeps the nights oldest first, the order of the charts. */
    public Report {
        nights = nights.stream().sorted(Comparator.comparing(ReportNight::time).thenComparing(ReportNight::key)).toList();
    }

    /**
     * The newest verify run.
     *
     * @param checkedAt when it ran
     * @param key       the backup it checked
     */
    public record LastVerify(Instant checkedAt, String key) {
    }
}
