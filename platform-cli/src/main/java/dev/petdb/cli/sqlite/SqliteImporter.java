package dev.petdb.cli.sqlite;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.petdb.cli.CliException;
import dev.petdb.cli.schema.AppName;
import dev.petdb.cli.schema.SchemaProvisioner;
import dev.petdb.dburl.SqlErrors;
import dev.petdb.dburl.SqlText;
import org.sqlite.SQLiteException;

/**
 * Imports the tables of a SQLite file into an app's schema: plans (catalog, value scan, type mapping), then in one
 * PostgreSQL transaction, as the app's role, creates the tables, copies the rows, sets identities, adds indexes and
 * foreign keys, and validates every table (row count and checksum on both sides) before it commits.
 */
final class SqliteImporter {
    private final Path file;
    private final Connection sqlite;
    private final Connection postgres;
    private final AppName app;

    /**
     * @param file     the SQLite file (for messages)
     * @param sqlite   a read-only connection to it, in one read transaction ({@link SqliteFile#open})
     * @param postgres an admin connection to petdb
     * @param app      the app whose schema receives the tables
     */
    SqliteImporter(Path file, Connection sqlite, Connection postgres, AppName app) {
        this.file = file;
        this.sqlite = sqlite;
        this.postgres = postgres;
        this.app = app;
    }

    /**
     * One table's validation.
     *
     * @param table  the table
     * @param source its checksum over the rows read from SQLite
     * @param target its checksum over the rows PostgreSQL holds after the import
     */
    record Validation(String table, Checksum.Result source, Checksum.Result target) {
        boolean matches() {
            return source.equals(target);
        }

        @Override
        public String toString() {
            return "validated " + SqlText.identifier(table) + ": rows " + source.rows() + " / " + target.rows()
                    + ", checksum " + source.hex() + " / " + target.hex() + " (SQLite / PostgreSQL)";
        }
    }

    /**
     * @param only    the tables to import (null: every table)
     * @param lenient map columns whose values do not fit to text
     * @param replace drop existing tables of the same names
     * @return the plan; nothing has been written
     */
    ImportPlan plan(List<String> only, boolean lenient, boolean replace) {
        SqliteSchemaReader.Catalog catalog;
        try {
            catalog = new SqliteSchemaReader(sqlite).read();
        } catch (SQLException e) {
            throw SqliteFile.failure(file, e);
        }
        List<SourceTable> tables = select(catalog.tables(), only);
        List<String> skipped = new ArrayList<>(catalog.skipped());
        catalog.tables().stream().filter(t -> !tables.contains(t)).forEach(t -> skipped.add(t.name() + " (not in --tables)"));
        ValueScan scan = new ValueScan(sqlite);
        SqliteSchemaReader reader = new SqliteSchemaReader(sqlite);
        List<Planner.Facts> facts = new ArrayList<>();
        try {
            for (SourceTable table : tables) {
                facts.add(new Planner.Facts(scan.scan(table),
                        scan.foreignKeyViolations(table, Planner.carriedForeignKeys(table, tables)),
                        table.autoincrement() ? reader.sequence(table.name()) : 0, (column, kind) -> {
                            try {
                                return scan.example(table, column, kind);
                            } catch (SQLException e) {
                                throw SqliteFile.failure(file, e);
                            }
                        }));
            }
        } catch (SQLException e) {
            throw SqliteFile.failure(file, e);
        }
        return new Planner(app.value(), lenient, replace).plan(file, tables, facts, existingRelations(), skipped);
    }

    private List<SourceTable> select(List<SourceTable> tables, List<String> only) {
        if (only == null || only.isEmpty()) {
            return tables;
        }
        List<SourceTable> selected = new ArrayList<>();
        for (String name : only) {
            Optional<SourceTable> table = tables.stream().filter(t -> t.name().equals(name)).findFirst()
                    .or(() -> tables.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst());
            if (table.isEmpty()) {
                throw CliException.usage("no table " + name + " in " + file + " (it has: "
                        + String.join(", ", tables.stream().map(SourceTable::name).toList()) + "); nothing changed");
            }
            if (!selected.contains(table.get())) {
                selected.add(table.get());
            }
        }
        return selected;
    }

    private Map<String, String> existingRelations() {
        Map<String, String> existing = new HashMap<>();
        try (PreparedStatement statement = postgres.prepareStatement("SELECT c.relname, c.relkind FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?")) {
            statement.setString(1, app.value());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    existing.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw CliException.failure("cannot read schema " + app + ": " + SqlErrors.reason(e), e);
        }
        return existing;
    }

    /**
     * Runs the plan in one transaction; on any failure it rolls back and the schema is as it was.
     *
     * @param plan     a plan without problems
     * @param progress where to report progress
     * @return each table's validation, all matching
     * @throws CliException on any failure, including a validation that does not match
     */
    List<Validation> run(ImportPlan plan, PrintWriter progress) {
        String schema = SqlText.identifier(app.value());
        return new SchemaProvisioner(postgres).inAppTransaction(app, "import", () -> {
            // everything below is created by, and so owned by, the app's role
            execute("SET LOCAL ROLE " + schema);
            List<String> replaced = plan.tables().stream().filter(ImportPlan.TablePlan::replaces)
                    .map(t -> schema + "." + SqlText.identifier(t.name())).toList();
            if (!replaced.isEmpty()) {
                execute("DROP TABLE " + String.join(", ", replaced));
            }
            for (ImportPlan.TablePlan table : plan.tables()) {
                execute(table.create());
            }
            CopyWriter writer = new CopyWriter(sqlite, postgres);
            Map<String, Checksum.Result> sources = new HashMap<>();
            for (ImportPlan.TablePlan table : plan.tables()) {
                long started = System.nanoTime();
                Checksum.Result source = copy(writer, table);
                sources.put(table.name(), source);
                double seconds = (System.nanoTime() - started) / 1e9;
                progress.printf("copied %s: %d rows in %.2f s (%.0f rows/s)%n", SqlText.identifier(table.name()),
                        source.rows(), seconds, source.rows() / Math.max(seconds, 1e-9));
                progress.flush();
                restartIdentity(table);
                for (String index : table.indexes()) {
                    execute(index);
                }
            }
            for (ImportPlan.TablePlan table : plan.tables()) {
                for (String key : table.foreignKeys()) {
                    execute(key);
                }
            }
            long validating = System.nanoTime();
            List<Validation> validations = new ArrayList<>();
            for (ImportPlan.TablePlan table : plan.tables()) {
                Validation validation = new Validation(table.name(), sources.get(table.name()),
                        PostgresChecksum.of(postgres, app.value(), table));
                validations.add(validation);
                if (!validation.matches() || validation.source().rows() != table.rows()) {
                    throw CliException.failure("validation failed for table " + table.name() + ": " + validation
                            + ", planned rows " + table.rows() + "; rolled back, nothing changed");
                }
            }
            progress.printf("validated %d table(s) in %.2f s%n", validations.size(),
                    (System.nanoTime() - validating) / 1e9);
            return validations;
        });
    }

    private Checksum.Result copy(CopyWriter writer, ImportPlan.TablePlan table) throws SQLException {
        try {
            return writer.copy(app.value(), table);
        } catch (SQLiteException e) {
            throw SqliteFile.failure(file, e);
        } catch (SQLException e) {
            throw CliException.failure("copying table " + table.name() + " failed: " + SqlErrors.reason(e)
                    + "; rolled back, nothing changed", e);
        }
    }

    /** The identity continues after the highest id, or after sqlite_sequence's for AUTOINCREMENT if higher. */
    private void restartIdentity(ImportPlan.TablePlan table) throws SQLException {
        ImportPlan.ColumnPlan identity = table.identity();
        if (identity == null) {
            return;
        }
        String qualified = SqlText.identifier(app.value()) + "." + SqlText.identifier(table.name());
        try (PreparedStatement statement = postgres.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), "
                + "greatest((SELECT max(" + SqlText.identifier(identity.name()) + ") FROM " + qualified + "), ?, 0) + 1, false)")) {
            statement.setString(1, qualified);
            statement.setString(2, identity.name());
            statement.setLong(3, table.sequenceFloor());
            statement.execute();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = postgres.createStatement()) {
            statement.execute(sql);
        }
    }
}
