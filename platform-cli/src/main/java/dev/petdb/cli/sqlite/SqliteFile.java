package dev.petdb.cli.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import dev.petdb.cli.CliException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/**
 * Opening the app's SQLite file read-only, and turning SQLite's errors into one line for the operator.
 */
final class SqliteFile {
    /** How long to wait for another process's write lock before calling the file locked. */
    static final int BUSY_TIMEOUT_MS = 2000;

    private SqliteFile() {
    }

    /**
     * Opens {@code file} read-only, in one read transaction: every later read sees the same snapshot of the file.
     *
     * @param file the SQLite file
     * @return the connection
     * @throws CliException when the file is missing, not SQLite, corrupt or locked
     */
    static Connection open(Path file) {
        if (!Files.exists(file)) {
            throw CliException.failure("no such file: " + file + "; nothing changed");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw CliException.failure(file + " is not a readable file; nothing changed");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        try {
            Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    // the first read takes the shared lock and checks the header: a locked or foreign file fails here
                    statement.executeQuery("SELECT count(*) FROM sqlite_master").close();
                }
                return connection;
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw failure(file, e);
        }
    }

    /**
     * @param file the SQLite file
     * @param e    what SQLite said
     * @return the operator's one line for it
     */
    static CliException failure(Path file, SQLException e) {
        SQLiteErrorCode code = e instanceof SQLiteException sqlite ? sqlite.getResultCode() : null;
        int primary = code == null ? -1 : code.code & 0xff;
        String line;
        if (primary == SQLiteErrorCode.SQLITE_NOTADB.code) {
            line = file + " is not a SQLite database (SQLITE_NOTADB)";
        } else if (primary == SQLiteErrorCode.SQLITE_CORRUPT.code) {
            line = file + " is corrupt (SQLITE_CORRUPT: " + message(e) + "); check it with sqlite3 " + file
                    + " 'PRAGMA integrity_check'";
        } else if (primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
            line = file + " is locked by another process (SQLITE_BUSY): stop the app that writes it, or copy the file, "
                    + "and try again";
        } else if (primary == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
            line = "cannot open " + file + " (SQLITE_CANTOPEN)";
        } else {
            line = "reading " + file + " failed: " + message(e);
        }
        return CliException.failure(line + "; nothing changed", e);
    }

    private static String message(SQLException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.strip().lines().findFirst().orElse(text);
    }
}
