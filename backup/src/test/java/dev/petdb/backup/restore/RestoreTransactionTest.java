package dev.petdb.backup.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.petdb.backup.pgtools.PgClientEnvironment;
import dev.petdb.dburl.DatabaseUrl;
import dev.petdb.testkit.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * The restore's transaction in a real psql on a real server: it commits with petdb's approval only; a COMMIT from
 * anywhere else, or an input that just ends (petdb killed), leaves nothing behind.
 */
class RestoreTransactionTest {
    private final TestPostgres server = TestPostgres.shared();
    private final String database = server.createDatabase();

    private record Ran(int exit, String err) {
    }

    private Ran psql(String script) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("psql", "--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1");
        PgClientEnvironment.into(builder.environment(), DatabaseUrl.parse("DATABASE_URL", server.adminUrl(database)), database, "petdb-test");
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(script.getBytes(StandardCharsets.UTF_8));
        }
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES));
        return new Ran(process.exitValue(), err);
    }

    private List<String> tables() throws Exception {
        try (Connection c = server.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(string_agg(relname, ',' ORDER BY relname), '') FROM pg_class"
                     + " WHERE relname LIKE 'restored%'")) {
            rs.next();
            return rs.getString(1).isEmpty() ? List.of() : List.of(rs.getString(1).split(","));
        }
    }

    @Test
    void commitsWithPetdbsApproval() throws Exception {
        Ran ran = psql(RestoreTransaction.begin() + "CREATE TABLE restored (v int);\n" + RestoreTransaction.commit());
        assertEquals(0, ran.exit(), ran.err());
        assertEquals(List.of("restored"), tables());
    }

    @Test
    void anInputThatEndsWithoutTheCommitRollsBack() throws Exception {
        // what psql sees when petdb is killed in the middle of a COPY: the input just ends
        Ran ran = psql(RestoreTransaction.begin() + "CREATE TABLE restored_cut (v text);\nCOPY restored_cut FROM stdin;\nrow 1\nrow 2");
        assertEquals(0, ran.exit(), "psql itself sees nothing wrong: " + ran.err());
        assertEquals(List.of(), tables(), "yet nothing was committed");
    }

    @Test
    void aCommitWithoutApprovalIsRefused() throws Exception {
        Ran ran = psql(RestoreTransaction.begin() + "CREATE TABLE restored_early (v int);\nCOMMIT;\n");
        assertNotEquals(0, ran.exit());
        assertTrue(ran.err().contains("petdb: a COMMIT came before the restore was checked; rolled back"), ran.err());
        assertEquals(List.of(), tables());
    }
}
