package dev.petdb.cli.backup;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
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
                  String error) {
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
                    null, null, result.status().label(), result.error());
        }
        var header = report.header();
        return new VerifyJson(result.key(), time, report.age().toSeconds(), report.backup().size(),
                report.backup().encrypted(), header.archiveVersion(), header.compression().name().toLowerCase(Locale.ROOT),
                header.databaseName(), header.serverVersion(), header.dumpVersion(), report.entries(), report.dataBlocks(),
                report.schemas(), report.notes(),
                report.restoreTest().map(test -> test.tables().stream().map(VerifyJson::table).toList()).orElse(null),
                result.status().label(), result.error());
    }

    private static Table table(TableRows t) {
        return new Table(t.schema(), t.table(), t.kind() == TableRows.Kind.TABLE ? "table" : "materialized view",
                t.dumped().isPresent() ? t.dumped().getAsLong() : null,
                t.restored().isPresent() ? t.restored().getAsLong() : null,
                t.live().isPresent() ? t.live().getAsLong() : null);
    }
}
