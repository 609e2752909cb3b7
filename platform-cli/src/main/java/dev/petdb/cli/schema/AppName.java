package dev.petdb.cli.schema;

import java.util.Set;
import java.util.regex.Pattern;

import dev.petdb.cli.CliException;

/**
 * An app's name, which is also its schema and its login role: lower case, safe as an unquoted identifier.
 *
 * @param value the name
 */
public record AppName(String value) {
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    /** Names PostgreSQL refuses for a role ({@code public}, {@code none}) or already uses for a schema or database. */
    private static final Set<String> RESERVED = Set.of("public", "none", "information_schema", "postgres");

    /**
     * @param text what the operator typed
     * @return the name
     * @throws CliException (usage) naming the rule it breaks; nothing has been changed at that point
     */
    public static AppName parse(String text) {
        if (!VALID.matcher(text).matches()) {
            throw CliException.usage("invalid app name '" + printable(text) + "': use 1 to 63 lower-case letters, "
                    + "digits and _, starting with a letter");
        }
        if (RESERVED.contains(text) || text.startsWith("pg_")) {
            throw CliException.usage("'" + text + "' is reserved by PostgreSQL and cannot be an app name");
        }
        return new AppName(text);
    }

    private static String printable(String text) {
        String shown = text.codePoints().limit(70)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return text.codePointCount(0, text.length()) > 70 ? shown + "..." : shown;
    }

    @Override
    public String toString() {
        return value;
    }
}
