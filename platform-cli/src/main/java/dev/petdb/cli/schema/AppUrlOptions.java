package dev.petdb.cli.schema;

import java.util.Map;

import dev.petdb.cli.CliContext;
import dev.petdb.dburl.DatabaseUrl;
import picocli.CommandLine.Option;

/**
 * Where apps reach petdb, which differs from where the operator does: inside Dokku the service answers by its
 * container name on 5432, whatever port the operator's admin URL uses (an exposed or tunnelled port). Naming a host
 * means the app reaches petdb as the operator does (locally), so then the admin URL's port is the default.
 * Prints the app's URL and the line that sets it on Dokku.
 */
public final class AppUrlOptions {
    /** The port dokku-postgres' service listens on inside Docker's network. */
    private static final int DOKKU_SERVICE_PORT = 5432;

    @Option(names = "--app-host", paramLabel = "HOST",
            description = "Host in the app's URL (default: dokku-postgres-DATABASE, the name dokku-postgres gives the service).")
    private String appHost;

    @Option(names = "--app-port", paramLabel = "PORT",
            description = "Port in the app's URL (default: the admin URL's port with --app-host, else 5432, the "
                    + "service's port inside Dokku).")
    private Integer appPort;

    @Option(names = "--dokku-app", paramLabel = "NAME",
            description = "Dokku app to print the config:set line for (default: the app's name).")
    private String dokkuApp;

    /** @return whether {@code --dokku-app} was given, which names one app only */
    public boolean namesDokkuApp() {
        return dokkuApp != null;
    }

    /**
     * Prints {@code DATABASE_URL=...} and the {@code dokku config:set} line, the only place a password is shown.
     *
     * @param context  where to print
     * @param admin    the admin URL, for the database name
     * @param app      the app
     * @param password its password
     */
    public void print(CliContext context, DatabaseUrl admin, AppName app, String password) {
        String host = appHost != null ? appHost : "dokku-postgres-" + admin.database().replace('_', '-').replace('.', '-');
        int port = appPort != null ? appPort : appHost != null ? admin.port() : DOKKU_SERVICE_PORT;
        String url = new DatabaseUrl(host, port, admin.database(), app.value(), password, Map.of()).toUrlWithPassword();
        context.out().println("DATABASE_URL=" + url);
        context.out().println("dokku config:set " + (dokkuApp != null ? dokkuApp : app.value()) + " DATABASE_URL=" + url);
    }
}
