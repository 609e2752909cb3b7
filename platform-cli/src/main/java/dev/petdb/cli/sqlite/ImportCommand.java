package dev.petdb.cli.sqlite;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code petdb import}: bring an app's existing data into its schema.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import an app's existing data into its schema in petdb.",
        subcommands = {ImportSqliteCommand.class})
public final class ImportCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand: sqlite");
    }
}
