package dev.petdb.backup.pgtools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The last lines a client program wrote to its standard error, read as it runs (so it never blocks on a full pipe)
 * and kept to a few, for a one-line message when it fails.
 */
public final class ProcessErrors {
    private static final int KEPT = 5;

    private final Deque<String> lines = new ArrayDeque<>();
    /** Kept apart: the detail lines PostgreSQL writes after an error (LINE, QUERY, CONTEXT) can be more than KEPT. */
    private String lastError;
    private final Thread reader;

    private ProcessErrors(Process process) {
        reader = Thread.ofVirtual().start(() -> read(process));
    }

    /**
     * @param process a started process whose standard error is a pipe
     * @return the collector, already reading
     */
    public static ProcessErrors of(Process process) {
        return new ProcessErrors(process);
    }

    private void read(Process process) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    synchronized (lines) {
                        if (isError(line)) {
                            lastError = line.strip();
                        }
                        lines.addLast(line.strip());
                        if (lines.size() > KEPT) {
                            lines.removeFirst();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /**
     * @return the last line that reports an error, else the last line; waits briefly for the program's last words
     */
    public String last() {
        return lastOr("no message");
    }

    /**
     * @param silent what to say when the program wrote nothing (for example when a signal ended it)
     * @return the last line that reports an error, else the last line, else {@code silent}
     */
    public String lastOr(String silent) {
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lines) {
            return lastError != null ? lastError : lines.isEmpty() ? silent : lines.getLast();
        }
    }

    private static boolean isError(String line) {
        return line.toLowerCase(Locale.ROOT).contains("error");
    }
}
