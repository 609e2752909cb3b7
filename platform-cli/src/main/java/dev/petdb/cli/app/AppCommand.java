package dev.petdb.cli.app;

import dev.petdb.cli.CommandGroup;
import picocli.CommandLine.Command;

/**
 * {@code petdb app}: the apps of this repository, as source.
 */
@Command(name = "app", mixinStandardHelpOptions = true,
        description = "Work on the apps in a clone of this repository.",
        subcommands = {AppNewCommand.class})
public final class AppCommand extends CommandGroup {
}
