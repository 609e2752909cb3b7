package dev.petdb.cli.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code petdb app}: the apps of this repository, as source.
 */
@Command(name = "app", mixinStandardHelpOptions = true,
        description = "Work on the apps in a clone of this repository.",
        subcommands = {AppNewCommand.class})
public final class AppCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand: new");
    }
}
