package dev.petdb.backup.restore;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.dump.DataBlock;
import dev.petdb.backup.dump.DumpContents;
import dev.petdb.backup.dump.TocEntry;
import dev.petdb.backup.pgtools.PgClientEnvironment;
import dev.petdb.backup.pgtools.PgTool;
import dev.petdb.backup.pgtools.ProcessErrors;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.dburl.SqlErrors;
import dev.petdb.dburl.SqlText;

/**
 * A restore test: a scratch database on petdb's server, {@code pg_restore} reading the dump from its standard input
 * while the structural check reads the same bytes, then each table's own rows counted in the dump, the scratch
 * and the live database. The scratch
 * database is always dropped: on {@link #close()}, after a failure, and on an interrupt (a shutdown hook). A test
 * killed outright leaves it behind, marked stale for the next one to drop ({@link ScratchDatabases}). It restores
 * every table, or only those chosen ({@link #start(DatabaseUrl, PgTool, List)}), as {@code backup diff} needs.
 */
public final class ScratchRestore implements AutoCloseable {
    private static final String APPLICATION = "petdb-restore-test";
    private final DatabaseUrl admin;
    private final String scratch;
    /** Holds the lock that tells other restore tests this scratch database is in use; closed after the drop. */
    private final Connection inUse;
    private final PgTool pgRestore;
    private final Process process;
    private final ProcessErrors errors;
    private final Thread dropOnExit;
    /** The tables restored; empty for all of them. */
    private final List<TableName> only;
    private boolean dropped;

    private ScratchRestore(DatabaseUrl admin, String scratch, Connection inUse, PgTool pgRestore, Process process,
                           ProcessErrors errors, List<TableName> only) {
        this.admin = admin;
        this.only = only;
        this.scratch = scratch;
        this.inUse = inUse;
        this.pgRestore = pgRestore;
        this.process = process;
        this.errors = errors;
        this.dropOnExit = new Thread(this::dropQuietly, "petdb-drop-scratch");
        Runtime.getRuntime().addShutdownHook(dropOnExit);
    }

    /**
     * Creates the scratch database and starts pg_restore into it.
     *
     * @param admin     petdb's admin URL: the scratch database goes on the same server
     * @param pgRestore the pg_restore to run
     * @return the running restore; write the dump to {@link #input()}, then {@link #finish}, then close
     */
    public static ScratchRestore start(DatabaseUrl admin, PgTool pgRestore) {
        return start(admin, pgRestore, List.of());
    }

    /**
     * Like {@link #start(DatabaseUrl, PgTool)}, restoring only the definitions and rows of {@code only} (no indexes,
     * constraints or other objects: pg_restore's {@code --table}), each in a schema of its name.
     *
     * @param admin     petdb's admin URL
     * @param pgRestore the pg_restore to run
     * @param only      the tables to restore; empty for all
     * @return the running restore
     */
    public static ScratchRestore start(DatabaseUrl admin, PgTool pgRestore, List<TableName> only) {
        int lock = new SecureRandom().nextInt();
        String scratch = ScratchDatabases.name(Instant.now(), lock);
        Connection inUse;
        try {
            inUse = admin.connect(APPLICATION);
        } catch (SQLException e) {
            throw new BackupException("cannot create the scratch database " + scratch + ": " + SqlErrors.reason(e), e);
        }
        try (Statement statement = inUse.createStatement()) {
            ScratchDatabases.markInUse(inUse, lock); // before the database exists: see ScratchDatabases
            statement.execute("CREATE DATABASE " + scratch);
        } catch (SQLException e) {
            closeQuietly(inUse);
            throw new BackupException("cannot create the scratch database " + scratch + ": " + SqlErrors.reason(e), e);
        }
        List<String> command = new ArrayList<>(List.of(pgRestore.path().toString(), "--no-owner", "--no-acl",
                "--exit-on-error"));
        if (!only.isEmpty()) {
            try {
                createSchemas(admin.withDatabase(scratch), only); // pg_restore --table restores no schema
            } catch (SQLException e) {
                try {
                    dropDatabase(admin, scratch);
                } finally {
                    closeQuietly(inUse);
                }
                throw new BackupException("cannot prepare the scratch database " + scratch + ": " + SqlErrors.reason(e), e);
            }
            // pg_restore restores each --table in each --schema given: a few more tables than asked at worst
            new LinkedHashSet<>(only.stream().map(TableName::schema).toList()).forEach(s -> command.addAll(List.of("--schema", s)));
            new LinkedHashSet<>(only.stream().map(TableName::name).toList()).forEach(t -> command.addAll(List.of("--table", t)));
        }
        // --dbname makes pg_restore restore instead of printing SQL; the credentials stay in the environment
        command.addAll(List.of("--dbname", scratch));
        Process process;
        try {
            // it restores into the scratch database: its output is only progress
            process = PgClientEnvironment.start(command, admin, scratch, APPLICATION,
                    PgClientEnvironment.StandardOutput.DISCARD);
        } catch (BackupException e) {
            try {
                dropDatabase(admin, scratch);
            } finally {
                closeQuietly(inUse);
            }
            throw e;
        }
        return new ScratchRestore(admin, scratch, inUse, pgRestore, process, ProcessErrors.of(process), List.copyOf(only));
    }

    private static void createSchemas(DatabaseUrl scratch, List<TableName> only) throws SQLException {
        try (Connection connection = scratch.connect(APPLICATION); Statement statement = connection.createStatement()) {
            for (String schema : new LinkedHashSet<>(only.stream().map(TableName::schema).toList())) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + SqlText.identifier(schema));
            }
        }
    }

    /** @return the scratch database's name */
    public String scratchDatabase() {
        return scratch;
    }

    /** @return the URL of the scratch database (petdb's admin credentials) */
    private DatabaseUrl scratchUrl() {
        return admin.withDatabase(scratch);
    }

    /** @return a new connection to the scratch database, to read what was restored; the caller closes it */
    public Connection connectScratch() throws SQLException {
        return scratchUrl().connect(APPLICATION);
    }

    /** @return a new admin connection to the live database; the caller closes it */
    public Connection connectLive() throws SQLException {
        return admin.connect(APPLICATION);
    }

    /** @return pg_restore's standard input: the dump goes here */
    public OutputStream input() {
        return process.getOutputStream();
    }

    /**
     * Waits for pg_restore, then counts every dumped table's own rows (and every refreshed materialized view's) in
     * the scratch and the live database; when pg_restore failed, still counts what it restored.
     *
     * @param dump what the structural check read
     * @return per table, dumped, restored and live rows, and pg_restore's failure if it failed
     * @throws BackupException when pg_restore did not end, or counting failed
     */
    public RestoreTestResult finish(DumpContents dump) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // pg_restore stopped reading; its exit code tells why
        }
        int exit;
        try {
            if (!process.waitFor(6, TimeUnit.HOURS)) {
                throw new BackupException("pg_restore did not finish within 6 hours");
            }
            exit = process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted while pg_restore ran", e);
        }
        Optional<String> failure = Optional.empty();
        if (exit != 0) {
            String reason = errors.last();
            if (pgRestore.major() < dump.header().dumpMajorVersion()) {
                reason = "pg_restore " + pgRestore.version() + " cannot read a dump of pg_dump "
                        + dump.header().dumpVersion() + ": pg_restore " + dump.header().dumpMajorVersion()
                        + " or newer is needed (set PG_BIN)";
            }
            failure = Optional.of(reason);
        }
        return new RestoreTestResult(compare(dump), failure);
    }

    /**
     * Waits for pg_restore, then checks that each table restored holds as many rows as the dump.
     *
     * @param dump what the structural check read
     * @throws BackupException when pg_restore failed, or restored other row counts than the dump holds
     */
    public void awaitRestore(DumpContents dump) {
        finish(dump).failure(failed()).ifPresent(reason -> {
            throw new BackupException(reason);
        });
    }

    /** How a failure begins: a restore test's, or the restore of the tables chosen. */
    private String failed() {
        return only.isEmpty() ? "the restore test failed: "
                : "restoring " + String.join(", ", only.stream().map(TableName::toString).toList()) + " from the backup failed: ";
    }

    /**
     * Counts each table's own rows: {@code COPY} dumps a table without its inheritance children, so the counts use
     * {@code ONLY}; a partitioned table has no rows of its own and no data entry (its partitions have theirs); a
     * materialized view's entry is the {@code REFRESH} the restore ran, so its rows are those computed from the
     * backup's tables, not a count the dump holds; views and foreign tables have no data entry.
     */
    private List<TableRows> compare(DumpContents dump) {
        List<TableRows> rows = new ArrayList<>();
        try (Connection restored = scratchUrl().connect(APPLICATION); Connection live = admin.connect(APPLICATION)) {
            for (TocEntry entry : dump.entries()) {
                TableRows.Kind kind = switch (entry.desc()) {
                    case "TABLE DATA" -> TableRows.Kind.TABLE;
                    case "MATERIALIZED VIEW DATA" -> TableRows.Kind.MATERIALIZED_VIEW;
                    default -> null;
                };
                if (kind == null || !only.isEmpty() && !only.contains(new TableName(entry.namespace(), entry.tag()))) {
                    continue;
                }
                OptionalLong inDump = OptionalLong.empty();
                DataBlock block = dump.blocks().get(entry.dumpId());
                if (kind == TableRows.Kind.TABLE && block != null && block.rows() >= 0) {
                    inDump = OptionalLong.of(block.rows());
                }
                rows.add(new TableRows(entry.namespace(), entry.tag(), kind, inDump,
                        count(restored, kind, entry.namespace(), entry.tag()), count(live, kind, entry.namespace(), entry.tag())));
            }
        } catch (SQLException e) {
            throw new BackupException("counting rows after the restore failed: " + SqlErrors.reason(e), e);
        }
        return rows;
    }

    private static OptionalLong count(Connection connection, TableRows.Kind kind, String schema, String table)
            throws SQLException {
        String from = (kind == TableRows.Kind.TABLE ? "ONLY " : "") + SqlText.identifier(schema) + "."
                + SqlText.identifier(table);
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + from)) {
            rs.next();
            return OptionalLong.of(rs.getLong(1));
        } catch (SQLException e) {
            // the table (or its schema) is not there; a materialized view is not populated
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState()) || "55000".equals(e.getSQLState())) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    /** Stops pg_restore if it still runs and drops the scratch database. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dropQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(dropOnExit);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs or ran
        }
    }

    private synchronized void dropQuietly() {
        if (!dropped) {
            try {
                dropDatabase(admin, scratch);
            } finally {
                closeQuietly(inUse); // a database left behind is now stale, for the next run to drop
            }
            dropped = true;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // the server ends the session, and its lock, either way
        }
    }

    private static void dropDatabase(DatabaseUrl admin, String scratch) {
        try (Connection connection = admin.connect(APPLICATION); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + scratch + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new BackupException("could not drop the scratch database " + scratch + "; drop it by hand: "
                    + SqlErrors.reason(e), e);
        }
    }

}
