package dev.petdb.backup.diff;

import java.util.List;

/**
 * What changed in one table since the backup.
 *
 * @param schema       the table's schema
 * @param table        the table
 * @param keyColumns   the primary key's columns the rows were matched by; empty when they were compared as whole rows
 * @param backupRows   rows in the backup
 * @param liveRows     rows now
 * @param deleted      rows in the backup and no longer live
 * @param added        rows live and not in the backup
 * @param changed      rows whose primary key is in both, with other values
 * @param deletedRows  up to the limit of the deleted rows
 * @param addedRows    up to the limit of the added rows
 * @param changedRows  up to the limit of the changed rows
 * @param notes        what was not compared, and why
 */
public record TableDiff(String schema, String table, List<String> keyColumns, long backupRows, long liveRows,
                        long deleted, long added, long changed, List<RowExample> deletedRows, List<RowExample> addedRows,
                        List<RowExample> changedRows, List<String> notes) {
    /** @return whether rows were matched by primary key (else as whole rows) */
    public boolean byPrimaryKey() {
        return !keyColumns.isEmpty();
    }

    /** @return whether nothing changed */
    public boolean unchanged() {
        return deleted == 0 && added == 0 && changed == 0;
    }
}
