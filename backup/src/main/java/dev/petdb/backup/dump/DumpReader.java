package dev.petdb.backup.dump;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import dev.petdb.backup.BackupException;

/**
 * Reads a pg_dump custom-format archive ({@code pg_dump -Fc}) in one pass: header, table of contents, and every data
 * block to the end, each decompressed and its rows counted, without a temporary file. Memory holds the table of
 * contents (without SQL definitions) and one chunk at a time, whatever the dump's size.
 * <p>
 * Follows PostgreSQL's {@code pg_backup_archiver.c} and {@code pg_backup_custom.c}, archive versions 1.12 (9.0) to
 * 1.16 (17, 18). Anything that does not fit is a {@link BackupException} naming what and where.
 */
public final class DumpReader {
    private static final int K_VERS_1_14 = version(1, 14);
    private static final int K_VERS_1_15 = version(1, 15);
    private static final int K_VERS_1_16 = version(1, 16);
    private static final int OLDEST = version(1, 12);
    private static final int NEWEST = version(1, 16);
    private static final int FORMAT_CUSTOM = 1;
    private static final int BLK_DATA = 1;
    private static final int BLK_BLOBS = 3;
    private static final int MAX_CHUNK = 64 * 1024 * 1024;

    private final DumpInput in;
    private int version;
    private DumpHeader.Compression compression;
    private byte[] chunk = new byte[64 * 1024];
    private final byte[] inflated = new byte[64 * 1024];
    private final Inflater inflater = new Inflater();

    private DumpReader(InputStream in) {
        this.in = new DumpInput(in);
    }

    /**
     * @param in the archive, e.g. the {@code backup/export} entry of a dokku backup; read to its end, not closed
     * @return what the archive holds
     * @throws BackupException when it is not a custom-format archive, is truncated or corrupt, or is newer than this
     *                         reader knows
     */
    public static DumpContents read(InputStream in) {
        DumpReader reader = new DumpReader(in);
        try {
            return reader.readAll();
        } catch (EOFException e) {
            throw new BackupException("the dump is truncated: it ends at byte " + reader.in.position() + reader.where, e);
        } catch (IOException e) {
            throw new BackupException("reading the dump failed at byte " + reader.in.position() + ": " + e.getMessage(), e);
        } finally {
            reader.inflater.end();
        }
    }

    private String where = "";

    private DumpContents readAll() throws IOException {
        DumpHeader header = readHeader();
        where = " (in its table of contents)";
        List<TocEntry> entries = readToc();
        Map<Integer, TocEntry> byId = new HashMap<>();
        for (TocEntry entry : entries) {
            byId.put(entry.dumpId(), entry);
        }
        Map<Integer, DataBlock> blocks = new LinkedHashMap<>();
        while (true) {
            long start = in.position();
            int type = in.readByteOrEnd();
            if (type < 0) {
                break;
            }
            int id = (int) in.readInt();
            TocEntry entry = byId.get(id);
            if (entry == null || !entry.expectsData()) {
                throw in.corrupt("a data block for entry " + id + ", which has no data in the table of contents");
            }
            if (blocks.containsKey(id)) {
                throw in.corrupt("a second data block for " + name(entry));
            }
            if (entry.dataState() == TocEntry.OFFSET_SET && entry.offset() != start) {
                throw in.corrupt("the data of " + name(entry) + " starting at byte " + start + " instead of "
                        + entry.offset());
            }
            where = " (in the data of " + name(entry) + ")";
            blocks.put(id, switch (type) {
                case BLK_DATA -> readData(entry);
                case BLK_BLOBS -> readLargeObjects(id);
                default -> throw in.corrupt("an unknown block type " + type);
            });
        }
        for (TocEntry entry : entries) {
            if (entry.expectsData() && !blocks.containsKey(entry.dumpId())) {
                throw new BackupException("the dump is truncated: the data of " + name(entry) + " is missing");
            }
        }
        return new DumpContents(header, List.copyOf(entries), Map.copyOf(blocks));
    }

    private DumpHeader readHeader() throws IOException {
        byte[] magic = new byte[5];
        try {
            in.readFully(magic, 5);
        } catch (EOFException e) {
            throw new BackupException("not a pg_dump archive: it is empty or shorter than a header", e);
        }
        if (!new String(magic, java.nio.charset.StandardCharsets.ISO_8859_1).equals("PGDMP")) {
            throw new BackupException("not a pg_dump custom-format archive (no PGDMP magic)");
        }
        int major = in.readByte();
        int minor = in.readByte();
        int revision = in.readByte();
        version = version(major, minor);
        String archiveVersion = major + "." + minor + (revision == 0 ? "" : "." + revision);
        if (version > NEWEST) {
            throw new BackupException("archive version " + archiveVersion + " is newer than petdb can read (up to 1.16);"
                    + " a newer petdb is needed");
        }
        if (version < OLDEST) {
            throw new BackupException("archive version " + archiveVersion + " is older than petdb reads (from 1.12, "
                    + "PostgreSQL 9.0)");
        }
        int intSize = in.readByte();
        int offsetSize = in.readByte();
        in.sizes(intSize, offsetSize);
        int format = in.readByte();
        if (format != FORMAT_CUSTOM) {
            throw new BackupException("not a custom-format archive (format " + format + "); dokku writes pg_dump -Fc");
        }
        compression = readCompression();
        Optional<LocalDateTime> created = readCreationTime();
        String database = orEmpty(in.readString());
        String serverVersion = orEmpty(in.readString());
        String dumpVersion = orEmpty(in.readString());
        return new DumpHeader(archiveVersion, intSize, offsetSize, compression, created, database, serverVersion,
                dumpVersion);
    }

    private DumpHeader.Compression readCompression() throws IOException {
        if (version >= K_VERS_1_15) {
            int algorithm = in.readByte();
            return switch (algorithm) {
                case 0 -> DumpHeader.Compression.NONE;
                case 1 -> DumpHeader.Compression.GZIP;
                case 2 -> DumpHeader.Compression.LZ4;
                case 3 -> DumpHeader.Compression.ZSTD;
                default -> throw in.corrupt("an unknown compression algorithm " + algorithm);
            };
        }
        return in.readInt() != 0 ? DumpHeader.Compression.GZIP : DumpHeader.Compression.NONE;
    }

    private Optional<LocalDateTime> readCreationTime() throws IOException {
        int second = (int) in.readInt();
        int minute = (int) in.readInt();
        int hour = (int) in.readInt();
        int day = (int) in.readInt();
        int month = (int) in.readInt();
        int year = (int) in.readInt();
        in.readInt(); // daylight saving flag
        try {
            return Optional.of(LocalDateTime.of(1900 + year, month + 1, day, hour, minute, Math.min(second, 59)));
        } catch (DateTimeException e) {
            return Optional.empty(); // pg_restore only warns about a bad date, so do we (by leaving it out)
        }
    }

    private List<TocEntry> readToc() throws IOException {
        long count = in.readInt();
        if (count < 0 || count > 10_000_000) {
            throw in.corrupt("an implausible table of contents size " + count);
        }
        List<TocEntry> entries = new ArrayList<>((int) Math.min(count, 100_000));
        for (long i = 0; i < count; i++) {
            int dumpId = (int) in.readInt();
            if (dumpId <= 0) {
                throw in.corrupt("entry ID " + dumpId + " out of range");
            }
            boolean hasData = in.readInt() != 0;
            in.skipString(); // table oid
            in.skipString(); // oid
            String tag = orEmpty(in.readString());
            String desc = orEmpty(in.readString());
            in.readInt(); // section
            in.skipString(); // definition
            in.skipString(); // drop statement
            in.skipString(); // COPY statement
            String namespace = orEmpty(in.readString());
            in.skipString(); // tablespace
            if (version >= K_VERS_1_14) {
                in.skipString(); // table access method
            }
            if (version >= K_VERS_1_16) {
                in.readInt(); // relkind
            }
            String owner = orEmpty(in.readString());
            in.skipString(); // "with oids", always false
            while (in.readString() != null) {
                // dependencies: a list of ids ending with "no string"
            }
            int dataState = in.readOffset();
            entries.add(new TocEntry(dumpId, hasData, desc, tag, namespace, owner, dataState, in.lastOffset));
        }
        return entries;
    }

    private DataBlock readData(TocEntry entry) throws IOException {
        Counts counts = new Counts();
        readChunks(counts);
        if (!counts.checked) {
            return new DataBlock(entry.dumpId(), counts.stored, -1, -1);
        }
        long rows = counts.lines;
        if (entry.desc().equals("TABLE DATA")) {
            // pg_dump ends a table's COPY data with "\.", a newline and two blank lines
            if (counts.tail != COPY_END) {
                throw in.corrupt("the data of " + name(entry) + " without its end-of-data marker");
            }
            rows -= 3;
        }
        return new DataBlock(entry.dumpId(), counts.stored, counts.data, rows);
    }

    private DataBlock readLargeObjects(int id) throws IOException {
        Counts counts = new Counts();
        long objects = 0;
        while (in.readInt() != 0) { // each large object: its oid, then its data
            readChunks(counts);
            objects++;
        }
        return new DataBlock(id, counts.stored, counts.checked ? counts.data : -1, objects);
    }

    /** The last five bytes of a table's COPY data: {@code \.\n\n\n}. */
    private static final long COPY_END = ((long) '\\' << 32) | ((long) '.' << 24) | ('\n' << 16) | ('\n' << 8) | '\n';

    private static final class Counts {
        long stored;
        long data;
        long lines;
        long tail;
        boolean checked = true;
    }

    /** One entry's data: chunks of a length and bytes, ending with length 0; compressed as one stream. */
    private void readChunks(Counts counts) throws IOException {
        boolean inflate = compression == DumpHeader.Compression.GZIP;
        counts.checked &= compression == DumpHeader.Compression.GZIP || compression == DumpHeader.Compression.NONE;
        inflater.reset();
        boolean any = false;
        while (true) {
            int length = in.readLength("a data chunk");
            if (length == 0) {
                break;
            }
            if (length > MAX_CHUNK) {
                throw in.corrupt("an implausible chunk length " + length);
            }
            if (length > chunk.length) {
                chunk = new byte[length];
            }
            in.readFully(chunk, length);
            counts.stored += length;
            any = true;
            if (inflate) {
                inflateChunk(length, counts);
            } else if (compression == DumpHeader.Compression.NONE) {
                count(chunk, length, counts);
            }
        }
        if (inflate && any && !inflater.finished()) {
            throw in.corrupt("compressed data that ends before its stream does");
        }
    }

    private void inflateChunk(int length, Counts counts) {
        if (inflater.finished()) {
            throw in.corrupt("data after the end of a compressed stream");
        }
        inflater.setInput(chunk, 0, length);
        try {
            while (!inflater.finished() && !inflater.needsInput()) {
                int n = inflater.inflate(inflated);
                if (n == 0 && inflater.needsDictionary()) {
                    throw in.corrupt("compressed data that asks for a dictionary");
                }
                count(inflated, n, counts);
            }
        } catch (DataFormatException e) {
            throw in.corrupt("compressed data that does not decompress (" + e.getMessage() + ")");
        }
        if (inflater.finished() && inflater.getRemaining() > 0) {
            throw in.corrupt("data after the end of a compressed stream");
        }
    }

    private static void count(byte[] bytes, int length, Counts counts) {
        counts.data += length;
        long lines = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                lines++;
            }
        }
        counts.lines += lines;
        for (int i = Math.max(0, length - 5); i < length; i++) {
            counts.tail = ((counts.tail << 8) | (bytes[i] & 0xff)) & 0xff_ffff_ffffL;
        }
    }

    private static String name(TocEntry entry) {
        return entry.desc() + " " + (entry.namespace().isEmpty() ? "" : entry.namespace() + ".") + entry.tag();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static int version(int major, int minor) {
        return major * 256 + minor;
    }
}
