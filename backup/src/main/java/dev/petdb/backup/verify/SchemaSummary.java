package dev.petdb.backup.verify;

/**
 * One schema in a verified dump.
 *
 * @param schema    its name
 * @param tables    its tables
 * @param rows      rows in its tables' data
 * @param dataBytes bytes of its tables' data (uncompressed)
 */
public record SchemaSummary(String schema, long tables, long rows, long dataBytes) {
}
