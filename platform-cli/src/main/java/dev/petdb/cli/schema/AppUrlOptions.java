package dev.petdb.cli.schema;

import java.util.Map;

import dev.petdb.cli.CliContext;
import dev.petdb.dburl.DatabaseUrl;
import picocli.CommandLine.Option;

/**
 * Where apps reach petdb, which differs from where the operator does: inside Dokku the service answers by its
 * container name. Prints the app's URL and the line that sets it on Dokku.
 */
public final class AppUrlOptions {
    @Option(names = "--app-host", paramLabel = "HOST",
            description = "Host in the app's URL (default: dokku-postgres-DATABASE, the name dokku-postgres gives the service).")
    private String appHost;

    @Option(names = "--app-port", paramLabel = "PORT", defaultValue = "5432",
            description = "Port in the app's URL (default: ${DEFAULT-VALUE}).")
    private int appPort;

    @Option(names = "--dokku-app", paramLabel = "NAME",
            description = "Dokku app to print the config:set line for (default: the app's name).")
    private String dokkuApp;

    /**
     * Prints {@code DATABASE_URL=...} and the {@code dokku config:set} line, the only place a password is shown.
     *
     * @param context  where to print
     * @param admin    the admin URL, for the database name
     * @param app      the app
     * @param password its password
     */
    void print(CliContext context, DatabaseUrl admin, AppName app, String password) {
        String host = appHost != null ? appHost : "dokku-postgres-" + admin.database().replace('_', '-').replace('.', '-');
        String url = new DatabaseUrl(host, appPort, admin.database(), app.value(), password, Map.of()).toUrlWithPassword();
        context.out().println("DATABASE_URL=" + url);
        context.out().println("dokku config:set " + (dokkuApp != null ? dokkuApp : app.value()) + " DATABASE_URL=" + url);
    }
}
