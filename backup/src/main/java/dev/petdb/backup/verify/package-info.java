/**
 * The structural check of one backup: {@link dev.petdb.backup.verify.BackupVerifier} reads it whole in one pass
 * (optionally also restoring it into a scratch database) and returns a {@link dev.petdb.backup.verify.VerifyReport}
 * with per-schema totals. The CLI's {@code backup verify} calls it; it prints nothing and knows no exit codes.
 */
package dev.petdb.backup.verify;
