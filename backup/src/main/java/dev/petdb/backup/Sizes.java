package dev.petdb.backup;

import java.util.Locale;

/**
 * Byte counts for people: {@code 512 B}, {@code 96.0 kB}, {@code 1.2 GB} (powers of 1024, as PostgreSQL prints them).
 * The one way petdb prints a size, in the CLI's lines and on the status page alike.
 */
public final class Sizes {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB"};

    private Sizes() {
    }

    /**
     * @param bytes a size
     * @return it in the largest unit that keeps it at 1 or more
     */
    public static String human(long bytes) {
        return inUnit(bytes, unitFor(bytes));
    }

    /**
     * @param bytes a size
     * @return the power of 1024 that keeps it at 1 or more in its unit (0 for bytes)
     */
    public static int unitFor(long bytes) {
        int unit = 0;
        for (long rest = bytes; rest >= 1024 && unit < UNITS.length - 1; rest /= 1024) {
            unit++;
        }
        return unit;
    }

    /**
     * @param bytes a size
     * @param unit  a power of 1024, as {@link #unitFor} gives it: several sizes in one unit, e.g. on a chart's axis
     * @return {@code 12.3 MB}, or {@code 512 B}
     */
    public static String inUnit(long bytes, int unit) {
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", bytes / Math.pow(1024, unit), UNITS[unit]);
    }
}
