/**
 * Restoring from a backup into the live database (a schema with {@code SchemaRestore}, some tables with
 * {@code TableRestore}, or all of it) and restore tests in a scratch database ({@code ScratchRestore}, also used by
 * diff). Every restore that changes live data goes through one pipeline ({@link dev.petdb.backup.restore.SchemaRestore}):
 * the backup streams into pg_restore, its SQL runs in psql inside a transaction petdb opens itself, and petdb commits
 * only after pg_restore exited 0 and every check passed, so the live data changes all at once or not at all. Called
 * by {@code petdb backup restore}, verify's {@code --restore-test} and diff; the admin URL and the decryption key are
 * read once by the caller and passed in. A whole-database restore onto a new server may also make the apps' roles anew
 * ({@code NewAppRoles}), in the same transaction.
 */
package dev.petdb.backup.restore;
