package dev.petdb.cli.schema;

import dev.petdb.cli.AdminDatabase;
import dev.petdb.cli.CliContext;
import dev.petdb.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code petdb schema drop APP --yes}.
 */
@Command(name = "drop", mixinStandardHelpOptions = true,
        description = {"Drop APP's schema with all its data, and its role.",
                "Ends APP's connections first. Other apps are never touched: if anything of theirs depends on APP's "
                        + "objects, nothing is dropped."})
public final class SchemaDropCommand implements Runnable {
    private final CliContext context;

    @Parameters(paramLabel = "APP", description = "The app.")
    private String app;

    @Option(names = "--yes", description = "Confirm: the schema's data is gone afterwards (take a backup first).")
    private boolean yes;

    @Mixin
    private AdminDatabase admin;

    SchemaDropCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        AppName name = AppName.parse(app);
        if (!yes) {
            throw CliException.usage("drop deletes schema " + name + " and all its data; add --yes to confirm");
        }
        int ended = admin.withConnection(context, connection -> new SchemaProvisioner(connection).drop(name));
        context.err().println("dropped schema and role " + name + (ended > 0 ? "; ended " + ended + " open connection(s)" : ""));
    }
}
