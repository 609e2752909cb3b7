package dev.petdb.backup.dump;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * What one data block holds once decompressed, counted as it streams past: bytes, lines, its last bytes, and for a
 * table's COPY text whether every row has the table's number of fields. In COPY's text format a tab inside a value is
 * written as {@code \t} and a newline as {@code \n}, so a raw tab or newline that moved (a flipped byte the compression
 * carries no checksum for, as with pg_dump's LZ4 and Zstandard frames) shows as a row COPY would refuse.
 */
final class BlockCounts {
    /** The last five bytes of a table's COPY data: {@code \.\n\n\n}. */
    static final long COPY_END = ((long) '\\' << 32) | ((long) '.' << 24) | ('\n' << 16) | ('\n' << 8) | '\n';

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_SEVEN = 0x7f7f_7f7f_7f7f_7f7fL;
    private static final long TABS = 0x0909_0909_0909_0909L;
    private static final long NEWLINES = 0x0a0a_0a0a_0a0a_0a0aL;

    /** Tabs each row must have, or -1 when not checked (large objects, a COPY statement not understood). */
    private final int tabs;
    long stored;
    long data;
    long lines;
    long tail;
    private int tabsInLine;
    private long wrongRows;
    private long firstWrongRow;
    private int firstWrongFields;

    /** @param columns the table's columns from its COPY statement, or -1 not to check rows */
    BlockCounts(int columns) {
        this.tabs = columns < 0 ? -1 : Math.max(0, columns - 1);
    }

    void add(byte[] bytes, int length) {
        data += length;
        int inLine = tabsInLine; // locals in the loop, fields after it
        long lineCount = lines;
        int i = 0;
        // eight bytes at a time: most words of COPY text hold no newline, and their tabs are one bit count
        for (; i <= length - Long.BYTES; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            long tabBytes = equalBytes(word, TABS);
            long newlineBytes = equalBytes(word, NEWLINES);
            while (newlineBytes != 0) {
                long before = (newlineBytes & -newlineBytes) - 1; // the bytes before the first newline (little-endian)
                inLine += Long.bitCount(tabBytes & before);
                tabBytes &= ~before;
                newlineBytes &= newlineBytes - 1;
                lineCount++;
                if (inLine != tabs && tabs >= 0) {
                    wrongRow(lineCount, inLine);
                }
                inLine = 0;
            }
            inLine += Long.bitCount(tabBytes);
        }
        for (; i < length; i++) {
            byte b = bytes[i];
            if (b == '\t') {
                inLine++;
            } else if (b == '\n') {
                lineCount++;
                if (inLine != tabs && tabs >= 0) {
                    wrongRow(lineCount, inLine);
                }
                inLine = 0;
            }
        }
        tabsInLine = inLine;
        lines = lineCount;
        for (i = Math.max(0, length - 5); i < length; i++) {
            tail = ((tail << 8) | (bytes[i] & 0xff)) & 0xff_ffff_ffffL;
        }
    }

    private void wrongRow(long line, int tabsFound) {
        if (wrongRows++ == 0) {
            firstWrongRow = line;
            firstWrongFields = tabsFound + 1;
        }
    }

    /** @return the high bit of each byte of {@code word} that equals the byte repeated in {@code pattern}, exactly */
    private static long equalBytes(long word, long pattern) {
        long x = word ^ pattern; // zero bytes where equal
        return ~(((x & LOW_SEVEN) + LOW_SEVEN) | x | LOW_SEVEN);
    }

    /**
     * @return a row with the wrong number of fields, in words, if there is one; the end-of-data lines ({@code \.} and
     *         two blank lines, no tabs) are not rows
     */
    Optional<String> wrongRow() {
        long allowed = tabs > 0 ? 3 : 0;
        if (tabs < 0 || wrongRows <= allowed) {
            return Optional.empty();
        }
        return Optional.of("row " + firstWrongRow + " has " + firstWrongFields + " fields instead of "
                + (tabs + 1) + " (COPY would refuse it)");
    }

    /**
     * @param copy a TABLE DATA entry's COPY statement, e.g. {@code COPY shop.items (id, name) FROM stdin;}
     * @return how many columns it names, or -1 when it is not a COPY statement this understands
     */
    static int columns(String copy) {
        if (copy == null || !copy.startsWith("COPY ")) {
            return -1;
        }
        int i = skipName(copy, 5);
        while (i < copy.length() && copy.charAt(i) == ' ') {
            i++;
        }
        if (copy.startsWith("FROM stdin", i)) {
            return 0;
        }
        if (i >= copy.length() || copy.charAt(i) != '(') {
            return -1;
        }
        int columns = 1;
        boolean quoted = false;
        for (i++; i < copy.length(); i++) {
            char c = copy.charAt(i);
            if (c == '"') {
                quoted = !quoted; // a doubled quote inside a name toggles twice
            } else if (!quoted && c == ',') {
                columns++;
            } else if (!quoted && c == ')') {
                return copy.startsWith(" FROM stdin", i + 1) ? columns : -1;
            }
        }
        return -1;
    }

    /** @return the index after a possibly schema-qualified, possibly quoted name starting at {@code i} */
    private static int skipName(String s, int i) {
        boolean quoted = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ' ') {
                return i;
            }
        }
        return i;
    }
}
