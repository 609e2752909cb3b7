package dev.petdb.backup.restore;

import java.util.Collection;
import java.util.stream.Collectors;

import dev.petdb.dburl.SqlText;

/**
 * The last statement of a restore that replaces live data: in each restored schema that has the app kit's changes
 * feed ({@code petdb_feed_resync()}, which the kit creates in an app's schema), that function, so that the rows the
 * restore brought back become changes and every device's cursor answers 410 and the device syncs again from the
 * start. Without it, phones would keep todos the backup does not have and never hear of it. A schema without the
 * function is left alone.
 */
final class FeedResync {
    private FeedResync() {
    }

    /** @return SQL calling the function in each of {@code schemas} that has it */
    static String in(Collection<String> schemas) {
        return callWhere(" AND p.pronamespace IN (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname IN ("
                + schemas.stream().map(SqlText::literal).collect(Collectors.joining(", ")) + "))");
    }

    /** @return SQL calling the function in every schema that has it: after a restore of the whole database */
    static String everywhere() {
        return callWhere("");
    }

    private static String callWhere(String condition) {
        return "DO $petdb$\nDECLARE f record;\nBEGIN\n"
                + "  FOR f IN SELECT p.oid::regprocedure AS resync FROM pg_catalog.pg_proc p"
                + " WHERE p.proname = 'petdb_feed_resync' AND p.pronargs = 0" + condition + " LOOP\n"
                + "    EXECUTE 'SELECT ' || f.resync::text;\n"
                + "  END LOOP;\nEND\n$petdb$;\n";
    }
}
