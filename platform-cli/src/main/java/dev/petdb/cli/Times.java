package dev.petdb.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times and ages for people, as every command prints them: {@code 2025-07-23 03:00:02Z}, {@code 5d 3h}.
 */
public final class Times {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    /**
     * @param time a time
     * @return it in UTC, to the second: {@code 2025-07-23 03:00:02Z}
     */
    public static String utc(Instant time) {
        return UTC.format(time);
    }

    /**
     * @param time the earlier time
     * @param now  the later one
     * @return the age in its two largest units: {@code 5d 3h}, {@code 3h 12m}, {@code 42s}
     */
    public static String age(Instant time, Instant now) {
        Duration age = Duration.between(time, now);
        if (age.isNegative()) {
            return "in the future"; // a clock or a name out of step: shown, not hidden
        }
        if (age.toDays() > 0) {
            return age.toDays() + "d " + age.toHoursPart() + "h";
        }
        if (age.toHours() > 0) {
            return age.toHours() + "h " + age.toMinutesPart() + "m";
        }
        return age.toMinutes() > 0 ? age.toMinutes() + "m " + age.toSecondsPart() + "s" : age.toSeconds() + "s";
    }
}
