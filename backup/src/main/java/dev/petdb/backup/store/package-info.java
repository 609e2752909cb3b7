/**
 * Where backups live: the small {@link dev.petdb.backup.store.BackupStore} interface (list, head, open, upload,
 * delete, unfinished uploads) and its one driver, {@link dev.petdb.backup.store.R2BackupStore} for Cloudflare R2 or
 * any S3 server, configured from the environment ({@link dev.petdb.backup.store.R2Settings}). Everything else in the
 * library and the CLI reaches the bucket only through the interface; the settings never print the keys.
 */
package dev.petdb.backup.store;
