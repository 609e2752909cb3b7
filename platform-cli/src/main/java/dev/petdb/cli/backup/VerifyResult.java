package dev.petdb.cli.backup;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.petdb.backup.manifest.VanishedData;
import dev.petdb.backup.verify.VerifyReport;
import dev.petdb.cli.ExitCodes;
import dev.petdb.cli.JsonOutput;
import dev.petdb.cli.Times;

/**
 * What {@code backup verify} found, however it ended: the one value its text, its {@code --json} and its
 * notification are made from.
 *
 * @param status the verdict
 * @param key    the backup's key, or the checked file's path; {@code null} when no backup was chosen
 * @param time   the time in the backup's name; {@code null} for a file and when no backup was chosen
 * @param report what reading the backup found; {@code null} when it was not read whole
 * @param error  why the status is not {@link Status#OK}, for the JSON; {@code null} when it is
 * @param findings      data that vanished since the previous backup's manifest; empty when none or not compared
 * @param comparedWith  the key of the backup whose manifest it was compared with; {@code null} when it was not
 * @param manifestError why its manifest could not be written; {@code null} when it was, or none was due
 */
record VerifyResult(Status status, String key, Instant time, VerifyReport report, String error,
                    List<VanishedData.Finding> findings, String comparedWith, String manifestError) {
    /** The verdicts, each with its exit code (documented in docs/backups.md). */
    enum Status {
        /** The backup reads whole, is young enough, and its restore test (if any) passed. */
        OK(ExitCodes.OK),
        /** It does not read whole, or its restore test failed. */
        BROKEN(ExitCodes.FAILURE),
        /** The environment cannot decrypt it: the set-up is wrong, not the backup. */
        MISCONFIGURED(ExitCodes.USAGE),
        /** It reads whole, but data vanished since the previous backup (worse than stale, not as bad as broken). */
        SUSPICIOUS(ExitCodes.SUSPICIOUS),
        /** It reads whole but is older than {@code --max-age}. */
        STALE(ExitCodes.STALE),
        /** There is no backup to check. */
        NONE(ExitCodes.NO_BACKUP),
        /** The command failed before a verdict (settings, store); it exits as that failure does. */
        ERROR(ExitCodes.FAILURE);

        private final int exitCode;

        Status(int exitCode) {
            this.exitCode = exitCode;
        }

        /** @return the process exit code for this verdict */
        int exitCode() {
            return exitCode;
        }

        /** @return the status as the JSON writes it */
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param report what reading the backup found
     * @param key    the backup's key or the file's path
     * @param time   the time in its name, {@code null} for a file
     * @param maxAge the age past which it is stale; {@code null} for none
     * @param now    the time to measure its age against, for the message
     * @return broken when its restore test failed, else stale when too old, else healthy
     */
    static VerifyResult of(VerifyReport report, String key, Instant time, MaxAge maxAge, Instant now) {
        if (report.failure().isPresent()) {
            return new VerifyResult(Status.BROKEN, key, time, report, report.failure().get(), List.of(), null, null);
        }
        if (maxAge != null && maxAge.exceededBy(report.age())) {
            return new VerifyResult(Status.STALE, key, time, report, "stale: " + key + " is "
                    + Times.age(report.backup().createdAt(), now) + " old, more than " + maxAge.text(), List.of(), null, null);
        }
        return new VerifyResult(Status.OK, key, time, report, null, List.of(), null, null);
    }

    /**
     * @param previous the key of the backup it was compared with
     * @param found    what vanished since; none leaves the status as it is
     * @return this result compared: suspicious when something vanished, unless it is broken
     */
    VerifyResult comparedWith(String previous, List<VanishedData.Finding> found) {
        boolean suspicious = !found.isEmpty() && (status == Status.OK || status == Status.STALE);
        return new VerifyResult(suspicious ? Status.SUSPICIOUS : status, key, time, report,
                suspicious ? "suspicious: " + key + ": " + found.size() + (found.size() == 1 ? " finding" : " findings")
                        + " since " + previous + (status == Status.STALE ? "; also " + error : "") : error,
                List.copyOf(found), previous, manifestError);
    }

    /** @return this result, with why its manifest could not be written */
    VerifyResult withManifestError(String why) {
        return new VerifyResult(status, key, time, report, error, findings, comparedWith, why);
    }

    /** A backup that does not read whole. */
    static VerifyResult broken(String key, Instant time, String error) {
        return new VerifyResult(Status.BROKEN, key, time, null, error, List.of(), null, null);
    }

    /** A backup this environment cannot decrypt. */
    static VerifyResult misconfigured(String key, Instant time, String error) {
        return new VerifyResult(Status.MISCONFIGURED, key, time, null, error, List.of(), null, null);
    }

    /** No backup to check. */
    static VerifyResult none(String error) {
        return new VerifyResult(Status.NONE, null, null, null, error, List.of(), null, null);
    }

    /** A failure before any verdict; {@code error} must not hold secrets. */
    static VerifyResult error(String error) {
        return new VerifyResult(Status.ERROR, null, null, null, error, List.of(), null, null);
    }

    /** @return the line for standard error, without its {@code petdb: } prefix; {@code null} when healthy */
    String problem() {
        return switch (status) {
            case OK -> null;
            case BROKEN -> "broken: " + key + ": " + error;
            default -> error;
        };
    }

    /** @return the result as {@code --json} prints it and a notification posts it */
    String json() {
        return JsonOutput.write(VerifyJson.of(this));
    }
}
