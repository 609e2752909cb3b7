package dev.petdb.cli.doctor;

import java.sql.Array;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings as {@code ALTER ROLE ... SET} stores them in {@code pg_db_role_setting}: {@code name=value} text.
 */
final class RoleSetting {
    private static final Pattern DURATION = Pattern.compile("([0-9]+)\\s*(us|ms|s|min|h|d)?");

    private RoleSetting() {
    }

    /**
     * @param setconfig a {@code setconfig} array, may be null
     * @return its settings by name, in their order
     */
    static Map<String, String> parse(Array setconfig) throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        if (setconfig != null) {
            for (String item : (String[]) setconfig.getArray()) {
                int equals = item.indexOf('=');
                settings.put(item.substring(0, equals), item.substring(equals + 1));
            }
        }
        return settings;
    }

    /**
     * @param value a timeout's value, such as {@code 30s}, {@code 1min} or {@code 0}; a bare number is milliseconds
     * @return its length in milliseconds, or empty when it is not a plain duration
     */
    static Optional<Long> millis(String value) {
        Matcher matcher = DURATION.matcher(value.strip());
        if (!matcher.matches() || matcher.group(1).length() > 12) {
            return Optional.empty();
        }
        long number = Long.parseLong(matcher.group(1));
        long unit = switch (matcher.group(2) == null ? "ms" : matcher.group(2)) {
            case "us" -> 0;
            case "s" -> 1000;
            case "min" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            default -> 1;
        };
        // microseconds round up, so that a limit under a millisecond is still a limit
        return Optional.of(unit == 0 ? (number + 999) / 1000 : number * unit);
    }
}
