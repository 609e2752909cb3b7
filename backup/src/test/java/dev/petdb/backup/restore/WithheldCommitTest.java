package dev.petdb.backup.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Only pg_restore's own closing COMMIT is held back; every other byte reaches psql as it was written. */
class WithheldCommitTest {
    private static final String HEADER = "--\n-- PostgreSQL database dump\n--\n\n\\restrict abc\n\nBEGIN;\n\nSET x = 1;\n";
    private static final String FOOTER = "\n--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict abc\n\n";

    private record Passed(String text, boolean withheld) {
    }

    private static Passed pass(String script, int chunk) throws IOException {
        ByteArrayOutputStream psql = new ByteArrayOutputStream();
        WithheldCommit filter = new WithheldCommit(psql);
        byte[] bytes = script.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += chunk) {
            filter.write(bytes, i, Math.min(chunk, bytes.length - i));
        }
        filter.finish();
        return new Passed(psql.toString(StandardCharsets.UTF_8), filter.withheld());
    }

    @Test
    void dropsTheClosingCommitAndKeepsTheFooter() throws IOException {
        Passed passed = pass(HEADER + "CREATE TABLE t (v text);\n\nCOMMIT;\n" + FOOTER, 7);
        assertTrue(passed.withheld());
        assertEquals(HEADER + "CREATE TABLE t (v text);\n\n" + FOOTER, passed.text());
    }

    @Test
    void leavesCommitsInRowsAndRoutineBodiesAlone() throws IOException {
        String body = HEADER
                + "CREATE PROCEDURE p() LANGUAGE plpgsql AS $$\nBEGIN\nCOMMIT;\nEND $$;\n\n"
                + "COPY t (v) FROM stdin;\nCOMMIT;\n\\.\n\n";
        Passed passed = pass(body + "COMMIT;\n" + FOOTER, 3);
        assertTrue(passed.withheld());
        assertEquals(body + FOOTER, passed.text());
    }

    @Test
    void aScriptThatBreaksOffIsPassedWholeAndSaysSo() throws IOException {
        String cut = HEADER + "COPY t (v) FROM stdin;\nCOMMIT;\n";
        Passed passed = pass(cut + "more rows\n", 5);
        assertFalse(passed.withheld(), "a COMMIT followed by more than a footer is data");
        assertEquals(cut + "more rows\n", passed.text());
        Passed noCommit = pass(HEADER + "CREATE TABLE t (v text);\n", 64);
        assertFalse(noCommit.withheld());
        assertEquals(HEADER + "CREATE TABLE t (v text);\n", noCommit.text());
    }

    @Test
    void passesLargeScriptsThroughInOrder() throws IOException {
        StringBuilder rows = new StringBuilder(HEADER).append("COPY t (v) FROM stdin;\n");
        for (int i = 0; i < 50_000; i++) {
            rows.append("row ").append(i).append(i % 1000 == 0 ? "\nCOMMIT;" : "").append('\n');
        }
        rows.append("\\.\n\n");
        Passed passed = pass(rows + "COMMIT;\n" + FOOTER, 8192);
        assertTrue(passed.withheld());
        assertEquals(rows + FOOTER, passed.text());
    }

    @Test
    void holdsTheScriptBackUntilOpenedThenPutsTheFirstSqlBeforeIt() throws IOException {
        ByteArrayOutputStream psql = new ByteArrayOutputStream();
        WithheldCommit filter = WithheldCommit.untilOpened(psql);
        filter.write((HEADER + "DROP TABLE t;\n").getBytes(StandardCharsets.UTF_8));
        assertEquals("", psql.toString(StandardCharsets.UTF_8), "nothing before the table of contents is known");
        filter.open("DROP SCHEMA s CASCADE;\n".getBytes(StandardCharsets.UTF_8));
        filter.write(("CREATE TABLE t (v text);\n\nCOMMIT;\n" + FOOTER).getBytes(StandardCharsets.UTF_8));
        filter.finish();
        assertTrue(filter.withheld());
        assertEquals("DROP SCHEMA s CASCADE;\n" + HEADER + "DROP TABLE t;\nCREATE TABLE t (v text);\n\n" + FOOTER,
                psql.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aScriptNeverOpenedPassesNothingOnAndIsNotCommittable() throws IOException {
        ByteArrayOutputStream psql = new ByteArrayOutputStream();
        WithheldCommit filter = WithheldCommit.untilOpened(psql);
        filter.write((HEADER + "COMMIT;\n" + FOOTER).getBytes(StandardCharsets.UTF_8));
        filter.finish();
        assertFalse(filter.withheld());
        assertEquals("", psql.toString(StandardCharsets.UTF_8));
    }
}
