/**
 * Finding PostgreSQL's client programs (pg_dump, pg_restore) and their versions. Used by the backup commands and by
 * {@code petdb doctor}; knows nothing of picocli.
 */
package dev.petdb.backup.pgtools;
