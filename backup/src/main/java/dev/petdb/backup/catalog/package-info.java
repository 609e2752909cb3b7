/**
 * Which objects in a store are backups: {@link dev.petdb.backup.catalog.Backup} (dokku's file-name pattern, the one
 * place it is parsed and made), {@link dev.petdb.backup.catalog.BackupCatalog} (every backup, newest first) and
 * {@link dev.petdb.backup.catalog.AbandonedUploads} (petdb's uploads that never finished). Create, restore, diff,
 * retention, verify and the CLI call it.
 */
package dev.petdb.backup.catalog;
