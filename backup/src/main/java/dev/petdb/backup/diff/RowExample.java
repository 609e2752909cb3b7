package dev.petdb.backup.diff;

import java.util.List;
import java.util.Map;

/**
 * One row deleted, added or changed since the backup.
 *
 * @param key     the primary key's columns and values, or every column's for a table without one (values as text,
 *                {@code null} for SQL NULL)
 * @param copies  how many such rows were deleted or added (more than 1 only for duplicate rows of a table without a
 *                primary key)
 * @param changes for a changed row, its changed columns
 */
public record RowExample(Map<String, String> key, long copies, List<ColumnChange> changes) {
}
