package dev.petdb.cli.sqlite;

import dev.petdb.cli.CommandGroup;
import picocli.CommandLine.Command;

/**
 * {@code petdb import}: bring an app's existing data into its schema.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import an app's existing data into its schema in petdb.",
        subcommands = {ImportSqliteCommand.class})
public final class ImportCommand extends CommandGroup {
}
