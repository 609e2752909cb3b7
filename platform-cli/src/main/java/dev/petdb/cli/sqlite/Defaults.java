package dev.petdb.cli.sqlite;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.petdb.dburl.SqlText;

/**
 * SQLite DEFAULT expressions that have a PostgreSQL equivalent: NULL, numbers, strings, blobs, TRUE and FALSE, and
 * CURRENT_TIMESTAMP, CURRENT_DATE and CURRENT_TIME (UTC text in SQLite, so UTC here too). Others are left out.
 */
final class Defaults {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern STRING = Pattern.compile("'((?:[^']|'')*)'", Pattern.DOTALL);
    private static final Pattern BLOB = Pattern.compile("[xX]'([0-9a-fA-F]*)'");
    private static final String UTC_NOW = "(now() AT TIME ZONE 'UTC')";

    private Defaults() {
    }

    /**
     * @param sqlite the default as SQLite keeps it (PRAGMA table_info's dflt_value)
     * @param type   the column's PostgreSQL type
     * @return the PostgreSQL default expression, or null when it does not translate (or is NULL)
     */
    static String translate(String sqlite, PgType type) {
        String text = sqlite.strip();
        while (text.length() > 1 && text.startsWith("(") && text.endsWith(")")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        String upper = text.toUpperCase(Locale.ROOT);
        Matcher string = STRING.matcher(text);
        Matcher blob = BLOB.matcher(text);
        if (NUMBER.matcher(text).matches()) {
            return value(text, type);
        } else if (string.matches()) {
            return value(string.group(1).replace("''", "'"), type);
        } else if (blob.matches()) {
            return type == PgType.BYTEA ? "'\\x" + blob.group(1).toLowerCase(Locale.ROOT) + "'::bytea" : null;
        } else if (upper.equals("TRUE") || upper.equals("FALSE")) {
            return value(upper.equals("TRUE") ? "1" : "0", type);
        }
        return switch (upper) {
            case "CURRENT_TIMESTAMP" -> type == PgType.TIMESTAMP ? UTC_NOW + "::timestamp(0)"
                    : type == PgType.TEXT ? "to_char(" + UTC_NOW + ", 'YYYY-MM-DD HH24:MI:SS')" : null;
            case "CURRENT_DATE" -> type == PgType.DATE ? UTC_NOW + "::date"
                    : type == PgType.TEXT ? "to_char(" + UTC_NOW + ", 'YYYY-MM-DD')" : null;
            case "CURRENT_TIME" -> type == PgType.TIME ? UTC_NOW + "::time(0)"
                    : type == PgType.TEXT ? "to_char(" + UTC_NOW + ", 'HH24:MI:SS')" : null;
            default -> null;
        };
    }

    /** A constant's value as the type's literal, when it is one. */
    private static String value(String value, PgType type) {
        try {
            return switch (type) {
                case BIGINT -> Long.toString(Long.parseLong(value.strip()));
                case DOUBLE -> Double.toString(Double.parseDouble(value.strip()));
                case NUMERIC -> new BigDecimal(value.strip()).toString();
                case BOOLEAN -> switch (value.strip()) {
                    case "0" -> "false";
                    case "1" -> "true";
                    default -> null;
                };
                case TEXT -> SqlText.literal(value);
                case DATE -> SqlText.literal(LocalDate.parse(value).toString()) + "::date";
                case TIME -> SqlText.literal(LocalTime.parse(value).toString()) + "::time";
                case TIMESTAMP -> SqlText.literal(LocalDateTime.parse(value,
                        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")).toString()) + "::timestamp";
                case BYTEA -> null;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }
}
