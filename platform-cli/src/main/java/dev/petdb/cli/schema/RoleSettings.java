package dev.petdb.cli.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.petdb.cli.CliException;

/**
 * Limits every app role gets, so that one app cannot starve the others of petdb's connections or hold locks forever.
 *
 * @param connectionLimit               most connections the role may open
 * @param statementTimeout              PostgreSQL duration such as {@code 30s}
 * @param idleInTransactionTimeout      PostgreSQL duration such as {@code 60s}
 */
public record RoleSettings(int connectionLimit, String statementTimeout, String idleInTransactionTimeout) {
    /** The settings petdb fixes for each app role, in this order. */
    public static final List<String> TIMEOUTS = List.of("statement_timeout", "idle_in_transaction_session_timeout");
    /** {@code --connection-limit}'s default. */
    public static final String DEFAULT_CONNECTION_LIMIT = "10";
    /** {@code --statement-timeout}'s default. */
    public static final String DEFAULT_STATEMENT_TIMEOUT = "30s";
    /** {@code --idle-in-transaction-timeout}'s default. */
    public static final String DEFAULT_IDLE_TIMEOUT = "60s";
    private static final Pattern DURATION = Pattern.compile("[0-9]{1,9}(ms|s|min|h)");

    /** Validates every value, so that what reaches SQL is known to be a plain number or duration. */
    public RoleSettings {
        if (connectionLimit < 1 || connectionLimit > 1000) {
            throw CliException.usage("--connection-limit must be from 1 to 1000");
        }
        requireDuration("--statement-timeout", statementTimeout);
        requireDuration("--idle-in-transaction-timeout", idleInTransactionTimeout);
    }

    /** @return the settings {@code petdb schema create} gives an app when no option says otherwise */
    public static RoleSettings defaults() {
        return new RoleSettings(Integer.parseInt(DEFAULT_CONNECTION_LIMIT), DEFAULT_STATEMENT_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
    }

    /** @return each of {@link #TIMEOUTS} with its value */
    public Map<String, String> timeouts() {
        Map<String, String> timeouts = new LinkedHashMap<>();
        timeouts.put(TIMEOUTS.get(0), statementTimeout);
        timeouts.put(TIMEOUTS.get(1), idleInTransactionTimeout);
        return timeouts;
    }

    private static void requireDuration(String option, String value) {
        if (!DURATION.matcher(value).matches()) {
            throw CliException.usage(option + " must be a number with ms, s, min or h, such as 30s");
        }
    }
}
