/**
 * Reading pg_dump's custom-format archives as pg_restore does, in one streaming pass:
 * {@link dev.petdb.backup.dump.DumpReader} turns a stream into {@link dev.petdb.backup.dump.DumpContents} (header,
 * table of contents, every data block with its rows counted). Called by the archive stream
 * ({@code dev.petdb.backup.archive}) for verify, restore, diff and download; a dump that pg_restore refuses is a
 * {@link dev.petdb.backup.BackupException} naming what and where.
 *
 * <h2>Design: the format, and why one pass</h2>
 * Follows PostgreSQL's {@code pg_backup_archiver.c}, {@code pg_backup_custom.c} and {@code compress_*.c}, archive
 * versions 1.12 (PostgreSQL 9.0) to 1.16 (17, 18).
 * <ul>
 * <li><b>Formats.</b> Only the custom format ({@code pg_dump -Fc}, format byte 1), which dokku writes. The tar format
 * ({@code -Ft}) starts with a tar header, not {@code PGDMP}, and is refused as no custom-format archive; the directory
 * format ({@code -Fd}) is several files, and its {@code toc.dat} has the same header with format byte 5, refused
 * with one line saying that dokku writes {@code -Fc}.</li>
 * <li><b>Header.</b> {@code PGDMP}, the archive version, integer and offset sizes (integers are a sign byte and that
 * many little-endian bytes, {@code DumpInput}), the format, the compression (a code from 1.15; a zlib level before),
 * the creation time (a bad one is left out, as pg_restore only warns) and the database, server and pg_dump
 * versions.</li>
 * <li><b>Table of contents.</b> Entries in archive order; the SQL definitions are read past, not kept, so memory holds
 * only names and ids. Each entry says whether it has data and whether its offset was recorded: pg_dump records
 * offsets only when it can seek back, so a dump written to a pipe has none and its blocks simply follow in order.
 * The COPY statement's columns are kept for each table's data, to check the rows' field counts.</li>
 * <li><b>Data blocks.</b> A block type, the entry's id, then chunks (a length and that many bytes, ending with a
 * length 0, {@code ChunkStream}). Each table's data, and each large object, is one compressed stream across its
 * chunks: one zlib stream, one LZ4 frame or one Zstandard frame, so bytes after the stream's end are corruption.
 * COPY text ends with {@code \.} and blank lines; a row's tabs and newlines are escaped, so a raw one that moved (LZ4
 * and Zstandard frames carry no checksum pg_dump turns on) shows as a row with the wrong number of fields
 * ({@code BlockCounts}). {@code --inserts} data is read whole but not counted. Like pg_restore, the reader stops
 * after the last block it expects, checking each block starts where a recorded offset says.</li>
 * <li><b>After the data.</b> pg_dump 17+ opens a redirected stdout for appending, so the table of contents it
 * rewrites at the end (to record the offsets) lands after the data instead of over the first: it is read, compared
 * with the first and with where the blocks really were, and reported as a note
 * ({@link dev.petdb.backup.dump.DumpReader#SECOND_TOC}); anything else there is measured, never an error, since
 * pg_restore never reads it.</li>
 * <li><b>One pass, bounded memory.</b> No seeking and no temporary file: the same bytes are being streamed from the
 * store (and teed into pg_restore during a restore), so the reader holds one chunk at a time and tells its caller
 * the table of contents as soon as it is read, before any data, for SQL that must come first.</li>
 * </ul>
 */
package dev.petdb.backup.dump;
