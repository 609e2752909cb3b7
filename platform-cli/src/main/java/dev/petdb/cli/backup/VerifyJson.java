package dev.petdb.cli.backup;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.petdb.backup.manifest.VanishedData;
import dev.petdb.backup.restore.TableRows;
import dev.petdb.backup.verify.SchemaSummary;
import dev.petdb.backup.verify.VerifyReport;

/**
 * The JSON of a {@link VerifyResult}, in the order scripts and monitors have always seen it (components print in
 * snake_case, see {@code JsonOutput}); what a result does not have is left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record VerifyJson(String key, String time, Long ageSeconds, Long sizeBytes, Boolean encrypted, String archiveVersion,
                  String compression, String database, String serverVersion, String pgDumpVersion, Integer entries,
                  Integer dataBlocks, List<SchemaSummary> schemas, List<String> notes, List<Table> restoreTest, String status,
                  String error, String comparedWith, List<Finding> findings, String manifestError) {
    /**
     * Data that vanished since the backup it was compared with.
     *
     * @param kind   {@code schema_gone}, {@code table_gone}, {@code table_shrank}, {@code database_rows_shrank} or
     *               {@code database_bytes_shrank}
     * @param schema the schema, {@code null} for the database
     * @param table  the table, {@code null} for a schema or the database
     * @param before rows (bytes for the database's data) then
     * @param after  rows (bytes) now
     * @param text   the line the text output prints
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Finding(String kind, String schema, String table, long before, long after, String text) {
    }

    /** One table of a restore test; {@code null} where a count is missing (not restored, gone from live). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Table(String schema, String table, String kind, Long dumpRows, Long backupRows, Long liveRows) {
    }

    /** @return the JSON document of {@code result} */
    static VerifyJson of(VerifyResult result) {
        String time = result.time() == null ? null : result.time().toString();
        VerifyReport report = result.report();
        if (report == null) {
            return new VerifyJson(result.key(), time, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, result.status().label(), result.error(), null, null, result.manifestError());
        }
        var header = report.header();
        return new VerifyJson(result.key(), time, report.age().toSeconds(), report.backup().size(),
                report.backup().encrypted(), header.archiveVersion(), header.compression().name().toLowerCase(Locale.ROOT),
                header.databaseName(), header.serverVersion(), header.dumpVersion(), report.entries(), report.dataBlocks(),
                report.schemas(), report.notes(),
                report.restoreTest().map(test -> test.tables().stream().map(VerifyJson::table).toList()).orElse(null),
                result.status().label(), result.error(), result.comparedWith(),
                result.comparedWith() == null ? null : result.findings().stream().map(VerifyJson::finding).toList(),
                result.manifestError());
    }

    private static Finding finding(VanishedData.Finding f) {
        return new Finding(f.kind().label(), f.schema(), f.table(), f.before(), f.after(), f.text());
    }

    private static Table table(TableRows t) {
        return new Table(t.schema(), t.table(), t.kind() == TableRows.Kind.TABLE ? "table" : "materialized view",
                t.dumped().isPresent() ? t.dumped().getAsLong() : null,
                t.restored().isPresent() ? t.restored().getAsLong() : null,
                t.live().isPresent() ? t.live().getAsLong() : null);
    }
}
