package dev.petdb.backup.restore;

import java.util.OptionalLong;

/**
 * One table's own rows (never its inheritance children's): in the dump, restored into the scratch database, and in
 * the live database now.
 *
 * @param schema   the table's schema
 * @param table    the table
 * @param kind     a table, or a materialized view (whose rows the restore computed by refreshing it)
 * @param dumped   rows in the dump; empty for a materialized view (the dump holds its query, not its rows) and for
 *                 data this reader does not decompress
 * @param restored rows the restore put into the scratch database; empty when the restore did not create it
 * @param live     rows in the live database now; empty when the table is not there any more (or a materialized
 *                 view is not populated)
 */
public record TableRows(String schema, String table, Kind kind, OptionalLong dumped, OptionalLong restored,
                        OptionalLong live) {
    /** What was counted. */
    public enum Kind {
        /** A table (a partition, an inheritance parent or child): its own rows. */
        TABLE,
        /** A materialized view: the rows the restore's refresh computed from the restored tables. */
        MATERIALIZED_VIEW
    }

    /** @return live minus restored, when both are there */
    public OptionalLong difference() {
        return live.isPresent() && restored.isPresent()
                ? OptionalLong.of(live.getAsLong() - restored.getAsLong()) : OptionalLong.empty();
    }

    /** @return whether the restore holds as many rows as the dump (true when the dump's count is not known) */
    public boolean restoredAsDumped() {
        return restored.isPresent() && (dumped.isEmpty() || dumped.getAsLong() == restored.getAsLong());
    }

    /** @return whether the dump, the restore and the live database agree */
    public boolean same() {
        return restoredAsDumped() && difference().equals(OptionalLong.of(0));
    }

    /** @return {@code schema.table} */
    public String name() {
        return schema + "." + table;
    }
}
