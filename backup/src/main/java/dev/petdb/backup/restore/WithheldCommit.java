package dev.petdb.backup.restore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes the script of {@code pg_restore --single-transaction --file -} on to psql without the {@code COMMIT;} that
 * closes it, so that only petdb can commit a restore, and only after every check has passed.
 * <p>
 * pg_restore in single-transaction mode writes exactly one {@code COMMIT;} line, after all of its data and followed
 * only by its footer (blank lines, {@code --} comments, psql's unrestrict command). The last few KiB are held back until the
 * script ends; then the last {@code COMMIT;} line that only such a footer follows is dropped. A {@code COMMIT;}
 * anywhere else (a row of a table, a line of a procedure's body) is never touched, because more than a footer follows
 * it. A script whose end has no such line is passed on whole and {@link #withheld()} says so: the caller must then
 * not commit.
 * <p>
 * Made {@linkplain #untilOpened(OutputStream) closed}, it holds pg_restore's first lines back until petdb has read the
 * dump's table of contents and {@linkplain #open opens} it with SQL that depends on it.
 */
final class WithheldCommit extends OutputStream {
    /** Far more than pg_restore's footer, a few hundred bytes. */
    private static final int TAIL = 64 * 1024;
    private static final byte[] COMMIT_LINE = "\nCOMMIT;\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream psql;
    private final ByteArrayOutputStream tail = new ByteArrayOutputStream();
    private ByteArrayOutputStream waiting;
    private IOException failed;
    private boolean finished;
    private boolean withheld;

    /**
     * @param psql psql's standard input; never closed here
     */
    WithheldCommit(OutputStream psql) {
        this.psql = psql;
    }

    /**
     * @param psql psql's standard input; never closed here
     * @return a filter that passes nothing on until {@link #open} (what comes before is kept in memory: pg_restore's
     *         first statements, written before the table of contents is known here)
     */
    static WithheldCommit untilOpened(OutputStream psql) {
        WithheldCommit script = new WithheldCommit(psql);
        script.waiting = new ByteArrayOutputStream();
        return script;
    }

    /**
     * Writes {@code first} to psql, then what was held back, and passes the rest on as it comes.
     *
     * @param first SQL that goes before pg_restore's
     */
    synchronized void open(byte[] first) {
        if (waiting == null) {
            throw new IllegalStateException("already open");
        }
        byte[] held = waiting.toByteArray();
        waiting = null;
        try {
            psql.write(first);
            pass(held, 0, held.length);
        } catch (IOException e) {
            failed = e; // psql stopped reading: the next write tells pg_restore's reader
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (failed != null) {
            throw failed;
        }
        if (finished) {
            throw new IOException("the script has already ended");
        }
        if (waiting != null) {
            waiting.write(bytes, offset, length);
            return;
        }
        pass(bytes, offset, length);
    }

    private void pass(byte[] bytes, int offset, int length) throws IOException {
        tail.write(bytes, offset, length);
        if (tail.size() > 2 * TAIL) {
            byte[] held = tail.toByteArray();
            psql.write(held, 0, held.length - TAIL);
            tail.reset();
            tail.write(held, held.length - TAIL, TAIL);
        }
    }

    /**
     * The script has ended: passes the rest on, without pg_restore's closing {@code COMMIT;} when it is there.
     *
     * @throws IOException when psql stopped reading
     */
    synchronized void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (waiting != null || failed != null) {
            return; // never opened (the dump had no readable table of contents), or psql is gone: nothing to commit
        }
        byte[] held = tail.toByteArray();
        int commit = lastIndexOf(held, COMMIT_LINE);
        if (commit >= 0 && onlyFooterFrom(held, commit + COMMIT_LINE.length)) {
            withheld = true;
            psql.write(held, 0, commit + 1);
            int after = commit + COMMIT_LINE.length;
            psql.write(held, after, held.length - after);
        } else {
            psql.write(held);
        }
        psql.flush();
    }

    /** @return whether the script ended as pg_restore ends a complete single-transaction restore, and that COMMIT was held back */
    synchronized boolean withheld() {
        return withheld;
    }

    private static boolean onlyFooterFrom(byte[] held, int from) {
        String rest = new String(held, from, held.length - from, StandardCharsets.UTF_8);
        return rest.lines().allMatch(line -> line.isBlank() || line.startsWith("--") || line.startsWith("\\unrestrict "));
    }

    private static int lastIndexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = bytes.length - part.length; i >= 0; i--) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
