package dev.petdb.kit.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

class StdoutHandlerTest {
    private final StringWriter written = new StringWriter();
    private final StdoutHandler handler = new StdoutHandler(new java.io.BufferedWriter(written, 1024));

    @Test
    void infoLinesWaitInTheBufferUntilFlushed() {
        handler.publish(record(Level.INFO, "GET / 200 1.2ms"));
        assertEquals("", written.toString());
        handler.flush();
        assertEquals("INFO access: GET / 200 1.2ms" + System.lineSeparator(), written.toString());
    }

    @Test
    void warningsAreWrittenAtOnceWithWhatCameBefore() {
        handler.publish(record(Level.INFO, "first"));
        handler.publish(record(Level.WARNING, "second"));
        assertEquals("INFO access: first" + System.lineSeparator() + "WARNING access: second" + System.lineSeparator(),
                written.toString());
    }

    @Test
    void parametersAreFilledInAndFailuresCarryTheirStackTrace() {
        LogRecord record = record(Level.SEVERE, "{0} failed");
        record.setParameters(new Object[] {"GET /items"});
        record.setThrown(new IllegalStateException("boom"));
        handler.publish(record);
        String text = written.toString();
        assertTrue(text.startsWith("SEVERE access: GET /items failed" + System.lineSeparator()
                + "java.lang.IllegalStateException: boom"), text);
        assertTrue(text.contains("\tat dev.petdb.kit.logging.StdoutHandlerTest"), text);
    }

    private static LogRecord record(Level level, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("access");
        return record;
    }
}
