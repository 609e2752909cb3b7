/**
 * The status page: one self-contained HTML file ({@link dev.petdb.backup.report.StatusPage}) drawn from a plain input
 * model ({@link dev.petdb.backup.report.Report}, one {@link dev.petdb.backup.report.ReportNight} per backup), so it
 * knows nothing of where the nights come from. At the top the verdict on the last backup in words
 * ({@code Verdict}), then SVG charts of size and rows per schema ({@code LineChart}), then the table of backups. Every
 * text from data is escaped ({@code Html}); the page loads nothing and runs no script. Called by the CLI's
 * {@code petdb backup report}; the other classes are package-private.
 */
package dev.petdb.backup.report;
