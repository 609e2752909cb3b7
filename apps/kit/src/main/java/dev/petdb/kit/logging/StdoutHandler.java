package dev.petdb.kit.logging;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per record on standard output, where Dokku collects it: {@code LEVEL logger: message}, and the stack trace
 * of a failure after it. Lines are buffered and written at most {@link #FLUSH_EVERY} later, and at once for warnings
 * and errors: with a write per line, the access log cost a system call per request. The formatting never asks for the
 * caller's class, which would walk the stack on every request.
 */
public final class StdoutHandler extends Handler {
    /** How long an INFO line may wait in the buffer. */
    static final Duration FLUSH_EVERY = Duration.ofMillis(200);

    private final ReentrantLock lock = new ReentrantLock();
    private final Writer out;

    /** Used by {@link LogManager}, named in logging.properties. */
    public StdoutHandler() {
        this(new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
                16 * 1024));
        Thread.ofPlatform().daemon().name("log-flush").start(this::flushPeriodically);
    }

    StdoutHandler(Writer out) {
        this.out = out;
        String level = LogManager.getLogManager().getProperty(StdoutHandler.class.getName() + ".level");
        setLevel(level == null ? Level.ALL : Level.parse(level));
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String line = format(record);
        lock.lock();
        try {
            out.write(line);
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                out.flush();
            }
        } catch (IOException e) {
            reportError("cannot write to standard output", e, ErrorManager.WRITE_FAILURE);
        } finally {
            lock.unlock();
        }
    }

    /** Writes what is buffered; the app calls it after its last line at shutdown. */
    @Override
    public void flush() {
        lock.lock();
        try {
            out.flush();
        } catch (IOException e) {
            reportError("cannot write to standard output", e, ErrorManager.FLUSH_FAILURE);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        flush();
    }

    /** Flushes every handler of the root logger: for the last lines before the JVM exits. */
    public static void flushAll() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.flush();
        }
    }

    static String format(LogRecord record) {
        StringBuilder line = new StringBuilder(128)
                .append(record.getLevel().getName()).append(' ')
                .append(record.getLoggerName()).append(": ")
                .append(message(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        }
        return line.append(System.lineSeparator()).toString();
    }

    private static String message(LogRecord record) {
        Object[] parameters = record.getParameters();
        String message = record.getMessage();
        if (message == null || parameters == null || parameters.length == 0) {
            return String.valueOf(message);
        }
        try {
            return MessageFormat.format(message, parameters);
        } catch (IllegalArgumentException e) {
            return message;
        }
    }

    private void flushPeriodically() {
        while (true) {
            try {
                Thread.sleep(FLUSH_EVERY);
            } catch (InterruptedException e) {
                return;
            }
            flush();
        }
    }
}
