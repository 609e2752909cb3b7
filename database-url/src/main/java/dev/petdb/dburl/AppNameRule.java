package dev.petdb.dburl;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rule for an app's name, which is also its schema and its login role: 1 to 63 lower-case letters, digits and
 * {@code _}, starting with a letter, so it never needs quoting; never a name PostgreSQL reserves. The app kit (for
 * {@code APP_SCHEMA}) and the CLI (for every app name the operator types) both check names here, each raising its own
 * error with the reason given.
 */
public final class AppNameRule {
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    /** Names PostgreSQL refuses for a role ({@code public}, {@code none}) or already uses for a schema or database. */
    private static final Set<String> RESERVED = Set.of("public", "none", "information_schema", "postgres");

    private AppNameRule() {
    }

    /**
     * @param candidate a proposed app name
     * @return why it cannot be an app's name (one line, the name shown printable and cut short), or empty when it can
     */
    public static Optional<String> problem(String candidate) {
        return problem(candidate, "app name", "an app name");
    }

    /**
     * @param candidate a schema name taken from a setting
     * @param setting   the setting's name, e.g. {@code APP_SCHEMA}
     * @return why the setting's value cannot be an app's schema, or empty when it can
     */
    public static Optional<String> problemWithSetting(String candidate, String setting) {
        return problem(candidate, setting, setting);
    }

    private static Optional<String> problem(String candidate, String what, String asObject) {
        if (candidate == null || !VALID.matcher(candidate).matches()) {
            return Optional.of("invalid " + what + " '" + printable(candidate == null ? "" : candidate)
                    + "': use 1 to 63 lower-case letters, digits and _, starting with a letter");
        }
        if (RESERVED.contains(candidate) || candidate.startsWith("pg_")) {
            return Optional.of("'" + candidate + "' is reserved by PostgreSQL and cannot be " + asObject);
        }
        return Optional.empty();
    }

    private static String printable(String text) {
        String shown = text.codePoints().limit(70)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return text.codePointCount(0, text.length()) > 70 ? shown + "..." : shown;
    }
}
