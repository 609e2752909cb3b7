package dev.petdb.cli.sqlite;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

import dev.petdb.dburl.SqlText;

/**
 * The PostgreSQL side of the validation: reads an imported table back, streaming (a cursor in the import's
 * transaction), and computes the same {@link Checksum} from the values PostgreSQL now holds.
 */
final class PostgresChecksum {
    private static final int FETCH = 10_000;

    private PostgresChecksum() {
    }

    /**
     * @param postgres petdb, in the import's transaction (auto-commit off, so the driver fetches with a cursor)
     * @param schema   the app's schema
     * @param table    the imported table
     * @return its checksum
     */
    static Checksum.Result of(Connection postgres, String schema, ImportPlan.TablePlan table) throws SQLException {
        List<ImportPlan.ColumnPlan> columns = table.columns();
        String names = columns.stream().map(c -> SqlText.identifier(c.name())).collect(Collectors.joining(", "));
        Checksum checksum = new Checksum();
        try (Statement statement = postgres.createStatement()) {
            statement.setFetchSize(FETCH);
            try (ResultSet rs = statement.executeQuery("SELECT " + names + " FROM " + SqlText.identifier(schema) + "."
                    + SqlText.identifier(table.name()))) {
                while (rs.next()) {
                    for (int i = 0; i < columns.size(); i++) {
                        value(rs, i + 1, columns.get(i).type(), checksum);
                    }
                    checksum.endRow();
                }
            }
        }
        return checksum.result();
    }

    private static void value(ResultSet rs, int column, PgType type, Checksum checksum) throws SQLException {
        switch (type) {
            case BIGINT -> {
                long value = rs.getLong(column);
                if (rs.wasNull()) checksum.addNull(); else checksum.addLong(value);
            }
            case DOUBLE -> {
                double value = rs.getDouble(column);
                if (rs.wasNull()) checksum.addNull(); else checksum.addDouble(value);
            }
            case NUMERIC -> {
                BigDecimal value = rs.getBigDecimal(column);
                if (value == null) checksum.addNull(); else checksum.addNumeric(value);
            }
            case BOOLEAN -> {
                boolean value = rs.getBoolean(column);
                if (rs.wasNull()) checksum.addNull(); else checksum.addBoolean(value);
            }
            case BYTEA -> {
                byte[] value = rs.getBytes(column);
                if (value == null) checksum.addNull(); else checksum.addBlob(value);
            }
            default -> {
                String value = rs.getString(column);
                if (value == null) checksum.addNull(); else checksum.addText(value.getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
