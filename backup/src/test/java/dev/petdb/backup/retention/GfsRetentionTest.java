package dev.petdb.backup.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.catalog.Backup;
import org.junit.jupiter.api.Test;

/**
 * Grandfather-father-son on a generated year of nightly backups, against what was worked out by hand.
 */
class GfsRetentionTest {

    /** A backup at 03:00 UTC every night of 2025, and a second, manual one at noon on the 1st of each month. */
    private static List<Backup> yearOfBackups() {
        List<Backup> backups = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2025, 1, 1); day.getYear() == 2025; day = day.plusDays(1)) {
            backups.add(backup(day + "T03:00:00Z"));
            if (day.getDayOfMonth() == 1) {
                backups.add(backup(day + "T12:00:00Z"));
            }
        }
        return backups;
    }

    private static Backup backup(String time) {
        Instant at = Instant.parse(time);
        return new Backup("2025-01-01/" + Backup.fileName("postgres-petdb", at, false), at, 100, false);
    }

    @Test
    void keepsExactlyWhatGfsSays() {
        GfsRetention.Plan plan = new GfsRetention(7, 4, 6).plan(yearOfBackups());
        List<String> expected = List.of(
                // the last 7 days, Dec 25 to 31 (Dec 31 is also the newest of ISO week 2026-W01 and of December)
                "2025-12-31T03:00:00Z", "2025-12-30T03:00:00Z", "2025-12-29T03:00:00Z", "2025-12-28T03:00:00Z",
                "2025-12-27T03:00:00Z", "2025-12-26T03:00:00Z", "2025-12-25T03:00:00Z",
                // weeks: W01 -> Dec 31 and W52 -> Sun Dec 28 are kept already; W51 -> Sun Dec 21, W50 -> Sun Dec 14
                "2025-12-21T03:00:00Z", "2025-12-14T03:00:00Z",
                // months: Dec -> Dec 31 kept already; then the last night of Nov, Oct, Sep, Aug, Jul
                "2025-11-30T03:00:00Z", "2025-10-31T03:00:00Z", "2025-09-30T03:00:00Z", "2025-08-31T03:00:00Z",
                "2025-07-31T03:00:00Z");
        assertEquals(expected, plan.keep().stream().map(b -> b.createdAt().toString()).toList());
        assertEquals(365 + 12 - expected.size(), plan.delete().size());
    }

    @Test
    void theNewestBackupIsNeverDeleted() {
        GfsRetention.Plan plan = new GfsRetention(0, 0, 0).plan(yearOfBackups());
        assertEquals(List.of("2025-12-31T03:00:00Z"), plan.keep().stream().map(b -> b.createdAt().toString()).toList());
        assertEquals(List.of(), new GfsRetention(7, 4, 6).plan(List.of()).delete());
    }

    @Test
    void negativeCountsAreRefused() {
        assertThrows(BackupException.class, () -> new GfsRetention(-1, 4, 6));
    }
}
