package dev.petdb.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code petdb backup}, {@code petdb schema}, ...): its class is the
 * {@code @Command} annotation and nothing else. Run alone, it is bad usage naming the subcommands in their order.
 */
public abstract class CommandGroup implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public final void run() {
        throw new ParameterException(spec.commandLine(), "choose a subcommand: " + listed(spec.subcommands().keySet()));
    }

    /** {@code a}, {@code a or b}, {@code a, b or c}. */
    private static String listed(Iterable<String> names) {
        List<String> all = new ArrayList<>();
        names.forEach(all::add);
        return all.size() == 1 ? all.getFirst()
                : String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.getLast();
    }
}
