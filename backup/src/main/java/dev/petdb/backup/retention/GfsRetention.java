package dev.petdb.backup.retention;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.catalog.Backup;

/**
 * Grandfather-father-son retention: keep the newest backup of each of the last {@code daily} days, {@code weekly}
 * ISO weeks and {@code monthly} months that have backups (UTC), and always the newest backup of all. Each rule
 * picks on its own, so one backup may count for a day, its week and its month.
 *
 * @param daily   days to keep
 * @param weekly  weeks to keep
 * @param monthly months to keep
 */
public record GfsRetention(int daily, int weekly, int monthly) {
    /** Rejects negative counts. */
    public GfsRetention {
        if (daily < 0 || weekly < 0 || monthly < 0) {
            throw new BackupException("--keep-daily, --keep-weekly and --keep-monthly must not be negative");
        }
    }

    /** What to keep and what to delete. */
    public record Plan(List<Backup> keep, List<Backup> delete) {
    }

    /**
     * @param backups any backups, in any order
     * @return the plan; both lists newest first
     */
    public Plan plan(List<Backup> backups) {
        List<Backup> newestFirst = backups.stream().sorted(Comparator.comparing(Backup::createdAt).reversed()).toList();
        Set<Backup> keep = new LinkedHashSet<>();
        if (!newestFirst.isEmpty()) {
            keep.add(newestFirst.getFirst());
        }
        keep.addAll(newestPerPeriod(newestFirst, daily, date -> date));
        keep.addAll(newestPerPeriod(newestFirst, weekly,
                date -> date.get(IsoFields.WEEK_BASED_YEAR) * 100 + date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
        keep.addAll(newestPerPeriod(newestFirst, monthly, date -> date.getYear() * 100 + date.getMonthValue()));
        List<Backup> delete = new ArrayList<>();
        List<Backup> kept = new ArrayList<>();
        for (Backup backup : newestFirst) {
            (keep.contains(backup) ? kept : delete).add(backup);
        }
        return new Plan(kept, delete);
    }

    private static List<Backup> newestPerPeriod(List<Backup> newestFirst, int periods, Function<LocalDate, Object> period) {
        List<Backup> picked = new ArrayList<>();
        Object last = null;
        for (Backup backup : newestFirst) {
            if (picked.size() == periods) {
                break;
            }
            Object current = period.apply(LocalDate.ofInstant(backup.createdAt(), ZoneOffset.UTC));
            if (!current.equals(last)) {
                picked.add(backup);
                last = current;
            }
        }
        return picked;
    }
}
