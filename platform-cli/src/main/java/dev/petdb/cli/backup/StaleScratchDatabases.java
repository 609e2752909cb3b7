package dev.petdb.cli.backup;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import dev.petdb.backup.restore.ScratchDatabases;
import dev.petdb.cli.AdminDatabase;
import dev.petdb.cli.CliContext;
import dev.petdb.cli.CliException;
import dev.petdb.dburl.SqlErrors;

/**
 * Before a command makes a scratch database, it drops those that earlier runs, killed outright, left behind, and says
 * so on standard error.
 */
final class StaleScratchDatabases {
    private StaleScratchDatabases() {
    }

    static void drop(CliContext context, AdminDatabase admin) {
        List<String> dropped = admin.withConnection(context, connection -> {
            try {
                return ScratchDatabases.dropStale(connection, Instant.now());
            } catch (SQLException e) {
                throw CliException.failure("cannot drop the scratch databases left by earlier restore tests: "
                        + SqlErrors.reason(e), e);
            }
        });
        dropped.forEach(name -> context.err().println("dropped " + name + ", left by a restore test that was stopped"));
    }
}
