package dev.petdb.backup.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

/** gunzip's failures come after every byte inflated before them, whatever the length of the reads. */
class GzipStreamTest {
    @Test
    void aBadChecksumComesAfterAllTheDataEvenInOneLongRead() throws IOException {
        byte[] data = new byte[50_000];
        new Random(7).nextBytes(data);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(data);
        }
        byte[] bad = gz.toByteArray();
        bad[bad.length - 8] ^= 0x01; // the CRC32 in the trailer
        GzipStream in = GzipStream.open(new ByteArrayInputStream(bad));
        byte[] read = new byte[data.length * 2];
        int total = 0;
        IOException failure = null;
        while (failure == null) {
            try {
                int n = in.read(read, total, read.length - total);
                assertTrue(n > 0, "no end before the failure");
                total += n;
            } catch (IOException e) {
                failure = e;
            }
        }
        assertEquals(data.length, total);
        assertArrayEquals(data, Arrays.copyOf(read, total));
        assertEquals("Gzip-compressed data is corrupt (CRC32 error).", failure.getMessage());
        IOException again = failure;
        assertSame(again, assertThrows(IOException.class, in::read), "and again on the next read");
    }
}
