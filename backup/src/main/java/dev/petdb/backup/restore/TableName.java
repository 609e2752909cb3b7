package dev.petdb.backup.restore;

import dev.petdb.backup.BackupException;
import dev.petdb.dburl.SqlText;

/**
 * A table named by its schema and its name, both as the catalog stores them (case and all; no quoting).
 *
 * @param schema the schema
 * @param name   the table
 */
public record TableName(String schema, String name) {
    /**
     * @param text {@code SCHEMA.TABLE}; the first dot separates them
     * @return the table
     * @throws BackupException when either part is missing
     */
    public static TableName parse(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new BackupException("--table takes SCHEMA.TABLE (for example public.items), not " + text);
        }
        return new TableName(text.substring(0, dot), text.substring(dot + 1));
    }

    /** @return the name quoted for SQL, schema-qualified */
    String sql() {
        return SqlText.identifier(schema) + "." + SqlText.identifier(name);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
