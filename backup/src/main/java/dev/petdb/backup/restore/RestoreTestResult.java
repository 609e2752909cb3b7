package dev.petdb.backup.restore;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a restore test found: every dumped table's rows, counted even when the restore failed, and why it failed.
 *
 * @param tables       per table (and materialized view), dumped, restored and live rows, in the dump's order
 * @param restoreError pg_restore's reason when it did not exit 0
 */
public record RestoreTestResult(List<TableRows> tables, Optional<String> restoreError) {
    private static final int NAMED = 3;

    /** @return one line saying why the restore test failed: pg_restore failed, or restored other rows than dumped */
    public Optional<String> failure() {
        return failure("the restore test failed: ");
    }

    /**
     * @param prefix how the line begins, e.g. {@code the restore test failed: }
     * @return one line saying why the restore failed, if it did
     */
    public Optional<String> failure(String prefix) {
        if (restoreError.isPresent()) {
            return Optional.of(prefix + restoreError.get());
        }
        List<TableRows> wrong = tables.stream().filter(t -> !t.restoredAsDumped()).toList();
        if (wrong.isEmpty()) {
            return Optional.empty();
        }
        String named = wrong.stream().limit(NAMED).map(t -> t.name() + " has "
                + (t.restored().isPresent() ? t.restored().getAsLong() + " rows" : "no table")
                + " after the restore, but " + t.dumped().orElse(0) + " rows in the dump").collect(Collectors.joining("; "));
        return Optional.of(prefix + named + (wrong.size() > NAMED ? "; and "
                + (wrong.size() - NAMED) + " more tables" : ""));
    }

    /** @return the tables whose dump, restore and live rows agree */
    public long same() {
        return tables.stream().filter(TableRows::same).count();
    }
}
