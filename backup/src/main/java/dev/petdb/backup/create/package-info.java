/**
 * Making a backup the way dokku-postgres does ({@link dev.petdb.backup.create.BackupCreator}): pg_dump of one exported
 * snapshot into a gzipped tar, optionally OpenPGP-encrypted, streamed to the store as a multipart upload that is
 * aborted on any failure, so nothing half-written is ever stored. Called by {@code petdb backup create}.
 */
package dev.petdb.backup.create;
