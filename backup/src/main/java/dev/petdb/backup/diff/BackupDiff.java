package dev.petdb.backup.diff;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.archive.BackupArchive;
import dev.petdb.backup.archive.DecryptionKey;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.dump.DumpContents;
import dev.petdb.backup.pgtools.PgTool;
import dev.petdb.backup.restore.ScratchRestore;
import dev.petdb.backup.restore.TableName;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.dburl.SqlErrors;

/**
 * Compares tables of a backup with the live ones: the backup streams (decrypted, unpacked, checked as {@code verify}
 * checks it) into pg_restore, which restores only those tables into a scratch database on petdb's server; then each
 * table is compared with {@link TableComparison}, and the scratch database is dropped. The live database is only
 * read, in one read-only repeatable-read transaction, so all tables are compared as of one moment.
 */
public final class BackupDiff {
    private final DatabaseUrl admin;
    private final PgTool pgRestore;
    /** {@code null}: no key was configured. */
    private final DecryptionKey key;

    /**
     * @param admin     petdb's admin URL: the live database, and the server of the scratch database
     * @param pgRestore the pg_restore to run
     * @param key       how to decrypt encrypted backups; {@code null} when only plain ones are expected
     */
    public BackupDiff(DatabaseUrl admin, PgTool pgRestore, DecryptionKey key) {
        this.admin = admin;
        this.pgRestore = pgRestore;
        this.key = key;
    }

    /**
     * @param backup  the backup
     * @param content its content; read to its end, not closed
     * @param tables  the live tables to compare ({@link LiveTables})
     * @param limit   how many examples of each kind to keep per table
     * @return per table, what changed, in the order given
     * @throws BackupException when a table is not in the backup, the backup is broken, or a restore or read fails
     */
    public List<TableDiff> diff(Backup backup, InputStream content, List<TableName> tables, int limit) {
        try (ScratchRestore restore = ScratchRestore.start(admin, pgRestore, tables)) {
            DumpContents dump = BackupArchive.read(content, backup.encrypted(), key, restore.input());
            for (TableName table : tables) {
                boolean inDump = dump.entries().stream().anyMatch(e -> e.desc().equals("TABLE")
                        && e.namespace().equals(table.schema()) && e.tag().equals(table.name()));
                if (!inDump) {
                    throw new BackupException("table " + table + " is not in the backup " + backup.key());
                }
            }
            restore.awaitRestore(dump);
            return compare(restore, tables, limit);
        }
    }

    private static List<TableDiff> compare(ScratchRestore restore, List<TableName> tables, int limit) {
        List<TableDiff> diffs = new ArrayList<>();
        try (Connection restored = restore.connectScratch(); Connection live = restore.connectLive()) {
            restored.setAutoCommit(false); // cursors need a transaction
            live.setAutoCommit(false);
            live.setReadOnly(true);
            live.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                for (TableName table : tables) {
                    try {
                        diffs.add(TableComparison.compare(restored, live, table.schema(), table.name(), limit));
                    } catch (SQLException e) {
                        throw new BackupException("comparing " + table + " failed: " + SqlErrors.reason(e), e);
                    }
                }
            } finally {
                live.rollback();
                restored.rollback();
            }
        } catch (SQLException e) {
            throw new BackupException("cannot read the tables to compare: " + SqlErrors.reason(e), e);
        }
        return diffs;
    }

}
