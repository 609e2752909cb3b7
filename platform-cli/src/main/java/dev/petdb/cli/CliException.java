package dev.petdb.cli;

/**
 * The one failure the CLI reports to the operator: {@link Petdb} prints its message as one line and exits 1
 * (or 2 for {@link #usage}). Messages never carry passwords or URLs with credentials.
 */
public final class CliException extends RuntimeException {
    private final int exitCode;

    private CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A failure: exit 1. */
    public static CliException failure(String message) {
        return new CliException(message, ExitCodes.FAILURE, null);
    }

    /** A failure with its cause kept for {@code PETDB_DEBUG}: exit 1. */
    public static CliException failure(String message, Throwable cause) {
        return new CliException(message, ExitCodes.FAILURE, cause);
    }

    /** Bad usage that picocli cannot see, such as a missing confirmation: exit 2. */
    public static CliException usage(String message) {
        return new CliException(message, ExitCodes.USAGE, null);
    }

    /** @return the process exit code for this failure */
    public int exitCode() {
        return exitCode;
    }
}
