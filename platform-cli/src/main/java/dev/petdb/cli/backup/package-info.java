/**
 * {@code petdb backup}: list, verify, restore, diff, download, create and prune the backups in R2, show their history
 * and write their status page ({@code report}), one command class each over the backup library
 * ({@code dev.petdb.backup}), plus what they share: the store the environment names
 * ({@code BackupCatalogs}), the decryption key ({@code BackupKeys}), progress lines ({@code ProgressStore}) and
 * verify's typed result ({@code VerifyResult}, printed by {@code VerifyText}, {@code VerifyJson} and
 * {@code VerifyNotification}), and the check of a stored backup that writes its manifest ({@code StoredBackupCheck},
 * for verify and create). Only {@link dev.petdb.cli.Petdb} calls the commands; the helpers are package-private.
 */
package dev.petdb.cli.backup;
