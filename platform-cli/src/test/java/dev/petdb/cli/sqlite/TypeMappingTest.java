package dev.petdb.cli.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The affinity rules of https://www.sqlite.org/datatype3.html section 3.1, with the examples of its table 3.1.1, and
 * the type each affinity becomes.
 */
class TypeMappingTest {
    @ParameterizedTest
    @CsvSource({
            "INT, INTEGER", "INTEGER, INTEGER", "TINYINT, INTEGER", "UNSIGNED BIG INT, INTEGER", "INT8, INTEGER",
            "CHARACTER(20), TEXT", "VARCHAR(255), TEXT", "NATIVE CHARACTER(70), TEXT", "NVARCHAR(100), TEXT",
            "TEXT, TEXT", "CLOB, TEXT", "BLOB, BLOB", "'', BLOB", "REAL, REAL", "DOUBLE, REAL",
            "DOUBLE PRECISION, REAL", "FLOAT, REAL", "NUMERIC, NUMERIC", "'DECIMAL(10,5)', NUMERIC", "BOOLEAN, NUMERIC",
            "DATE, NUMERIC", "DATETIME, NUMERIC",
            // the rules go in order: "POINT" holds INT, "FLOATING POINT" therefore is INTEGER, "STRING" NUMERIC
            "FLOATING POINT, INTEGER", "STRING, NUMERIC", "CHARINT, INTEGER"})
    void affinityFollowsSqlitesRules(String declared, TypeMapping.Affinity affinity) {
        assertEquals(affinity, TypeMapping.affinity(declared));
    }

    private static ColumnStats stats(long integers, long reals, long texts, long blobs) {
        return new ColumnStats(integers, reals, texts, blobs, 0, 0);
    }

    @ParameterizedTest
    @CsvSource({"BIGINT, BIGINT", "varchar(10), TEXT", "FLOAT, DOUBLE", "'DECIMAL(9,2)', NUMERIC", "BLOB, BYTEA"})
    void eachAffinityHasItsType(String declared, PgType type) {
        TypeMapping.Mapping mapping = TypeMapping.map(declared, stats(0, 0, 0, 0), false, false);
        assertEquals(type, mapping.type());
        assertNull(mapping.misfit());
    }

    @Test
    void aValueOfAnotherKindIsAProblemNamingItsRowidUnlessLenient() {
        TypeMapping.Mapping strict = TypeMapping.map("INTEGER", stats(5, 1, 0, 0), false, false);
        assertEquals("real value does not fit bigint (5 integer, 1 real)", strict.misfit().toString());
        assertEquals("real", strict.misfit().kind());
        TypeMapping.Mapping lenient = TypeMapping.map("INTEGER", stats(5, 1, 0, 0), false, true);
        assertEquals(PgType.TEXT, lenient.type());
        assertNull(lenient.misfit());
        assertTrue(lenient.note().startsWith("mapped to text (--lenient)"));
        assertNull(TypeMapping.map("REAL", stats(3, 3, 0, 0), false, false).misfit(), "integers fit a real column");
    }

    @Test
    void datesBecomeDatesOnlyWhenEveryValueParses() {
        ColumnStats all = new ColumnStats(0, 0, 3, 0, 1, 3);
        assertEquals(PgType.DATE, TypeMapping.map("DATE", all, false, false).type());
        ColumnStats some = new ColumnStats(0, 0, 3, 0, 1, 2);
        assertEquals(PgType.TEXT, TypeMapping.map("DATE", some, false, false).type());
        ColumnStats stamps = new ColumnStats(0, 0, 2, 0, 0, 2);
        assertEquals(PgType.TIMESTAMP, TypeMapping.map("datetime", stamps, false, false).type());
    }

    @Test
    void checksumIgnoresRowOrderButSeesEveryValueAndEveryRow() {
        Checksum one = new Checksum();
        row(one, 1, "a");
        row(one, 2, "b");
        Checksum swapped = new Checksum();
        row(swapped, 2, "b");
        row(swapped, 1, "a");
        Checksum changed = new Checksum();
        row(changed, 1, "a");
        row(changed, 2, "c");
        Checksum doubled = new Checksum();
        row(doubled, 1, "a");
        row(doubled, 1, "a");
        row(doubled, 2, "b");
        assertEquals(one.result(), swapped.result());
        assertNotEquals(one.result(), changed.result());
        assertNotEquals(one.result().sum(), doubled.result().sum() - hashOfRow(1, "a"));
        assertNotEquals(one.result(), doubled.result());

        Checksum scale = new Checksum();
        scale.addNumeric(new BigDecimal("1.50"));
        scale.endRow();
        Checksum plain = new Checksum();
        plain.addNumeric(new BigDecimal("1.5"));
        plain.endRow();
        assertEquals(scale.result(), plain.result(), "numeric 1.50 and 1.5 are the same value");
    }

    private static long hashOfRow(long id, String text) {
        Checksum single = new Checksum();
        row(single, id, text);
        return single.result().sum() + 1;
    }

    private static void row(Checksum checksum, long id, String text) {
        checksum.addLong(id);
        checksum.addText(text.getBytes(StandardCharsets.UTF_8));
        checksum.endRow();
    }
}
