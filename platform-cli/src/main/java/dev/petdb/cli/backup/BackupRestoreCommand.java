package dev.petdb.cli.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.archive.DecryptionKey;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.pgtools.PgTool;
import dev.petdb.backup.pgtools.PgTools;
import dev.petdb.backup.restore.SchemaRestore;
import dev.petdb.cli.AdminDatabase;
import dev.petdb.cli.CliContext;
import dev.petdb.cli.CliException;
import dev.petdb.cli.schema.AppName;
import dev.petdb.cli.schema.SchemaProvisioner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code petdb backup restore KEY --schema APP [--into NEW] --yes}.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore one app's schema (--schema) or the whole database (--all) from a backup.",
                "First saves the live schema to a local safety dump; the replacement runs in one transaction, so on any "
                        + "failure the live schema stays exactly as it was. Restored objects belong to the app's role."})
public final class BackupRestoreCommand implements Runnable {
    private final CliContext context;

    @Parameters(paramLabel = "KEY", description = "The backup's key (see petdb backup list).")
    private String key;

    @Option(names = "--schema", paramLabel = "APP", description = "The app whose schema to restore.")
    private String schema;

    @Option(names = "--all", description = "Restore the whole database instead (every app's schema), after a safety "
            + "dump of the whole database; then each app's schema is given back to its role.")
    private boolean all;

    @Option(names = "--into", paramLabel = "NEW_SCHEMA",
            description = "Restore side by side under this new schema name, leaving the app's schema as it is.")
    private String into;

    @Option(names = "--safety-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where the safety dump of the live schema goes (default: the current folder).")
    private Path safetyDir;

    @Option(names = "--yes", description = "Confirm: the app's schema is replaced by the backup's (unless --into).")
    private boolean yes;

    @Mixin
    private AdminDatabase admin;

    BackupRestoreCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        if (all == (schema != null)) {
            throw CliException.usage("give --schema APP or --all, one of them");
        }
        if (all) {
            restoreAll();
            return;
        }
        AppName app = AppName.parse(schema);
        Optional<String> side = Optional.ofNullable(into).map(name -> AppName.parse(name).value());
        if (!yes) {
            throw CliException.usage(side.isPresent()
                    ? "restore creates schema " + side.get() + " from the backup; add --yes to confirm"
                    : "restore replaces schema " + app + " with the backup's; add --yes to confirm");
        }
        requireAppRole(app);
        SchemaRestore.Outcome outcome = fromTheBackup((restore, backup, content, decryption) ->
                restore.restore(backup, content, decryption, app.value(), side, safetyDir));
        outcome.safetyDump().ifPresentOrElse(
                path -> context.err().println("safety dump of the live schema " + app + ": " + path.toAbsolutePath()
                        + " (pg_restore --schema " + app + " restores it)"),
                () -> context.err().println("schema " + app + " did not exist, so there was nothing to save first"));
        context.out().println("restored schema " + outcome.schema() + " from " + key
                + (side.isPresent() ? " (side by side; " + app + " is unchanged)" : "") + ", owned by role " + app);
    }

    private void restoreAll() {
        if (into != null) {
            throw CliException.usage("--into goes with --schema, not --all");
        }
        var url = admin.url(context);
        if (!yes) {
            throw CliException.usage("restore --all replaces every object of the backup in database " + url.database()
                    + " (stop the apps first); add --yes to confirm");
        }
        SchemaRestore.Outcome outcome = fromTheBackup((restore, backup, content, decryption) ->
                restore.restoreAll(backup, content, decryption, SchemaProvisioner.MARKER, safetyDir));
        outcome.safetyDump().ifPresent(path -> context.err().println("safety dump of database " + url.database() + ": "
                + path.toAbsolutePath() + " (pg_restore --clean restores it)"));
        context.out().println("restored database " + url.database() + " from " + key
                + "; every app's schema belongs to its role again");
    }

    /** One restore step, given the restorer, the backup and its content. */
    private interface Step {
        SchemaRestore.Outcome run(SchemaRestore restore, Backup backup, InputStream content, Optional<DecryptionKey> key);
    }

    /** Finds the tools, the key and the backup KEY, and runs {@code step} on its content. */
    private SchemaRestore.Outcome fromTheBackup(Step step) {
        var url = admin.url(context);
        PgTools tools = new PgTools(context.env());
        SchemaRestore restore = new SchemaRestore(url,
                new SchemaRestore.Tools(tool(tools, "pg_dump"), tool(tools, "pg_restore"), tool(tools, "psql")));
        Optional<DecryptionKey> decryption = BackupKeys.fromEnvironment(context);
        return BackupCatalogs.withCatalog(context, catalog -> {
            Backup backup = catalog.backups().list().stream().filter(b -> b.key().equals(key)).findFirst()
                    .orElseThrow(() -> CliException.failure("no backup " + key + " among " + catalog.where()));
            BackupKeys.require(backup, decryption);
            try (InputStream content = catalog.store().open(backup.key())) {
                return step.run(restore, backup, content, decryption);
            } catch (IOException e) {
                throw new BackupException("reading " + key + " failed: " + e.getMessage(), e);
            }
        });
    }

    private void requireAppRole(AppName app) {
        boolean exists = admin.withConnection(context, connection -> {
            try (var statement = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                statement.setString(1, app.value());
                try (var rs = statement.executeQuery()) {
                    return rs.next();
                }
            } catch (java.sql.SQLException e) {
                throw CliException.failure("cannot check role " + app + ": " + e.getMessage(), e);
            }
        });
        if (!exists) {
            throw CliException.failure("no role " + app + ": create the app first (petdb schema create " + app + ")");
        }
    }

    private static PgTool tool(PgTools tools, String name) {
        return tools.find(name).orElseThrow(() -> CliException.failure(name + " not found in " + tools.searchedPlaces()
                + ": install the PostgreSQL client tools or set PG_BIN"));
    }
}
