package dev.petdb.cli.doctor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.petdb.backup.pgtools.PgTool;
import dev.petdb.backup.pgtools.PgTools;
import dev.petdb.cli.AdminDatabase;
import dev.petdb.cli.CliContext;
import dev.petdb.cli.CliException;
import dev.petdb.cli.ExitCodes;
import dev.petdb.cli.schema.ConnectionBudget;
import dev.petdb.dburl.SqlErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code petdb doctor}: is petdb in shape for its apps and its backups? One line per check, OK or PROBLEM.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check that petdb is in shape for its apps and backups.",
                "Checks the server version, the connection budget of the app roles, that pg_dump and pg_restore "
                        + "are found and can handle this server, that each app role's timeouts are the ones petdb fixed, "
                        + "sessions idle in a transaction past their limit, scratch databases left by stopped restore "
                        + "tests, and (with the backup variables set) abandoned backup uploads. Exits 1 when any check "
                        + "finds a problem."})
public final class DoctorCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    private AdminDatabase admin;

    DoctorCommand(CliContext context) {
        this.context = context;
    }

    /** One check's outcome. */
    record Check(boolean ok, String text) {
        @Override
        public String toString() {
            return (ok ? "OK       " : "PROBLEM  ") + text;
        }
    }

    @Override
    public Integer call() {
        List<Check> checks = admin.withConnection(context, this::serverChecks);
        checks.add(UnfinishedUploadsCheck.run(context.env()));
        for (Check check : checks) {
            context.out().println(check);
        }
        return checks.stream().allMatch(Check::ok) ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private List<Check> serverChecks(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            List<Check> checks = new ArrayList<>();
            int serverMajor;
            try (ResultSet rs = statement.executeQuery(
                    "SELECT current_setting('server_version'), current_setting('server_version_num')::int / 10000")) {
                rs.next();
                serverMajor = rs.getInt(2);
                checks.add(new Check(true, "server: PostgreSQL " + rs.getString(1)));
            }
            checks.addAll(connectionBudget(connection));
            PgTools tools = new PgTools(context.env());
            checks.add(toolCheck(tools, "pg_dump", serverMajor, "dump"));
            checks.add(toolCheck(tools, "pg_restore", serverMajor, "restore dumps of"));
            checks.addAll(AppRoleLimits.check(connection));
            checks.addAll(IdleTransactions.check(connection));
            checks.add(StaleScratchDatabasesCheck.run(connection));
            return checks;
        } catch (SQLException e) {
            throw CliException.failure("doctor could not query the server: " + SqlErrors.reason(e), e);
        }
    }

    private static List<Check> connectionBudget(Connection connection) {
        ConnectionBudget budget = ConnectionBudget.read(connection);
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(!budget.overCommitted(), budget.describe()));
        if (budget.unlimited() != null) {
            checks.add(new Check(false, "app role(s) without a connection limit: " + budget.unlimited()
                    + " (ALTER ROLE ... CONNECTION LIMIT n)"));
        }
        return checks;
    }

    private Check toolCheck(PgTools tools, String name, int serverMajor, String verb) {
        return tools.find(name)
                .map(tool -> toolVersionCheck(tool, serverMajor, verb))
                .orElseGet(() -> new Check(false, name + " not found in " + tools.searchedPlaces() + ": install PostgreSQL "
                        + serverMajor + " client tools" + (context.env().containsKey("PG_BIN")
                        ? " and point PG_BIN at their bin folder" : " or set PG_BIN to their bin folder")));
    }

    private static Check toolVersionCheck(PgTool tool, int serverMajor, String verb) {
        String found = tool.name() + " " + tool.version() + " (" + tool.path() + ")";
        return tool.handles(serverMajor)
                ? new Check(true, found + " can " + verb + " PostgreSQL " + serverMajor)
                : new Check(false, found + " is older than the server: " + tool.name() + " " + serverMajor
                        + " or newer is needed (PostgreSQL " + serverMajor + " client tools, or PG_BIN)");
    }
}
