package dev.petdb.backup.verify;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.archive.BackupArchive;
import dev.petdb.backup.archive.DecryptionKey;
import dev.petdb.backup.catalog.Backup;
import dev.petdb.backup.dump.DataBlock;
import dev.petdb.backup.dump.DumpContents;
import dev.petdb.backup.dump.TocEntry;
import dev.petdb.backup.pgtools.PgTool;
import dev.petdb.backup.restore.RestoreTestResult;
import dev.petdb.backup.restore.ScratchRestore;
import dev.petdb.dburl.DatabaseUrl;

/**
 * The structural check: download, decrypt, gunzip, untar and read the whole pg_dump archive in one pass, and sum up
 * what each schema holds. It proves the backup is whole and readable; only a restore proves PostgreSQL takes it.
 */
public final class BackupVerifier {
    /**
     * What a restore test needs.
     *
     * @param admin     petdb's admin URL
     * @param pgRestore the pg_restore to run
     */
    public record RestoreTest(DatabaseUrl admin, PgTool pgRestore) {
    }

    private final DecryptionKey key;

    /**
     * @param key how to decrypt encrypted backups; {@code null} when the environment configures none (an encrypted
     *            backup then fails its check)
     */
    public BackupVerifier(DecryptionKey key) {
        this.key = key;
    }

    /**
     * Checks one backup.
     *
     * @param backup the backup (its name says whether it is encrypted)
     * @param in     its content, from the store or a file; read to its end, not closed
     * @param now    the time to measure its age against
     * @return the report
     * @throws BackupException when the backup does not read whole
     */
    public VerifyReport verify(Backup backup, InputStream in, Instant now) {
        DumpContents dump = BackupArchive.read(in, backup.encrypted(), key);
        return report(backup, now, dump, null);
    }

    /**
     * Checks one backup and also restores the same bytes into a scratch database on petdb's server (always dropped
     * afterwards) and compares row counts with the live database. A restore test that failed is in the report
     * ({@link VerifyReport#failure()}), with the rows it found, not thrown.
     *
     * @param backup      the backup (its name says whether it is encrypted)
     * @param in          its content, from the store or a file; read to its end, not closed
     * @param now         the time to measure its age against
     * @param restoreTest where to restore it
     * @return the report
     * @throws BackupException when the backup does not read whole
     */
    public VerifyReport verify(Backup backup, InputStream in, Instant now, RestoreTest restoreTest) {
        try (ScratchRestore restore = ScratchRestore.start(restoreTest.admin(), restoreTest.pgRestore())) {
            DumpContents dump = BackupArchive.read(in, backup.encrypted(), key, restore.input());
            return report(backup, now, dump, restore.finish(dump));
        }
    }

    /** {@code restored} is {@code null} without a restore test. */
    private static VerifyReport report(Backup backup, Instant now, DumpContents dump, RestoreTestResult restored) {
        return new VerifyReport(backup, Duration.between(backup.createdAt(), now), dump.header(), dump.entries().size(),
                dump.blocks().size(), summarize(dump), tables(dump), dump.notes(), Optional.ofNullable(restored));
    }

    /** Every table and materialized view with its data block's rows and bytes; one without a block has none. */
    private static List<TableSummary> tables(DumpContents dump) {
        Map<String, DataBlock> dataByName = new TreeMap<>();
        for (TocEntry entry : dump.entries()) {
            if (entry.desc().equals("TABLE DATA") || entry.desc().equals("MATERIALIZED VIEW DATA")) {
                DataBlock block = dump.blocks().get(entry.dumpId());
                if (block != null) {
                    dataByName.put(entry.namespace() + "." + entry.tag(), block);
                }
            }
        }
        List<TableSummary> tables = new ArrayList<>();
        for (TocEntry entry : dump.entries()) {
            if (!entry.namespace().isEmpty()
                    && (entry.desc().equals("TABLE") || entry.desc().equals("MATERIALIZED VIEW"))) {
                DataBlock block = dataByName.get(entry.namespace() + "." + entry.tag());
                tables.add(new TableSummary(entry.namespace(), entry.tag(), block == null ? 0 : block.rows(),
                        block == null ? 0 : block.dataBytes()));
            }
        }
        tables.sort(Comparator.comparing(TableSummary::schema).thenComparing(TableSummary::table));
        return tables;
    }

    private static List<SchemaSummary> summarize(DumpContents dump) {
        Map<String, SchemaTotals> bySchema = new TreeMap<>();
        for (TocEntry entry : dump.entries()) {
            if (entry.namespace().isEmpty()) {
                continue;
            }
            SchemaTotals totals = bySchema.getOrDefault(entry.namespace(), SchemaTotals.NONE);
            if (entry.desc().equals("TABLE")) {
                bySchema.put(entry.namespace(), totals.withTable());
            } else if (entry.desc().equals("TABLE DATA")) {
                DataBlock block = dump.blocks().get(entry.dumpId());
                bySchema.put(entry.namespace(), block == null ? totals : totals.with(block));
            }
        }
        List<SchemaSummary> schemas = new ArrayList<>();
        bySchema.forEach((schema, totals) -> {
            if (totals.tables() > 0) {
                schemas.add(new SchemaSummary(schema, totals.tables(), totals.rows(), totals.dataBytes()));
            }
        });
        return schemas;
    }

    /**
     * A schema's running totals while the table of contents is read; rows and bytes stay {@link #UNKNOWN} once one
     * data block's are unknown.
     */
    private record SchemaTotals(long tables, long rows, long dataBytes) {
        static final long UNKNOWN = -1;
        static final SchemaTotals NONE = new SchemaTotals(0, 0, 0);

        SchemaTotals withTable() {
            return new SchemaTotals(tables + 1, rows, dataBytes);
        }

        SchemaTotals with(DataBlock block) {
            return new SchemaTotals(tables, add(rows, block.rows()), add(dataBytes, block.dataBytes()));
        }

        private static long add(long total, long more) {
            return total < 0 || more < 0 ? UNKNOWN : total + more;
        }
    }
}
