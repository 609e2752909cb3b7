package dev.petdb.backup.dump;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import dev.petdb.backup.BackupException;

/**
 * pg_dump's archive primitives over a stream, counting the position for messages and offset checks:
 * integers are a sign byte and {@code intSize} little-endian bytes, strings a length (-1 for none) and bytes,
 * offsets a flag byte and {@code offsetSize} little-endian bytes.
 */
final class DumpInput {
    /** Longer strings or chunks than this mean a corrupt length, not a real one. */
    private static final int MAX_LENGTH = 256 * 1024 * 1024;

    private final InputStream in;
    private long position;
    private int intSize = 4;
    private int offsetSize = 8;
    private final byte[] skipBuffer = new byte[8192];
    /** A byte read ahead by {@link #atEnd}, or -1. */
    private int peeked = -1;
    /** Where the reader is, for messages: e.g. " (in the data of TABLE DATA shop.items)". */
    private String context = "";

    DumpInput(InputStream in) {
        this.in = in;
    }

    void context(String context) {
        this.context = context;
    }

    String context() {
        return context;
    }

    void sizes(int intSize, int offsetSize) {
        if (intSize < 1 || intSize > 8 || offsetSize < 1 || offsetSize > 8) {
            throw corrupt("implausible integer size " + intSize + " or offset size " + offsetSize + " in the header");
        }
        this.intSize = intSize;
        this.offsetSize = offsetSize;
    }

    long position() {
        return position;
    }

    /** @return the next byte, or -1 at the end of the stream */
    int readByteOrEnd() throws IOException {
        int b = peeked >= 0 ? peeked : in.read();
        peeked = -1;
        if (b >= 0) {
            position++;
        }
        return b;
    }

    int readByte() throws IOException {
        int b = readByteOrEnd();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    /** @return whether the stream has ended, reading one byte ahead if it has not */
    boolean atEnd() throws IOException {
        if (peeked < 0) {
            peeked = in.read();
        }
        return peeked < 0;
    }

    void readFully(byte[] buffer, int length) throws IOException {
        int offset = 0;
        if (length > 0 && peeked >= 0) {
            buffer[offset++] = (byte) peeked;
            peeked = -1;
            position++;
        }
        int n = in.readNBytes(buffer, offset, length - offset);
        position += n;
        if (offset + n < length) {
            throw new EOFException();
        }
    }

    /** Reads to the end of the stream, keeping nothing. */
    void skipToEnd() throws IOException {
        while (readByteOrEnd() >= 0) {
            long n = in.transferTo(OutputStream.nullOutputStream());
            position += n;
        }
    }

    long readInt() throws IOException {
        int sign = readByte();
        long value = 0;
        for (int i = 0; i < intSize; i++) {
            value |= ((long) readByte()) << (8 * i);
        }
        if (sign > 1) {
            throw corrupt("an integer with sign byte " + sign);
        }
        return sign == 1 ? -value : value;
    }

    int readLength(String what) throws IOException {
        long length = readInt();
        if (length < 0 || length > MAX_LENGTH) {
            throw corrupt("an implausible length " + length + " for " + what);
        }
        return (int) length;
    }

    /** @return the string, or null for pg_dump's "no string" */
    String readString() throws IOException {
        long length = readInt();
        if (length < 0) {
            return null;
        }
        if (length > MAX_LENGTH) {
            throw corrupt("an implausible string length " + length);
        }
        byte[] bytes = new byte[(int) length];
        readFully(bytes, bytes.length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Reads past a string without keeping it: definitions can be long. */
    void skipString() throws IOException {
        long length = readInt();
        if (length > MAX_LENGTH) {
            throw corrupt("an implausible string length " + length);
        }
        for (long left = length; left > 0; ) {
            int n = (int) Math.min(left, skipBuffer.length);
            readFully(skipBuffer, n);
            left -= n;
        }
    }

    /** @return the flag; the offset itself goes to {@link #lastOffset} */
    int readOffset() throws IOException {
        int flag = readByte();
        if (flag < TocEntry.OFFSET_NOT_SET || flag > TocEntry.NO_DATA) {
            throw corrupt("an unknown data offset flag " + flag);
        }
        long offset = 0;
        for (int i = 0; i < offsetSize; i++) {
            offset |= ((long) readByte()) << (8 * i);
        }
        lastOffset = offset;
        return flag;
    }

    long lastOffset;

    BackupException corrupt(String what) {
        return new BackupException("the dump is corrupt: " + what + " at byte " + position + context);
    }
}
