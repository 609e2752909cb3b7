package dev.petdb.cli;

import java.util.regex.Pattern;

/**
 * The last guard before anything reaches the terminal: masks the password of any {@code postgres://} URL in a
 * message, such as the one picocli echoes when an option is misplaced.
 */
public final class Redaction {
    private static final Pattern URL_PASSWORD = Pattern.compile("(postgres(?:ql)?://[^:/@\\s]*:)[^\\s]*@",
            Pattern.CASE_INSENSITIVE);

    private Redaction() {
    }

    /**
     * @param message any text
     * @return the text with passwords in URLs replaced by {@code ****}
     */
    public static String secrets(String message) {
        return message == null ? null : URL_PASSWORD.matcher(message).replaceAll("$1****@");
    }
}
