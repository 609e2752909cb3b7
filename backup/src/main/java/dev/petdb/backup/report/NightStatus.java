package dev.petdb.backup.report;

import java.util.Locale;

/**
 * What is known of one night's backup, as the page shows it.
 */
public enum NightStatus {
    /** verify found it whole, and nothing vanished since the night before */
    OK,
    /** it reads whole, but data vanished: a schema or table gone, or far fewer rows */
    SUSPICIOUS,
    /** verify found it unreadable or unrestorable */
    BROKEN,
    /** never verified */
    NOT_VERIFIED;

    /** @return it in words: {@code not verified} */
    public String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
