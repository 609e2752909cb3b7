package dev.petdb.cli.backup;

import java.io.Console;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.petdb.backup.manifest.ManifestStore;
import dev.petdb.backup.store.BackupStore;
import dev.petdb.backup.store.StoredObject;
import dev.petdb.backup.store.UnfinishedUpload;
import dev.petdb.backup.Sizes;

/**
 * Shows how downloads and uploads go: on a terminal a bar redrawn in place and wiped when the transfer ends (so that
 * the result, or an error, is printed on a clean line), otherwise a plain line at each quarter (or every 256 MiB when
 * the size is unknown), always on standard error so that results on standard output stay clean.
 */
final class ProgressStore implements BackupStore {
    private static final long UNKNOWN_SIZE_STEP = 256L * 1024 * 1024;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final BackupStore store;
    private final PrintWriter err;
    private final boolean terminal;
    private final Map<String, Long> sizes = new ConcurrentHashMap<>();

    ProgressStore(BackupStore store, PrintWriter err, boolean terminal) {
        this.store = store;
        this.err = err;
        this.terminal = terminal;
    }

    /** @return whether standard error is an interactive terminal */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try { // Java 22+ returns a console for redirected output too, and says whether it is a terminal
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: a console means a terminal
        }
    }

    @Override
    public List<StoredObject> list(String prefix) {
        List<StoredObject> objects = store.list(prefix);
        objects.forEach(o -> sizes.put(o.key(), o.size()));
        return objects;
    }

    @Override
    public Optional<StoredObject> head(String key) {
        Optional<StoredObject> object = store.head(key);
        object.ifPresent(o -> sizes.put(o.key(), o.size()));
        return object;
    }

    @Override
    public InputStream open(String key) {
        if (ManifestStore.isManifest(key)) { // a kilobyte or two, one per backup in history: a line each is noise
            return store.open(key);
        }
        return new Counting(store.open(key), "downloading " + key, sizes.getOrDefault(key, -1L));
    }

    @Override
    public void delete(String key) {
        store.delete(key);
    }

    @Override
    public long upload(String key, InputStream content) {
        if (ManifestStore.isManifest(key)) {
            return store.upload(key, content);
        }
        try (Counting counting = new Counting(content, "uploading " + key, -1)) {
            long stored = store.upload(key, counting);
            counting.done();
            return stored;
        } catch (IOException e) {
            throw new IllegalStateException(e); // closing a finished stream
        }
    }

    @Override
    public List<UnfinishedUpload> unfinishedUploads(String prefix) {
        return store.unfinishedUploads(prefix);
    }

    @Override
    public void abort(UnfinishedUpload upload) {
        store.abort(upload);
    }

    @Override
    public void close() {
        store.close();
    }

    private final class Counting extends FilterInputStream {
        private final String what;
        private final long total;
        private final long started = System.nanoTime();
        private long bytes;
        private long lastDraw;
        private long nextStep;
        private boolean finished;
        private final TerminalLine line = new TerminalLine(err);

        Counting(InputStream in, String what, long total) {
            super(in);
            this.what = what;
            this.total = total;
            this.nextStep = total > 0 ? total / 4 : UNKNOWN_SIZE_STEP;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(n);
            return n;
        }

        private void count(int n) {
            if (n < 0) {
                done();
                return;
            }
            bytes += n;
            if (terminal) {
                long now = System.nanoTime();
                if (lastDraw == 0 || now - lastDraw > REDRAW_NANOS) {
                    lastDraw = now;
                    line.draw(bar());
                }
            } else if (bytes >= nextStep) {
                err.println(what + ": " + amount());
                nextStep += total > 0 ? Math.max(1, total / 4) : UNKNOWN_SIZE_STEP;
            }
            if (total > 0 && bytes >= total) {
                done(); // a reader that stops at the last byte (gzip's trailer) may print its result before it closes
            }
        }

        void done() {
            if (finished) {
                return;
            }
            finished = true;
            if (terminal) {
                line.clear();
            } else if (total <= 0 || bytes < total) {
                err.println(what + ": " + amount() + ", done");
            }
        }

        /** A transfer that stops early (a failure) leaves no bar behind its error message either. */
        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                if (terminal) {
                    line.clear();
                }
            }
        }

        private String bar() {
            if (total <= 0) {
                return what + " " + amount();
            }
            int width = 30;
            int filled = (int) Math.min(width, bytes * width / total);
            return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + amount() + " " + what;
        }

        private String amount() {
            double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
            String rate = Sizes.human((long) (bytes / seconds)) + "/s";
            return total > 0
                    ? (bytes * 100 / total) + "% (" + Sizes.human(bytes) + " of " + Sizes.human(total) + ", " + rate + ")"
                    : Sizes.human(bytes) + " (" + rate + ")";
        }
    }
}
