package dev.petdb.backup;

/**
 * The backup library's one failure for its callers: a one-line reason that names what went wrong (a key, a setting)
 * and never carries credentials.
 */
public final class BackupException extends RuntimeException {
    /**
     * @param message one line
     */
    public BackupException(String message) {
        super(message);
    }

    /**
     * @param message one line
     * @param cause   the underlying failure, for debugging
     */
    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
