package dev.petdb.kit.config;

/**
 * A reason the app cannot start, worded for the operator in one line.
 * Messages never carry secrets: callers name the setting, not its value.
 */
public final class StartupException extends RuntimeException {
    /**
     * @param message one line that says what is wrong and where to fix it
     */
    public StartupException(String message) {
        super(message);
    }

    /**
     * @param message one line that says what is wrong and where to fix it
     * @param cause   the underlying failure (kept for debugging, never printed to the operator)
     */
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
