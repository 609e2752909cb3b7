package dev.petdb.backup.restore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.archive.BackupArchive;
import dev.petdb.backup.archive.DecryptionKey;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.dump.DumpContents;
import dev.petdb.backup.dump.TocEntry;
import dev.petdb.backup.pgtools.PgClientEnvironment;
import dev.petdb.backup.pgtools.PgClientEnvironment.StandardOutput;
import dev.petdb.backup.pgtools.PgTool;
import dev.petdb.backup.pgtools.ProcessErrors;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.dburl.SqlErrors;
import dev.petdb.dburl.SqlText;

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
     * Who a restored schema and its objects belong to.
     *
     * @param schema  the schema's owner, as {@code CREATE SCHEMA ... AUTHORIZATION} names it
     * @param objects the role the restore runs as, so that what it creates is that role's; {@code null}: petdb's admin
     */
    public record Owners(String schema, String objects) {
        /** @return a petdb app's: its schema and everything in it belong to its role, named like the schema */
        public static Owners app(String app) {
            return new Owners(app, app);
        }

        /** @return a live schema's current owners (see {@link LiveSchema}) */
        public static Owners of(LiveSchema live) {
            return new Owners(live.owner(), live.canSetRole() ? live.objectRole() : null);
        }
    }

    /**
     * @param backup    the backup
     * @param content   its content (from the store); read to its end
     * @param key       how to decrypt it; {@code null} for a backup that is not encrypted
     * @param schema    the schema to restore
     * @param owners    who the schema and what the restore creates in it belong to
     * @param into      {@code null} to replace the schema; else restore side by side under this new schema name (no safety dump:
     *                  nothing live changes)
     * @param safetyDir where the safety dump goes
     * @return what was done
     * @throws BackupException when anything fails; the live database is then as it was
     */
    public Outcome restore(Backup backup, InputStream content, DecryptionKey key, String schema, Owners owners,
                           String into, Path safetyDir) {
        boolean live = LiveSchema.find(admin, schema).isPresent();
        if (live && into == null) {
            refuseExtensions(schema);
        }
        Optional<Path> safety = live && into == null
                ? Optional.of(safetyDump(List.of("--schema", schema), "petdb-safety-" + schema, safetyDir))
                : Optional.empty();
        String aside = asideName();
        DumpContents dump = run(backup, content, key, List.of("--schema", schema),
                preamble(schema, owners, into, aside, live), read -> postamble(schema, into, aside, live), read -> {
                    if (read.entries().stream().noneMatch(e -> schema.equals(e.namespace()))) {
                        throw new BackupException("the backup has no schema " + schema);
                    }
                });
        return new Outcome(safety, into == null ? schema : into, dump);
    }

    /** A name for a live schema moved aside for the length of a side-by-side restore's transaction. */
    static String asideName() {
        return "petdb_restore_" + STAMP.format(LocalDateTime.now(ZoneOffset.UTC)).replace('-', '_');
    }

    /** Dropping a schema drops the extensions in it, which its dump does not hold: refuse before anything changes. */
    private void refuseExtensions(String schema) {
        try (var connection = admin.connect("petdb-restore");
             var statement = connection.prepareStatement("SELECT string_agg(e.extname, ', ' ORDER BY e.extname)"
                     + " FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE n.nspname = ?")) {
            statement.setString(1, schema);
            try (var rs = statement.executeQuery()) {
                rs.next();
                if (rs.getString(1) != null) {
                    throw new BackupException("schema " + schema + " holds extension " + rs.getString(1) + ", which "
                            + "replacing the schema would drop: restore its tables with --table instead");
                }
            }
        } catch (SQLException e) {
            throw new BackupException("cannot reach petdb: " + SqlErrors.reason(e), e);
        }
    }

    /**
     * Restores the whole database, in one transaction, after a safety dump of the whole database: every schema of the
     * backup but {@code public} is dropped with all it holds and created again from it; in {@code public}, every
     * object of the backup is dropped and created again (objects made after the backup stay, as do schemas made after
     * it); then every petdb app's schema is given back to its role, since the backup has no owners.
     *
     * @param backup     the backup
     * @param content    its content
     * @param key        how to decrypt it; {@code null} for a backup that is not encrypted
     * @param appMarker  the comment that marks petdb's app roles
     * @param safetyDir  where the safety dump goes
     * @return what was done
     */
    public Outcome restoreAll(Backup backup, InputStream content, DecryptionKey key, String appMarker,
                              Path safetyDir) {
        return restoreAll(backup, content, key, appMarker, safetyDir, null);
    }

    /**
     * {@link #restoreAll(Backup, InputStream, DecryptionKey, String, Path)}, making the app roles again first, for a
     * restore onto a new server, whose backup has no roles (see {@link NewAppRoles}): in the same transaction, after
     * the data and before the schemas are given to their roles.
     *
     * @param roles what makes the roles; {@code null}: none are made
     */
    public Outcome restoreAll(Backup backup, InputStream content, DecryptionKey key, String appMarker,
                              Path safetyDir, NewAppRoles roles) {
        Path safety = safetyDump(List.of(), "petdb-safety-" + admin.database(), safetyDir);
        StringBuilder makeRoles = new StringBuilder();
        DumpContents dump = run(backup, content, key, List.of("--clean", "--if-exists"), entries -> {
            if (roles != null) {
                roles.statements(NewAppRoles.commentedSchemas(entries)).forEach((schema, statements) ->
                        makeRoles.append(NewAppRoles.ifMarked(schema, appMarker, statements)));
            }
            return rewindSchemas(entries);
        }, read -> "\n" + makeRoles + SchemaOwnership.forEveryApp(appMarker) + FeedResync.everywhere(), read -> { });
        return new Outcome(Optional.of(safety), "(all)", dump);
    }

    /**
     * Drops each schema the backup has, but {@code public}, with everything in it: pg_restore's own
     * {@code DROP SCHEMA} (without CASCADE) fails on a schema holding an object made after the backup, such as the
     * table a later migration added. {@code public} is not dropped (pg_restore drops and re-creates its objects one
     * by one), nor is any schema made after the backup.
     */
    private static String rewindSchemas(List<TocEntry> entries) {
        StringBuilder sql = new StringBuilder("SET lock_timeout = '60s';\n");
        entries.stream().filter(e -> e.desc().equals("SCHEMA") && !e.tag().equals("public"))
                .forEach(e -> sql.append("DROP SCHEMA IF EXISTS ").append(SqlText.identifier(e.tag())).append(" CASCADE;\n"));
        return sql.toString();
    }

    /**
     * The pipeline every restore shares: the backup into pg_restore (which writes SQL), that SQL between
     * {@code preamble} and {@code postamble} (written from the dump as read, so it may check it) into one psql
     * transaction, committed only when everything succeeded. {@code key} is {@code null} for a backup that is not
     * encrypted.
     */
    DumpContents run(Backup backup, InputStream content, DecryptionKey key, List<String> selection,
                     String preamble, Function<DumpContents, String> postamble, Consumer<DumpContents> beforeCommit) {
        return run(backup, content, key, selection, entries -> preamble, postamble, beforeCommit);
    }

    /**
     * {@link #run(Backup, InputStream, DecryptionKey, List, String, Function, Consumer)} with a preamble written from
     * the dump's table of contents: pg_restore's first statements wait until it is read.
     */
    DumpContents run(Backup backup, InputStream content, DecryptionKey key, List<String> selection,
                     Function<List<TocEntry>, String> preamble, Function<DumpContents, String> postamble,
                     Consumer<DumpContents> beforeCommit) {
        // --single-transaction: pg_restore then wraps nothing of its own (large objects included) in BEGIN/COMMIT
        // pairs; its one closing COMMIT is held back, so the transaction is petdb's alone
        List<String> restoreCommand = new ArrayList<>(List.of(tools.pgRestore().path().toString(), "--no-owner",
                "--no-acl", "--exit-on-error", "--single-transaction", "--file", "-"));
        restoreCommand.addAll(selection);
        Process pgRestore = start(restoreCommand, StandardOutput.PIPE); // its SQL, pumped into psql
        Process psql = start(List.of(tools.psql().path().toString(), "--no-psqlrc", "--quiet",
                "--set", "ON_ERROR_STOP=1", "--dbname", admin.database()), StandardOutput.DISCARD);
        ProcessErrors restoreErrors = ProcessErrors.of(pgRestore);
        ProcessErrors psqlErrors = ProcessErrors.of(psql);
        OutputStream sql = psql.getOutputStream();
        WithheldCommit script = WithheldCommit.untilOpened(sql);
        boolean approved = false;
        try {
            sql.write(RestoreTransaction.begin().getBytes(StandardCharsets.UTF_8));
            Thread pump = Thread.ofVirtual().start(() -> pump(pgRestore.getInputStream(), script));
            DumpContents dump = BackupArchive.read(content, backup.encrypted(), key, pgRestore.getOutputStream(),
                    entries -> script.open(preamble.apply(entries).getBytes(StandardCharsets.UTF_8)));
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
            sql.write((postamble.apply(dump) + RestoreTransaction.commit()).getBytes(StandardCharsets.UTF_8));
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

    /**
     * Empties the schema inside the transaction, keeping its privileges and comment, or moves it aside for a
     * side-by-side restore.
     */
    private static String preamble(String schema, Owners owners, String into, String aside, boolean live) {
        String name = SqlText.identifier(schema);
        String authorization = " AUTHORIZATION " + SqlText.identifier(owners.schema()) + ";\n";
        StringBuilder sql = new StringBuilder("SET lock_timeout = '60s';\n");
        if (into != null) {
            // fails at once when the name is taken
            sql.append("CREATE SCHEMA ").append(SqlText.identifier(into)).append(authorization);
            if (live) {
                sql.append("ALTER SCHEMA ").append(name).append(" RENAME TO ").append(SqlText.identifier(aside)).append(";\n");
            }
            sql.append("CREATE SCHEMA ").append(name).append(authorization);
        } else {
            sql.append("CREATE TEMPORARY TABLE petdb_schema_kept ON COMMIT DROP AS SELECT nspacl AS acl,"
                    + " obj_description(oid, 'pg_namespace') AS comment FROM pg_namespace WHERE nspname = ")
                    .append(SqlText.literal(schema)).append(";\n");
            sql.append("DROP SCHEMA IF EXISTS ").append(name).append(" CASCADE;\n");
            sql.append("CREATE SCHEMA ").append(name).append(authorization);
            sql.append(keptPrivilegesAndComment(schema));
        }
        // what the restore creates belongs to the schema's owner (the app's role), so the app keeps working
        if (owners.objects() != null) {
            sql.append("SET ROLE ").append(SqlText.identifier(owners.objects())).append(";\n");
        }
        return sql.toString();
    }

    /** The schema's privileges and comment as they were before it was dropped (the dump has neither). */
    private static String keptPrivilegesAndComment(String schema) {
        return "DO $petdb$\nDECLARE g record;\nBEGIN\n"
                + "  FOR g IN SELECT a.privilege_type, a.grantee, a.is_grantable FROM pg_temp.petdb_schema_kept k,"
                + " aclexplode(k.acl) a LOOP\n"
                + "    EXECUTE format('GRANT %s ON SCHEMA %I TO %s%s', g.privilege_type, " + SqlText.literal(schema) + ",\n"
                + "      CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END,\n"
                + "      CASE WHEN g.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);\n"
                + "  END LOOP;\n"
                + "  FOR g IN SELECT comment FROM pg_temp.petdb_schema_kept WHERE comment IS NOT NULL LOOP\n"
                + "    EXECUTE format('COMMENT ON SCHEMA %I IS %L', " + SqlText.literal(schema) + ", g.comment);\n"
                + "  END LOOP;\n"
                + "END\n$petdb$;\n";
    }

    private static String postamble(String schema, String into, String aside, boolean live) {
        StringBuilder sql = new StringBuilder("\nRESET ROLE;\n");
        if (into == null) {
            sql.append(FeedResync.in(List.of(schema)));
        } else {
            sql.append("DROP SCHEMA ").append(SqlText.identifier(into)).append(";\n");
            sql.append("ALTER SCHEMA ").append(SqlText.identifier(schema)).append(" RENAME TO ")
                    .append(SqlText.identifier(into)).append(";\n");
            if (live) {
                sql.append("ALTER SCHEMA ").append(SqlText.identifier(aside)).append(" RENAME TO ")
                        .append(SqlText.identifier(schema)).append(";\n");
            }
        }
        return sql.toString();
    }

    /**
     * pg_dump into a file only its owner can read (it holds every row), first under a {@code .partial} name that says
     * it is unfinished, moved to its own name once pg_dump succeeded.
     */
    Path safetyDump(List<String> selection, String name, Path safetyDir) {
        Path dir = safetyDir.toAbsolutePath().normalize();
        String stamped = name + "-" + STAMP.format(LocalDateTime.now(ZoneOffset.UTC));
        Path file = dir.resolve(stamped + ".dump");
        Path partial;
        try {
            Files.createDirectories(dir);
            // two restores in one second must not overwrite each other's safety dump
            for (int n = 2; Files.exists(file); n++) {
                file = dir.resolve(stamped + "-" + n + ".dump");
            }
            partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.deleteIfExists(partial);
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new BackupException("cannot write the safety dump in " + dir + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of(tools.pgDump().path().toString(), "-Fc", "--file",
                partial.toString()));
        command.addAll(selection);
        Process dump = start(command, StandardOutput.DISCARD); // it writes the file
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

    /** Starts a client program on petdb's database; its standard error is a pipe for {@link ProcessErrors}. */
    Process start(List<String> command, StandardOutput output) {
        return PgClientEnvironment.start(command, admin, admin.database(), "petdb-restore", output);
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
}
