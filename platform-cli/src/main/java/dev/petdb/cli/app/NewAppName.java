package dev.petdb.cli.app;

import javax.lang.model.SourceVersion;

import dev.petdb.cli.CliException;
import dev.petdb.cli.schema.AppName;

/**
 * The name of a new app module. Besides being a schema and role ({@link AppName}), it is the Dokku app, the Java
 * package {@code dev.petdb.NAME} and the Maven artifactId, so it has no {@code _}, is at most
 * {@value #MAX_LENGTH} characters, and is no Java keyword.
 *
 * @param name the name, valid as a schema too
 */
record NewAppName(AppName name) {
    /** Longest name accepted: short enough for a Dokku app and its host name. */
    static final int MAX_LENGTH = 30;

    /**
     * @param text what the operator typed
     * @return the name
     * @throws CliException (usage) naming the rule it breaks
     */
    static NewAppName parse(String text) {
        AppName name = AppName.parse(text);
        if (text.contains("_")) {
            throw CliException.usage("invalid app name '" + text + "': a new app's name is also its Dokku app, "
                    + "which cannot contain _; use lower-case letters and digits");
        }
        if (text.length() > MAX_LENGTH) {
            throw CliException.usage("invalid app name '" + text + "': a new app's name is at most " + MAX_LENGTH
                    + " characters (this one has " + text.length() + ")");
        }
        if (SourceVersion.isKeyword(text)) {
            throw CliException.usage("invalid app name '" + text + "': it is a Java keyword, so it cannot be the "
                    + "package dev.petdb." + text);
        }
        return new NewAppName(name);
    }

    /** @return the name as typed */
    String value() {
        return name.value();
    }

    /** @return the name with its first letter in upper case, the prefix of the app's class names */
    String classPrefix() {
        return Character.toUpperCase(value().charAt(0)) + value().substring(1);
    }

    /** @return the module's path from the repository root, as the root pom lists it */
    String modulePath() {
        return "apps/" + value();
    }

    @Override
    public String toString() {
        return value();
    }
}
