package dev.petdb.cli.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.archive.DecryptionKey;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.pgtools.PgTools;
import dev.petdb.backup.restore.LiveSchema;
import dev.petdb.backup.restore.NewAppRoles;
import dev.petdb.backup.restore.SchemaRestore;
import dev.petdb.backup.restore.TableName;
import dev.petdb.backup.restore.TableRestore;
import dev.petdb.cli.AdminDatabase;
import dev.petdb.cli.CliContext;
import dev.petdb.cli.CliException;
import dev.petdb.cli.schema.AppName;
import dev.petdb.cli.schema.AppUrlOptions;
import dev.petdb.cli.schema.Passwords;
import dev.petdb.cli.schema.RoleSettings;
import dev.petdb.cli.schema.SchemaProvisioner;
import dev.petdb.dburl.AppNameRule;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.dburl.SqlErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code petdb backup restore KEY --schema NAME | --table SCHEMA.TABLE ... | --all [--recreate-roles] [--into NEW] --yes}.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore one schema (--schema), some tables (--table) or the whole database (--all) from a backup.",
                "First saves what it replaces to a local safety dump; the replacement runs in one transaction, so on any "
                        + "failure the live database stays exactly as it was. Restored objects belong to the schema's "
                        + "owner (an app's role)."})
public final class BackupRestoreCommand implements Runnable {
    private final CliContext context;

    @Parameters(paramLabel = "KEY", description = "The backup's key (see petdb backup list).")
    private String key;

    @Option(names = "--schema", paramLabel = "NAME", description = "The schema to restore: an app's, or any live "
            + "schema (public, one the superuser owns), restored as its current owner.")
    private String schema;

    @Option(names = "--table", paramLabel = "SCHEMA.TABLE", description = "A table to restore, with its sequences, "
            + "defaults, indexes, constraints and triggers (repeatable); foreign keys from other tables to it are kept.")
    private List<String> tables = new ArrayList<>();

    @Option(names = "--all", description = "Restore the whole database instead (every app's schema), after a safety "
            + "dump of the whole database; then each app's schema is given back to its role.")
    private boolean all;

    @Option(names = "--recreate-roles", description = "With --all, onto an empty database (a new server): make each "
            + "app's role anew, with a new password, as petdb schema create does, for each schema the backup marks as a "
            + "petdb app, in the restore's transaction; prints each app's DATABASE_URL and dokku config:set line.")
    private boolean recreateRoles;

    @Option(names = "--into", paramLabel = "NEW_SCHEMA",
            description = "Restore side by side into this new schema, leaving the live schema or tables as they are.")
    private String into;

    @Option(names = "--safety-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where the safety dump of what is replaced goes (default: the current folder).")
    private Path safetyDir;

    @Option(names = "--yes", description = "Confirm: the schema or tables are replaced by the backup's (unless --into).")
    private boolean yes;

    @Mixin
    private AdminDatabase admin;

    @Mixin
    private AppUrlOptions appUrl;

    BackupRestoreCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        if ((all ? 1 : 0) + (schema != null ? 1 : 0) + (tables.isEmpty() ? 0 : 1) != 1) {
            throw CliException.usage("give --schema NAME, --table SCHEMA.TABLE or --all, one of them");
        }
        if (recreateRoles && !all) {
            throw CliException.usage("--recreate-roles goes with --all");
        }
        if (all) {
            restoreAll();
        } else if (!tables.isEmpty()) {
            restoreTables();
        } else {
            restoreSchema();
        }
    }

    private void restoreSchema() {
        String side = sideBySide();
        if (!yes) {
            throw CliException.usage(side != null
                    ? "restore creates schema " + side + " from the backup; add --yes to confirm"
                    : "restore replaces schema " + schema + " with the backup's; add --yes to confirm");
        }
        DatabaseUrl url = admin.url(context);
        refuseExisting(url, side);
        // a petdb app's schema belongs to its role; any other live schema is restored as its current owner
        Optional<LiveSchema> live = LiveSchema.find(url, schema);
        boolean app = isApp(schema);
        if (!app && live.isEmpty()) {
            AppName name = AppName.parse(schema);
            throw CliException.failure("no role or schema " + name + ": create the app first (petdb schema create "
                    + name + ")");
        }
        SchemaRestore.Owners owners = app ? SchemaRestore.Owners.app(schema) : SchemaRestore.Owners.of(live.orElseThrow());
        SchemaRestore.Outcome outcome = fromTheBackup(url, (restore, backup, content, decryption) ->
                restore.restore(backup, content, decryption, schema, owners, side, safetyDir));
        outcome.safetyDump().ifPresentOrElse(
                path -> context.err().println("safety dump of the live schema " + schema + ": " + path.toAbsolutePath()
                        + " (pg_restore --schema " + schema + " restores it)"),
                () -> context.err().println(side != null ? "side by side: nothing live is replaced, so no safety dump"
                        : "schema " + schema + " did not exist, so there was nothing to save first"));
        context.out().println("restored schema " + outcome.schema() + " from " + key
                + (side != null ? " (side by side; " + schema + " is unchanged)" : "") + ", owned by role "
                + (app ? schema : whose(live.orElseThrow())));
    }

    private void restoreTables() {
        List<TableName> names = new ArrayList<>();
        for (String table : tables) {
            TableName name;
            try {
                name = TableName.parse(table);
            } catch (BackupException e) {
                throw CliException.usage(e.getMessage());
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        String side = sideBySide();
        String named = String.join(", ", names.stream().map(TableName::toString).toList());
        if (!yes) {
            throw CliException.usage(side != null
                    ? "restore creates schema " + side + " with " + named + " from the backup; add --yes to confirm"
                    : "restore replaces " + named + " with the backup's; add --yes to confirm");
        }
        DatabaseUrl url = admin.url(context);
        refuseExisting(url, side);
        TableRestore.Outcome outcome = withTheBackup((tools, catalog, backup, decryption) ->
                new TableRestore(url, tools).restore(catalog.store(), backup, decryption, names, side, safetyDir));
        outcome.safetyDump().ifPresentOrElse(
                path -> context.err().println("safety dump of the live " + named + ": " + path.toAbsolutePath()
                        + " (pg_restore --clean restores it)"),
                () -> context.err().println(side != null ? "side by side: nothing live is replaced, so no safety dump"
                        : "no table to replace was live, so there was nothing to save first"));
        context.out().println("restored " + named + " from " + key
                + (side != null ? " into schema " + side + " (side by side; the live tables are unchanged)" : "")
                + ", owned by role " + outcome.owner());
        for (String kept : outcome.keptForeignKeys()) {
            String[] parts = kept.split(" ", 2);
            context.out().println("kept foreign key " + parts[1] + " of " + parts[0] + ", checked against the restored rows");
        }
        for (String missing : outcome.notLive()) {
            String[] parts = missing.split(" ", 2);
            context.out().println("not added back: foreign key " + parts[1] + " of " + parts[0] + " is in the backup but"
                    + " not live (restore " + parts[0] + " as well to have it)");
        }
        if (!outcome.leftOut().isEmpty()) {
            context.out().println("left out side by side: " + String.join(", ", outcome.leftOut()));
        }
    }

    /** The one line that says whose the restored objects are, for a schema petdb did not make. */
    private static String whose(LiveSchema live) {
        if (!live.canSetRole()) {
            return live.admin() + " (petdb's admin, which may not act as " + live.objectRole() + ", the owner of schema "
                    + live.name() + ")";
        }
        return live.objectRole() + (live.owner().equals(live.objectRole()) ? " (the owner of schema " + live.name() + ")"
                : " (the database's owner, and so of schema " + live.name() + ")");
    }

    /** @return the schema {@code --into} names, checked as an app name; {@code null} without {@code --into} */
    private String sideBySide() {
        return into == null ? null : AppName.parse(into).value();
    }

    private boolean isApp(String name) {
        if (AppNameRule.problem(name).isPresent()) {
            return false; // not a name petdb gives an app
        }
        AppName app = AppName.parse(name);
        return admin.withConnection(context, connection -> new SchemaProvisioner(connection).hasRole(app));
    }

    /** {@code --into} names a new schema ({@code side}, {@code null} without it): say so before anything is downloaded. */
    private void refuseExisting(DatabaseUrl url, String side) {
        if (side != null && LiveSchema.find(url, side).isPresent()) {
            throw CliException.failure("schema " + side + " exists already: --into needs a new schema name");
        }
    }

    private void restoreAll() {
        if (into != null) {
            throw CliException.usage("--into goes with --schema, not --all");
        }
        DatabaseUrl url = admin.url(context);
        if (!yes) {
            throw CliException.usage("restore --all replaces every object of the backup in database " + url.database()
                    + " (stop the apps first); add --yes to confirm");
        }
        if (recreateRoles && appUrl.namesDokkuApp()) {
            throw CliException.usage("--dokku-app names one app; --recreate-roles prints a line for each app");
        }
        NewRoles roles = recreateRoles ? new NewRoles(url) : null;
        SchemaRestore.Outcome outcome = fromTheBackup(url, (restore, backup, content, decryption) ->
                restore.restoreAll(backup, content, decryption, SchemaProvisioner.MARKER, safetyDir, roles));
        outcome.safetyDump().ifPresent(path -> context.err().println("safety dump of database " + url.database() + ": "
                + path.toAbsolutePath() + " (pg_restore --clean restores it)"));
        if (roles == null) {
            context.out().println("restored database " + url.database() + " from " + key
                    + "; every app's schema belongs to its role again");
            return;
        }
        Map<AppName, String> made = roles.made();
        context.out().println("restored database " + url.database() + " from " + key + "; made " + made.size()
                + " app role(s) with new passwords, each owning its schema: "
                + String.join(", ", made.keySet().stream().map(AppName::value).toList()));
        if (made.isEmpty()) {
            context.err().println("warning: no schema in the backup is marked as a petdb app (comment '"
                    + SchemaProvisioner.MARKER + "'); apps made before the marker need petdb schema create APP --adopt");
        }
        // the only place the new passwords are shown: standard output, never a log or an error
        made.forEach((app, password) -> appUrl.print(context, url, app, password));
    }

    /**
     * The app roles a restore onto a new server makes, each as {@code petdb schema create} would, with the default
     * limits and a new password; refuses when a role or schema of an app exists already.
     */
    private final class NewRoles implements NewAppRoles {
        private final DatabaseUrl url;
        private final Map<AppName, String> passwords = new LinkedHashMap<>();

        NewRoles(DatabaseUrl url) {
            this.url = url;
        }

        @Override
        public Map<String, List<String>> statements(List<String> schemas) {
            Map<String, List<String>> statements = new LinkedHashMap<>();
            try (Connection connection = admin.connect(context)) {
                SchemaProvisioner provisioner = new SchemaProvisioner(connection);
                for (String schema : schemas) {
                    if (AppNameRule.problem(schema).isPresent()) {
                        continue; // petdb gives no app such a name
                    }
                    AppName app = AppName.parse(schema);
                    provisioner.requireNew(app);
                    String password = Passwords.generate();
                    passwords.put(app, password);
                    statements.put(schema, SchemaProvisioner.newRole(app, RoleSettings.defaults(), url.database(),
                            password));
                }
            } catch (SQLException e) {
                throw CliException.failure("cannot reach petdb: " + SqlErrors.reason(e), e);
            }
            return statements;
        }

        /** @return the apps whose roles the committed restore made (their schemas carried the marker), in order */
        Map<AppName, String> made() {
            try (Connection connection = admin.connect(context)) {
                Set<String> apps = new HashSet<>();
                new SchemaProvisioner(connection).list().forEach(role -> apps.add(role.app()));
                Map<AppName, String> made = new LinkedHashMap<>(passwords);
                made.keySet().removeIf(app -> !apps.contains(app.value()));
                return made;
            } catch (SQLException e) {
                throw CliException.failure("the restore was committed, but petdb cannot be reached to list its app roles: "
                        + SqlErrors.reason(e) + "; give each app a password with petdb schema rotate-password APP", e);
            }
        }
    }

    /** One restore step, given the restorer, the backup, its content and its key ({@code null}: not encrypted). */
    private interface Step {
        SchemaRestore.Outcome run(SchemaRestore restore, Backup backup, InputStream content, DecryptionKey key);
    }

    /** Finds the tools, the key and the backup KEY, and runs {@code step} on its content. */
    private SchemaRestore.Outcome fromTheBackup(DatabaseUrl url, Step step) {
        return withTheBackup((tools, catalog, backup, decryption) -> {
            try (InputStream content = catalog.store().open(backup.key())) {
                return step.run(new SchemaRestore(url, tools), backup, content, decryption);
            } catch (IOException e) {
                throw new BackupException("reading " + key + " failed: " + e.getMessage(), e);
            }
        });
    }

    /** Work on the backup KEY, given the tools, the catalog, the backup and its key ({@code null}: not encrypted). */
    private interface Work<T> {
        T run(SchemaRestore.Tools tools, BackupCatalogs.Catalog catalog, Backup backup, DecryptionKey key);
    }

    private <T> T withTheBackup(Work<T> work) {
        PgTools tools = new PgTools(context.env());
        SchemaRestore.Tools found = new SchemaRestore.Tools(tools.require("pg_dump"), tools.require("pg_restore"),
                tools.require("psql"));
        Optional<DecryptionKey> decryption = BackupKeys.fromEnvironment(context);
        return BackupCatalogs.withCatalog(context, catalog -> {
            Backup backup = catalog.named(key);
            BackupKeys.require(backup, decryption.orElse(null));
            return work.run(found, catalog, backup, decryption.orElse(null));
        });
    }

}
