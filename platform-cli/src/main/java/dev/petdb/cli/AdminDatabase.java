package dev.petdb.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.dburl.InvalidDatabaseUrlException;
import dev.petdb.dburl.SqlErrors;
import picocli.CommandLine.Option;

/**
 * The admin connection to petdb, shared by every command that needs one: {@code --database-url}, else the
 * {@code DATABASE_URL} environment variable (preferred: arguments show in {@code ps}).
 */
public final class AdminDatabase {
    @Option(names = "--database-url", paramLabel = "URL",
            description = "Admin URL of petdb (postgres://...). Prefer the DATABASE_URL environment variable: "
                    + "arguments are visible to other users in ps.")
    private String databaseUrl;
    /** Parsed on first use: a command reads its admin URL once, however many of its steps connect. */
    private DatabaseUrl parsed;

    /**
     * @param context the environment to read DATABASE_URL from
     * @return the admin URL
     * @throws CliException when neither is set or the URL is malformed
     */
    public DatabaseUrl url(CliContext context) {
        if (parsed == null) {
            parsed = parse(context);
        }
        return parsed;
    }

    private DatabaseUrl parse(CliContext context) {
        String source = databaseUrl != null ? "--database-url" : "DATABASE_URL";
        String text = databaseUrl != null ? databaseUrl : context.env().get("DATABASE_URL");
        if (text == null || text.isBlank()) {
            throw CliException.usage("set DATABASE_URL to petdb's admin URL (dokku postgres:info petdb --dsn)");
        }
        try {
            return DatabaseUrl.parse(source, text);
        } catch (InvalidDatabaseUrlException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    /**
     * Runs {@code work} on a new admin connection and closes it.
     *
     * @param context the environment
     * @param work    what to do with the connection
     * @param <T>     its result
     * @return the result
     */
    public <T> T withConnection(CliContext context, Function<Connection, T> work) {
        Connection connection = connect(context);
        try {
            return work.apply(connection);
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                // the work is done; a failed close changes nothing for the operator
            }
        }
    }

    /**
     * @param context the environment
     * @return a new admin connection
     * @throws CliException when the server cannot be reached or refuses the login
     */
    public Connection connect(CliContext context) {
        DatabaseUrl url = url(context);
        try {
            return url.connect("petdb-cli");
        } catch (SQLException e) {
            throw CliException.failure("cannot connect to " + url.host() + ":" + url.port() + "/" + url.database()
                    + ": " + SqlErrors.reason(e), e);
        }
    }
}
