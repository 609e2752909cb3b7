package dev.petdb.backup.archive;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * gunzip as gzip(1) does it: every member to its end, each one's CRC checked, and then what follows the last member
 * measured rather than silently dropped (the JDK's GZIPInputStream drops it). Zeros there are padding, which gzip
 * ignores without a word; anything else gzip calls "trailing garbage".
 * <p>
 * Failures of the gzip data itself are {@link ZipException}s and truncation an {@link EOFException}; an IOException of
 * the underlying stream passes through as it is. Every byte inflated before a failure is read before it, however long
 * the reads are (a reader that reads ahead meets it where a reader of small pieces would).
 */
final class GzipStream extends InputStream {
    /** The underlying stream, remembering whether it failed, so that its failures are not taken for bad gzip data. */
    private static final class Source extends FilterInputStream {
        boolean failed;

        Source(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }
    }

    private final Source source;
    /** Supports mark and reset, so each member's reader leaves it exactly at the member's end. */
    private final BufferedInputStream in;
    private GzipCompressorInputStream member;
    private boolean ended;
    private long trailingBytes;
    private boolean trailingNonZero;
    /** What the gzip data's last read threw after inflating bytes it then could not return; thrown from then on. */
    private IOException failure;

    private GzipStream(Source source) {
        this.source = source;
        this.in = new BufferedInputStream(source, 64 * 1024);
    }

    /**
     * @param raw the gzip data
     * @return a stream of the decompressed data
     * @throws EOFException when {@code raw} is empty (then {@link #isEmpty} is the reason) or ends inside the header
     * @throws ZipException when it does not start like gzip
     */
    static GzipStream open(InputStream raw) throws IOException {
        GzipStream gzip = new GzipStream(new Source(raw));
        gzip.in.mark(1);
        if (gzip.in.read() < 0) {
            throw new Empty();
        }
        gzip.in.reset();
        gzip.member = gzip.guard(() -> new GzipCompressorInputStream(gzip.in, false));
        return gzip;
    }

    /** Thrown by {@link #open} when there is nothing at all. */
    static final class Empty extends EOFException {
    }

    /** @return bytes after the last member other than zero padding, after the end has been read; else 0 */
    long trailingGarbage() {
        return trailingNonZero ? trailingBytes : 0;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (failure != null) {
            throw failure;
        }
        while (!ended) {
            long before = member.getUncompressedCount();
            int n;
            try {
                n = guard(() -> member.read(buffer, offset, length));
            } catch (IOException e) {
                // a failure found after inflating some bytes (a member's CRC, checked at its end) loses them; hand them
                // out first and throw on the next read, so the reader meets the failure where the data has it
                int inflated = (int) (member.getUncompressedCount() - before);
                if (inflated <= 0) {
                    throw e;
                }
                failure = e;
                return inflated;
            }
            if (n > 0) {
                return n;
            }
            if (n < 0) {
                nextMember();
            }
        }
        return -1;
    }

    /** After a member: another member (gzip reads concatenated ones as one stream), or the end and what is there. */
    private void nextMember() throws IOException {
        in.mark(2);
        int first = in.read();
        int second = first < 0 ? -1 : in.read();
        if (first == 0x1f && second == 0x8b) {
            in.reset();
            member = guard(() -> new GzipCompressorInputStream(in, false));
            return;
        }
        ended = true;
        in.reset();
        byte[] rest = new byte[8192];
        for (int n = in.read(rest); n >= 0; n = in.read(rest)) {
            trailingBytes += n;
            for (int i = 0; i < n && !trailingNonZero; i++) {
                trailingNonZero = rest[i] != 0;
            }
        }
    }

    private interface Read<T> {
        T get() throws IOException;
    }

    /** Runs a gzip read, telling bad gzip data (a ZipException) from truncation and from the source's own failures. */
    private <T> T guard(Read<T> read) throws IOException {
        try {
            return read.get();
        } catch (EOFException e) {
            throw e;
        } catch (ZipException e) {
            throw e;
        } catch (IOException e) {
            if (source.failed) {
                throw e;
            }
            ZipException bad = new ZipException(e.getMessage());
            bad.initCause(e);
            throw bad;
        }
    }
}
