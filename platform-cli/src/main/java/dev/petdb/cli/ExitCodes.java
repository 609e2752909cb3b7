package dev.petdb.cli;

/**
 * The CLI's exit codes, documented in docs/cli.md.
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The command failed, or doctor found a problem. */
    public static final int FAILURE = 1;
    /** Bad usage: unknown option, missing argument, invalid value, missing confirmation. */
    public static final int USAGE = 2;
    /** {@code backup verify}: the backup reads whole but is older than {@code --max-age}. */
    public static final int STALE = 3;
    /** {@code backup verify}: no backup was found (none at all, or not the key given). */
    public static final int NO_BACKUP = 4;
    /** {@code backup verify}: the backup reads whole, but data vanished since the previous backup's manifest. */
    public static final int SUSPICIOUS = 5;

    private ExitCodes() {
    }
}
