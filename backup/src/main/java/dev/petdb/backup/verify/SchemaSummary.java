package dev.petdb.backup.verify;

/**
 * One schema in a verified dump.
 *
 * @param schema    its name
 * @param tables    its tables
 * @param rows      rows in its tables' data, -1 when the compression could not be checked
 * @param dataBytes bytes of its tables' data (uncompressed), -1 likewise
 */
public record SchemaSummary(String schema, long tables, long rows, long dataBytes) {
}
