package dev.petdb.cli.schema;

import dev.petdb.cli.AdminDatabase;
import dev.petdb.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code petdb schema create APP}.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create login role APP with a generated password and schema APP owned by it, usable by APP alone.",
                "Marks the schema with the comment 'petdb app', which backups keep. Prints the app's DATABASE_URL and the dokku",
                "config:set line. If APP exists, does nothing but add a missing schema comment."})
public final class SchemaCreateCommand implements Runnable {
    private final CliContext context;

    @Parameters(paramLabel = "APP", description = "App name: lower-case letters, digits and _, starting with a letter.")
    private String app;

    @Option(names = "--connection-limit", paramLabel = "N", defaultValue = RoleSettings.DEFAULT_CONNECTION_LIMIT,
            description = "Most connections the app may hold (default: ${DEFAULT-VALUE}; a deploy briefly runs two "
                    + "instances, so allow twice the app's pool).")
    private int connectionLimit;

    @Option(names = "--statement-timeout", paramLabel = "DURATION",
            defaultValue = RoleSettings.DEFAULT_STATEMENT_TIMEOUT,
            description = "The role's statement_timeout (default: ${DEFAULT-VALUE}).")
    private String statementTimeout;

    @Option(names = "--idle-in-transaction-timeout", paramLabel = "DURATION",
            defaultValue = RoleSettings.DEFAULT_IDLE_TIMEOUT,
            description = "The role's idle_in_transaction_session_timeout (default: ${DEFAULT-VALUE}).")
    private String idleTimeout;

    @Option(names = "--adopt",
            description = "If schema APP exists without its role (the app ran on the superuser's URL), create the role"
                    + " and give it the schema and everything in it.")
    private boolean adopt;

    @Mixin
    private AppUrlOptions appUrl;

    @Mixin
    private AdminDatabase admin;

    SchemaCreateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        AppName name = AppName.parse(app);
        RoleSettings settings = new RoleSettings(connectionLimit, statementTimeout, idleTimeout);
        String password = Passwords.generate();
        record Created(SchemaProvisioner.Outcome outcome, ConnectionBudget budget) {
        }
        // the budget is read first: a failure there stops the command before anything is created
        Created created = admin.withConnection(context, connection -> {
            ConnectionBudget budget = ConnectionBudget.read(connection).withApp(connectionLimit);
            return new Created(new SchemaProvisioner(connection).create(name, settings, password, adopt), budget);
        });
        var outcome = created.outcome();
        if (outcome == SchemaProvisioner.Outcome.MARKED) {
            context.err().println("app " + name + " exists already; marked its schema as a petdb app (comment '"
                    + SchemaProvisioner.MARKER + "'), so backups name it; nothing else changed");
            return;
        }
        if (outcome == SchemaProvisioner.Outcome.ALREADY_EXISTS) {
            context.err().println("app " + name + " exists already; nothing changed "
                    + "(petdb schema rotate-password " + name + " prints a new DATABASE_URL)");
            return;
        }
        context.err().println((outcome == SchemaProvisioner.Outcome.ADOPTED
                ? "created role " + name + " and gave it the existing schema " + name + " and its objects"
                : "created role and schema " + name) + " (connection limit " + connectionLimit
                + ", statement_timeout " + statementTimeout + ", idle_in_transaction_session_timeout " + idleTimeout + ")");
        if (created.budget().overCommitted()) {
            context.err().println("warning: " + created.budget().describe());
        }
        appUrl.print(context, admin.url(context), name, password);
    }
}
