package dev.petdb.backup.verify;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import dev.petdb.backup.restore.RestoreTestResult;
import dev.petdb.backup.restore.ScratchRestore;

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
    public record RestoreTest(dev.petdb.dburl.DatabaseUrl admin, dev.petdb.backup.pgtools.PgTool pgRestore) {
    }

    private final Optional<DecryptionKey> key;

    /**
     * @param key how to decrypt encrypted backups, if any are
     */
    public BackupVerifier(Optional<DecryptionKey> key) {
        this.key = key;
    }

    /**
     * Checks one backup; with {@code restoreTest} also restores the same bytes into a scratch database on petdb's
     * server (always dropped afterwards) and compares row counts with the live database. A restore test that
     * failed is in the report ({@link VerifyReport#failure()}), with the rows it found, not thrown.
     *
     * @param backup      the backup (its name says whether it is encrypted)
     * @param in          its content, from the store or a file; read to its end, not closed
     * @param now         the time to measure its age against
     * @param restoreTest for a restore test
     * @return the report
     * @throws BackupException when the backup does not read whole
     */
    public VerifyReport verify(Backup backup, InputStream in, Instant now, Optional<RestoreTest> restoreTest) {
        DumpContents dump;
        Optional<RestoreTestResult> restored = Optional.empty();
        if (restoreTest.isPresent()) {
            try (ScratchRestore restore = ScratchRestore.start(restoreTest.get().admin(), restoreTest.get().pgRestore())) {
                dump = BackupArchive.read(in, backup.encrypted(), key, Optional.of(restore.input()));
                restored = Optional.of(restore.finish(dump));
            }
        } else {
            dump = BackupArchive.read(in, backup.encrypted(), key);
        }
        return new VerifyReport(backup, Duration.between(backup.createdAt(), now), dump.header(), dump.entries().size(),
                dump.blocks().size(), summarize(dump), dump.notes(), restored);
    }

    private static List<SchemaSummary> summarize(DumpContents dump) {
        Map<String, long[]> bySchema = new TreeMap<>();
        for (TocEntry entry : dump.entries()) {
            if (entry.namespace().isEmpty()) {
                continue;
            }
            long[] sums = bySchema.computeIfAbsent(entry.namespace(), s -> new long[3]);
            if (entry.desc().equals("TABLE")) {
                sums[0]++;
            } else if (entry.desc().equals("TABLE DATA")) {
                DataBlock block = dump.blocks().get(entry.dumpId());
                if (block != null) {
                    sums[1] = block.rows() < 0 || sums[1] < 0 ? -1 : sums[1] + block.rows();
                    sums[2] = block.dataBytes() < 0 || sums[2] < 0 ? -1 : sums[2] + block.dataBytes();
                }
            }
        }
        List<SchemaSummary> schemas = new ArrayList<>();
        bySchema.forEach((schema, sums) -> {
            if (sums[0] > 0) {
                schemas.add(new SchemaSummary(schema, sums[0], sums[1], sums[2]));
            }
        });
        return schemas;
    }
}
