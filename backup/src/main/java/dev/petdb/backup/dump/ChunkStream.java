package dev.petdb.backup.dump;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Inflater;

/**
 * One data block's stored bytes, as pg_dump wrote them: chunks of a length and that many bytes, up to a chunk of
 * length 0. pg_dump compresses a block (or one large object) as one stream across its chunks, so a decompressor reads
 * this. A failure to read the archive itself (truncation, an I/O error) leaves as {@link ArchiveFailure}, so that it is
 * not taken for a failure to decompress.
 */
final class ChunkStream extends InputStream {
    /** Longer chunks than this mean a corrupt length, not a real one (pg_dump writes a few kB to 64 kB). */
    private static final int MAX_CHUNK = 64 * 1024 * 1024;

    /** Reading the archive failed underneath a decompressor; the cause is the reader's own exception. */
    static final class ArchiveFailure extends RuntimeException {
        ArchiveFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    private final DumpInput in;
    private byte[] chunk;
    private int position;
    private int length;
    private boolean ended;
    private long stored;

    /**
     * @param in     the archive, at the block's first chunk length
     * @param buffer a buffer to reuse for chunks, grown when a chunk is longer
     */
    ChunkStream(DumpInput in, byte[] buffer) {
        this.in = in;
        this.chunk = buffer;
    }

    /** @return the buffer as last grown, to reuse for the next block */
    byte[] buffer() {
        return chunk;
    }

    /** @return the stored (compressed) bytes read so far */
    long stored() {
        return stored;
    }

    /** @return whether the block has no more bytes; reads the next chunk's length to find out */
    boolean drained() {
        return !fill();
    }

    @Override
    public int read() {
        return fill() ? chunk[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
        if (count == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(count, length - position);
        System.arraycopy(chunk, position, buffer, offset, n);
        position += n;
        return n;
    }

    /**
     * Hands the rest of the current chunk, reading the next one when it is used up, straight to {@code inflater}: no
     * copy through an InflaterInputStream's buffer. The inflater reads this stream's buffer, so call again only once it
     * {@linkplain Inflater#needsInput() needs input}.
     *
     * @return false at the end of the block, when there is nothing more to give
     */
    boolean feed(Inflater inflater) {
        if (!fill()) {
            return false;
        }
        inflater.setInput(chunk, position, length - position);
        position = length;
        return true;
    }

    @Override
    public int available() {
        return length - position;
    }

    /** @return whether bytes are available, reading the next chunk if needed */
    private boolean fill() {
        while (position == length && !ended) {
            try {
                int next = in.readLength("a data chunk");
                if (next == 0) {
                    ended = true;
                } else if (next > MAX_CHUNK) {
                    throw in.corrupt("an implausible chunk length " + next);
                } else {
                    if (next > chunk.length) {
                        chunk = new byte[next];
                    }
                    in.readFully(chunk, next);
                    stored += next;
                    position = 0;
                    length = next;
                }
            } catch (IOException e) {
                throw new ArchiveFailure(e);
            }
        }
        return position < length;
    }
}
