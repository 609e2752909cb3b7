package dev.petdb.cli.schema;

import dev.petdb.cli.AdminDatabase;
import dev.petdb.cli.CliContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code petdb schema rotate-password APP}.
 */
@Command(name = "rotate-password", mixinStandardHelpOptions = true,
        description = {"Give APP's role a new generated password; the old one stops working for new connections.",
                "Prints the new DATABASE_URL and the dokku config:set line."})
public final class SchemaRotatePasswordCommand implements Runnable {
    private final CliContext context;

    @Parameters(paramLabel = "APP", description = "The app.")
    private String app;

    @Mixin
    private AppUrlOptions appUrl;

    @Mixin
    private AdminDatabase admin;

    SchemaRotatePasswordCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        AppName name = AppName.parse(app);
        String password = Passwords.generate();
        admin.withConnection(context, connection -> {
            new SchemaProvisioner(connection).rotatePassword(name, password);
            return null;
        });
        context.err().println("new password for " + name + "; set it on the app, which restarts it:");
        appUrl.print(context, admin.url(context), name, password);
    }
}
