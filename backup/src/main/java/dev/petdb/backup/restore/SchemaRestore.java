package dev.petdb.backup.restore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.archive.BackupArchive;
import dev.petdb.backup.archive.DecryptionKey;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.dump.DumpContents;
import dev.petdb.backup.pgtools.PgConnection;
import dev.petdb.backup.pgtools.PgTool;
import dev.petdb.backup.pgtools.ProcessErrors;
import dev.petdb.dburl.DatabaseUrl;

/**
 * Restores one app's schema from a whole-database backup, all or nothing:
 * <ol>
 *     <li>a safety dump of the live schema ({@code pg_dump -Fc -n APP}) goes to a local file first;</li>
 *     <li>the backup streams through decryption, gunzip and untar into {@code pg_restore -n APP}, which writes SQL;</li>
 *     <li>that SQL runs in psql inside one transaction that petdb opens itself ({@link RestoreTransaction}), after a
 *     preamble that empties the schema (or, with {@code into}, moves the live schema aside and back so it is
 *     untouched) and sets the app's role, so what is restored is owned by the app;</li>
 *     <li>petdb sends the {@code COMMIT} only after pg_restore exited 0, its script ended complete and the backup
 *     stream passed its integrity checks; any other end, a kill of petdb included, leaves the transaction open when
 *     psql's connection closes, and the server rolls it back.</li>
 * </ol>
 * Connections go to the tools through PG* environment variables, never their command lines.
 */
public final class SchemaRestore {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss");

    /**
     * The tools, found on this machine.
     *
     * @param pgDump    for the safety dump
     * @param pgRestore to turn the backup into SQL
     * @param psql      to run that SQL in one transaction
     */
    public record Tools(PgTool pgDump, PgTool pgRestore, PgTool psql) {
    }

    /**
     * What was done.
     *
     * @param safetyDump where the live schema was saved first; empty when there was no live schema
     * @param schema     the schema the backup's contents are now in
     * @param dump       the backup's dump, as read
     */
    public record Outcome(Optional<Path> safetyDump, String schema, DumpContents dump) {
    }

    private final DatabaseUrl admin;
    private final Tools tools;

    /**
     * @param admin petdb's admin URL
     * @param tools the PostgreSQL client tools
     */
    public SchemaRestore(DatabaseUrl admin, Tools tools) {
        this.admin = admin;
        this.tools = tools;
    }

    /**
     * @param backup    the backup
     * @param content   its content (from the store); read to its end
     * @param key       how to decrypt it
     * @param app       the app: its schema and its role
     * @param into      restore side by side under this schema name instead of replacing the app's schema
     * @param safetyDir where the safety dump goes
     * @return what was done
     * @throws BackupException when anything fails; the live database is then as it was
     */
    public Outcome restore(Backup backup, InputStream content, Optional<DecryptionKey> key, String app,
                           Optional<String> into, Path safetyDir) {
        boolean live = schemaExists(app);
        Optional<Path> safety = live ? Optional.of(safetyDump(List.of("--schema", app), "petdb-safety-" + app, safetyDir))
                : Optional.empty();
        String aside = "petdb_restore_" + STAMP.format(LocalDateTime.now(ZoneOffset.UTC)).replace('-', '_');
        DumpContents dump = run(backup, content, key, List.of("--schema", app), preamble(app, into, aside, live),
                postamble(app, into, aside, live), read -> {
                    if (read.entries().stream().noneMatch(e -> app.equals(e.namespace()))) {
                        throw new BackupException("the backup has no schema " + app);
                    }
                });
        return new Outcome(safety, into.orElse(app), dump);
    }

    /**
     * Restores the whole database: every object in the backup is dropped and created again from it (objects made
     * after the backup and not in it stay), in one transaction, after a safety dump of the whole database; then every
     * petdb app's schema is given back to its role, since the backup has no owners.
     *
     * @param backup     the backup
     * @param content    its content
     * @param key        how to decrypt it
     * @param appMarker  the comment that marks petdb's app roles
     * @param safetyDir  where the safety dump goes
     * @return what was done
     */
    public Outcome restoreAll(Backup backup, InputStream content, Optional<DecryptionKey> key, String appMarker,
                              Path safetyDir) {
        Path safety = safetyDump(List.of(), "petdb-safety-" + admin.database(), safetyDir);
        DumpContents dump = run(backup, content, key, List.of("--clean", "--if-exists"), "SET lock_timeout = '60s';\n",
                "\n" + SchemaOwnership.forEveryApp(appMarker), read -> { });
        return new Outcome(Optional.of(safety), "(all)", dump);
    }

    /**
     * The pipeline both restores share: the backup into pg_restore (which writes SQL), that SQL between
     * {@code preamble} and {@code postamble} into one psql transaction, committed only when everything succeeded.
     */
    private DumpContents run(Backup backup, InputStream content, Optional<DecryptionKey> key, List<String> selection,
                             String preamble, String postamble, java.util.function.Consumer<DumpContents> beforeCommit) {
        // --single-transaction: pg_restore then wraps nothing of its own (large objects included) in BEGIN/COMMIT
        // pairs; its one closing COMMIT is held back, so the transaction is petdb's alone
        List<String> restoreCommand = new java.util.ArrayList<>(List.of(tools.pgRestore().path().toString(), "--no-owner",
                "--no-acl", "--exit-on-error", "--single-transaction", "--file", "-"));
        restoreCommand.addAll(selection);
        Process pgRestore = start(restoreCommand, admin.database());
        Process psql = start(List.of(tools.psql().path().toString(), "--no-psqlrc", "--quiet",
                "--set", "ON_ERROR_STOP=1", "--dbname", admin.database()), admin.database());
        ProcessErrors restoreErrors = ProcessErrors.of(pgRestore);
        ProcessErrors psqlErrors = ProcessErrors.of(psql);
        OutputStream sql = psql.getOutputStream();
        WithheldCommit script = new WithheldCommit(sql);
        boolean approved = false;
        try {
            sql.write((RestoreTransaction.begin() + preamble).getBytes(StandardCharsets.UTF_8));
            Thread pump = Thread.ofVirtual().start(() -> pump(pgRestore.getInputStream(), script));
            DumpContents dump = BackupArchive.read(content, backup.encrypted(), key, Optional.of(pgRestore.getOutputStream()));
            int restoreExit = pgRestore.waitFor();
            pump.join();
            if (restoreExit != 0) {
                if (psql.waitFor(1, TimeUnit.SECONDS) && psql.exitValue() != 0) {
                    // psql stopped first (an SQL error), and pg_restore only lost its reader: psql says why
                    throw new BackupException("the restore was rolled back: " + psqlErrors.last());
                }
                throw new BackupException("pg_restore failed, so the restore was rolled back: "
                        + restoreErrors.lastOr("exit code " + restoreExit)
                        + (tools.pgRestore().major() < dump.header().dumpMajorVersion()
                        ? " (pg_restore " + dump.header().dumpMajorVersion() + " or newer is needed; set PG_BIN)" : ""));
            }
            if (!script.withheld()) {
                throw new BackupException("pg_restore's script did not end with its COMMIT, so the restore was rolled back"
                        + " (psql: " + psqlErrors.last() + ")");
            }
            beforeCommit.accept(dump);
            approved = true;
            sql.write((postamble + RestoreTransaction.commit()).getBytes(StandardCharsets.UTF_8));
            sql.close();
            if (!psql.waitFor(6, TimeUnit.HOURS) || psql.exitValue() != 0) {
                throw new BackupException("the restore was rolled back: " + psqlErrors.last());
            }
            return dump;
        } catch (IOException e) {
            throw new BackupException("the restore was rolled back: " + psqlErrors.last() + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted; the restore was rolled back", e);
        } finally {
            if (!approved) {
                psql.destroyForcibly(); // its open transaction dies with its connection
            }
            pgRestore.destroyForcibly();
        }
    }

    /** Empties the app's schema inside the transaction, or moves it aside for a side-by-side restore. */
    private static String preamble(String app, Optional<String> into, String aside, boolean live) {
        StringBuilder sql = new StringBuilder("SET lock_timeout = '60s';\n");
        if (into.isPresent()) {
            // fails at once when the name is taken
            sql.append("CREATE SCHEMA ").append(quote(into.get())).append(" AUTHORIZATION ").append(quote(app)).append(";\n");
            if (live) {
                sql.append("ALTER SCHEMA ").append(quote(app)).append(" RENAME TO ").append(quote(aside)).append(";\n");
            }
            sql.append("CREATE SCHEMA ").append(quote(app)).append(" AUTHORIZATION ").append(quote(app)).append(";\n");
        } else {
            sql.append("DROP SCHEMA IF EXISTS ").append(quote(app)).append(" CASCADE;\n");
            sql.append("CREATE SCHEMA ").append(quote(app)).append(" AUTHORIZATION ").append(quote(app)).append(";\n");
        }
        // what the restore creates belongs to the app, so the app keeps working
        sql.append("SET ROLE ").append(quote(app)).append(";\n");
        return sql.toString();
    }

    private static String postamble(String app, Optional<String> into, String aside, boolean live) {
        StringBuilder sql = new StringBuilder("\nRESET ROLE;\n");
        if (into.isPresent()) {
            sql.append("DROP SCHEMA ").append(quote(into.get())).append(";\n");
            sql.append("ALTER SCHEMA ").append(quote(app)).append(" RENAME TO ").append(quote(into.get())).append(";\n");
            if (live) {
                sql.append("ALTER SCHEMA ").append(quote(aside)).append(" RENAME TO ").append(quote(app)).append(";\n");
            }
        }
        return sql.toString();
    }

    private boolean schemaExists(String app) {
        java.util.Properties properties = admin.jdbcProperties();
        try (var connection = java.sql.DriverManager.getConnection(admin.jdbcUrl(), properties);
             var statement = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            statement.setString(1, app);
            try (var rs = statement.executeQuery()) {
                return rs.next();
            }
        } catch (java.sql.SQLException e) {
            throw new BackupException("cannot reach petdb: " + e.getMessage(), e);
        }
    }

    /**
     * pg_dump into a file only its owner can read (it holds every row), first under a {@code .partial} name that says
     * it is unfinished, moved to its own name once pg_dump succeeded.
     */
    private Path safetyDump(List<String> selection, String name, Path safetyDir) {
        Path dir = safetyDir.toAbsolutePath().normalize();
        Path file = dir.resolve(name + "-" + STAMP.format(LocalDateTime.now(ZoneOffset.UTC)) + ".dump");
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(partial);
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new BackupException("cannot write the safety dump in " + dir + ": " + e.getMessage(), e);
        }
        List<String> command = new java.util.ArrayList<>(List.of(tools.pgDump().path().toString(), "-Fc", "--file",
                partial.toString()));
        command.addAll(selection);
        Process dump = start(command, admin.database());
        ProcessErrors errors = ProcessErrors.of(dump);
        try {
            dump.getOutputStream().close();
            if (!dump.waitFor(6, TimeUnit.HOURS) || dump.exitValue() != 0) {
                Files.deleteIfExists(partial);
                throw new BackupException("the safety dump failed, so nothing was restored: " + errors.last());
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BackupException("the safety dump failed, so nothing was restored: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted during the safety dump; nothing was restored", e);
        }
        return file;
    }

    private Process start(List<String> command, String database) {
        ProcessBuilder builder = new ProcessBuilder(command);
        PgConnection.into(builder.environment(), admin, database, "petdb-restore");
        if (!command.contains("-")) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new BackupException("cannot start " + command.getFirst() + ": " + e.getMessage(), e);
        }
    }

    /** pg_restore's script into psql; at its end, the rest without pg_restore's COMMIT. */
    private static void pump(InputStream from, WithheldCommit to) {
        try (from) {
            from.transferTo(to);
            to.finish();
        } catch (IOException e) {
            // psql stopped reading: its exit code and messages say why, and nothing was committed
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
