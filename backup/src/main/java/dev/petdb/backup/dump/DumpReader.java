package dev.petdb.backup.dump;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.petdb.backup.BackupException;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;

/**
 * Reads a pg_dump custom-format archive ({@code pg_dump -Fc}) in one pass: header, table of contents, and every data
 * block to the end, decompressed and its rows counted, without a temporary file and with bounded memory; what pg_restore
 * would refuse is a {@link BackupException} naming what and where. The format, and why it is read this way: see the
 * {@linkplain dev.petdb.backup.dump package notes}.
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

    /** The note for a second table of contents after the data that matches the first. */
    public static final String SECOND_TOC = "a second table of contents after the data, as pg_dump 17+ writes to a "
            + "redirected stdout (pg_dump -Fc > file); it matches the first, and pg_restore does not read it";

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
        return read(in, entries -> { });
    }

    /**
     * Like {@link #read(InputStream)}, telling {@code onToc} the table of contents as soon as it is read, before any
     * data: a restore writes SQL that depends on what the backup holds before pg_restore's own SQL.
     *
     * @param in    the archive; read to its end, not closed
     * @param onToc told the entries once, right after the table of contents
     * @return what the archive holds
     */
    public static DumpContents read(InputStream in, Consumer<List<TocEntry>> onToc) {
        DumpReader reader = new DumpReader(in);
        try {
            return reader.readAll(onToc);
        } catch (EOFException e) {
            throw new BackupException("the dump is truncated: it ends at byte " + reader.in.position()
                    + reader.in.context(), e);
        } catch (IOException e) {
            throw new BackupException("reading the dump failed at byte " + reader.in.position() + ": " + e.getMessage(), e);
        } finally {
            reader.inflater.end();
        }
    }

    private DumpContents readAll(Consumer<List<TocEntry>> onToc) throws IOException {
        DumpHeader header = readHeader();
        in.context(" (in its table of contents)");
        List<TocEntry> entries = readToc(columns);
        onToc.accept(List.copyOf(entries));
        Map<Integer, TocEntry> byId = new HashMap<>();
        long expected = 0;
        for (TocEntry entry : entries) {
            byId.put(entry.dumpId(), entry);
            expected += entry.expectsData() ? 1 : 0;
        }
        Map<Integer, DataBlock> blocks = new LinkedHashMap<>();
        Map<Integer, Long> starts = new HashMap<>();
        // pg_restore reads blocks until it has found each one it needs, and no further: so do we
        while (blocks.size() < expected) {
            in.context(" (after the data of " + blocks.size() + " of " + expected + " entries)");
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
            in.context(" (in the data of " + name(entry) + ")");
            starts.put(id, start);
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
        in.context(" (after the data)");
        List<String> notes = new ArrayList<>();
        if (insertTables > 0) {
            notes.add("the data of " + insertTables + " tables is INSERT statements (pg_dump --inserts): read and"
                    + " decompressed whole, but their rows are not counted");
        }
        readTrailer(entries, starts).ifPresent(notes::add);
        return new DumpContents(header, List.copyOf(entries), Map.copyOf(blocks), List.copyOf(notes));
    }

    /**
     * What follows the last data block. pg_dump 17+ opens a redirected stdout for appending, so the table of contents
     * it rewrites at the end (to record where each block starts) lands after the data instead of over the first. It is
     * checked against the first and against where the blocks really are; anything else there is only measured.
     *
     * @return a note on what is there, if anything is
     */
    private Optional<String> readTrailer(List<TocEntry> first, Map<Integer, Long> starts) throws IOException {
        long start = in.position();
        if (in.atEnd()) {
            return Optional.empty();
        }
        List<TocEntry> second;
        try {
            second = readToc(new HashMap<>());
        } catch (BackupException | EOFException e) {
            second = null;
        }
        if (second == null || !in.atEnd()) {
            in.skipToEnd();
            return Optional.of((in.position() - start) + " bytes after the data that are not a table of contents;"
                    + " pg_restore does not read them");
        }
        return Optional.of(differences(first, second, starts)
                .map(d -> "a second table of contents after the data that differs from the first (" + d
                        + "); pg_restore reads only the first")
                .orElse(SECOND_TOC));
    }

    /** @return the first difference between the two tables of contents, in words, if there is one */
    private static Optional<String> differences(List<TocEntry> first, List<TocEntry> second, Map<Integer, Long> starts) {
        if (first.size() != second.size()) {
            return Optional.of(second.size() + " entries instead of " + first.size());
        }
        for (int i = 0; i < first.size(); i++) {
            TocEntry a = first.get(i);
            TocEntry b = second.get(i);
            if (a.dumpId() != b.dumpId() || a.hasData() != b.hasData() || !a.desc().equals(b.desc())
                    || !a.tag().equals(b.tag()) || !a.namespace().equals(b.namespace()) || !a.owner().equals(b.owner())) {
                return Optional.of("entry " + (i + 1) + " is " + name(b) + " there, " + name(a) + " here");
            }
            if (a.expectsData() && b.dataState() == TocEntry.OFFSET_SET && b.offset() != starts.get(a.dumpId())) {
                return Optional.of("it puts the data of " + name(a) + " at byte " + b.offset() + ", not "
                        + starts.get(a.dumpId()));
            }
        }
        return Optional.empty();
    }

    private DumpHeader readHeader() throws IOException {
        byte[] magic = new byte[5];
        try {
            in.readFully(magic, 5);
        } catch (EOFException e) {
            throw new BackupException("not a pg_dump archive: it is empty or shorter than a header", e);
        }
        if (!new String(magic, StandardCharsets.ISO_8859_1).equals("PGDMP")) {
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
                // pg_restore refuses it too ("invalid compression code")
                default -> throw new BackupException("the dump is corrupt: an unknown compression code " + algorithm
                        + " in its header (pg_restore knows 0 to 3)");
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

    /** Columns of each TABLE DATA entry's COPY statement, by dump id, from the first table of contents. */
    private final Map<Integer, Integer> columns = new HashMap<>();
    /** In {@link #columns}: no COPY statement, the data is INSERT statements ({@code pg_dump --inserts}). */
    private static final int INSERTS = -2;
    private int insertTables;

    private List<TocEntry> readToc(Map<Integer, Integer> copyColumns) throws IOException {
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
            String copy = in.readString();
            copyColumns.put(dumpId, copy == null || copy.isEmpty() ? INSERTS : BlockCounts.columns(copy));
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
        boolean table = entry.desc().equals("TABLE DATA");
        int copyColumns = table ? columns.getOrDefault(entry.dumpId(), -1) : -1;
        BlockCounts counts = new BlockCounts(Math.max(-1, copyColumns));
        readStream(counts);
        if (copyColumns == INSERTS) {
            insertTables++; // SQL, where a row is not a line: read whole, not counted
            return new DataBlock(entry.dumpId(), counts.stored, counts.data, -1);
        }
        long rows = counts.lines;
        if (table) {
            // pg_dump ends a table's COPY data with "\.", a newline and two blank lines
            if (counts.tail != BlockCounts.COPY_END) {
                throw in.corrupt("the data of " + name(entry) + " without its end-of-data marker");
            }
            rows -= 3;
            var wrong = counts.wrongRow();
            if (wrong.isPresent()) {
                throw in.corrupt(wrong.get());
            }
        }
        return new DataBlock(entry.dumpId(), counts.stored, counts.data, rows);
    }

    private DataBlock readLargeObjects(int id) throws IOException {
        BlockCounts counts = new BlockCounts(-1);
        long objects = 0;
        while (in.readInt() != 0) { // each large object: its oid, then its data
            readStream(counts);
            objects++;
        }
        return new DataBlock(id, counts.stored, counts.data, objects);
    }

    /**
     * One stream of data (a table's, or one large object's): its chunks decompressed to their end and counted. pg_dump
     * compresses each as one zlib stream, one LZ4 frame or one Zstandard frame (compress_gzip.c, compress_lz4.c,
     * compress_zstd.c), so bytes after the stream's end are corruption.
     */
    private void readStream(BlockCounts counts) throws IOException {
        ChunkStream chunks = new ChunkStream(in, chunk);
        try {
            if (chunks.drained()) {
                return; // nothing at all, not even a compressor's header: older pg_dumps wrote no-data blocks so
            }
            if (compression == DumpHeader.Compression.GZIP) {
                inflate(chunks, counts);
            } else {
                decompress(chunks, counts);
            }
            if (compression == DumpHeader.Compression.GZIP && !inflater.finished()) {
                throw in.corrupt("compressed data that ends before its stream does");
            }
            if ((compression == DumpHeader.Compression.GZIP && inflater.getRemaining() > 0) || !chunks.drained()) {
                throw in.corrupt("data after the end of a compressed stream");
            }
        } catch (ChunkStream.ArchiveFailure e) {
            throw e.getCause();
        } catch (BackupException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw in.corrupt("compressed data that does not decompress (" + oneLine(e) + ")");
        } catch (LinkageError e) {
            throw new BackupException("reading the dump's Zstandard data needs zstd-jni's native library, which did not"
                    + " load on this machine: " + oneLine(e), e);
        } finally {
            counts.stored += chunks.stored();
            chunk = chunks.buffer();
        }
    }

    /**
     * A zlib stream (pg_dump's default), its chunks handed straight to the inflater; until it has ended, or needs a
     * dictionary pg_dump never sets (then it has not {@linkplain Inflater#finished() finished}: the caller's check).
     * Failures read as InflaterInputStream words them, which this loop replaces.
     */
    private void inflate(ChunkStream chunks, BlockCounts counts) throws IOException {
        inflater.reset();
        try {
            while (!inflater.finished() && !inflater.needsDictionary()) {
                if (inflater.needsInput() && !chunks.feed(inflater)) {
                    throw new EOFException("Unexpected end of ZLIB input stream");
                }
                counts.add(inflated, inflater.inflate(inflated));
            }
        } catch (DataFormatException e) {
            throw new ZipException(e.getMessage() != null ? e.getMessage() : "Invalid ZLIB data format");
        }
    }

    /** LZ4, Zstandard or no compression: through the decompressor's stream. */
    private void decompress(ChunkStream chunks, BlockCounts counts) throws IOException {
        InputStream data = decompressing(chunks);
        try {
            for (int n = data.read(inflated); n >= 0; n = data.read(inflated)) {
                counts.add(inflated, n);
            }
        } finally {
            if (data != chunks) {
                data.close(); // frees zstd's native context
            }
        }
    }

    private InputStream decompressing(ChunkStream chunks) throws IOException {
        return switch (compression) {
            case NONE -> chunks;
            case GZIP -> throw new IllegalStateException("zlib data is read by inflate");
            case LZ4 -> new FramedLZ4CompressorInputStream(chunks, false); // one frame: bytes after it are checked below
            case ZSTD -> new ZstdInputStreamNoFinalizer(chunks);
        };
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").strip();
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
