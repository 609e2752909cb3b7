package dev.petdb.backup.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Numbers and times as the page prints them: counts with thousands separators ({@code 1,234,567}) and times in UTC;
 * sizes are {@link dev.petdb.backup.Sizes}'.
 */
final class Amounts {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Amounts() {
    }

    /** @return {@code 1,234,567} */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
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
