package dev.petdb.cli.schema;

import dev.petdb.cli.CommandGroup;
import picocli.CommandLine.Command;

/**
 * {@code petdb schema}: one schema and one isolated login role per app.
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Give each app its own schema and login role in petdb.",
        subcommands = {SchemaCreateCommand.class, SchemaListCommand.class, SchemaRotatePasswordCommand.class,
                SchemaDropCommand.class})
public final class SchemaCommand extends CommandGroup {
}
