package dev.petdb.backup.restore;

import java.util.OptionalLong;

/**
 * One table's rows: in the backup as restored, and in the live database now.
 *
 * @param schema   the table's schema
 * @param table    the table
 * @param restored rows the restore put into the scratch database
 * @param live     rows in the live database now; empty when the table is not there any more
 */
public record TableRows(String schema, String table, long restored, OptionalLong live) {
    /** @return live minus restored, when the table is live */
    public OptionalLong difference() {
        return live.isPresent() ? OptionalLong.of(live.getAsLong() - restored) : OptionalLong.empty();
    }
}
