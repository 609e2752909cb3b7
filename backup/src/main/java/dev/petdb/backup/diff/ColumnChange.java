package dev.petdb.backup.diff;

/**
 * One column of a changed row, as text ({@code null} for SQL NULL).
 *
 * @param column the column
 * @param before its value in the backup
 * @param after  its value now
 */
public record ColumnChange(String column, String before, String after) {
}
