package dev.petdb.cli.schema;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generated role passwords: 256 random bits, URL-safe so the DATABASE_URL needs no escaping.
 */
public final class Passwords {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** @return a new password */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
