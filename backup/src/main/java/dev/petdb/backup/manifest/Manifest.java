package dev.petdb.backup.manifest;

import java.time.Instant;
import java.util.List;

import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.verify.SchemaSummary;
import dev.petdb.backup.verify.TableSummary;
import dev.petdb.backup.verify.VerifyReport;

/**
 * What one backup held when petdb last checked it, kept beside it in the bucket so that later nights can be compared
 * with it without reading it again.
 *
 * @param formatVersion {@link #FORMAT} when written by this petdb
 * @param backup        the backup's key
 * @param backupTime    the time in its name
 * @param sizeBytes     its size in the bucket
 * @param encrypted     whether it is encrypted
 * @param dump          the dump's header; {@code null} when the backup did not read whole
 * @param verify        the result of the check that wrote this manifest
 * @param petdbVersion  the version of the petdb that wrote it
 * @param schemas       per schema: tables, rows, data bytes; empty when the backup did not read whole
 * @param tables        per table: rows, data bytes; empty when the backup did not read whole
 */
public record Manifest(int formatVersion, String backup, Instant backupTime, long sizeBytes, boolean encrypted,
                       Dump dump, Verification verify, String petdbVersion, List<SchemaSummary> schemas,
                       List<TableSummary> tables) {
    /** The format this petdb writes; a manifest of a newer format is refused rather than misread. */
    public static final int FORMAT = 1;

    /**
     * The dump's header, as far as a reader of the history needs it.
     *
     * @param pgDumpVersion pg_dump's version
     * @param serverVersion the server's version
     * @param database      the dumped database
     * @param createdAt     when pg_dump started, in the dumping machine's local time (ISO, no zone); {@code null} when
     *                      the header has none
     */
    public record Dump(String pgDumpVersion, String serverVersion, String database, String createdAt) {
    }

    /**
     * The check that wrote the manifest.
     *
     * @param status    its verdict as {@code backup verify --json} writes it: {@code ok}, {@code suspicious},
     *                  {@code stale}, {@code broken}
     * @param checkedAt when it was checked
     * @param findings  what it found vanished since the previous backup, one line each as verify printed them; empty
     *                  when nothing did, or in a manifest written before findings were kept
     */
    public record Verification(String status, Instant checkedAt, List<String> findings) {
        public Verification {
            findings = findings == null ? List.of() : List.copyOf(findings);
        }
    }

    /**
     * @param report       what reading the backup found
     * @param status       the verdict
     * @param checkedAt    when it was checked
     * @param findings     what vanished since the previous backup, one line each
     * @param petdbVersion the writing petdb's version
     * @return the manifest of a backup that read whole
     */
    public static Manifest of(VerifyReport report, String status, Instant checkedAt, List<String> findings,
                              String petdbVersion) {
        Backup b = report.backup();
        var h = report.header();
        Dump dump = new Dump(h.dumpVersion(), h.serverVersion(), h.databaseName(),
                h.createdAt().map(Object::toString).orElse(null));
        return new Manifest(FORMAT, b.key(), b.createdAt(), b.size(), b.encrypted(), dump,
                new Verification(status, checkedAt, findings), petdbVersion, report.schemas(), report.tables());
    }

    /**
     * @param backup       the backup
     * @param status       the verdict, e.g. {@code broken}
     * @param checkedAt    when it was checked
     * @param petdbVersion the writing petdb's version
     * @return the manifest of a backup that did not read whole: its verdict, no contents
     */
    public static Manifest unread(Backup backup, String status, Instant checkedAt, String petdbVersion) {
        return new Manifest(FORMAT, backup.key(), backup.createdAt(), backup.size(), backup.encrypted(), null,
                new Verification(status, checkedAt, List.of()), petdbVersion, List.of(), List.of());
    }

    /** @return whether the backup read whole, so that its tables can be compared with another night's */
    public boolean hasContents() {
        return dump != null;
    }
}
