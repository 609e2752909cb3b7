package dev.petdb.backup.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Rows counted eight bytes at a time give what a byte-by-byte count gives, wherever the tabs, the newlines and the
 * pieces the data arrives in fall.
 */
class BlockCountsTest {
    /** The byte-by-byte count: lines, and the first line whose tab count is not {@code tabs}, with its fields. */
    private record Expected(long lines, long wrongRows, long firstWrongRow, int firstWrongFields) {
        static Expected of(byte[] data, int tabs) {
            long lines = 0;
            long wrong = 0;
            long firstRow = 0;
            int firstFields = 0;
            int inLine = 0;
            for (byte b : data) {
                if (b == '\t') {
                    inLine++;
                } else if (b == '\n') {
                    lines++;
                    if (inLine != tabs && wrong++ == 0) {
                        firstRow = lines;
                        firstFields = inLine + 1;
                    }
                    inLine = 0;
                }
            }
            return new Expected(lines, wrong, firstRow, firstFields);
        }
    }

    @Test
    void countsLikeOneByteAtATimeWhateverThePieces() {
        Random random = new Random(15);
        for (int round = 0; round < 200; round++) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            int rows = random.nextInt(40);
            for (int row = 0; row < rows; row++) {
                int fields = random.nextInt(20) < 1 ? 1 + random.nextInt(5) : 3; // now and then a wrong row
                for (int field = 0; field < fields; field++) {
                    if (field > 0) {
                        text.write('\t');
                    }
                    for (int i = random.nextInt(20); i > 0; i--) {
                        text.write(random.nextInt(10) == 0 ? 0x80 | random.nextInt(128) : 'a' + random.nextInt(26));
                    }
                }
                text.write('\n');
            }
            text.writeBytes("\\.\n\n\n".getBytes());
            byte[] data = text.toByteArray();
            BlockCounts counts = new BlockCounts(3);
            byte[] piece = new byte[64];
            for (int offset = 0; offset < data.length; ) {
                int n = Math.min(data.length - offset, random.nextInt(piece.length + 1));
                System.arraycopy(data, offset, piece, 0, n);
                Arrays.fill(piece, n, piece.length, (byte) '\n'); // what lies past the length must not count
                counts.add(piece, n);
                offset += n;
            }
            Expected expected = Expected.of(data, 2);
            assertEquals(data.length, counts.data);
            assertEquals(expected.lines(), counts.lines, "round " + round);
            assertEquals(BlockCounts.COPY_END, counts.tail);
            // the end-of-data lines have no tabs: three wrong rows that are not rows
            Optional<String> wrong = expected.wrongRows() > 3
                    ? Optional.of("row " + expected.firstWrongRow() + " has " + expected.firstWrongFields()
                    + " fields instead of 3 (COPY would refuse it)")
                    : Optional.empty();
            assertEquals(wrong, counts.wrongRow(), "round " + round);
        }
    }
}
