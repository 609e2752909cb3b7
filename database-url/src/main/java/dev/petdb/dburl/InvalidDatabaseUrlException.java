package dev.petdb.dburl;

/**
 * A {@code postgres://} URL that cannot be used, with a one-line reason that names the part at fault and never
 * carries the password.
 */
public final class InvalidDatabaseUrlException extends RuntimeException {
    /**
     * @param message one line naming the setting and what is wrong with it
     */
    public InvalidDatabaseUrlException(String message) {
        super(message, null, false, false);
    }
}
