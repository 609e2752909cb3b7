package dev.petdb.backup.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Numbers and times as the page prints them: counts with thousands separators ({@code 1,234,567}), sizes in one
 * unit per axis (powers of 1024, as PostgreSQL and the CLI print them) and times in UTC.
 */
final class Amounts {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB"};
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Amounts() {
    }

    /** @return {@code 1,234,567} */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** @return the power of 1024 that keeps {@code bytes} at 1 or more in its unit (0 for bytes) */
    static int unitFor(long bytes) {
        int unit = 0;
        for (long rest = bytes; rest >= 1024 && unit < UNITS.length - 1; rest /= 1024) {
            unit++;
        }
        return unit;
    }

    /** @return {@code bytes} in the given unit: {@code 12.3 MB}, or {@code 512 B} */
    static String size(long bytes, int unit) {
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", bytes / Math.pow(1024, unit), UNITS[unit]);
    }

    /** @return {@code bytes} in the largest unit that keeps it at 1 or more */
    static String size(long bytes) {
        return size(bytes, unitFor(bytes));
    }

    /** @return {@code 2026-12-02 03:00} (UTC) */
    static String minute(Instant time) {
        return MINUTE.format(time);
    }

    /** @return {@code 06:10} (UTC) */
    static String clock(Instant time) {
        return CLOCK.format(time);
    }

    /** @return {@code Dec 2} (UTC): an axis label */
    static String day(Instant time) {
        return DAY.format(time);
    }
}
