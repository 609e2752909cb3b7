package dev.petdb.backup.archive;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.ZipException;

import dev.petdb.backup.BackupException;
import dev.petdb.backup.dump.DumpContents;
import dev.petdb.backup.dump.DumpReader;
import dev.petdb.backup.dump.TocEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A dokku backup object, read in one streaming pass: OpenPGP decryption when it is {@code .gpg}, gunzip, untar, and
 * the pg_dump archive in its {@code backup/export} entry, then on to the very end so that gzip's checksum and the tar
 * trailer are checked too, and bytes after the gzip stream are noted. No temporary file; memory stays bounded.
 */
public final class BackupArchive {
    /** Where dokku puts the dump inside its tar. */
    public static final String DUMP_ENTRY = "backup/export";

    private BackupArchive() {
    }

    /**
     * @param bytes how many bytes follow the end of the gzip stream
     * @return the note for them: gzip -t warns ("trailing garbage ignored", exit 2) and tar xzf, having extracted
     *         everything, exits 2; pg_restore never sees them
     */
    public static String trailingBytesNote(long bytes) {
        return bytes + " bytes after the end of the backup's gzip stream: gunzip ignores them with a warning (gzip -t:"
                + " \"trailing garbage ignored\"; tar xzf extracts everything, then exits 2), pg_restore never sees them";
    }

    /** Passes what it reads on to a copy; a failing copy is dropped, the reading goes on. Closes only the copy. */
    private static final class CopyingInputStream extends FilterInputStream {
        private OutputStream copy;

        CopyingInputStream(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                copy(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                copy(buffer, offset, n);
            }
            return n;
        }

        private void copy(byte[] buffer, int offset, int length) {
            if (copy == null) {
                return;
            }
            try {
                copy.write(buffer, offset, length);
            } catch (IOException e) {
                closeCopy();
            }
        }

        private void closeCopy() {
            try {
                if (copy != null) {
                    copy.close();
                }
            } catch (IOException e) {
                // its reader is gone already
            }
            copy = null;
        }

        /** Copies what the dump reader left of the entry (the copy is the whole entry), then closes only the copy. */
        @Override
        public void close() throws IOException {
            try {
                byte[] rest = new byte[64 * 1024];
                while (read(rest, 0, rest.length) >= 0) {
                    // read() copies it
                }
            } finally {
                closeCopy(); // the tar stream goes on to its end; only the copy ends here
            }
        }
    }

    /**
     * @param object    the backup object's content; read to its end
     * @param encrypted whether its key ends in {@code .gpg}
     * @param key       how to decrypt it when encrypted; {@code null} when the environment configures no key
     * @return the dump's contents
     * @throws BackupException for a wrong key, truncation, corruption, or something that is not a dokku backup
     */
    public static DumpContents read(InputStream object, boolean encrypted, DecryptionKey key) {
        return readWhole(object, encrypted, key, null, entries -> { });
    }

    /**
     * Like {@link #read(InputStream, boolean, DecryptionKey)}, also handing every byte of the dump to {@code dumpCopy}
     * as it is read (a restore test's pg_restore), and closing it at the end of the dump. If the copy fails (its
     * reader stopped early), copying stops and the check goes on; the copy's owner reports its own failure.
     *
     * @param object    the backup object's content
     * @param encrypted whether it is encrypted
     * @param key       how to decrypt it; {@code null} when none is configured
     * @param dumpCopy  where to copy the dump's bytes
     * @return the dump's contents
     */
    public static DumpContents read(InputStream object, boolean encrypted, DecryptionKey key, OutputStream dumpCopy) {
        return read(object, encrypted, key, dumpCopy, entries -> { });
    }

    /**
     * Like {@link #read(InputStream, boolean, DecryptionKey, OutputStream)}, telling {@code onToc} the dump's table of
     * contents as soon as it is read, before its data.
     *
     * @param object    the backup object's content
     * @param encrypted whether it is encrypted
     * @param key       how to decrypt it; {@code null} when none is configured
     * @param dumpCopy  where to copy the dump's bytes
     * @param onToc     told the dump's entries, once
     * @return the dump's contents
     */
    public static DumpContents read(InputStream object, boolean encrypted, DecryptionKey key, OutputStream dumpCopy,
                                    Consumer<List<TocEntry>> onToc) {
        return readWhole(object, encrypted, key, Objects.requireNonNull(dumpCopy, "dumpCopy"), onToc);
    }

    /** The one pass; {@code dumpCopy} may be {@code null} (no copy). */
    private static DumpContents readWhole(InputStream object, boolean encrypted, DecryptionKey key, OutputStream dumpCopy,
                                          Consumer<List<TocEntry>> onToc) {
        if (encrypted && key == null) {
            throw new BackupException(
                    "the backup is encrypted: set BACKUP_PASSPHRASE (or BACKUP_PASSPHRASE_FILE, or BACKUP_SECRET_KEY_FILE)");
        }
        InputStream plain = encrypted ? OpenPgpDecryption.decrypt(object, key) : object;
        try {
            GzipStream gunzip;
            try {
                gunzip = GzipStream.open(plain);
            } catch (GzipStream.Empty e) {
                throw new BackupException("the backup is empty", e);
            } catch (ZipException e) {
                throw new BackupException("not a dokku backup: it is not gzip-compressed (expected a .tgz)", e);
            }
            try (ReadAheadStream tarBytes = ReadAheadStream.start(gunzip)) {
                return readTar(tarBytes, gunzip, dumpCopy, onToc);
            }
        } catch (ZipException e) {
            throw new BackupException("the backup is corrupt: its gzip data does not decompress (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new BackupException("the backup is truncated", e);
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.toLowerCase(Locale.ROOT).contains("truncated")) {
                throw new BackupException("the backup is truncated", e);
            }
            throw new BackupException("reading the backup failed: " + message, e);
        }
    }

    /**
     * The tar inside, read from {@code tarBytes} (gunzip's output, decompressed on another thread), to its very end so
     * that gzip's CRC is checked; {@code gunzip}'s trailing bytes are known only after that.
     */
    private static DumpContents readTar(InputStream tarBytes, GzipStream gunzip, OutputStream dumpCopy,
                                        Consumer<List<TocEntry>> onToc) throws IOException {
        DumpContents dump = null;
        TarArchiveInputStream tar = new TarArchiveInputStream(tarBytes);
        for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
            String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
            if (name.equals(DUMP_ENTRY) && entry.isFile()) {
                if (dumpCopy != null) {
                    try (CopyingInputStream copying = new CopyingInputStream(tar, dumpCopy)) {
                        dump = DumpReader.read(copying, onToc);
                    }
                } else {
                    dump = DumpReader.read(tar, onToc);
                }
            }
        }
        tarBytes.transferTo(OutputStream.nullOutputStream()); // to the end: gzip checks its CRC there
        if (dump == null) {
            throw new BackupException("not a dokku backup: the archive has no " + DUMP_ENTRY);
        }
        return gunzip.trailingGarbage() > 0 ? dump.withNote(trailingBytesNote(gunzip.trailingGarbage())) : dump;
    }
}
