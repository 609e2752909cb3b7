package dev.petdb.cli.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import dev.petdb.cli.AdminDatabase;
import dev.petdb.cli.CliContext;
import dev.petdb.cli.CliException;
import dev.petdb.cli.schema.AppName;
import dev.petdb.cli.schema.SchemaProvisioner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code petdb import sqlite FILE --schema APP [--tables a,b] [--lenient] [--replace] [--dry-run | --yes]}.
 */
@Command(name = "sqlite", mixinStandardHelpOptions = true,
        description = {"Copy the tables of a SQLite file into an app's schema, owned by the app's role, and check them.",
                "Reads FILE read-only. Prints the plan (tables, PostgreSQL DDL, rows, problems) first; imports in one "
                        + "transaction, validates every table (row count and checksum on both sides) and commits only "
                        + "if all match: on any failure the schema stays exactly as it was."})
public final class ImportSqliteCommand implements Runnable {
    private final CliContext context;

    @Parameters(paramLabel = "FILE", description = "The SQLite database file.")
    private Path file;

    @Option(names = "--schema", paramLabel = "APP", required = true,
            description = "The app (made by petdb schema create) whose schema receives the tables.")
    private String schema;

    @Option(names = "--tables", paramLabel = "TABLE", split = ",",
            description = "Import only these tables (comma-separated; default: every table).")
    private List<String> tables;

    @Option(names = "--lenient", description = "Import a column whose values do not all fit its type as text, "
            + "instead of stopping.")
    private boolean lenient;

    @Option(names = "--replace", description = "Drop tables of the same names in the app's schema and import them again.")
    private boolean replace;

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    private boolean dryRun;

    @Option(names = "--yes", description = "Confirm: create the tables and copy the rows.")
    private boolean yes;

    @Mixin
    private AdminDatabase admin;

    ImportSqliteCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        AppName app = AppName.parse(schema);
        if (dryRun && yes) {
            throw CliException.usage("give --dry-run or --yes, not both");
        }
        admin.url(context);
        try (Connection sqlite = SqliteFile.open(file); Connection postgres = admin.connect(context)) {
            SqliteImporter importer = new SqliteImporter(file, sqlite, postgres, app);
            new SchemaProvisioner(postgres).requireApp(app);
            long started = System.nanoTime();
            ImportPlan plan = importer.plan(tables, lenient, replace);
            context.err().printf("read and checked %d row(s) of %s in %.2f s%n", plan.rows(), file,
                    (System.nanoTime() - started) / 1e9);
            plan.print(context.out());
            context.out().flush();
            List<String> problems = plan.problems();
            if (!problems.isEmpty()) {
                throw CliException.failure(problems.size() + " problem(s), such as " + problems.getFirst()
                        + "; nothing changed");
            }
            if (dryRun) {
                context.err().println("dry run: nothing changed");
                return;
            }
            if (!yes) {
                throw CliException.usage("import creates " + plan.tables().size() + " table(s) in schema " + app
                        + "; add --yes to confirm (or --dry-run to only see the plan)");
            }
            for (SqliteImporter.Validation validation : importer.run(plan, context.err())) {
                context.out().println(validation);
            }
            context.out().println("imported " + plan.tables().size() + " table(s), " + plan.rows() + " row(s), from "
                    + file + " into schema " + app + ", owned by role " + app);
        } catch (SQLException e) {
            // only closing can get here; the work is done or rolled back
            throw CliException.failure("closing the connections failed: " + e.getMessage(), e);
        }
    }
}
