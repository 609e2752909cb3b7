package dev.petdb.cli.schema;

import java.util.List;

import dev.petdb.cli.AdminDatabase;
import dev.petdb.cli.CliContext;
import dev.petdb.cli.JsonOutput;
import dev.petdb.backup.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code petdb schema list}.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "One row per app schema: owner role, tables, total size, connections in use and the limit.")
public final class SchemaListCommand implements Runnable {
    private final CliContext context;

    @Option(names = "--json", description = "Print a JSON array, for scripts.")
    private boolean json;

    @Mixin
    private AdminDatabase admin;

    SchemaListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        List<AppRole> apps = admin.withConnection(context, connection -> new SchemaProvisioner(connection).list());
        if (json) {
            context.out().println(JsonOutput.write(apps));
            return;
        }
        if (apps.isEmpty()) {
            context.err().println("no app schemas yet; create one with petdb schema create APP");
            return;
        }
        String format = "%-24s %-24s %7s %10s %12s%n";
        context.out().printf(format, "APP", "OWNER", "TABLES", "SIZE", "CONNECTIONS");
        for (AppRole app : apps) {
            String limit = app.connectionLimit() < 0 ? "unlimited" : String.valueOf(app.connectionLimit());
            context.out().printf(format, app.app(), app.owner() == null ? "(no schema)" : app.owner(), app.tables(),
                    Sizes.human(app.sizeBytes()),
                    app.connections() + "/" + limit);
        }
    }
}
