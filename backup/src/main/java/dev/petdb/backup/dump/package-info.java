/**
 * Reading pg_dump's custom-format archives as pg_restore does, in one streaming pass: the header, the table of
 * contents, and every data block decompressed (zlib, LZ4 or Zstandard) with its rows counted and checked, plus a
 * note on anything after the data that pg_restore does not read (such as the second table of contents pg_dump 17+
 * appends to a redirected stdout). A dump that pg_restore refuses is a {@link dev.petdb.backup.BackupException}.
 */
package dev.petdb.backup.dump;
