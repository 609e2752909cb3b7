/**
 * Restoring from a backup into the live database (a schema, some tables, or all of it) and restore tests in a scratch
 * database. Every restore that changes live data goes through one pipeline ({@link dev.petdb.backup.restore.SchemaRestore}):
 * the backup streams into pg_restore, its SQL runs in psql inside a transaction petdb opens itself, and petdb commits
 * only after pg_restore exited 0 and every check passed, so the live data changes all at once or not at all.
 */
package dev.petdb.backup.restore;
