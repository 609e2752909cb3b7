package dev.petdb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.Properties;

import dev.petdb.backup.BackupException;
import dev.petdb.cli.app.AppCommand;
import dev.petdb.cli.backup.BackupCommand;
import dev.petdb.cli.doctor.DoctorCommand;
import dev.petdb.cli.schema.SchemaCommand;
import dev.petdb.cli.sqlite.ImportCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code petdb}: the operator's command line for the shared PostgreSQL of a Dokku server.
 */
@Command(name = "petdb", mixinStandardHelpOptions = true, versionProvider = Petdb.Version.class,
        description = "Operate petdb, the shared PostgreSQL of your Dokku apps.",
        subcommands = {SchemaCommand.class, BackupCommand.class, ImportCommand.class, DoctorCommand.class, AppCommand.class,
                AutoComplete.GenerateCompletion.class},
        footer = {"", "Exit codes: 0 success, 1 failure, 2 bad usage."})
public final class Petdb implements Runnable {
    private final CliContext context;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    Petdb(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(new CliContext(System.getenv(), out, err), args));
    }

    /**
     * Runs one command: the process's main, and the tests' way in.
     *
     * @param context environment and output
     * @param args    command-line arguments
     * @return the exit code
     */
    public static int run(CliContext context, String... args) {
        CommandLine commandLine = new CommandLine(new Petdb(context), new Factory(context));
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setExecutionExceptionHandler((failure, cmd, parsed) -> report(context, failure));
        commandLine.setParameterExceptionHandler((bad, badArgs) -> usageError(context, bad));
        commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        int code = commandLine.execute(args);
        context.out().flush();
        context.err().flush();
        return code;
    }

    /** The one place failures become an exit code and a line on stderr. */
    private static int report(CliContext context, Exception failure) {
        // the CLI's own failures and the backup library's are worded for the operator; anything else is unexpected
        String line = switch (failure) {
            case CliException cli -> cli.getMessage();
            case BackupException backup -> backup.getMessage();
            default -> "unexpected failure: " + failure.getClass().getSimpleName()
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage().lines().findFirst().orElse(""));
        };
        context.err().println("petdb: " + Redaction.secrets(line));
        if (context.env().containsKey("PETDB_DEBUG")) {
            (failure instanceof CliException && failure.getCause() != null ? failure.getCause() : failure)
                    .printStackTrace(context.err());
        }
        return failure instanceof CliException cli ? cli.exitCode() : ExitCodes.FAILURE;
    }

    /** Bad usage: one line (picocli may echo arguments, so passwords are masked) and where to get help. */
    private static int usageError(CliContext context, CommandLine.ParameterException bad) {
        context.err().println("petdb: " + Redaction.secrets(bad.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(bad, context.err());
        context.err().println("Try '" + bad.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
        return ExitCodes.USAGE;
    }

    /** Gives every command that asks for it the context, through its constructor. */
    private record Factory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> withContext = type.getDeclaredConstructor(CliContext.class);
                withContext.setAccessible(true);
                return withContext.newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    /** The version Maven built. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            return new String[] {"petdb " + version()};
        }
    }

    /** @return the version Maven built, {@code unknown} outside a build (e.g. for the manifests petdb writes) */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = Petdb.class.getResourceAsStream("/petdb-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }

}
