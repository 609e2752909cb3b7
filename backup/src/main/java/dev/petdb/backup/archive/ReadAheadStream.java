package dev.petdb.backup.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads another stream on a thread of its own, a few buffers ahead of its reader, so that the work behind that stream
 * (decryption and gunzip) runs on one core while the reader (untar, the dump's own inflate, row counting) runs on
 * another. Memory stays bounded: a fixed set of buffers goes round between the two threads, never more.
 * <p>
 * What the source throws reaches the reader as the very same exception, at the point of the stream where it happened
 * (after every byte read before it), so callers tell failures apart exactly as they would reading the source
 * themselves. {@link #close()} stops the thread and waits for it, so that nothing reads the source once it returns; it
 * never interrupts the thread (an interrupted channel read would close the caller's stream), so that wait is at most one
 * read of the source. The source is not closed: it belongs to the caller.
 */
final class ReadAheadStream extends InputStream {
    /** Enough to keep both threads busy through uneven reads, small next to a 64 MiB heap. */
    static final int BUFFERS = 4;
    static final int BUFFER_SIZE = 256 * 1024;

    /** A filled buffer, or the end ({@code bytes == null, failure == null}), or what the source threw. */
    private record Filled(byte[] bytes, int length, Throwable failure) {
        static final Filled END = new Filled(null, 0, null);
    }

    private final InputStream source;
    private final BlockingQueue<byte[]> empty;
    /** One slot more than there are buffers: the producer never waits to hand over a buffer, its end or its failure. */
    private final BlockingQueue<Filled> filled;
    private final Thread thread;
    private volatile boolean closed;
    private Filled current;
    private int position;
    /** The end or the failure once the reader has met it: every later read sees it again. */
    private Filled last;

    private ReadAheadStream(InputStream source, int buffers, int bufferSize) {
        this.source = source;
        this.empty = new ArrayBlockingQueue<>(buffers);
        for (int i = 0; i < buffers; i++) {
            empty.add(new byte[bufferSize]);
        }
        this.filled = new ArrayBlockingQueue<>(buffers + 1);
        this.thread = Thread.ofPlatform().daemon().name("petdb-read-ahead").unstarted(this::produce);
    }

    /**
     * @param source the stream to read ahead; read on another thread from now on, and not closed
     * @return a stream of the same bytes; close it when done, also after an error
     */
    static ReadAheadStream start(InputStream source) {
        return start(source, BUFFERS, BUFFER_SIZE);
    }

    /** Like {@link #start(InputStream)} with other buffers (tests use small ones to cross their boundaries often). */
    static ReadAheadStream start(InputStream source, int buffers, int bufferSize) {
        if (buffers < 1 || bufferSize < 1) {
            throw new IllegalArgumentException("buffers and bufferSize must be at least 1");
        }
        ReadAheadStream stream = new ReadAheadStream(Objects.requireNonNull(source, "source"), buffers, bufferSize);
        stream.thread.start();
        return stream;
    }

    private void produce() {
        try {
            while (!closed) {
                byte[] buffer = empty.take();
                if (closed) {
                    break;
                }
                if (!fill(buffer)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // only close() ends this thread, and it does not interrupt; stop all the same
            filled.add(new Filled(null, 0, new InterruptedIOException("reading ahead was interrupted")));
        }
    }

    /**
     * Fills one buffer and hands it over; the bytes read before the source's end or failure go first, so that the
     * reader meets the end or the failure exactly where the source did.
     *
     * @return whether there is more to read
     */
    private boolean fill(byte[] buffer) {
        int length = 0;
        try {
            while (length < buffer.length) {
                int n = source.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    handOver(buffer, length);
                    filled.add(Filled.END);
                    return false;
                }
                length += n;
            }
            handOver(buffer, length);
            return true;
        } catch (Throwable e) {
            handOver(buffer, length);
            filled.add(new Filled(null, 0, e));
            return false;
        }
    }

    private void handOver(byte[] buffer, int length) {
        if (length > 0) {
            filled.add(new Filled(buffer, length, null));
        }
    }

    @Override
    public int read() throws IOException {
        return available(true) ? current.bytes()[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (!available(true)) {
            return -1;
        }
        int n = Math.min(length, current.length() - position);
        System.arraycopy(current.bytes(), position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return available(false) ? current.length() - position : 0;
    }

    /**
     * @param wait whether to wait for the next buffer when the current one is used up
     * @return whether {@link #current} has bytes left; false at the end
     * @throws IOException what the source threw, once every byte before it has been read
     */
    private boolean available(boolean wait) throws IOException {
        if (closed) {
            throw new IOException("the stream is closed");
        }
        if (current != null && position < current.length()) {
            return true;
        }
        if (last == null) {
            if (current != null) {
                empty.add(current.bytes());
                current = null;
            }
            Filled next;
            try {
                next = wait ? filled.take() : filled.poll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the backup's data");
            }
            if (next == null) {
                return false;
            }
            if (next.bytes() != null) {
                current = next;
                position = 0;
                return true;
            }
            last = next;
        }
        return rethrow(last.failure());
    }

    /** @return false (the end) when there is no failure; else throws it, unchanged */
    private static boolean rethrow(Throwable failure) throws IOException {
        return switch (failure) {
            case null -> false;
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IOException(failure); // no other kind of Throwable is ever thrown
        };
    }

    /** Stops reading ahead and waits for the thread to end (at most one read of the source); idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // every buffer back to the producer, so that it is not left waiting for one; it sees closed and stops
        if (current != null && current.bytes() != null) {
            empty.offer(current.bytes());
        }
        current = null;
        for (Filled f = filled.poll(); f != null; f = filled.poll()) {
            if (f.bytes() != null) {
                empty.offer(f.bytes());
            }
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // keep waiting: the thread must not read the source once close returns
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
