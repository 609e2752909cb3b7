package dev.petdb.cli.sqlite;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A checksum over a table's rows that both sides compute the same way from the values they hold: each row's values,
 * typed and length-prefixed, go through MD5; the row checksums are added (mod 2^64), so the rows' order does not
 * matter but every row, and how many times it occurs, does.
 */
final class Checksum {
    private final MessageDigest md5;
    private final byte[] eight = new byte[8];
    private long rows;
    private long sum;

    Checksum() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /**
     * @param rows how many rows
     * @param sum  the sum of their checksums
     */
    record Result(long rows, long sum) {
        /** @return the sum as 16 hex digits */
        String hex() {
            return String.format("%016x", sum);
        }
    }

    void addNull() {
        md5.update((byte) 'N');
    }

    void addLong(long value) {
        md5.update((byte) 'i');
        putLong(value);
    }

    void addDouble(double value) {
        md5.update((byte) 'd');
        putLong(Double.doubleToLongBits(value));
    }

    void addBoolean(boolean value) {
        md5.update((byte) (value ? 'T' : 'F'));
    }

    /** A numeric value: equal numbers count the same whatever their scale (1.50 and 1.5). */
    void addNumeric(BigDecimal value) {
        md5.update((byte) 'n');
        addBytes(value.stripTrailingZeros().toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** A text value, as its UTF-8 bytes. */
    void addText(byte[] utf8) {
        md5.update((byte) 's');
        addBytes(utf8);
    }

    void addBlob(byte[] bytes) {
        md5.update((byte) 'x');
        addBytes(bytes);
    }

    /** Ends the row. */
    void endRow() {
        byte[] digest = md5.digest();
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[i] & 0xff);
        }
        sum += value;
        rows++;
    }

    /** @return the checksum of the rows so far */
    Result result() {
        return new Result(rows, sum);
    }

    private void addBytes(byte[] bytes) {
        putLong(bytes.length);
        md5.update(bytes);
    }

    private void putLong(long value) {
        for (int i = 7; i >= 0; i--) {
            eight[i] = (byte) value;
            value >>>= 8;
        }
        md5.update(eight);
    }
}
