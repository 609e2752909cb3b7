package dev.petdb.cli.sqlite;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import dev.petdb.dburl.SqlText;

/**
 * Streams one SQLite table into PostgreSQL with COPY (text format), a buffer at a time: memory does not depend on the
 * table's size. While it writes, it computes the source side's {@link Checksum} of the very values it sends. The table
 * was created in the same transaction, so the rows go in frozen: no later vacuum has to rewrite them.
 */
final class CopyWriter {
    private static final int FLUSH_AT = 1 << 16;
    private static final HexFormat HEX = HexFormat.of();

    private final Connection sqlite;
    private final Connection postgres;

    /**
     * @param sqlite   the SQLite file
     * @param postgres petdb, in the import's transaction
     */
    CopyWriter(Connection sqlite, Connection postgres) {
        this.sqlite = sqlite;
        this.postgres = postgres;
    }

    /**
     * @param schema the app's schema
     * @param table  the table's plan
     * @return the checksum of the rows read from SQLite
     */
    Checksum.Result copy(String schema, ImportPlan.TablePlan table) throws SQLException {
        List<ImportPlan.ColumnPlan> columns = table.columns();
        String names = columns.stream().map(c -> SqlText.identifier(c.name())).collect(Collectors.joining(", "));
        CopyIn copy = postgres.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY " + SqlText.identifier(schema) + "." + SqlText.identifier(table.name()) + " (" + names + ") FROM STDIN WITH (FREEZE)");
        Checksum checksum = new Checksum();
        Buffer buffer = new Buffer();
        try (Statement statement = sqlite.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + names + " FROM " + SqlText.identifier(table.name()))) {
            while (rs.next()) {
                for (int i = 0; i < columns.size(); i++) {
                    if (i > 0) {
                        buffer.put((byte) '\t');
                    }
                    value(rs, i + 1, columns.get(i).type(), buffer, checksum);
                }
                buffer.put((byte) '\n');
                checksum.endRow();
                if (buffer.size >= FLUSH_AT) {
                    copy.writeToCopy(buffer.bytes, 0, buffer.size);
                    buffer.size = 0;
                }
            }
            if (buffer.size > 0) {
                copy.writeToCopy(buffer.bytes, 0, buffer.size);
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return checksum.result();
    }

    /** One value: its COPY text into the buffer, and into the checksum. */
    private static void value(ResultSet rs, int column, PgType type, Buffer out, Checksum checksum)
            throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            out.ascii("\\N");
            checksum.addNull();
            return;
        }
        switch (type) {
            case BIGINT -> {
                long number = ((Number) value).longValue();
                out.ascii(Long.toString(number));
                checksum.addLong(number);
            }
            case DOUBLE -> {
                double number = ((Number) value).doubleValue();
                out.ascii(Double.toString(number));
                checksum.addDouble(number);
            }
            case NUMERIC -> {
                BigDecimal number = value instanceof Double d ? new BigDecimal(Double.toString(d))
                        : BigDecimal.valueOf(((Number) value).longValue());
                out.ascii(number.toString());
                checksum.addNumeric(number);
            }
            case BOOLEAN -> {
                boolean flag = ((Number) value).longValue() != 0;
                out.put((byte) (flag ? 't' : 'f'));
                checksum.addBoolean(flag);
            }
            case BYTEA -> {
                byte[] bytes = (byte[]) value;
                out.ascii("\\\\x");
                out.ascii(HEX.formatHex(bytes));
                checksum.addBlob(bytes);
            }
            default -> {
                // text, date, time, timestamp: the text SQLite holds (a blob as \x hex, a number as SQLite prints it)
                String text = value instanceof byte[] bytes ? "\\x" + HEX.formatHex(bytes)
                        : value instanceof String s ? s : rs.getString(column);
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                out.escaped(utf8);
                checksum.addText(utf8);
            }
        }
    }

    /** A growable byte buffer with COPY text escaping. */
    private static final class Buffer {
        byte[] bytes = new byte[FLUSH_AT + 1024];
        int size;

        void put(byte b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = b;
        }

        void ascii(String text) {
            for (int i = 0; i < text.length(); i++) {
                put((byte) text.charAt(i));
            }
        }

        /** UTF-8 text with COPY's escapes; the escaped bytes are ASCII, never part of a multi-byte character. */
        void escaped(byte[] utf8) {
            for (byte b : utf8) {
                switch (b) {
                    case '\\' -> { put((byte) '\\'); put((byte) '\\'); }
                    case '\n' -> { put((byte) '\\'); put((byte) 'n'); }
                    case '\r' -> { put((byte) '\\'); put((byte) 'r'); }
                    case '\t' -> { put((byte) '\\'); put((byte) 't'); }
                    default -> put(b);
                }
            }
        }
    }
}
