package dev.petdb.cli.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import dev.petdb.backup.store.R2BackupStore;
import dev.petdb.backup.store.R2Settings;
import dev.petdb.testkit.TestS3;
import org.junit.jupiter.api.Test;

/**
 * Progress on a terminal is gone before the result is printed; elsewhere its lines stay. The terminal is modelled by
 * what it does with carriage returns: {@link #screen} renders what was written as a terminal would show it.
 */
class ProgressStoreTest {
    private static final int SIZE = 3 * 1024 * 1024;

    /** The lines a terminal shows for {@code written}: a carriage return moves back to the line's start. */
    static List<String> screen(String written) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int column = 0;
        for (char c : written.toCharArray()) {
            if (c == '\n') {
                lines.add(line.toString().stripTrailing());
                line.setLength(0);
                column = 0;
            } else if (c == '\r') {
                column = 0;
            } else {
                if (column < line.length()) {
                    line.setCharAt(column, c);
                } else {
                    line.append(c);
                }
                column++;
            }
        }
        lines.add(line.toString().stripTrailing());
        return lines;
    }

    private static String download(TestS3 s3, boolean terminal) throws Exception {
        StringWriter err = new StringWriter();
        PrintWriter writer = new PrintWriter(err);
        try (ProgressStore store = new ProgressStore(R2BackupStore.connect(R2Settings.fromEnvironment(s3.env(""))), writer, terminal)) {
            store.list("");
            try (InputStream in = store.open("big")) {
                byte[] buffer = new byte[64 * 1024];
                for (int got = 0; got < SIZE; ) { // to the last byte, never past it: gunzip stops at its trailer too
                    got += Math.max(0, in.read(buffer, 0, Math.min(buffer.length, SIZE - got)));
                }
                writer.print("the result\n"); // printed before the stream is closed, as verify does
                writer.flush();
            }
        }
        return err.toString();
    }

    @Test
    void theBarIsWipedBeforeTheResultOnATerminalAndLinesStayElsewhere() throws Exception {
        try (TestS3 s3 = TestS3.start("petdb-backups")) {
            s3.put("big", new byte[SIZE]);
            String terminal = download(s3, true);
            assertTrue(terminal.contains("downloading big"), "a bar was drawn: " + terminal);
            assertEquals(List.of("the result", ""), screen(terminal), "the bar is gone, the result starts the line");

            List<String> plain = screen(download(s3, false));
            assertEquals("the result", plain.get(plain.size() - 2));
            assertTrue(plain.get(0).matches("downloading big: 2\\d% \\(.*"), "a line at a quarter: " + plain);
            assertTrue(plain.get(plain.size() - 3).startsWith("downloading big: 100% ("), plain.toString());
        }
    }

    @Test
    void aShorterRedrawLeavesNothingOfTheLongerLine() {
        StringWriter err = new StringWriter();
        TerminalLine line = new TerminalLine(new PrintWriter(err));
        line.draw("[#####     ] 50% downloading");
        line.draw("[######] 60%");
        assertEquals(List.of("[######] 60%"), screen(err.toString()));
        line.clear();
        assertEquals(List.of(""), screen(err.toString()));
    }
}
