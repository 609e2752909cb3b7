package dev.petdb.todos.users;

import java.security.SecureRandom;
import java.util.Arrays;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import dev.petdb.kit.http.ProblemException;

/**
 * Password rules and bcrypt. Only hashes leave this class.
 */
public final class Passwords {
    /** Shortest password accepted at sign-up, in characters. */
    public static final int MIN_LENGTH = 8;
    /** Longest password accepted, in characters: enough for any passphrase, too little to make hashing a weapon. */
    public static final int MAX_LENGTH = 256;

    private static final int COST = 12;
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
    /** bcrypt reads only 72 bytes; longer passwords go through SHA-512 first so every character counts. */
    private static final LongPasswordStrategy LONG_PASSWORDS = LongPasswordStrategies.hashSha512(VERSION);
    /**
     * A cost-12 hash of a random string nobody kept. Signing in with an unknown email is checked against it, so that
     * it takes as long as a wrong password for a known one.
     */
    static final String DUMMY_HASH = "$2a$12$JV.T.ezGMq00fAJrcqfVu.bt9fKbjacd35yPaaw/nCeA2FDbHoMpm";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /**
     * @param password a password chosen at sign-up
     * @return it, unchanged
     * @throws ProblemException 400 naming {@code password} when it is missing, shorter than {@value #MIN_LENGTH} or
     *                          longer than {@value #MAX_LENGTH} characters
     */
    public static String validNew(String password) {
        if (password == null) {
            throw ProblemException.invalid("password", "password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw ProblemException.invalid("password", "password must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters");
        }
        return password;
    }

    /**
     * @param password a password presented at sign-in
     * @return it, unchanged
     * @throws ProblemException 400 naming {@code password} when it is missing or longer than any valid password
     */
    public static String validPresented(String password) {
        if (password == null) {
            throw ProblemException.invalid("password", "password is required");
        }
        if (password.codePointCount(0, password.length()) > MAX_LENGTH) {
            throw ProblemException.invalid("password", "password must be at most " + MAX_LENGTH + " characters");
        }
        return password;
    }

    /**
     * @param password a valid password
     * @return its bcrypt hash with a fresh salt
     */
    public static String hash(String password) {
        char[] chars = password.toCharArray();
        try {
            return BCrypt.with(VERSION, RANDOM, LONG_PASSWORDS).hashToString(COST, chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /**
     * @param password a presented password
     * @param hash     a stored hash
     * @return whether the password is the one hashed
     */
    public static boolean matches(String password, String hash) {
        char[] chars = password.toCharArray();
        try {
            return BCrypt.verifyer(VERSION, LONG_PASSWORDS).verify(chars, hash.toCharArray()).verified;
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /**
     * Spends the time of one check against a hash for a sign-in with an unknown email.
     *
     * @param password the presented password
     * @return false
     */
    public static boolean rejectAfterDummyCheck(String password) {
        matches(password, DUMMY_HASH);
        return false;
    }
}
