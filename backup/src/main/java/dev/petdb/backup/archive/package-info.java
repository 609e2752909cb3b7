/**
 * A dokku backup object as one stream: OpenPGP decryption ({@link dev.petdb.backup.archive.OpenPgpDecryption}, for
 * {@code .tgz.gpg}), gunzip ({@code GzipStream}), untar, and the pg_dump archive in the {@code backup/export} entry
 * handed to the dump reader; also the keys that decrypt ({@link dev.petdb.backup.archive.DecryptionKey}) and the
 * encryption {@code backup create} uses. Callers: verify, restore, diff and download go through
 * {@link dev.petdb.backup.archive.BackupArchive}; nothing here knows the store or the CLI.
 *
 * <h2>Design: the OpenPGP stream</h2>
 * <ul>
 * <li><b>Bounded memory, one pass.</b> The encrypted object is never held whole nor written to disk: BouncyCastle's
 * packet parser reads it as it arrives from the store, and the plaintext is handed on in 32 KiB buffers.</li>
 * <li><b>Nothing unauthenticated is acted on.</b> Only integrity-protected messages are accepted (SEIPD with its MDC,
 * as every gpg since 2.2 writes, or AEAD); an old message without protection is refused before anything is
 * decrypted. The MDC covers the whole message and can only be checked at its end, so the decrypted stream always
 * holds back the last byte it has read and hands out the very last byte of the plaintext only after the MDC matched:
 * a reader that takes all the plaintext (gunzip must, for its trailer) cannot finish on unchecked data even if it
 * never asks for the {@code -1}. Callers still read to {@code -1} (also after their own parser is done) before they
 * commit a restore or report success; a stream closed before its end is never checked.</li>
 * <li><b>Two kinds of failure, kept apart.</b> Whatever is wrong with the backup or the key is a
 * {@link dev.petdb.backup.BackupException} with one line that never shows a secret (key ids, which are public, are
 * shown); the messages are the constants of {@code OpenPgpDecryption}, and its tests assert each. An
 * {@link java.io.IOException} of the caller's own stream (the network, the disk) comes out unchanged, as the very same
 * exception, so a transport failure (worth retrying) is never taken for a bad backup (not worth it): the source
 * stream is wrapped to remember whether it ended or threw, which also tells a truncated backup ("ends inside its
 * headers" / "before its encrypted data does") from a corrupt one. BouncyCastle's own IOExceptions, its only way to
 * report a malformed message, become BackupExceptions; no IOException is made up here.</li>
 * <li><b>Keys.</b> A passphrase is tried against every passphrase packet; a secret key is matched to the recipients'
 * key ids (or tried in turn for an anonymous recipient, {@code gpg --throw-keyids}), and a protected key needs its
 * own passphrase. The exported key is parsed once, when the {@code DecryptionKey} is made.</li>
 * </ul>
 * <h2>Design: two threads</h2>
 * Decryption and gunzip run on a thread of their own ({@code ReadAheadStream}), a few 256 KiB buffers ahead of the
 * caller's thread, which untars and reads the dump (pg_dump's own inflate and the row counts): the two inflates of a
 * backup no longer take turns on one core. The buffers go round between the threads, so memory stays bounded. What
 * the decrypting or gunzipping side throws reaches the reader as the very same exception, after every byte before it
 * (gunzip hands out the bytes it inflated before a failure first), so every rule here holds as on one thread. Closing
 * the read-ahead early (a broken dump block) stops its thread and waits for it; it never closes the source.
 * <p>
 * gzip and tar follow the same rule: bad data is a BackupException naming what is wrong, the underlying stream's
 * IOException passes through, and the stream is read to its very end so that gzip's CRC and the tar trailer are
 * checked and bytes after the gzip stream are measured (a note) rather than dropped.
 */
package dev.petdb.backup.archive;
