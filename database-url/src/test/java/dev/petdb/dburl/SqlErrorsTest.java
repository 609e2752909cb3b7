package dev.petdb.dburl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.UnknownHostException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class SqlErrorsTest {
    @Test
    void keepsTheFirstLineWithoutTheDriversPrefix() {
        assertEquals("relation \"x\" does not exist",
                SqlErrors.reason(new SQLException("ERROR: relation \"x\" does not exist\n  Position: 15")));
    }

    @Test
    void namesTheUnderlyingCause() {
        SQLException e = new SQLException("The connection attempt failed.", new UnknownHostException("db.invalid"));
        assertEquals("The connection attempt failed (UnknownHostException: db.invalid)", SqlErrors.reason(e));
    }

    @Test
    void firstLineOfNothingIsUnknown() {
        assertEquals("unknown error", SqlErrors.firstLine(null));
        assertEquals("unknown error", SqlErrors.firstLine("  \n"));
        assertEquals("one", SqlErrors.firstLine(" one\ntwo"));
    }
}
