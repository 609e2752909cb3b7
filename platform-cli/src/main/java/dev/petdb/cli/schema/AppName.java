package dev.petdb.cli.schema;

import dev.petdb.cli.CliException;
import dev.petdb.dburl.AppNameRule;

/**
 * An app's name, which is also its schema and its login role, checked by the one {@link AppNameRule}.
 *
 * @param value the name
 */
public record AppName(String value) {
    /**
     * @param text what the operator typed
     * @return the name
     * @throws CliException (usage) naming the rule it breaks; nothing has been changed at that point
     */
    public static AppName parse(String text) {
        AppNameRule.problem(text).ifPresent(problem -> {
            throw CliException.usage(problem);
        });
        return new AppName(text);
    }

    @Override
    public String toString() {
        return value;
    }
}
