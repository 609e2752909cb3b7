package dev.petdb.cli.schema;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code petdb schema}: one schema and one isolated login role per app.
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Give each app its own schema and login role in petdb.",
        subcommands = {SchemaCreateCommand.class, SchemaListCommand.class, SchemaRotatePasswordCommand.class,
                SchemaDropCommand.class})
public final class SchemaCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand: create, list, rotate-password or drop");
    }
}
