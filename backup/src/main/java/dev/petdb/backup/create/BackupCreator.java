package dev.petdb.backup.create;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.archive.DecryptionKey;
import dev.petdb.backup.archive.OpenPgpEncryption;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.pgtools.PgClientEnvironment;
import dev.petdb.backup.pgtools.PgTool;
import dev.petdb.backup.pgtools.ProcessErrors;
import dev.petdb.backup.store.BackupStore;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.dburl.SqlErrors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Makes a backup the way dokku-postgres does ({@code pg_dump -Fc --no-acl --no-owner} as {@code backup/export} in a
 * gzipped tar, optionally gpg-encrypted, named {@code NAME-YYYY-MM-DD-HH-MM-SS.tgz[.gpg]}), streamed from pg_dump to a
 * multipart upload without a temporary file.
 * <p>
 * A tar header states the entry's size before its data, and pg_dump's size is known only at its end; so pg_dump runs
 * twice on one exported snapshot: first only to count the bytes, then to stream them. Both runs see the same data and
 * write the same length; if they did not, the tar writer refuses the difference and the upload is aborted.
 */
public final class BackupCreator {
    private final DatabaseUrl admin;
    private final PgTool pgDump;
    private final BackupStore store;

    /**
     * Whether and how to encrypt: not at all, or the two ways dokku does, with a passphrase
     * ({@code backup-set-encryption}) or to a public key ({@code backup-set-public-key-encryption}).
     */
    public sealed interface Encryption {
        /** A plain {@code .tgz}. */
        Encryption NONE = new None();

        /** A plain {@code .tgz}: see {@link #NONE}. */
        record None() implements Encryption {
        }

        /**
         * {@code gpg --symmetric}: the same passphrase decrypts it.
         *
         * @param passphrase the passphrase, as the decrypting side holds it too (copied, never shown)
         */
        record WithPassphrase(DecryptionKey.Passphrase passphrase) implements Encryption {
        }

        /**
         * {@code gpg --encrypt --recipient}: the matching secret key decrypts it.
         *
         * @param key an exported OpenPGP public key, armored or binary
         */
        record ToPublicKey(byte[] key) implements Encryption {
        }
    }

    /** What was stored. */
    public record Created(String key, long bytes, long dumpBytes) {
    }

    /**
     * @param admin  petdb's admin URL
     * @param pgDump the pg_dump to run; at least the server's major version
     * @param store  where backups go
     */
    public BackupCreator(DatabaseUrl admin, PgTool pgDump, BackupStore store) {
        this.admin = admin;
        this.pgDump = pgDump;
        this.store = store;
    }

    /**
     * @param prefix     the folder in the bucket, empty or ending in {@code /}
     * @param backupName the start of the file name, e.g. {@code postgres-petdb}
     * @param encryption whether and how to encrypt it
     * @param now        the backup's time, in its name
     * @return the stored object
     * @throws BackupException when anything fails; then no object is stored
     */
    public Created create(String prefix, String backupName, Encryption encryption, Instant now) {
        String key = prefix + Backup.fileName(backupName, now, !(encryption instanceof Encryption.None));
        try (Connection snapshotHolder = admin.connect("petdb-backup-create")) {
            int serverMajor = serverMajor(snapshotHolder);
            if (!pgDump.handles(serverMajor)) {
                throw new BackupException("pg_dump " + pgDump.version() + " cannot dump PostgreSQL " + serverMajor
                        + ": pg_dump " + serverMajor + " or newer is needed (set PG_BIN)");
            }
            snapshotHolder.setAutoCommit(false);
            String snapshot;
            try (Statement statement = snapshotHolder.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                try (ResultSet rs = statement.executeQuery("SELECT pg_export_snapshot()")) {
                    rs.next();
                    snapshot = rs.getString(1);
                }
            }
            long dumpBytes = countDump(snapshot);
            long stored = upload(key, snapshot, dumpBytes, now, encryption);
            snapshotHolder.rollback();
            return new Created(key, stored, dumpBytes);
        } catch (SQLException e) {
            throw new BackupException("cannot reach petdb: " + SqlErrors.reason(e), e);
        }
    }

    private long countDump(String snapshot) {
        Process dump = startDump(snapshot);
        ProcessErrors errors = ProcessErrors.of(dump);
        try (InputStream out = dump.getInputStream()) {
            long count = out.transferTo(OutputStream.nullOutputStream());
            requireSuccess(dump, errors);
            return count;
        } catch (IOException e) {
            dump.destroyForcibly();
            throw new BackupException("pg_dump failed: " + e.getMessage(), e);
        }
    }

    private long upload(String key, String snapshot, long dumpBytes, Instant now, Encryption encryption) {
        PipedInputStream pipeIn = new PipedInputStream(1 << 20);
        WriterFailure failure = new WriterFailure();
        PipedOutputStream pipeOut;
        try {
            pipeOut = new PipedOutputStream(pipeIn);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                OutputStream target = switch (encryption) {
                    case Encryption.None none -> pipeOut;
                    case Encryption.WithPassphrase p -> OpenPgpEncryption.encrypt(pipeOut, p.passphrase().passphrase());
                    case Encryption.ToPublicKey k -> OpenPgpEncryption.encryptTo(pipeOut, k.key());
                };
                try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(target, 1 << 16))) {
                    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                    TarArchiveEntry folder = new TarArchiveEntry("backup/");
                    folder.setModTime(Date.from(now));
                    tar.putArchiveEntry(folder);
                    tar.closeArchiveEntry();
                    TarArchiveEntry export = new TarArchiveEntry("backup/export");
                    export.setSize(dumpBytes);
                    export.setMode(0100644);
                    export.setModTime(Date.from(now));
                    tar.putArchiveEntry(export);
                    Process dump = startDump(snapshot);
                    ProcessErrors errors = ProcessErrors.of(dump);
                    try (InputStream out = dump.getInputStream()) {
                        out.transferTo(tar);
                    }
                    requireSuccess(dump, errors);
                    tar.closeArchiveEntry(); // refuses an entry of another length than counted
                    tar.finish();
                }
            } catch (Throwable e) { // whatever stops the writer must reach the reader, or a broken backup completes
                failure.set(e);
                try {
                    pipeOut.close();
                } catch (IOException ignored) {
                    // the reader learns of the failure at the end of its stream
                }
            }
        });
        try (InputStream content = new FailingAtEnd(pipeIn, failure)) {
            return store.upload(key, content);
        } catch (IOException e) {
            throw new BackupException("the backup stream failed: " + e.getMessage(), e);
        } finally {
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Process startDump(String snapshot) {
        List<String> command = new ArrayList<>(List.of(pgDump.path().toString(), "-Fc", "--no-acl", "--no-owner",
                "--snapshot", snapshot));
        return PgClientEnvironment.start(command, admin, admin.database(), "petdb-backup-create",
                PgClientEnvironment.StandardOutput.PIPE); // the dump, counted or streamed into the tar
    }

    private static void requireSuccess(Process dump, ProcessErrors errors) {
        try {
            if (!dump.waitFor(6, TimeUnit.HOURS) || dump.exitValue() != 0) {
                throw new BackupException("pg_dump failed: " + errors.last());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted while pg_dump ran", e);
        }
    }

    private static int serverMajor(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The writer's failure, for the reading side. */
    private static final class WriterFailure {
        private volatile Throwable failure;

        void set(Throwable e) {
            failure = e;
        }

        Throwable get() {
            return failure;
        }
    }

    /** Ends with the writer's failure instead of a clean end, so that a broken backup is never completed. */
    private static final class FailingAtEnd extends FilterInputStream {
        private final WriterFailure failure;

        FailingAtEnd(InputStream in, WriterFailure failure) {
            super(in);
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                check();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                check();
            }
            return n;
        }

        private void check() throws IOException {
            Throwable e = failure.get();
            if (e instanceof BackupException backup) {
                throw new IOException(backup.getMessage(), backup);
            }
            if (e != null) {
                throw new IOException("writing the backup failed: " + e.getMessage(), e);
            }
        }
    }
}
