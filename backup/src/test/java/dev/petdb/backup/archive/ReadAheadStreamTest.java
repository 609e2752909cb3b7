package dev.petdb.backup.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.zip.ZipException;

import dev.petdb.backup.BackupException;
import org.junit.jupiter.api.Test;

/**
 * The read-ahead thread: bytes arrive whole and in order across its buffers, the source's failures arrive as the same
 * exception after the bytes before them, and closing early ends the thread without reading the source again.
 */
class ReadAheadStreamTest {
    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    /** Hands out at most {@code step} bytes per read, as gunzip does, so that buffers fill in uneven pieces. */
    private static InputStream trickling(byte[] bytes, int step) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    /** Reads with a mix of single bytes and reads of odd lengths, crossing buffer boundaries at every offset. */
    private static byte[] readMixed(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[29];
        for (int round = 0; ; round++) {
            if (round % 3 == 0) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                out.write(b);
            } else {
                int n = in.read(buffer, 3, 1 + round % 26);
                if (n < 0) {
                    break;
                }
                out.write(buffer, 3, n);
            }
        }
        return out.toByteArray();
    }

    @Test
    void bytesArriveWholeAndInOrderAcrossBuffers() throws IOException {
        byte[] data = random(100_003);
        try (ReadAheadStream in = ReadAheadStream.start(trickling(data, 77), 3, 1000)) {
            assertArrayEquals(data, readMixed(in));
            assertEquals(-1, in.read());
            assertEquals(-1, in.read(new byte[10], 0, 10));
            assertEquals(0, in.read(new byte[10], 0, 0));
        }
        try (ReadAheadStream in = ReadAheadStream.start(new ByteArrayInputStream(data))) { // the real buffer sizes
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void anEmptySourceIsAnEmptyStream() throws IOException {
        try (ReadAheadStream in = ReadAheadStream.start(InputStream.nullInputStream(), 2, 16)) {
            assertEquals(-1, in.read());
            assertEquals(-1, in.read(new byte[4], 0, 4));
        }
    }

    @Test
    void theSourcesFailureArrivesUnchangedAfterTheBytesBeforeIt() throws IOException {
        byte[] data = random(5000);
        ZipException bad = new ZipException("invalid block type");
        InputStream failing = new SequenceInputStream(trickling(data, 300), new InputStream() {
            @Override
            public int read() throws IOException {
                throw bad;
            }
        });
        try (ReadAheadStream in = ReadAheadStream.start(failing, 2, 1024)) {
            byte[] got = in.readNBytes(data.length);
            assertArrayEquals(data, got);
            assertSame(bad, assertThrows(ZipException.class, in::read));
            assertSame(bad, assertThrows(ZipException.class, () -> in.read(new byte[8], 0, 8)), "and again");
        }
        BackupException wrongKey = new BackupException("the passphrase does not decrypt the backup");
        InputStream throwing = new InputStream() {
            @Override
            public int read() {
                throw wrongKey;
            }
        };
        try (ReadAheadStream in = ReadAheadStream.start(throwing, 2, 1024)) {
            assertSame(wrongKey, assertThrows(BackupException.class, in::read));
        }
    }

    /** A source that never ends; it remembers the threads that read it and whether it was read after a mark. */
    private static final class Endless extends InputStream {
        final Set<Thread> readers = ConcurrentHashMap.newKeySet();
        final CountDownLatch started = new CountDownLatch(1);
        volatile boolean stopped;
        volatile boolean readAfterStop;

        @Override
        public int read() {
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            readers.add(Thread.currentThread());
            readAfterStop |= stopped;
            started.countDown();
            Arrays.fill(b, off, off + len, (byte) 'x');
            return len;
        }
    }

    @Test
    void closingEarlyEndsTheThreadAndItsReading() throws Exception {
        Endless endless = new Endless();
        ReadAheadStream in = ReadAheadStream.start(endless, 2, 64);
        assertEquals('x', in.read());
        endless.started.await();
        in.close();
        endless.stopped = true;
        assertFalse(endless.readers.isEmpty());
        for (Thread reader : endless.readers) {
            assertFalse(reader.isAlive(), "the read-ahead thread has ended once close returns");
        }
        assertFalse(endless.readAfterStop, "nothing reads the source after close");
        assertThrows(IOException.class, in::read, "a closed stream is not read");
        in.close(); // twice is harmless
    }

    @Test
    void closingBeforeReadingAnythingEndsTheThreadToo() throws Exception {
        Endless endless = new Endless();
        ReadAheadStream in = ReadAheadStream.start(endless, 3, 64);
        endless.started.await(); // the thread filled a buffer or more and waits for the reader
        in.close();
        assertTrue(endless.readers.stream().noneMatch(Thread::isAlive));
    }
}
