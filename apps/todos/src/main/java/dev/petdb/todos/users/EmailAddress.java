package dev.petdb.todos.users;

import java.util.Locale;

import dev.petdb.kit.http.ProblemException;

/**
 * A sanity check on email addresses, not a validation of RFC 5322: one {@code @} with something on both sides, no
 * whitespace or control characters, at most 254 characters. Whether mail arrives is the mail server's business.
 */
public final class EmailAddress {
    /** Longest address accepted, in characters (RFC 5321's limit on a path). */
    public static final int MAX_LENGTH = 254;

    private EmailAddress() {
    }

    /**
     * @param email an email from a request body
     * @return it without surrounding whitespace
     * @throws ProblemException 400 naming {@code email} when it is missing or not plausibly an address
     */
    public static String valid(String email) {
        if (email == null) {
            throw ProblemException.invalid("email", "email is required");
        }
        String trimmed = email.strip();
        int at = trimmed.indexOf('@');
        boolean plausible = at > 0 && at == trimmed.lastIndexOf('@') && at < trimmed.length() - 1
                && trimmed.codePointCount(0, trimmed.length()) <= MAX_LENGTH
                && trimmed.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                        || Character.isISOControl(c));
        if (!plausible) {
            throw ProblemException.invalid("email", "email must be an address like name@example.com, at most "
                    + MAX_LENGTH + " characters");
        }
        return trimmed;
    }

    /**
     * @param email a valid email
     * @return the form that identifies an account: addresses differing only in case are one account
     */
    public static String key(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
