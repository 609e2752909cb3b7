package dev.petdb.backup.verify;

/**
 * One table (or materialized view) in a verified dump.
 *
 * @param schema    its schema
 * @param table     its name
 * @param rows      rows in its data; {@code -1} when the data block's rows could not be counted
 * @param dataBytes bytes of its data (uncompressed); {@code -1} when unknown
 */
public record TableSummary(String schema, String table, long rows, long dataBytes) {
    /** @return {@code schema.table}, as {@code --expect-shrink} and {@code --table} name it */
    public String name() {
        return schema + "." + table;
    }
}
