package dev.petdb.backup.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.petdb.backup.Sizes;

/**
 * The page's first lines: the state of the newest backup in words a tired person reads at a glance, e.g.
 * {@code Last night's backup is good: 5 schemas, 1,234,567 rows, checked 06:10 UTC}, then what supports it.
 *
 * @param tone     its colour
 * @param headline one sentence
 * @param details  the lines under it: findings, what the newest backup is, when the page was made
 */
record Verdict(Tone tone, String headline, List<String> details) {
    /** A backup older than this is not last night's: the nightly backup has stopped. */
    static final Duration STALE = Duration.ofHours(36);

    /** @return the verdict on the newest backup of {@code report} */
    static Verdict of(Report report) {
        List<ReportNight> nights = report.nights();
        if (nights.isEmpty()) {
            return new Verdict(Tone.BAD, "No backups found in " + report.bucket(),
                    List.of("dokku's nightly backup has written none there, or BUCKET_NAME points elsewhere"));
        }
        ReportNight newest = nights.getLast();
        List<String> details = new ArrayList<>(newest.findings());
        details.add("Newest backup " + newest.key() + ", taken " + Amounts.minute(newest.time()) + " UTC, "
                + Sizes.human(newest.sizeBytes()) + ".");
        Duration age = Duration.between(newest.time(), report.generatedAt());
        if (age.compareTo(STALE) > 0) {
            details.addFirst("Its verify status: " + newest.status().words() + ".");
            return new Verdict(Tone.BAD, "No backup since " + Amounts.minute(newest.time()) + " UTC: the newest is "
                    + ageInWords(age) + " old", details);
        }
        String checked = checked(report.lastVerify(), newest, report.generatedAt());
        return switch (newest.status()) {
            case OK -> new Verdict(Tone.GOOD, "Last night's backup is good: " + newest.rowsPerSchema().size() + " schemas, "
                    + Amounts.count(newest.rows()) + " rows" + checked, details);
            case SUSPICIOUS -> new Verdict(Tone.WARNING, "Last night's backup is suspicious: data vanished" + checked, details);
            case BROKEN -> new Verdict(Tone.BAD, "Last night's backup is broken" + checked, details);
            case NOT_VERIFIED -> new Verdict(Tone.UNKNOWN, "Last night's backup has not been verified", details);
        };
    }

    private static String checked(Report.LastVerify lastVerify, ReportNight newest, Instant now) {
        if (lastVerify == null || !lastVerify.key().equals(newest.key())) {
            return "";
        }
        boolean today = Duration.between(lastVerify.checkedAt(), now).compareTo(Duration.ofHours(20)) < 0;
        return ", checked " + (today ? Amounts.clock(lastVerify.checkedAt()) : Amounts.minute(lastVerify.checkedAt())) + " UTC";
    }

    private static String ageInWords(Duration age) {
        return age.toDays() >= 2 ? age.toDays() + " days" : age.toHours() + " hours";
    }
}
