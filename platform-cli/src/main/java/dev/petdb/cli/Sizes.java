package dev.petdb.cli;

import java.util.Locale;

/**
 * Byte counts for people: {@code 512 B}, {@code 96.0 kB}, {@code 1.2 GB} (powers of 1024, as PostgreSQL prints them).
 */
public final class Sizes {
    private Sizes() {
    }

    /**
     * @param bytes a size
     * @return it in the largest unit that keeps it at 1 or more
     */
    public static String human(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
