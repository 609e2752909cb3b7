package dev.petdb.backup.restore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.dump.DumpContents;
import dev.petdb.backup.dump.TocEntry;

/**
 * Which entries of a dump's table of contents make up some of its tables, for {@code pg_restore --use-list}.
 * <p>
 * {@code pg_restore --table} picks a table without its indexes, constraints, triggers and sequences, so the choice is
 * made here, from the dump reader's entries (exact kind, schema and name) and the dependencies that
 * {@code pg_restore --list --verbose} prints (the reader does not keep them). For each table: its definition and rows,
 * the sequences it owns (serial and identity; with their {@code OWNED BY} and the value pg_dump recorded), its column
 * defaults, indexes, extended statistics, constraints, foreign keys that go out from it, triggers, rules, row security
 * and policies (a table without its policies would be open to whoever has grants on it), and the comments on all of
 * these. Foreign keys from other tables to it are not taken from the backup: the live ones are kept (see
 * {@link TableRestore}). Side by side ({@code --into}), what would act on or point into live objects is left out:
 * triggers, rules, row security, policies and foreign keys to tables not restored.
 *
 * @param listing  the lines to give {@code pg_restore --use-list}, in the archive's order
 * @param tableIds the TABLE entries' ids, in the order the tables were asked for
 * @param leftOut  what was left out side by side, one short phrase each
 * @param incoming the backup's foreign keys of other tables to these, as {@code SCHEMA.TABLE CONSTRAINT}
 */
record TocSelection(String listing, Map<TableName, Integer> tableIds, List<String> leftOut, List<String> incoming) {
    private static final Set<String> OF_THE_TABLE = Set.of("TABLE DATA", "SEQUENCE", "DEFAULT", "INDEX", "STATISTICS",
            "CONSTRAINT", "CHECK CONSTRAINT", "FK CONSTRAINT", "TRIGGER", "RULE", "ROW SECURITY", "POLICY");
    /** Named {@code TABLE OBJECT}, and so told apart from another table's by their name. */
    private static final Set<String> NAMED_AFTER_THE_TABLE = Set.of("DEFAULT", "CONSTRAINT", "CHECK CONSTRAINT",
            "FK CONSTRAINT", "TRIGGER", "RULE", "POLICY");
    private static final Set<String> ACTING_ON_LIVE = Set.of("TRIGGER", "RULE", "ROW SECURITY", "POLICY");

    /**
     * @param dump      the dump's contents, as the reader read them
     * @param verbose   what {@code pg_restore --list --verbose} printed for it
     * @param tables    the tables to restore
     * @param sideBySide whether they go into another schema, away from everything live
     * @return the selection
     * @throws BackupException when a table is not in the backup
     */
    static TocSelection of(DumpContents dump, String verbose, List<TableName> tables, boolean sideBySide) {
        Map<Integer, List<Integer>> dependencies = dependencies(verbose);
        Map<Integer, TocEntry> byId = new HashMap<>();
        dump.entries().forEach(e -> byId.put(e.dumpId(), e));
        Map<TableName, Integer> tableIds = new LinkedHashMap<>();
        for (TableName table : tables) {
            TocEntry entry = dump.entries().stream().filter(e -> e.desc().equals("TABLE")
                    && e.namespace().equals(table.schema()) && e.tag().equals(table.name())).findFirst()
                    .orElseThrow(() -> new BackupException("the backup has no table " + table));
            tableIds.put(table, entry.dumpId());
        }
        for (TocEntry entry : dump.entries()) {
            // a partition alone would come back detached from its parent, a parent without its partitions' rows
            if (entry.desc().equals("TABLE ATTACH")
                    && dependencies.getOrDefault(entry.dumpId(), List.of()).stream().anyMatch(tableIds::containsValue)) {
                throw new BackupException(entry.namespace() + "." + entry.tag() + " is a partition in the backup, and"
                        + " --table does not restore partitioned tables: restore the schema with --schema");
            }
        }
        Set<Integer> chosen = new LinkedHashSet<>(tableIds.values());
        List<String> leftOut = new ArrayList<>();
        List<String> incoming = new ArrayList<>();
        // pg_dump orders its entries so that what an entry depends on comes first: one pass in that order suffices
        for (TocEntry entry : dump.entries()) {
            List<Integer> on = dependencies.getOrDefault(entry.dumpId(), List.of());
            Integer owner = owningTable(entry, on, tableIds);
            if (owner != null) {
                if (sideBySide && ACTING_ON_LIVE.contains(entry.desc())) {
                    leftOut.add(entry.desc().toLowerCase(Locale.ROOT) + " " + entry.tag());
                    continue;
                }
                if (sideBySide && entry.desc().equals("FK CONSTRAINT") && on.stream().anyMatch(id ->
                        byId.containsKey(id) && byId.get(id).desc().equals("TABLE") && !tableIds.containsValue(id))) {
                    leftOut.add("foreign key " + entry.tag() + " (to a table not restored)");
                    continue;
                }
                chosen.add(entry.dumpId());
            } else if (entry.desc().equals("FK CONSTRAINT") && on.stream().anyMatch(tableIds::containsValue)) {
                incoming.add(entry.namespace() + "." + entry.tag());
            } else if (Set.of("SEQUENCE OWNED BY", "SEQUENCE SET").contains(entry.desc())
                    && on.stream().anyMatch(chosen::contains)) {
                chosen.add(entry.dumpId());
            } else if (entry.desc().equals("COMMENT") && !on.isEmpty() && chosen.containsAll(on)) {
                chosen.add(entry.dumpId());
            }
        }
        StringBuilder listing = new StringBuilder();
        for (TocEntry entry : dump.entries()) {
            if (chosen.contains(entry.dumpId())) {
                listing.append(entry.dumpId()).append("; ").append(entry.desc()).append('\n');
            }
        }
        return new TocSelection(listing.toString(), tableIds, List.copyOf(leftOut), List.copyOf(incoming));
    }

    /** The id of the chosen table this entry belongs to, or null. */
    private static Integer owningTable(TocEntry entry, List<Integer> on, Map<TableName, Integer> tables) {
        if (!OF_THE_TABLE.contains(entry.desc())) {
            return null;
        }
        for (Map.Entry<TableName, Integer> table : tables.entrySet()) {
            if (!on.contains(table.getValue()) || !entry.namespace().equals(table.getKey().schema())) {
                continue;
            }
            String name = table.getKey().name();
            boolean named = NAMED_AFTER_THE_TABLE.contains(entry.desc())
                    ? entry.tag().startsWith(name + " ")
                    : !entry.desc().equals("TABLE DATA") && !entry.desc().equals("ROW SECURITY") || entry.tag().equals(name);
            if (named) {
                return table.getValue();
            }
        }
        return null;
    }

    /** Each entry's dependencies, from the {@code ;\tdepends on: ...} lines that follow it in a verbose listing. */
    static Map<Integer, List<Integer>> dependencies(String verbose) {
        Map<Integer, List<Integer>> dependencies = new HashMap<>();
        Integer current = null;
        for (String line : verbose.split("\n")) {
            int semicolon = line.indexOf(';');
            if (semicolon > 0 && line.substring(0, semicolon).chars().allMatch(Character::isDigit)) {
                current = Integer.valueOf(line.substring(0, semicolon));
            } else if (current != null && line.startsWith(";\tdepends on:")) {
                List<Integer> ids = new ArrayList<>();
                for (String id : line.substring(";\tdepends on:".length()).trim().split("\\s+")) {
                    if (!id.isEmpty()) {
                        ids.add(Integer.valueOf(id));
                    }
                }
                dependencies.put(current, ids);
            }
        }
        return dependencies;
    }
}
