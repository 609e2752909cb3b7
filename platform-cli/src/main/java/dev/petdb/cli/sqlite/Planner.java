package dev.petdb.cli.sqlite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.petdb.dburl.SqlText;

/**
 * Turns the SQLite tables and what their rows hold into an {@link ImportPlan}: types, DDL and problems.
 */
final class Planner {
    private final String schema;
    private final boolean lenient;
    private final boolean replace;

    /**
     * @param schema  the app's schema
     * @param lenient map columns whose values do not fit to text
     * @param replace drop existing tables of the same names
     */
    Planner(String schema, boolean lenient, boolean replace) {
        this.schema = schema;
        this.lenient = lenient;
        this.replace = replace;
    }

    /**
     * What the planner needs to know about one table besides its catalog entry.
     *
     * @param scan               what its columns hold
     * @param foreignKeyProblems rows that break its foreign keys
     * @param sequence           sqlite_sequence's value for it (0: none)
     * @param examples           finds the rowid of a value of a kind in a column, for problem lines
     */
    record Facts(ValueScan.TableScan scan, List<String> foreignKeyProblems, long sequence, Examples examples) {
    }

    /** Looks up an example rowid ({@link ValueScan#example}). */
    interface Examples {
        /** @return the smallest rowid holding a value of {@code kind} in {@code column}, or null */
        Long rowid(String column, String kind);
    }

    /**
     * @param file     the SQLite file
     * @param tables   the tables to import
     * @param facts    per table (same order) its scan
     * @param existing relations already in the schema, name to relkind
     * @param skipped  tables of the file that are not imported
     * @return the plan
     */
    ImportPlan plan(Path file, List<SourceTable> tables, List<Facts> facts, Map<String, String> existing,
                    List<String> skipped) {
        List<ImportPlan.TablePlan> plans = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            plans.add(table(tables.get(i), facts.get(i), tables, existing));
        }
        return new ImportPlan(file, schema, List.copyOf(plans), skipped);
    }

    private ImportPlan.TablePlan table(SourceTable table, Facts facts, List<SourceTable> all,
                                       Map<String, String> existing) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>(table.notes());
        String qualified = SqlText.identifier(schema) + "." + SqlText.identifier(table.name());
        if (!Names.fitsPostgres(table.name())) {
            problems.add("the name is longer than PostgreSQL's 63 bytes");
        }
        String kind = existing.get(table.name());
        boolean replaces = false;
        if (kind != null) {
            if (!kind.equals("r")) {
                problems.add("schema " + schema + " has a relation of this name that is not a table");
            } else if (replace) {
                replaces = true;
            } else {
                problems.add("a table of this name exists in schema " + schema
                        + " (add --replace to drop it and import it again)");
            }
        }
        List<ImportPlan.ColumnPlan> columns = new ArrayList<>();
        StringBuilder create = new StringBuilder("CREATE TABLE " + qualified + " (");
        for (SourceTable.Column column : table.columns()) {
            ColumnStats stats = facts.scan().columns().get(column.name());
            boolean identity = column.name().equals(table.rowidAlias());
            TypeMapping.Mapping mapping = TypeMapping.map(column.declaredType(), stats, identity, lenient);
            String label = "column " + SqlText.identifier(column.name()) + ": ";
            if (mapping.misfit() != null) {
                Long rowid = facts.examples().rowid(column.name(), mapping.misfit().kind());
                problems.add(label + mapping.misfit().kind() + " value" + (rowid == null ? "" : " at rowid " + rowid)
                        + " " + mapping.misfit().description() + "; --lenient imports it as text");
            }
            if (mapping.note() != null) {
                notes.add(label + mapping.note());
            }
            if (!Names.fitsPostgres(column.name())) {
                problems.add(label + "the name is longer than PostgreSQL's 63 bytes");
            }
            boolean inKey = table.primaryKey().contains(column.name());
            if ((inKey && !identity || column.notNull()) && stats.nulls() > 0) {
                Long rowid = facts.examples().rowid(column.name(), "null");
                problems.add(label + (column.notNull() ? "NOT NULL" : "part of the primary key") + ", but NULL"
                        + (rowid == null ? "" : " at rowid " + rowid) + " (" + stats.nulls() + " row(s))");
            }
            String defaultSql = null;
            if (column.defaultSql() != null && !identity && !column.defaultSql().strip().equalsIgnoreCase("NULL")) {
                defaultSql = Defaults.translate(column.defaultSql(), mapping.type());
                if (defaultSql == null) {
                    notes.add(label + "DEFAULT " + column.defaultSql() + " is not carried over");
                }
            }
            ImportPlan.ColumnPlan plan = new ImportPlan.ColumnPlan(column.name(), mapping.type(),
                    column.notNull() || inKey, defaultSql, identity);
            columns.add(plan);
            create.append(columns.size() == 1 ? "\n    " : ",\n    ").append(SqlText.identifier(plan.name())).append(' ')
                    .append(plan.type().sql());
            if (identity) {
                create.append(" GENERATED BY DEFAULT AS IDENTITY");
            }
            if (plan.notNull() && !identity && !inKey) {
                create.append(" NOT NULL");
            }
            if (defaultSql != null) {
                create.append(" DEFAULT ").append(defaultSql);
            }
        }
        create.append("\n)");

        // keys and indexes are built after the data, in one pass each, rather than row by row during COPY
        List<String> indexes = new ArrayList<>();
        if (!table.primaryKey().isEmpty()) {
            indexes.add("ALTER TABLE " + qualified + " ADD PRIMARY KEY (" + list(table.primaryKey()) + ")");
        }
        for (List<String> unique : table.uniques()) {
            if (!unique.equals(table.primaryKey())) {
                indexes.add("ALTER TABLE " + qualified + " ADD UNIQUE (" + list(unique) + ")");
            }
        }
        for (SourceTable.Index index : table.indexes()) {
            if (!Names.fitsPostgres(index.name())) {
                problems.add("index " + index.name() + ": the name is longer than PostgreSQL's 63 bytes");
            }
            StringBuilder keys = new StringBuilder();
            for (int k = 0; k < index.columns().size(); k++) {
                keys.append(k == 0 ? "" : ", ").append(SqlText.identifier(index.columns().get(k)))
                        .append(index.descending().get(k) ? " DESC" : "");
            }
            indexes.add("CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + SqlText.identifier(index.name()) + " ON "
                    + qualified + " (" + keys + ")");
        }

        List<String> foreignKeys = new ArrayList<>();
        for (SourceTable.ForeignKey key : table.foreignKeys()) {
            Optional<SourceTable> parent = all.stream().filter(t -> t.name().equalsIgnoreCase(key.parent())).findFirst();
            if (parent.isEmpty()) {
                notes.add("foreign key (" + String.join(", ", key.columns()) + ") to " + key.parent()
                        + " is not carried over: that table is not imported");
                continue;
            }
            List<String> parentColumns = key.parentColumns().stream().map(c -> parent.get().columns().stream()
                    .map(SourceTable.Column::name).filter(n -> n.equalsIgnoreCase(c)).findFirst().orElse(c)).toList();
            foreignKeys.add("ALTER TABLE " + qualified + " ADD FOREIGN KEY (" + list(key.columns()) + ") REFERENCES "
                    + SqlText.identifier(schema) + "." + SqlText.identifier(parent.get().name())
                    + (parentColumns.isEmpty() ? "" : " (" + list(parentColumns) + ")")
                    + action("UPDATE", key.onUpdate()) + action("DELETE", key.onDelete()));
        }
        problems.addAll(facts.foreignKeyProblems());
        return new ImportPlan.TablePlan(table, facts.scan().rows(), List.copyOf(columns), create.toString(),
                List.copyOf(indexes), List.copyOf(foreignKeys), facts.sequence(), replaces, List.copyOf(problems),
                List.copyOf(notes));
    }

    /**
     * @param table a table's foreign keys
     * @param all   the tables imported
     * @return the positions of the keys whose parent is imported (those become PostgreSQL foreign keys)
     */
    static Set<Integer> carriedForeignKeys(SourceTable table, List<SourceTable> all) {
        Set<Integer> carried = new HashSet<>();
        for (int i = 0; i < table.foreignKeys().size(); i++) {
            String parent = table.foreignKeys().get(i).parent();
            if (all.stream().anyMatch(t -> t.name().equalsIgnoreCase(parent))) {
                carried.add(i);
            }
        }
        return carried;
    }

    private static String action(String event, String action) {
        String upper = action == null ? "NO ACTION" : action.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT" -> " ON " + event + " " + upper;
            default -> "";
        };
    }

    private static String list(List<String> names) {
        return String.join(", ", names.stream().map(SqlText::identifier).toList());
    }
}
